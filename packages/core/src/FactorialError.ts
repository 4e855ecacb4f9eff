/**
 * Every error the SDK can fail with, as plain-data `Schema.TaggedError` classes.
 *
 * Errors hold only what is safe to print: the URL without credentials, response headers with secrets
 * redacted, the body parsed leniently. They never hold the live request or response.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type { OAuthError } from "./OAuth.js"
import type { PaginationError } from "./Pagination.js"
import type { TokenStoreError } from "./TokenStore.js"

/**
 * The marker every SDK error carries, whichever module defines it: `isFactorialError` checks for it.
 *
 * @since 0.1.0
 */
export const FactorialErrorTypeId: unique symbol = Symbol.for("@effect-factorial/core/FactorialError")

/**
 * The type of `FactorialErrorTypeId`.
 *
 * @since 0.1.0
 */
export type FactorialErrorTypeId = typeof FactorialErrorTypeId

const PathSegment = Schema.Union(Schema.String, Schema.Number)

const httpErrorFields = {
  /** The HTTP status of the response. */
  status: Schema.Number,
  /** The request method. */
  method: Schema.String,
  /** The request URL, without credentials and with secret-looking query values redacted. */
  url: Schema.String,
  /** The request id the server sent (`x-request-id` or similar), to quote to Factorial support. */
  requestId: Schema.optional(Schema.String),
  /** The response body: parsed JSON, else text cut to a readable length, else absent. */
  body: Schema.optional(Schema.Unknown),
  /** The response headers, with secret values replaced by `<redacted>`. */
  headers: Schema.Record({ key: Schema.String, value: Schema.String })
}

interface HttpErrorData {
  readonly status: number
  readonly method: string
  readonly url: string
  readonly requestId?: string | undefined
  readonly body?: unknown
}

const bodyPreviewLength = 300

const bodyPreview = (body: unknown): string => {
  if (body === undefined) return ""
  const text = typeof body === "string" ? body : JSON.stringify(body)
  if (text === undefined || text === "" || text === "null") return ""
  return text.length > bodyPreviewLength ? `: ${text.slice(0, bodyPreviewLength)}…` : `: ${text}`
}

const describeResponse = (self: HttpErrorData, summary: string): string =>
  `${summary} (${self.method} ${self.url} answered ${self.status}${
    self.requestId === undefined ? "" : `, request id ${self.requestId}`
  })${bodyPreview(self.body)}`

const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.length === 0 ? "the root" : path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment))
    .join(".").replaceAll(".[", "[")

/** The `id` of a JSON object, as text, if it has a usable one. */
const idText = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null || !("id" in value)) return undefined
  const id = (value as { readonly id: unknown }).id
  return typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id)) ? String(id) : undefined
}

/**
 * The id of the record a decoding failure is in: the list item at `data[i]` for a page, else the body itself (a
 * bare object). Only the id is read, never another value of the record.
 */
const recordIdAt = (body: unknown, path: ReadonlyArray<string | number>): string | undefined => {
  if (path[0] === "data" && typeof path[1] === "number" && typeof body === "object" && body !== null) {
    const data = (body as { readonly data?: unknown }).data
    return Array.isArray(data) ? idText(data[path[1]]) : undefined
  }
  return idText(body)
}

/** The path and text of the first issue of a `ParseError`, in plain data. */
const parseErrorDetails = (error: ParseResult.ParseError) => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = (issues[0]?.path ?? []).map((key) => (typeof key === "symbol" ? String(key) : key))
  return { path, issue: ParseResult.TreeFormatter.formatErrorSync(error) }
}

/**
 * 400: the API rejected the request as malformed.
 *
 * @since 0.1.0
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@effect-factorial/core/BadRequest")(
  "BadRequest",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "The request was rejected as malformed")
  }
}

/**
 * 401: the credentials are missing, wrong, expired or revoked.
 *
 * @since 0.1.0
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@effect-factorial/core/Unauthorized")(
  "Unauthorized",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "The credentials were not accepted")
  }
}

/**
 * 403: the credentials are valid but may not do this.
 *
 * @since 0.1.0
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@effect-factorial/core/Forbidden")(
  "Forbidden",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "The credentials may not perform this request")
  }
}

/**
 * 404: no such record, or one the credentials may not see.
 *
 * @since 0.1.0
 */
export class NotFound extends Schema.TaggedError<NotFound>("@effect-factorial/core/NotFound")(
  "NotFound",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "Not found, or not visible to these credentials")
  }
}

/**
 * 409: the request conflicts with the current state of the record.
 *
 * @since 0.1.0
 */
export class Conflict extends Schema.TaggedError<Conflict>("@effect-factorial/core/Conflict")(
  "Conflict",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "The request conflicts with the current state")
  }
}

/**
 * 422: the API refused the payload. `fieldErrors` holds the messages per field when the body has the
 * `{"errors": {field: [message]}}` shape.
 *
 * @since 0.1.0
 */
export class UnprocessableEntity
  extends Schema.TaggedError<UnprocessableEntity>("@effect-factorial/core/UnprocessableEntity")(
    "UnprocessableEntity",
    {
      ...httpErrorFields,
      /** The validation messages per field, when the API sent them. */
      fieldErrors: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) }))
    }
  )
{
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and the field errors. */
  override get message(): string {
    const fields = this.fieldErrors === undefined
      ? ""
      : Object.entries(this.fieldErrors).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ")
    return fields === ""
      ? describeResponse(this, "The payload was refused")
      : `The payload was refused: ${fields} (${this.method} ${this.url} answered ${this.status}${
        this.requestId === undefined ? "" : `, request id ${this.requestId}`
      })`
  }
}

/**
 * 429: too many requests. `retryAfter` is the wait the server asked for, when it sent one.
 *
 * @since 0.1.0
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@effect-factorial/core/RateLimited")(
  "RateLimited",
  {
    ...httpErrorFields,
    /** How long the server asked to wait (from `Retry-After` or `retry-after-ms`). */
    retryAfter: Schema.optional(Schema.DurationFromMillis)
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and the requested wait. */
  override get message(): string {
    const wait = this.retryAfter === undefined
      ? ""
      : `, retry after ${Math.ceil(Duration.toMillis(this.retryAfter))} ms`
    return describeResponse(this, `Rate limited${wait}`)
  }
}

/**
 * 5xx: the server failed.
 *
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>("@effect-factorial/core/ServerError")(
  "ServerError",
  httpErrorFields
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and body. */
  override get message(): string {
    return describeResponse(this, "The server failed")
  }
}

/**
 * Any other non-2xx status (for example 408), and every redirect: the client never follows a 3xx, since the
 * request carries credentials and the new location may be another host or plain http. `location` shows where
 * the server pointed (credentials and secret-looking query values removed). Status 0 is a redirect a browser
 * refused to expose.
 *
 * @since 0.1.0
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>("@effect-factorial/core/UnexpectedStatus")(
  "UnexpectedStatus",
  {
    ...httpErrorFields,
    /** The `location` of a redirect, absolute, without credentials; not followed. */
    location: Schema.optional(Schema.String)
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL, status and, for a redirect, where it pointed. */
  override get message(): string {
    const redirect = this.status === 0 || (this.status >= 300 && this.status < 400)
    return describeResponse(
      this,
      redirect
        ? `Redirect refused (redirects are never followed, so credentials stay with the configured host)${
          this.location === undefined ? "" : `; it pointed to ${this.location}`
        }`
        : "Unexpected response status"
    )
  }
}

/**
 * No response arrived: the connection failed, or the request could not be built or sent.
 * `code` is the system error code when the platform exposes one (for example `ECONNREFUSED`).
 *
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>("@effect-factorial/core/TransportError")(
  "TransportError",
  {
    method: Schema.String,
    /** The request URL, without credentials. */
    url: Schema.String,
    /**
     * `Transport`: the network failed; `Encode`: the body could not be serialised; `InvalidUrl`; `Rejected`: the
     * platform refused to send the request (an invalid header or option) and nothing was sent.
     */
    reason: Schema.Literal("Transport", "Encode", "InvalidUrl", "Rejected"),
    /** The system error code, when known (`ECONNREFUSED`, `ENOTFOUND`, ...). */
    code: Schema.optional(Schema.String),
    /** What went wrong, in the SDK's words (a platform's own message may quote a header value, so it is never copied). */
    detail: Schema.optional(Schema.String)
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL and reason. */
  override get message(): string {
    const detail = [this.code, this.detail].filter(Predicate.isString).join(" ")
    return `${this.reason} error for ${this.method} ${this.url}${detail === "" ? "" : `: ${detail}`}`
  }
}

/**
 * No response arrived within the per-attempt timeout.
 *
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>("@effect-factorial/core/TimeoutError")(
  "TimeoutError",
  {
    method: Schema.String,
    /** The request URL, without credentials. */
    url: Schema.String,
    /** The timeout that elapsed. */
    timeout: Schema.DurationFromMillis
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL and timeout. */
  override get message(): string {
    return `${this.method} ${this.url} got no response within ${Duration.toMillis(this.timeout)} ms`
  }
}

/**
 * A 2xx response whose body is not JSON or does not match the expected schema. `path` says which field.
 *
 * @since 0.1.0
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("@effect-factorial/core/DecodeError")(
  "DecodeError",
  {
    status: Schema.Number,
    method: Schema.String,
    /** The request URL, without credentials. */
    url: Schema.String,
    /**
     * `NotJson`: the body is not JSON at all (truncated, an HTML page): retried like a transport failure for
     * idempotent requests. `SchemaMismatch`: valid JSON of the wrong shape: never retried.
     */
    reason: Schema.Literal("NotJson", "SchemaMismatch"),
    /** The path of the first field that failed, e.g. `["data", 3, "id"]`; empty for the whole body. */
    path: Schema.Array(PathSegment),
    /** The full explanation of what did not match. */
    issue: Schema.String,
    /** The id of the record that did not match, when the body or the failing list item has one. */
    recordId: Schema.optional(Schema.String),
    /** The page of a scan the record came from (1 for the first page the scan fetched). */
    page: Schema.optional(Schema.Number)
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line summary followed by the schema's explanation. */
  override get message(): string {
    const where = [
      ...(this.recordId === undefined ? [] : [`record ${this.recordId}`]),
      ...(this.page === undefined ? [] : [`page ${this.page}`])
    ]
    return `The response to ${this.method} ${this.url} did not match the expected shape at ${formatPath(this.path)}${
      where.length === 0 ? "" : ` (${where.join(", ")})`
    }:\n${this.issue}`
  }

  /**
   * Builds a `DecodeError` from the `ParseError` of decoding a response body.
   *
   * @since 0.1.0
   */
  static fromParseError(
    request: { readonly status: number; readonly method: string; readonly url: string },
    error: ParseResult.ParseError,
    body?: unknown
  ): DecodeError {
    const { issue, path } = parseErrorDetails(error)
    const recordId = body === undefined ? undefined : recordIdAt(body, path)
    return new DecodeError({
      status: request.status,
      method: request.method,
      url: request.url,
      reason: "SchemaMismatch",
      path,
      issue,
      ...(recordId === undefined ? {} : { recordId })
    })
  }
}

/**
 * Input rejected locally, before anything was sent: a payload, filter or id that does not match its schema.
 *
 * @since 0.1.0
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>("@effect-factorial/core/InvalidRequest")(
  "InvalidRequest",
  {
    /** The operation that refused its input, e.g. `Candidates.create`. */
    operation: Schema.String,
    /** The path of the offending field, e.g. `["email"]`; empty for the whole input. */
    path: Schema.Array(PathSegment),
    /** What is wrong with it. */
    message: Schema.String
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /**
   * Builds an `InvalidRequest` from the `ParseError` of encoding an operation's input.
   *
   * @since 0.1.0
   */
  static fromParseError(operation: string, error: ParseResult.ParseError): InvalidRequest {
    const { issue, path } = parseErrorDetails(error)
    const message = `${operation}: invalid input at ${formatPath(path)}: ${issue}`
    return new InvalidRequest({ operation, path, message })
  }
}

/**
 * Authentication could not be performed: no credentials, a refused or expired grant, a failed refresh,
 * credentials about to be sent over plain HTTP, or a credential a header cannot carry (`InvalidCredential`: a
 * line break, NUL or other control character; the message names the credential and the problem, never its value).
 *
 * @since 0.1.0
 */
export class AuthError extends Schema.TaggedError<AuthError>("@effect-factorial/core/AuthError")(
  "AuthError",
  {
    reason: Schema.Literal(
      "MissingCredentials",
      "InvalidGrant",
      "RefreshTokenExpired",
      "RefreshFailed",
      "InsecureTransport",
      "InvalidCredential"
    ),
    /** What went wrong, without any secret. */
    message: Schema.String,
    /**
     * For `RefreshFailed` after a failed refresh: when (epoch milliseconds) the token endpoint will be asked
     * again. Until then requests that need a new token fail at once with this error.
     */
    retryAt: Schema.optional(Schema.Number)
  }
) {
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
}

/**
 * A response with a non-2xx status.
 *
 * @since 0.1.0
 */
export type FactorialHttpError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | UnprocessableEntity
  | RateLimited
  | ServerError
  | UnexpectedStatus

/**
 * What one request to the API can fail with.
 *
 * @since 0.1.0
 */
export type FactorialRequestError =
  | FactorialHttpError
  | TransportError
  | TimeoutError
  | DecodeError
  | AuthError
  | InvalidRequest

/**
 * Every error of the SDK.
 *
 * @since 0.1.0
 */
export type FactorialError =
  | FactorialRequestError
  | InvalidRequest
  | PaginationError
  | OAuthError
  | TokenStoreError

/**
 * Whether a value is one of the SDK's errors (it carries the `FactorialErrorTypeId` marker).
 *
 * @since 0.1.0
 */
export const isFactorialError = (u: unknown): u is FactorialError => Predicate.hasProperty(u, FactorialErrorTypeId)

/**
 * Whether a value is an HTTP error (a response with a non-2xx status).
 *
 * @since 0.1.0
 */
export const isFactorialHttpError = (u: unknown): u is FactorialHttpError =>
  u instanceof BadRequest || u instanceof Unauthorized || u instanceof Forbidden || u instanceof NotFound ||
  u instanceof Conflict || u instanceof UnprocessableEntity || u instanceof RateLimited || u instanceof ServerError ||
  u instanceof UnexpectedStatus
