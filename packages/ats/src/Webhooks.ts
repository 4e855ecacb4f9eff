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
import { Decoder, Json, Mismatches, Secret } from "@effect-factorial/core"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Body from "./internal/webhookBody.js"
import * as Dedupe from "./internal/webhookDedupe.js"
import * as Redaction from "./internal/webhookRedaction.js"

export {
  /**
   * The ATS subscription types (defined in `@effect-factorial/schema`) as a schema.
   *
   * @since 0.1.0
   */
  SubscriptionType,
  /**
   * The ATS subscription types (defined in `@effect-factorial/schema`), in the order of Factorial's spec.
   *
   * @since 0.1.0
   */
  subscriptionTypes
} from "@effect-factorial/schema"

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
 * A delivery whose body is not the payload its subscription type promises (or not JSON at all). It never quotes
 * the body: `issues` gives paths and kinds of mismatch only, since a body holds personal data.
 *
 * @since 0.1.0
 */
export class WebhookDecodeError extends Schema.TaggedError<WebhookDecodeError>(
  "@effect-factorial/ats/WebhookDecodeError"
)("WebhookDecodeError", {
  /** The subscription type the body was decoded as. */
  subscriptionType: Schema.String,
  /**
   * `UnknownType`: not one of the 13 types. `NotJson`: the body is not JSON (or not UTF-8 text).
   * `SchemaMismatch`: JSON that is not the type's payload.
   */
  reason: Schema.Literal("UnknownType", "NotJson", "SchemaMismatch"),
  /** Where and how the body does not match, e.g. `first_name: expected string, got a number`; never values. */
  issues: Schema.Array(Schema.String),
  /** What is wrong with the body, in one line built from `issues`. */
  message: Schema.String
}) {}

/** At most this many mismatches are listed in a `WebhookDecodeError`; the rest are counted. */
const maxIssues = 8

const describeMismatches = (error: ParseResult.ParseError): ReadonlyArray<string> => {
  const all = Mismatches.lines(error)
  return all.length <= maxIssues ? all : [...all.slice(0, maxIssues), `... and ${all.length - maxIssues} more`]
}

const decodeError = (
  subscriptionType: string,
  reason: WebhookDecodeError["reason"],
  issues: ReadonlyArray<string> = []
): WebhookDecodeError =>
  new WebhookDecodeError({
    subscriptionType,
    reason,
    issues,
    message: reason === "UnknownType"
      ? `Unknown subscription type ${subscriptionType}`
      : reason === "NotJson"
      ? `The body of a ${subscriptionType} delivery is not JSON`
      : `The body is not a valid ${subscriptionType} payload: ${issues.join("; ")}`
  })

/**
 * Who made the change, from the optional author headers of a delivery.
 *
 * @since 0.1.0
 */
export interface Author {
  readonly authorId?: string | undefined
  readonly authorType?: string | undefined
}

/** One decoder per payload schema (four for the 13 types), compiled on first use and kept. */
const payloadDecoders = new Map<
  Schema.Schema.AnyNoContext,
  (input: unknown) => Effect.Effect<unknown, ParseResult.ParseError>
>()

/**
 * The compiled decoder of a type's payload: `Decoder.responseEffect`, whose results are Schema's own
 * (`errors: "all"`, undocumented fields ignored, as the receiver always decoded) with a faster success path.
 */
const payloadDecoder = (type: SubscriptionType) => {
  const schema: Schema.Schema<unknown, unknown> = payloadSchemas[type] as any
  let decoder = payloadDecoders.get(schema)
  if (decoder === undefined) {
    decoder = Decoder.responseEffect(schema)
    payloadDecoders.set(schema, decoder)
  }
  return decoder
}

/**
 * Decodes a delivery body (already parsed JSON) as the payload of the given subscription type.
 *
 * @since 0.1.0
 */
export const decode = <T extends SubscriptionType>(
  type: T,
  body: unknown,
  author: Author = {}
): Effect.Effect<WebhookEvent<T>, WebhookDecodeError> => {
  if (!isSubscriptionType(type)) return Effect.fail(decodeError(String(type), "UnknownType"))
  return payloadDecoder(type)(body).pipe(
    Effect.mapBoth({
      onFailure: (error) => decodeError(type, "SchemaMismatch", describeMismatches(error)),
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
 * Decodes a delivery's raw body text: parsed with the client's id-preserving JSON reader (`Json.parse` of
 * `@effect-factorial/core`, so an integer id above 2^53 keeps its digits), then decoded like `decode`.
 *
 * @since 0.1.0
 */
export const decodeText = <T extends SubscriptionType>(
  type: T,
  text: string,
  author: Author = {}
): Effect.Effect<WebhookEvent<T>, WebhookDecodeError> =>
  Effect.flatMap(
    Effect.try({ try: () => Json.parse(text), catch: () => decodeError(type, "NotJson") }),
    (body) => decode(type, body, author)
  )

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
 * Whether a received challenge matches the configured one, compared in constant time (`Secret.matches` from
 * `@effect-factorial/core`). A missing or empty value never matches, and nothing matches an empty configured
 * challenge. Use it when receiving webhooks with something other than `router` / `httpApp`.
 *
 * @since 0.1.0
 */
export const verifyChallenge: (
  expected: string | Redacted.Redacted<string>,
  received: string | null | undefined
) => boolean = Secret.matches

/**
 * Adds the challenge header to the names `@effect/platform` redacts for the layer it is provided to. The receiver
 * no longer needs it: it redacts the header itself, in the server's request span and in everything it logs,
 * whichever way the server's layers are composed. Providing this to the server layer as well
 * (`Layer.provide`) keeps the header out of the span from the moment the span is created, for tracers that
 * export attributes as they are set rather than when the span ends.
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
 * A delivery whose body is larger than the receiver's `maxBodySize`. The receiver answers 413 and logs it; the
 * part beyond the limit is never read.
 *
 * @since 0.1.0
 */
export class WebhookBodyTooLarge extends Schema.TaggedError<WebhookBodyTooLarge>(
  "@effect-factorial/ats/WebhookBodyTooLarge"
)("WebhookBodyTooLarge", {
  /** The subscription type of the route it arrived on. */
  subscriptionType: Schema.String,
  /** The limit, in bytes. */
  limit: Schema.Number,
  /** The `Content-Length` the sender declared, when it declared one. */
  declared: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return `A ${this.subscriptionType} delivery was refused: its body is larger than ${this.limit} bytes${
      this.declared === undefined ? "" : ` (Content-Length ${this.declared})`
    }`
  }
}

/**
 * A `DedupeStore` operation failed (a database that is down, say). The receiver answers 500 so that Factorial
 * delivers again later.
 *
 * @since 0.1.0
 */
export class DedupeStoreError extends Schema.TaggedError<DedupeStoreError>(
  "@effect-factorial/ats/DedupeStoreError"
)("DedupeStoreError", {
  /** The operation that failed. */
  operation: Schema.Literal("claim", "complete", "release"),
  /** The underlying failure. Delivery keys hold no personal data (type, record id, body hash). */
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `The webhook dedupe store failed to ${this.operation} a delivery key`
  }
}

/**
 * Where the receiver's `dedupe` option keeps the keys of the deliveries it handled. Back it with your database
 * to share it between replicas and keep it across restarts: `claim` must be atomic (an insert that reports
 * whether the key was new, e.g. `INSERT ... ON CONFLICT DO NOTHING`).
 *
 * @since 0.1.0
 */
export interface DedupeStoreService {
  /**
   * Records a key before its handler runs. Succeeds with `true` when the key was new (run the handler), `false`
   * when it is known: handled, or being handled right now by another request. A database store may let a key
   * that stayed "being handled" for long (the process died mid-handler) be claimed again.
   */
  readonly claim: (key: string) => Effect.Effect<boolean, DedupeStoreError>
  /** The handler succeeded: the key stays known (as long as the store keeps keys). */
  readonly complete: (key: string) => Effect.Effect<void, DedupeStoreError>
  /** The handler failed or was interrupted: the key is forgotten, so Factorial's retry runs it again. */
  readonly release: (key: string) => Effect.Effect<void, DedupeStoreError>
}

/**
 * The store of delivery keys the receiver's `dedupe` option uses.
 *
 * @since 0.1.0
 */
export class DedupeStore extends Context.Tag("@effect-factorial/ats/DedupeStore")<DedupeStore, DedupeStoreService>() {
  /**
   * A store in memory, bounded to `capacity` keys (default 10,000; the oldest handled key goes first). It is per
   * process and forgets on restart: use a database store for several replicas.
   */
  static readonly memory = (options: { readonly capacity?: number | undefined } = {}): Effect.Effect<
    DedupeStoreService
  > => Effect.sync(() => Dedupe.memory(Math.max(1, Math.floor(options.capacity ?? 10_000))))

  /** `memory(options)` as a layer. */
  static readonly layerMemory = (options: { readonly capacity?: number | undefined } = {}): Layer.Layer<DedupeStore> =>
    Layer.effect(this, this.memory(options))
}

/**
 * The key a delivery is deduplicated by: `<type>:<record id>:<SHA-256 of the body>`. A replay carries the same
 * bytes and so the same key; two different changes of a record never share one (unlike `updated_at`, which
 * applications and job postings do not have, and which two changes within one tick share).
 *
 * @since 0.1.0
 */
export const deliveryKey = (event: WebhookEvent, body: string): Effect.Effect<string> =>
  Dedupe.key(event.type, event.payload.id, body)

/**
 * What the receiver calls for each verified and decoded delivery. Factorial gets a 200 only once it succeeds;
 * a failure or a defect answers 500 and Factorial retries the delivery later.
 *
 * @since 0.1.0
 */
export type Handler<T extends SubscriptionType, E, R> = (event: WebhookEvent<T>) => Effect.Effect<void, E, R>

/**
 * A delivery whose body did not decode, as `onInvalid` receives it.
 *
 * @since 0.1.0
 */
export interface InvalidDelivery<T extends SubscriptionType = SubscriptionType> {
  /** The subscription type of the route it arrived on. */
  readonly type: T
  /** The body exactly as received. It may hold personal data: store it somewhere safe, never log it. */
  readonly body: string
  /** What is wrong with it, without any of its values. */
  readonly error: WebhookDecodeError
  readonly authorId?: string | undefined
  readonly authorType?: string | undefined
}

/**
 * The largest delivery body the receiver reads by default: 1 MiB.
 *
 * @since 0.1.0
 */
export const defaultMaxBodySize = 1024 * 1024

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
  /**
   * The largest body read, in bytes. Default `defaultMaxBodySize` (1 MiB). A delivery declaring a larger
   * `Content-Length` is answered 413 before any of it is read; one without a length is dropped at the limit.
   */
  readonly maxBodySize?: number | undefined
  /**
   * What a verified delivery whose body does not decode is answered. `"acknowledge"` (default): 200, so that
   * Factorial keeps delivering instead of retrying it for 48 hours and then disabling the subscription.
   * `"reject"`: 400. Either way it is logged as a warning (without body text) and handed to `onInvalid`.
   */
  readonly invalidBody?: "acknowledge" | "reject" | undefined
  /**
   * Receives each verified delivery whose body does not decode, with the raw body: a dead-letter hook. When it
   * fails, the receiver answers 500 so that Factorial delivers it again.
   */
  readonly onInvalid?: ((delivery: InvalidDelivery<T>) => Effect.Effect<void, E, R>) | undefined
  /**
   * Runs the handler once per distinct delivery: a replay (same type, record id and body) that was handled, or
   * is being handled, is answered 200 without running it. Keys are kept by the `DedupeStore` in context
   * (`DedupeStore.layerMemory()` or your own).
   */
  readonly dedupe?: true | undefined
}

/**
 * What a receiver built by `router` or `httpApp` is, by name: both leave the routes' requirements `R` (less what
 * the server provides) to the caller.
 *
 * @since 0.2.0
 */
export interface ReceiverKinds<R> {
  readonly router: HttpRouter.HttpRouter<never, HttpRouter.HttpRouter.ExcludeProvided<R>>
  readonly httpApp: HttpApp.Default<never, HttpRouter.HttpRouter.ExcludeProvided<R>>
}

/**
 * The signature `router` and `httpApp` share: with `dedupe: true` the receiver also requires a `DedupeStore`.
 *
 * @since 0.2.0
 */
export interface Receiver<K extends keyof ReceiverKinds<never>> {
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: ReceiverOptions<T, E, R> & { readonly dedupe: true }
  ): ReceiverKinds<R | DedupeStore>[K]
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: ReceiverOptions<T, E, R>
  ): ReceiverKinds<R>[K]
}

/**
 * A router with one `POST` route per subscription type. Each route checks the challenge (401 when missing or
 * wrong, before the body is read), reads the body up to `maxBodySize` (413 beyond), decodes it (see
 * `invalidBody`), skips replays (with `dedupe`), runs the handler and answers 200 once it succeeded, 500 when it
 * failed. Mount it in your own router or serve it as it is.
 *
 * @since 0.1.0
 */
export const router: Receiver<"router"> = (options: ReceiverOptions<SubscriptionType, unknown, unknown>): HttpRouter.HttpRouter<never, any> => {
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
export const httpApp: Receiver<"httpApp"> = (options: ReceiverOptions<SubscriptionType, unknown, unknown>): HttpApp.Default<never, any> =>
  router(options).pipe(
    Effect.catchTag("RouteNotFound", () => Effect.succeed(HttpServerResponse.empty({ status: 404 })))
  )

const status = (code: number, reason: string) => HttpServerResponse.text(reason, { status: code })

const ok = HttpServerResponse.empty({ status: 200 })

/** Records how a delivery ended on the receiver's span: `handled`, `duplicate`, `invalid`, `rejected`... */
const outcome = (value: string) => Effect.annotateCurrentSpan("factorial.webhook.outcome", value)

/** Logs a failure of the handler, `onInvalid` or the dedupe store, and answers 500 (Factorial retries). */
const failed = (what: string) => (cause: Cause.Cause<unknown>) =>
  Cause.isInterruptedOnly(cause)
    ? Effect.interrupt
    : Effect.as(
      Effect.zipRight(
        outcome("failed"),
        Effect.logError(`The ${what} failed; Factorial will retry the delivery`, cause)
      ),
      status(500, `the ${what} failed`)
    )

/** The route handler of one subscription type. */
const receive = (type: SubscriptionType, options: ReceiverOptions<SubscriptionType, unknown, unknown>) => {
  const limit = options.maxBodySize ?? defaultMaxBodySize
  const reject = options.invalidBody === "reject"

  /** A verified delivery whose body does not decode: logged, handed to `onInvalid`, answered by the policy. */
  const invalid = (error: WebhookDecodeError, body: string, bytes: number, author: Author) =>
    Effect.gen(function*() {
      yield* outcome("invalid")
      yield* Effect.logWarning(
        `${reject ? "Rejected" : "Acknowledged"} a ${type} delivery whose body does not decode (${bytes} bytes): ${error.message}`
      ).pipe(Effect.annotateLogs("factorial.webhook.error", error.reason))
      if (options.onInvalid !== undefined) {
        const handed = yield* options.onInvalid({ type, body, error, ...author }).pipe(
          Effect.as(undefined),
          Effect.catchAllCause(failed("onInvalid hook"))
        )
        if (handed !== undefined) return handed
      }
      return reject ? status(400, `the body is not a ${type} payload`) : ok
    })

  /** Runs the handler, once per distinct delivery when `dedupe` is on. */
  const handle = (event: WebhookEvent, body: string) =>
    Effect.gen(function*() {
      const run = options.handler(event)
      if (options.dedupe !== true) {
        return yield* run.pipe(Effect.zipRight(outcome("handled")), Effect.as(ok), Effect.catchAllCause(failed(`${type} webhook handler`)))
      }
      const store = yield* DedupeStore
      const key = yield* deliveryKey(event, body)
      const claimed = yield* Effect.either(store.claim(key))
      if (claimed._tag === "Left") return yield* failed("dedupe store")(Cause.fail(claimed.left))
      if (!claimed.right) {
        yield* outcome("duplicate")
        yield* Effect.logInfo(`Skipped a ${type} delivery already handled (or being handled)`)
        return ok
      }
      return yield* run.pipe(
        Effect.onExit((exit) =>
          (Exit.isSuccess(exit) ? store.complete(key) : store.release(key)).pipe(
            Effect.catchAllCause((cause) =>
              Effect.logError(`The dedupe store failed to record how a ${type} delivery ended`, cause)
            )
          )
        ),
        Effect.zipRight(outcome("handled")),
        Effect.as(ok),
        Effect.catchAllCause(failed(`${type} webhook handler`))
      )
    })

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const headers = request.headers
    const received = headers[challengeHeader]
    if (!verifyChallenge(options.challenge, received)) {
      yield* outcome("unauthorized")
      yield* Effect.logWarning(`Rejected a ${type} delivery: ${received === undefined ? "no" : "wrong"} challenge`)
      return status(401, "invalid challenge")
    }
    // Only now, with the challenge verified, is the body read at all.
    const author: Author = { authorId: headers[authorIdHeader], authorType: headers[authorTypeHeader] }
    const body = yield* Body.read(request, limit)
    switch (body._tag) {
      case "TooLarge": {
        const error = new WebhookBodyTooLarge({
          subscriptionType: type,
          limit,
          ...(body.declared === undefined ? {} : { declared: body.declared })
        })
        yield* outcome("too_large")
        yield* Effect.logWarning(error.message).pipe(Effect.annotateLogs("factorial.webhook.error", error._tag))
        // The rest is never read: close the connection rather than drain it.
        return HttpServerResponse.text("the body is too large", { status: 413, headers: { connection: "close" } })
      }
      case "Unreadable":
        yield* outcome("unreadable")
        yield* Effect.logWarning(`A ${type} delivery's body could not be read (${body.read} bytes read)`)
        return status(400, "the body could not be read")
      case "NotText":
        return yield* invalid(decodeError(type, "NotJson"), body.text, body.bytes, author)
      case "Read": {
        const event = yield* Effect.either(decodeText(type, body.text, author))
        if (event._tag === "Left") return yield* invalid(event.left, body.text, body.bytes, author)
        return yield* handle(event.right, body.text)
      }
    }
  }).pipe(
    Effect.annotateLogs({ "factorial.webhook": type }),
    Effect.withSpan("Webhooks.receive", { attributes: { "factorial.webhook.type": type } }),
    Redaction.withRedactedHeader(challengeHeader)
  )
}
