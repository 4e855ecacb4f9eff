/**
 * Receiving Factorial ATS webhooks: the 13 subscription types, their typed events, challenge verification, and a
 * receiver to mount on any `@effect/platform` HTTP server.
 *
 * Factorial POSTs the bare record (a candidate, an application...) to the subscription's target URL, with the
 * subscription's challenge in the `x-factorial-wh-challenge` header. The body does not say which event it is, so
 * the receiver takes the type from the route: one route per subscription type.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@effect-factorial/ats/Webhooks"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const app = Webhooks.httpApp({
 *   challenge: Redacted.make("my-challenge"),
 *   prefix: "/webhooks",
 *   handler: (event) =>
 *     event.type === "ats/candidate/create"
 *       ? Effect.log(`New candidate: ${event.payload.full_name}`)
 *       : Effect.void
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as Headers from "@effect/platform/Headers"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Application, Candidate, EvaluationForm, JobPosting, SubscriptionType, subscriptionTypes } from "@effect-factorial/schema"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Challenge from "./internal/webhookChallenge.js"

/**
 * The ATS subscription types (defined in `@effect-factorial/schema`), in the order of Factorial's spec.
 *
 * @since 0.1.0
 */
export { SubscriptionType, subscriptionTypes } from "@effect-factorial/schema"

/**
 * Whether a string is one of the 13 ATS subscription types.
 *
 * @since 0.1.0
 */
export const isSubscriptionType: (value: unknown) => value is SubscriptionType = Schema.is(SubscriptionType)

/**
 * The schema of the body Factorial sends for each subscription type.
 *
 * @since 0.1.0
 */
export const payloadSchemas = {
  "ats/application/apply": Application,
  "ats/application/create": Application,
  "ats/application/create_from_employee": Application,
  "ats/application/delete": Application,
  "ats/application/update": Application,
  "ats/candidate/create": Candidate,
  "ats/candidate/delete": Candidate,
  "ats/candidate/update": Candidate,
  "ats/evaluation_form/save_as_template": EvaluationForm,
  "ats/job_posting/create": JobPosting,
  "ats/job_posting/delete": JobPosting,
  "ats/job_posting/duplicate": JobPosting,
  "ats/job_posting/update": JobPosting
} as const satisfies { readonly [T in SubscriptionType]: Schema.Schema.AnyNoContext }

/**
 * The decoded payload of a subscription type: `Application`, `Candidate`, `EvaluationForm` or `JobPosting`.
 *
 * @since 0.1.0
 */
export type PayloadOf<T extends SubscriptionType> = Schema.Schema.Type<(typeof payloadSchemas)[T]>

/**
 * One delivery, decoded. For a union of types it is a discriminated union: checking `event.type` narrows
 * `event.payload`.
 *
 * @since 0.1.0
 */
export type WebhookEvent<T extends SubscriptionType = SubscriptionType> = {
  readonly [K in T]: {
    /** The subscription type, taken from the route the delivery arrived on. */
    readonly type: K
    /** The record the event is about, as it is after the change (or before the deletion). */
    readonly payload: PayloadOf<K>
    /** The `x-factorial-author-id` header: who made the change, when Factorial says. */
    readonly authorId?: string
    /** The `x-factorial-author-type` header: what kind of author `authorId` is. */
    readonly authorType?: string
  }
}[T]

/**
 * A delivery whose body is not the payload its subscription type promises (or not JSON at all).
 *
 * @since 0.1.0
 */
export class WebhookDecodeError extends Schema.TaggedError<WebhookDecodeError>(
  "@effect-factorial/ats/WebhookDecodeError"
)("WebhookDecodeError", {
  /** The subscription type the body was decoded as. */
  subscriptionType: Schema.String,
  /** What is wrong with the body. */
  message: Schema.String
}) {}

/**
 * Who made the change, from the optional author headers of a delivery.
 *
 * @since 0.1.0
 */
export interface Author {
  readonly authorId?: string | undefined
  readonly authorType?: string | undefined
}

/**
 * Decodes a delivery body as the payload of the given subscription type.
 *
 * @since 0.1.0
 */
export const decode = <T extends SubscriptionType>(
  type: T,
  body: unknown,
  author: Author = {}
): Effect.Effect<WebhookEvent<T>, WebhookDecodeError> => {
  if (!isSubscriptionType(type)) {
    return Effect.fail(
      new WebhookDecodeError({ subscriptionType: String(type), message: `Unknown subscription type ${String(type)}` })
    )
  }
  const schema: Schema.Schema<unknown, unknown> = payloadSchemas[type] as any
  return Schema.decodeUnknown(schema)(body, { errors: "all" }).pipe(
    Effect.mapBoth({
      onFailure: (error) =>
        new WebhookDecodeError({
          subscriptionType: type,
          message: `The body is not a valid ${type} payload: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
        }),
      onSuccess: (payload) =>
        ({
          type,
          payload,
          ...(author.authorId === undefined ? {} : { authorId: author.authorId }),
          ...(author.authorType === undefined ? {} : { authorType: author.authorType })
        }) as unknown as WebhookEvent<T>
    })
  )
}

/**
 * The header that carries the subscription's challenge.
 *
 * @since 0.1.0
 */
export const challengeHeader = "x-factorial-wh-challenge"

/**
 * The header that carries the id of who made the change.
 *
 * @since 0.1.0
 */
export const authorIdHeader = "x-factorial-author-id"

/**
 * The header that carries the kind of author (`authorIdHeader`).
 *
 * @since 0.1.0
 */
export const authorTypeHeader = "x-factorial-author-type"

/**
 * Whether a received challenge matches the configured one, compared in constant time. A missing or empty value
 * never matches. Use it when receiving webhooks with something other than `router` / `httpApp`.
 *
 * @since 0.1.0
 */
export const verifyChallenge: (
  expected: string | Redacted.Redacted<string>,
  received: string | null | undefined
) => boolean = Challenge.verifyChallenge

/**
 * Adds the challenge header to the names `@effect/platform` redacts, so the server's request spans and logs show
 * `<redacted>` instead of the secret. Provide it to the layer that runs the HTTP server.
 *
 * @since 0.1.0
 */
export const redactChallengeHeader: Layer.Layer<never> = Layer.fiberRefLocallyScopedWith(
  Headers.currentRedactedNames,
  (names) => (names.includes(challengeHeader) ? names : [...names, challengeHeader])
)

/**
 * The route path of a subscription type: `<prefix>/<type>`, e.g. `/webhooks/ats/candidate/create`. Use it to
 * build the target URL of the subscription.
 *
 * @since 0.1.0
 */
export const path = (type: SubscriptionType, prefix = ""): HttpRouter.PathInput =>
  `${normalizePrefix(prefix)}/${type}` as HttpRouter.PathInput

const normalizePrefix = (prefix: string): string => {
  const trimmed = prefix.replace(/\/+$/, "")
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`
}

/**
 * What the receiver calls for each verified and decoded delivery. Factorial gets a 200 only once it succeeds;
 * a failure or a defect answers 500 and Factorial retries the delivery later.
 *
 * @since 0.1.0
 */
export type Handler<T extends SubscriptionType, E, R> = (event: WebhookEvent<T>) => Effect.Effect<void, E, R>

/**
 * How to build a receiver.
 *
 * @since 0.1.0
 */
export interface ReceiverOptions<T extends SubscriptionType, E, R> {
  /** The challenge chosen when subscribing. Keep it `Redacted`; it is never logged. */
  readonly challenge: string | Redacted.Redacted<string>
  /** Called once per verified, decoded delivery. */
  readonly handler: Handler<T, E, R>
  /** Prepended to every route path, e.g. `"/webhooks"`. Default: none. */
  readonly prefix?: string | undefined
  /**
   * Which path receives which subscription type, e.g. `{ "/new-candidate": "ats/candidate/create" }`.
   * Default: every type at `<prefix>/<type>`.
   */
  readonly routes?: { readonly [path: `/${string}`]: T } | undefined
}

/**
 * A router with one `POST` route per subscription type. Each route checks the challenge (401 when missing or
 * wrong, before the body is read), decodes the body (400 when it is not the type's payload), runs the handler and
 * answers 200 once it succeeded, 500 when it failed. Mount it in your own router or serve it as it is.
 *
 * @since 0.1.0
 */
export const router = <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
  options: ReceiverOptions<T, E, R>
): HttpRouter.HttpRouter<never, HttpRouter.HttpRouter.ExcludeProvided<R>> => {
  const prefix = normalizePrefix(options.prefix ?? "")
  const routes: ReadonlyArray<readonly [string, SubscriptionType]> = options.routes === undefined
    ? subscriptionTypes.map((type) => [`/${type}`, type] as const)
    : Object.entries(options.routes)
  return HttpRouter.fromIterable(
    routes.map(([route, type]) =>
      HttpRouter.makeRoute("POST", `${prefix}${route}` as HttpRouter.PathInput, receive(type, options))
    )
  )
}

/**
 * The receiver as an `HttpApp`: `router(options)`, answering 404 to any other path or method. Serve it with
 * `HttpServer.serve`, or turn it into a fetch handler with `HttpApp.toWebHandler`.
 *
 * @since 0.1.0
 */
export const httpApp = <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
  options: ReceiverOptions<T, E, R>
): HttpApp.Default<never, HttpRouter.HttpRouter.ExcludeProvided<R>> =>
  router(options).pipe(
    Effect.catchTag("RouteNotFound", () => Effect.succeed(HttpServerResponse.empty({ status: 404 })))
  )

const status = (code: number, reason: string) => HttpServerResponse.text(reason, { status: code })

/** The route handler of one subscription type. */
const receive = <E, R>(type: SubscriptionType, options: ReceiverOptions<any, E, R>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const headers = request.headers
    if (!Challenge.verifyChallenge(options.challenge, headers[challengeHeader])) {
      const missing = headers[challengeHeader] === undefined
      yield* Effect.logWarning(`Rejected a ${type} delivery: ${missing ? "no" : "wrong"} challenge`)
      return status(401, "invalid challenge")
    }
    const body = yield* Effect.either(request.json)
    if (body._tag === "Left") {
      yield* Effect.logWarning(`Rejected a ${type} delivery: the body is not JSON`)
      return status(400, "the body is not JSON")
    }
    const event = yield* Effect.either(
      decode(type, body.right, { authorId: headers[authorIdHeader], authorType: headers[authorTypeHeader] })
    )
    if (event._tag === "Left") {
      yield* Effect.logWarning(event.left.message)
      return status(400, `the body is not a ${type} payload`)
    }
    return yield* options.handler(event.right).pipe(
      Effect.as(HttpServerResponse.empty({ status: 200 })),
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause)
          ? Effect.interrupt
          : Effect.as(
            Effect.logError(`The ${type} webhook handler failed; Factorial will retry the delivery`, cause),
            status(500, "the handler failed")
          )
      )
    )
  }).pipe(
    Effect.annotateLogs({ "factorial.webhook": type }),
    Effect.withSpan("Webhooks.receive", { attributes: { "factorial.webhook.type": type } })
  )
