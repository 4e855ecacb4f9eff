import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Options from "./options.js"
import { noFollow } from "./redirects.js"
import { packageVersion } from "./version.js"

/**
 * The production host, as `FactorialClient.defaultBaseUrl`. Repeated rather than imported so that
 * FactorialClient → FactorialAuth → OAuth stays free of cycles.
 */
export const defaultBaseUrl = "https://api.factorialhr.com"

/** How long a token endpoint call may take when the caller sets no timeout. */
export const defaultTimeout: Duration.DurationInput = "30 seconds"

/** Why a call to the token endpoint failed, as plain data without any secret. */
export interface Failure {
  readonly reason: "ErrorResponse" | "Transport" | "Timeout" | "InvalidResponse"
  readonly status?: number
  readonly error?: string
  readonly errorDescription?: string
  readonly detail?: string
}

/** A 2xx answer, body unread as JSON yet. */
export interface Answer {
  readonly status: number
  readonly text: string
}

/**
 * `<baseUrl><path>` once the base URL passed the client's rule: https, or plain http only to a loopback host,
 * because the body carries the client secret and tokens. Left: why not.
 */
export const endpointUrl = (
  configPath: ReadonlyArray<string>,
  baseUrl: string | undefined,
  path: "/oauth/token" | "/oauth/revoke" | "/oauth/authorize"
) => Either.map(Options.checkBaseUrl(configPath, baseUrl ?? defaultBaseUrl), (base) => `${base}${path}`)

/** RFC 6749 §5.2: `error` is a short ASCII code without quotes or backslashes. */
const errorCode = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,100}$/
const maxDescription = 300

/**
 * The RFC 6749 fields of an error body (`error`, `error_description`), and nothing else: whatever else the
 * server put in the body stays out of errors and logs.
 */
export const errorResponse = (status: number, text: string): Failure => {
  let body: unknown = undefined
  try {
    body = JSON.parse(text)
  } catch {
    // Not JSON (a gateway page...): only the status is kept.
  }
  const error = Predicate.isRecord(body) && Predicate.isString(body.error) && errorCode.test(body.error)
    ? body.error
    : undefined
  const description = Predicate.isRecord(body) && Predicate.isString(body.error_description)
    ? body.error_description.replace(/[\x00-\x1F\x7F]+/g, " ").trim()
    : ""
  return {
    reason: "ErrorResponse",
    status,
    ...(error === undefined ? {} : { error }),
    ...(description === ""
      ? {}
      : {
        errorDescription: description.length > maxDescription
          ? `${description.slice(0, maxDescription)}…`
          : description
      })
  }
}

/** The first system error code (`ECONNREFUSED`...) in a chain of causes. */
const systemCode = (cause: unknown, depth = 0): string | undefined => {
  if (depth > 5 || !Predicate.isObject(cause)) return undefined
  if (Predicate.hasProperty(cause, "code") && Predicate.isString(cause.code)) return cause.code
  return Predicate.hasProperty(cause, "cause") ? systemCode(cause.cause, depth + 1) : undefined
}

/**
 * POSTs a form to the token endpoint and answers the 2xx body. The request (which holds the secrets in its
 * body) is never kept in a failure: only its reason, status and the RFC 6749 error fields are.
 */
export const postForm = (
  http: HttpClient.HttpClient,
  url: string,
  form: Readonly<Record<string, string>>,
  timeout: Duration.DurationInput
): Effect.Effect<Answer, Failure> => {
  const request = HttpClientRequest.post(url).pipe(
    HttpClientRequest.bodyUrlParams(form),
    HttpClientRequest.acceptJson,
    HttpClientRequest.setHeader("user-agent", `effect-factorial/${packageVersion}`)
  )
  const duration = Duration.decode(timeout)
  // The body holds the client secret and tokens: a redirect is an error, never followed.
  return noFollow(HttpClient.withTracerPropagation(http, false)).execute(request).pipe(
    Effect.flatMap((response) => Effect.map(response.text, (text) => ({ status: response.status, text }))),
    Effect.mapError((error): Failure => {
      const code = systemCode(error.cause)
      const detail = [error.reason, code].filter(Predicate.isString).join(" ")
      return { reason: "Transport", detail }
    }),
    Effect.timeoutFail({
      duration,
      onTimeout: (): Failure => ({ reason: "Timeout", detail: `no response within ${Duration.format(duration)}` })
    }),
    Effect.flatMap((answer) =>
      answer.status >= 200 && answer.status < 300
        ? Effect.succeed(answer)
        : Effect.fail(errorResponse(answer.status, answer.text))
    )
  )
}
