import * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Decoder from "../Decoder.js"
import type { FactorialAuth } from "../FactorialAuth.js"
import * as Json from "./json.js"
import {
  DecodeError,
  type FactorialRequestError,
  InvalidRequest,
  TimeoutError,
  TransportError
} from "../FactorialError.js"
import * as AttemptTimeout from "./attemptTimeout.js"
import * as Body from "./body.js"
import * as HeaderValue from "./headerValue.js"
import type { FactorialRequest, RequestBody, RequestMethod } from "../FactorialRequest.js"
import { fromResponse, isRedirect, redactHeaders } from "./httpError.js"
import { encodeQuery } from "./query.js"
import type { Limiter } from "./rateLimiter.js"
import * as Retry from "./retry.js"
import { safeUrl } from "./url.js"

/** Everything `execute` needs, fixed when the client is built. */
export interface Engine {
  /** The transport, already customised (defaults, tracing, the user's `transformClient`). */
  readonly http: HttpClient.HttpClient
  /** `<baseUrl>/api/<apiVersion>/resources/` */
  readonly resourcesUrl: string
  readonly auth: FactorialAuth
  readonly retry: Retry.RetryPolicy | undefined
  readonly timeout: Duration.Duration
  /** The total time of one call, from its first send, unless the call sets its own; `undefined`: unbounded. */
  readonly deadline: Duration.Duration | undefined
  readonly limiter: Limiter
  readonly budget: Retry.RetryBudget
  /** The most a 2xx body may hold (decompressed); past it, `DecodeError` `TooLarge`. */
  readonly maxBodyBytes: number
  /** How much of an error body is read; the rest is not. */
  readonly maxErrorBodyBytes: number
  /** Whether errors keep a preview of the body (unsafe, for local debugging). */
  readonly debugBodies: boolean
}

/** A 2xx response whose body parsed as JSON (`undefined` when empty). */
interface Parsed {
  readonly status: number
  readonly json: unknown
  readonly body: Body.Read
}

/** Where a failure happened, as it may be shown in an error. */
interface Target {
  readonly method: RequestMethod
  readonly url: string
}

/** Replays of one call after a 401 whose credential the auth renewed (each renewal newer than the last). */
const maxUnauthorizedReplays = 3

const isDefined = <A>(a: A | undefined): a is A => a !== undefined

/** The first system error code (`ECONNREFUSED`...) in a chain of causes, if any. */
const systemCode = (cause: unknown, depth = 0): string | undefined => {
  if (depth > 5 || !Predicate.isObject(cause)) return undefined
  if (Predicate.hasProperty(cause, "code") && Predicate.isString(cause.code)) return cause.code
  const nested = Predicate.hasProperty(cause, "cause") ? systemCode(cause.cause, depth + 1) : undefined
  if (nested !== undefined) return nested
  return Predicate.hasProperty(cause, "errors") && Array.isArray(cause.errors)
    ? cause.errors.map((error) => systemCode(error, depth + 1)).find(isDefined)
    : undefined
}

/** What the SDK says about a failed connection, by system error code: its own words, never the platform's. */
const transportDetail = (code: string | undefined): string => {
  switch (code) {
    case "ECONNREFUSED":
      return "the connection was refused"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name could not be resolved"
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the connection was closed by the other side"
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "the connection timed out"
    default:
      return "the connection failed"
  }
}

/**
 * A `TypeError` with no cause is what fetch throws when it refuses a request before any network activity (an
 * invalid header value, a bad option); its message may quote the header value, so it is never copied.
 */
const isRejectedLocally = (cause: unknown): boolean => cause instanceof TypeError && cause.cause === undefined

const toTransportError = (target: Target, error: HttpClientError.RequestError): TransportError => {
  const code = systemCode(error.cause)
  if (error.reason === "Transport" && code === undefined && isRejectedLocally(error.cause)) {
    return new TransportError({
      method: target.method,
      url: target.url,
      reason: "Rejected",
      detail: "the platform refused to send the request (an invalid header value or option); nothing was sent"
    })
  }
  const detail = error.reason === "InvalidUrl"
    ? "the URL is invalid"
    : error.reason === "Encode"
    ? "the body could not be encoded"
    : transportDetail(code)
  return new TransportError({
    method: target.method,
    url: target.url,
    reason: error.reason,
    ...(code === undefined ? {} : { code }),
    detail
  })
}

/** Problems of a path segment: it must name exactly one segment, whatever decodes it (once or twice). */
const segmentProblem = (segment: string): string | undefined => {
  if (segment === "") return "is empty"
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Not percent-encoded text: it is sent encoded, as it is.
  }
  for (const value of [segment, decoded]) {
    if (value === "." || value === "..") return `is a dot segment (${JSON.stringify(value)}), which would change the path`
    const separator = /[/?#\\]/.exec(value)
    if (separator !== null) {
      return `contains ${JSON.stringify(separator[0])}${value === segment ? "" : " once decoded"}, which would change the URL`
    }
  }
  return undefined
}

/** Refuses a path that would not reach the resource it names (`..`, an empty or smuggled segment). */
const checkPath = (request: FactorialRequest): InvalidRequest | undefined => {
  // The type says so, but a caller without types (JavaScript, a cast) may pass a string: refused, not a defect.
  if (!Array.isArray(request.path)) {
    return new InvalidRequest({
      operation: `${request.method} request`,
      path: ["path"],
      message: "The path must be an array of segments, e.g. [\"ats\", \"candidates\"]; nothing was sent"
    })
  }
  for (const [index, segment] of request.path.entries()) {
    const problem = typeof segment === "string" ? segmentProblem(segment) : `is not a string (${typeof segment})`
    if (problem !== undefined) {
      return new InvalidRequest({
        operation: `${request.method} request`,
        path: ["path", index],
        message: `Path segment ${index} ${problem}; nothing was sent`
      })
    }
  }
  return undefined
}

/** A header set of an auth, checked, with its plain values. */
interface CheckedSet {
  readonly names: ReadonlyArray<string>
  readonly values: ReadonlyArray<Redacted.Redacted>
  readonly plain: Readonly<Record<string, string>>
}

/**
 * Header sets already checked. An auth answers the same set until its credential changes (a static key always),
 * so a set is checked once, not on every attempt; a set changed in place since is checked again.
 */
const checkedSets = new WeakMap<object, CheckedSet>()

const unchanged = (headers: Readonly<Record<string, Redacted.Redacted>>, known: CheckedSet): boolean => {
  const names = Object.keys(headers)
  if (names.length !== known.names.length) return false
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== known.names[i] || headers[names[i]!] !== known.values[i]) return false
  }
  return true
}

/** The auth's headers, each checked: a value a header cannot carry fails here, named, before any transport sees it. */
const checkedAuthHeaders = (auth: FactorialAuth) =>
  Effect.flatMap(auth.headers, (headers) => {
    const known = checkedSets.get(headers)
    if (known !== undefined && unchanged(headers, known)) return Effect.succeed(known.plain)
    const names = Object.keys(headers)
    const values = names.map((name) => headers[name]!)
    const plain: Record<string, string> = {}
    for (let i = 0; i < names.length; i++) {
      const value = Redacted.value(values[i]!)
      const error = HeaderValue.checkCredential(HeaderValue.credentialName(names[i]!), value)
      if (error !== undefined) return Effect.fail(error)
      plain[names[i]!.toLowerCase()] = value
    }
    checkedSets.set(headers, { names, values, plain })
    return Effect.succeed(plain)
  })

/** Whether two sets of auth headers carry the same credential (compared in memory, never printed). */
const sameCredential = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const names = Object.keys(a)
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name])
}

const setBody = (
  request: HttpClientRequest.HttpClientRequest,
  body: RequestBody | undefined,
  target: Target
): HttpClientRequest.HttpClientRequest | TransportError => {
  if (body === undefined) return request
  if (body._tag === "FormData") return HttpClientRequest.bodyFormData(request, body.value)
  try {
    return HttpClientRequest.bodyUnsafeJson(request, body.value)
  } catch {
    return new TransportError({
      method: target.method,
      url: target.url,
      reason: "Encode",
      detail: "the body could not be serialised as JSON"
    })
  }
}

const isOk = (status: number) => status >= 200 && status < 300

const bodyReadFailure = (target: Target) =>
  new TransportError({
    method: target.method,
    url: target.url,
    reason: "Transport",
    detail: "the connection failed while reading the response body"
  })

/** Reads a response and fails with the matching HTTP error unless its status is 2xx. */
const handleResponse = (
  engine: Engine,
  response: HttpClientResponse.HttpClientResponse,
  target: Target
): Effect.Effect<Parsed, FactorialRequestError> =>
  isOk(response.status)
    ? Effect.flatMap(
      Effect.mapError(Body.read(response, engine.maxBodyBytes), () => bodyReadFailure(target)),
      (body) => parseBody(engine, target, response.status, body)
    )
    : failWithStatus(engine, response, target)

/** Fails with the HTTP error of a response whose status is not 2xx. */
const failWithStatus = (
  engine: Engine,
  response: HttpClientResponse.HttpClientResponse,
  target: Target
): Effect.Effect<never, FactorialRequestError> =>
  Effect.gen(function*() {
    // The body of an error response is informative only: a failure to read it must not hide the status. A
    // redirect's body is not read at all.
    const body = isRedirect(response.status)
      ? undefined
      : Option.getOrUndefined(yield* Effect.option(Body.read(response, engine.maxErrorBodyBytes)))
    const redactedNames = yield* FiberRef.get(Headers.currentRedactedNames)
    const nowMillis = yield* Clock.currentTimeMillis
    return yield* Effect.fail(fromResponse({
      method: target.method,
      url: target.url,
      status: response.status,
      headers: redactHeaders(response.headers, redactedNames),
      body,
      nowMillis,
      debugBodies: engine.debugBodies
    }))
  })

/** Why a text is not JSON, in the SDK's words (the parser's message would quote the text). */
const notJsonIssue = (error: unknown): string =>
  error instanceof SyntaxError && /end of (JSON )?(input|data)/i.test(error.message)
    ? "the body ends before the JSON is complete (cut short?)"
    : "the body is not valid JSON"

/** Parses a 2xx body. Inside the retried attempt: a truncated or non-JSON body is worth another try. */
const parseBody = (
  engine: Engine,
  target: Target,
  status: number,
  body: Body.Read
): Effect.Effect<Parsed, DecodeError> => {
  const fail = (reason: "NotJson" | "TooLarge", issue: string) =>
    Effect.fail(
      new DecodeError({
        status,
        method: target.method,
        url: target.url,
        reason,
        path: [],
        issue,
        ...Body.info(body, engine.debugBodies)
      })
    )
  if (!body.complete) {
    return fail(
      "TooLarge",
      `the body is larger than the limit of ${engine.maxBodyBytes} bytes (the client option maxBodyBytes); ` +
        "the rest was not read"
    )
  }
  const text = Body.text(body)
  if (text.trim() === "") return Effect.succeed({ status, json: undefined, body })
  try {
    return Effect.succeed({ status, json: Json.parse(text), body })
  } catch (error) {
    return fail("NotJson", notJsonIssue(error))
  }
}

const shownUrl = (url: string, params: UrlParams.UrlParams): string =>
  Either.match(UrlParams.makeUrl(url, params, Option.none()), {
    onLeft: () => safeUrl(url),
    onRight: (full) => safeUrl(full)
  })

/** The URL of a request, query included, as errors show it (no credentials). */
export const requestUrl = (resourcesUrl: string, request: FactorialRequest): string =>
  shownUrl(resourcesUrl + request.path.map(encodeURIComponent).join("/"), encodeQuery(request.query))

/** The time on the fiber's clock (the `TestClock` in tests), without an effect of its own. */
const nowMillis = (fiber: Fiber.RuntimeFiber<any, any>): number =>
  Context.get(fiber.getFiberRef(DefaultServices.currentServices), Clock.Clock).unsafeCurrentTimeMillis()

/** The shown URL of a request, worked out when an error first needs it: a call that succeeds never does. */
const lazyTarget = (method: RequestMethod, url: string, params: UrlParams.UrlParams): Target => {
  let shown: string | undefined
  return {
    method,
    get url() {
      return (shown ??= shownUrl(url, params))
    }
  }
}

/** Decoders by schema, built once per schema rather than on every call. */
const decoders = new WeakMap<object, (input: unknown) => Effect.Effect<unknown, unknown, unknown>>()

const decoderOf = <A, I, R>(schema: Schema.Schema<A, I, R>) => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = Decoder.responseEffect(schema) as (input: unknown) => Effect.Effect<unknown, unknown, unknown>
    decoders.set(schema, decoder)
  }
  return decoder as (input: unknown) => Effect.Effect<A, ParseResult.ParseError, R>
}

/** Builds `execute`: one logical call = rate limit, auth, attempts with timeout and retries, then decoding. */
export const makeExecute = (engine: Engine) =>
<A, I, R>(request: FactorialRequest, schema: Schema.Schema<A, I, R>): Effect.Effect<A, FactorialRequestError, R> =>
  Effect.suspend(() => {
    const invalidPath = checkPath(request)
    if (invalidPath !== undefined) return Effect.fail(invalidPath)
    const url = engine.resourcesUrl + request.path.map(encodeURIComponent).join("/")
    const urlParams = encodeQuery(request.query)
    const target = lazyTarget(request.method, url, urlParams)
    const timeout = request.timeout === undefined
      ? engine.timeout
      : Option.getOrElse(Duration.decodeUnknown(request.timeout), () => engine.timeout)
    const timeoutMillis = Duration.toMillis(timeout)
    const deadline = request.deadline === undefined
      ? engine.deadline
      : request.deadline === false
      ? undefined
      : Option.getOrElse(Duration.decodeUnknown(request.deadline), () => engine.deadline)
    const policy = Retry.resolve(engine.retry, request.retry)
    const httpRequest = setBody(HttpClientRequest.make(request.method)(url, { urlParams }), request.body, target)
    if (httpRequest instanceof TransportError) return Effect.fail(httpRequest)

    // One attempt: the transport, then the body read and parsed, all within the attempt's timeout.
    const exchange = (authenticated: HttpClientRequest.HttpClientRequest) =>
      Effect.flatMap(
        Effect.catchTags(engine.http.execute(authenticated), {
          RequestError: (error) => Effect.fail(toTransportError(target, error)),
          // Only reachable when a `transformClient` rejects responses itself: map its response like ours.
          ResponseError: (error) => Effect.succeed(error.response)
        }),
        (response) => handleResponse(engine, response, target)
      )

    const send = (deadlineAt: number | undefined, authHeaders: Readonly<Record<string, string>>) =>
      Effect.withFiberRuntime<Parsed, FactorialRequestError>((fiber) => {
        const authenticated = HttpClientRequest.setHeaders(httpRequest, authHeaders)
        // Each attempt gets the timeout, or what is left of the deadline if that is less.
        const left = deadlineAt === undefined ? undefined : Math.max(0, deadlineAt - nowMillis(fiber))
        const cut = left !== undefined && left < timeoutMillis
        const timed = AttemptTimeout.timeoutFail(
          exchange(authenticated),
          cut ? left : timeoutMillis,
          () =>
            cut && deadline !== undefined
              ? new TimeoutError({ method: target.method, url: target.url, timeout: deadline, scope: "Deadline" })
              : new TimeoutError({ method: target.method, url: target.url, timeout })
        )
        // Keep the credential headers out of spans and logs even if the user changed the defaults.
        const redacted = fiber.getFiberRef(Headers.currentRedactedNames)
        const names = Object.keys(authHeaders)
        return names.every((name) => redacted.includes(name))
          ? timed
          : Effect.locally(timed, Headers.currentRedactedNames, [...redacted, ...names])
      })

    // The first slot is waited for before the deadline starts: queueing behind the client's own rate limit is
    // pacing, not failure. Later attempts wait for theirs (and the 429 gate) within the deadline.
    const call = Effect.zipRight(
      engine.limiter.acquire(request.method),
      Effect.withFiberRuntime<Parsed, FactorialRequestError>((fiber) => {
        const deadlineAt = deadline === undefined ? undefined : nowMillis(fiber) + Duration.toMillis(deadline)
        let first = true
        // After a 401 the auth may renew its credential (OAuth); the request is then replayed with it. Another
        // replica's refresh can revoke the renewed credential too: the request is replayed again while each
        // renewal brings a different credential, a bounded number of times per call.
        let replays = 0
        const sendWith = (authHeaders: Readonly<Record<string, string>>): Effect.Effect<Parsed, FactorialRequestError> =>
          Effect.catchIf(
            send(deadlineAt, authHeaders),
            (error) => error._tag === "Unauthorized" && replays < maxUnauthorizedReplays,
            (error) => {
              replays++
              return Effect.flatMap(engine.auth.onUnauthorized, (renews) =>
                renews
                  ? Effect.flatMap(checkedAuthHeaders(engine.auth), (renewed) =>
                    // The first replay takes the auth at its word; a later one needs a credential not refused yet.
                    replays > 1 && sameCredential(renewed, authHeaders) ? Effect.fail(error) : sendWith(renewed))
                  : Effect.fail(error))
            }
          )
        const authenticated = Effect.flatMap(checkedAuthHeaders(engine.auth), sendWith)
        const attempt = Effect.suspend(() => {
          if (first) {
            first = false
            return authenticated
          }
          return Effect.zipRight(engine.limiter.acquire(request.method), authenticated)
        })
        return Retry.withRetry(attempt, {
          method: request.method,
          policy,
          budget: engine.budget,
          limiter: engine.limiter,
          deadlineAt
        })
      })
    )
    const decode = decoderOf(schema)
    return Effect.flatMap(call, (parsed) =>
      Effect.mapError(
        decode(parsed.json),
        (error) =>
          DecodeError.fromParseError({
            status: parsed.status,
            method: target.method,
            url: target.url,
            ...Body.info(parsed.body, engine.debugBodies)
          }, error, parsed.json)
      ))
  })
