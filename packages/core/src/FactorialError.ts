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
import * as Issues from "./internal/issues.js"
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

/**
 * What an error keeps of a response body: the fields the API uses for errors, and nothing else. A body may hold
 * personal data (names, emails, CVs) or secrets, so the rest never reaches an error, a log or a span.
 *
 * @since 0.2.0
 */
export const ErrorBody = Schema.Struct({
  /** `error`, when a string. */
  error: Schema.optional(Schema.String),
  /** `message`, when a string. */
  message: Schema.optional(Schema.String),
  /** `errors`: `null`, a string, a list of strings, or the messages per field (422). */
  errors: Schema.optional(
    Schema.Union(
      Schema.Null,
      Schema.String,
      Schema.Array(Schema.String),
      Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })
    )
  )
})

/**
 * @since 0.2.0
 */
export type ErrorBody = typeof ErrorBody.Type

/**
 * Whether a failed write (POST, PUT, DELETE) may have been applied by the server anyway: the request may have
 * reached it (a 5xx, a timeout, a connection lost after sending, a 2xx whose body could not be read), in this
 * attempt or an earlier one. `false` when it provably was not (a 4xx, a refused connection, nothing sent) and
 * for every GET. Reconcile before retrying by hand: look the record up.
 */
const maybeAppliedField = {
  maybeApplied: Schema.optionalWith(Schema.Boolean, { default: () => false })
}

/** " The write may have been applied: ..." when it may, else "". */
const appliedNote = (self: { readonly maybeApplied: boolean }): string =>
  self.maybeApplied
    ? " The write may have been applied anyway (the request may have reached the server): look the record up " +
      "before sending it again."
    : ""

/** What every error that read a body says about it, never its content (unless `debugBodies` is on). */
const bodyInfoFields = {
  /** The response's `content-type`, when it sent one. */
  contentType: Schema.optional(Schema.String),
  /** How many bytes of the body were read (after decompression). */
  bodyLength: Schema.optional(Schema.Number),
  /** `true` when the body was longer than the limit and the rest was not read. */
  bodyTruncated: Schema.optional(Schema.Boolean),
  /**
   * The start of the body as text: only with the client option `debugBodies: true`, which is unsafe (it may
   * put personal data and secrets into logs); absent otherwise.
   */
  bodyPreview: Schema.optional(Schema.String)
}

const httpErrorFields = {
  /** The HTTP status of the response. */
  status: Schema.Number,
  /** The request method. */
  method: Schema.String,
  /** The request URL, without credentials and with secret-looking query values redacted. */
  url: Schema.String,
  /** The request id the server sent (`x-request-id` or similar), to quote to Factorial support. */
  requestId: Schema.optional(Schema.String),
  /** The error fields of a JSON body (`error`, `message`, `errors`), and nothing else of it. */
  body: Schema.optional(ErrorBody),
  /** The response headers, with secret values replaced by `<redacted>`. */
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  ...bodyInfoFields,
  ...maybeAppliedField
}

interface BodyInfo {
  readonly contentType?: string | undefined
  readonly bodyLength?: number | undefined
  readonly bodyTruncated?: boolean | undefined
  readonly bodyPreview?: string | undefined
}

interface HttpErrorData extends BodyInfo {
  readonly maybeApplied: boolean
  readonly status: number
  readonly method: string
  readonly url: string
  readonly requestId?: string | undefined
  readonly body?: ErrorBody | undefined
}

/** "1234 bytes of text/html", "the first 65536 bytes of text/html", "" */
const describeBody = (info: BodyInfo): string => {
  if (info.bodyLength === undefined || info.bodyLength === 0) return ""
  const type = info.contentType === undefined ? "" : ` of ${info.contentType.split(";")[0]!.trim()}`
  const size = info.bodyTruncated === true ? `more than ${info.bodyLength} bytes` : `${info.bodyLength} bytes`
  const preview = info.bodyPreview === undefined ? "" : `; preview (debugBodies): ${info.bodyPreview}`
  return `body: ${size}${type}${preview}`
}

/** The API's own words about the error: `message` or `error`, and the names of the fields in `errors`. */
const describeErrorBody = (body: ErrorBody | undefined): string => {
  if (body === undefined) return ""
  const words = [body.message, body.error].filter(Predicate.isString).filter((text) => text !== "")
  const errors = body.errors
  if (Predicate.isString(errors) && errors !== "") words.push(errors)
  else if (Array.isArray(errors)) words.push(...errors)
  else if (Predicate.isRecord(errors) && Object.keys(errors).length > 0) {
    words.push(`errors in ${Object.keys(errors).join(", ")}`)
  }
  return words.join("; ")
}

const describeResponse = (self: HttpErrorData, summary: string): string => {
  const details = [describeErrorBody(self.body), describeBody(self)].filter((text) => text !== "").join("; ")
  return `${summary} (${self.method} ${self.url} answered ${self.status}${
    self.requestId === undefined ? "" : `, request id ${self.requestId}`
  })${details === "" ? "" : `: ${details}`}${appliedNote(self)}`
}

/** The `id` of a JSON object, as text, if it has a usable one. */
const idText = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null || !("id" in value)) return undefined
  const id = (value as { readonly id: unknown }).id
  // Only what looks like an id (digits) is shown: any other text may be body content, not an id.
  return (typeof id === "string" && /^\d{1,40}$/.test(id)) || (typeof id === "number" && Number.isSafeInteger(id))
    ? String(id)
    : undefined
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

/**
 * 400: the API rejected the request as malformed.
 *
 * @since 0.1.0
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@effect-factorial/core/BadRequest")(
  "BadRequest",
  httpErrorFields
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
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
    detail: Schema.optional(Schema.String),
    ...maybeAppliedField
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL and reason. */
  override get message(): string {
    const detail = [this.code, this.detail].filter(Predicate.isString).join(" ")
    return `${this.reason} error for ${this.method} ${this.url}${detail === "" ? "" : `: ${detail}`}.${appliedNote(this)}`
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
    timeout: Schema.DurationFromMillis,
    /**
     * `Attempt`: one attempt took longer than the client's `timeout`. `Deadline`: the whole call (attempts and
     * the waits between them) reached its `deadline`.
     */
    scope: Schema.optionalWith(Schema.Literal("Attempt", "Deadline"), { default: () => "Attempt" as const }),
    ...maybeAppliedField
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description with the method, URL and timeout. */
  override get message(): string {
    const what = this.scope === "Deadline" ? "did not complete within its deadline of" : "got no response within"
    return `${this.method} ${this.url} ${what} ${Duration.toMillis(this.timeout)} ms.${appliedNote(this)}`
  }
}

/**
 * A 2xx response whose body is not JSON, does not match the expected schema, or is larger than the client's
 * limit. It says where and how the body failed (the path, the kind of mismatch, length and content type), never
 * what the body holds: a body may carry personal data or secrets.
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
     * idempotent requests. `SchemaMismatch`: valid JSON of the wrong shape: never retried. `TooLarge`: the body
     * (decompressed) exceeded the client's `maxBodyBytes`; reading stopped there; never retried.
     */
    reason: Schema.Literal("NotJson", "SchemaMismatch", "TooLarge"),
    /** The path of the first field that failed, e.g. `["data", 3, "id"]`; empty for the whole body. */
    path: Schema.Array(PathSegment),
    /**
     * What did not match, field by field (`data[3].first_name: expected string, got null`), naming the kind of
     * each value received, never the value itself.
     */
    issue: Schema.String,
    /** The id of the record that did not match, when the body or the failing list item has one. */
    recordId: Schema.optional(Schema.String),
    /** The page of a scan the record came from (1 for the first page the scan fetched). */
    page: Schema.optional(Schema.Number),
    ...bodyInfoFields,
    ...maybeAppliedField
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line summary followed by the explanation. */
  override get message(): string {
    const where = [
      ...(this.recordId === undefined ? [] : [`record ${this.recordId}`]),
      ...(this.page === undefined ? [] : [`page ${this.page}`]),
      ...(describeBody(this) === "" ? [] : [describeBody(this)])
    ]
    const what = this.reason === "SchemaMismatch"
      ? `did not match the expected shape at ${Issues.formatPath(this.path)}`
      : this.reason === "TooLarge"
      ? "was too large"
      : "was not JSON"
    return `The response to ${this.method} ${this.url} ${what}${
      where.length === 0 ? "" : ` (${where.join(", ")})`
    }:\n${this.issue}${appliedNote(this) === "" ? "" : `\n${appliedNote(this).trim()}`}`
  }

  /**
   * Builds a `DecodeError` from the `ParseError` of decoding a response body.
   *
   * @since 0.1.0
   */
  static fromParseError(
    request: { readonly status: number; readonly method: string; readonly url: string } & BodyInfo,
    error: ParseResult.ParseError,
    body?: unknown
  ): DecodeError {
    const { issue, path } = Issues.describe(error)
    const recordId = body === undefined ? undefined : recordIdAt(body, path)
    return new DecodeError({
      ...request,
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /**
   * Builds an `InvalidRequest` from the `ParseError` of encoding an operation's input.
   *
   * @since 0.1.0
   */
  static fromParseError(operation: string, error: ParseResult.ParseError): InvalidRequest {
    const { issue, path } = Issues.describe(error)
    const message = `${operation}: invalid input at ${Issues.formatPath(path)}: ${issue}`
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
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
}

/**
 * A DELETE answered 404 on a retry, after an earlier attempt failed in a way that may have deleted the record (a
 * 5xx, a timeout, a lost connection). The record is gone, most likely deleted by that earlier attempt: for most
 * programs this is a success (`Effect.catchTag("AlreadyDeleted", () => Effect.void)`). It is not reported as
 * `NotFound`, which would say the record never existed; nor as success, since the deleted record the API
 * answers with is not available.
 *
 * @since 0.2.0
 */
export class AlreadyDeleted extends Schema.TaggedError<AlreadyDeleted>("@effect-factorial/core/AlreadyDeleted")(
  "AlreadyDeleted",
  {
    method: Schema.String,
    /** The request URL, without credentials. */
    url: Schema.String,
    /** The status of the last answer: 404. */
    status: Schema.Number,
    /** How the earlier attempt failed, e.g. `ServerError 500` or `TimeoutError`. */
    earlierFailure: Schema.String,
    /** The request id of the 404, when the server sent one. */
    requestId: Schema.optional(Schema.String),
    ...maybeAppliedField
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.2.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description of what happened. */
  override get message(): string {
    return `${this.method} ${this.url}: the record is gone; an earlier attempt (${this.earlierFailure}) most likely ` +
      `deleted it, and the retry answered ${this.status}`
  }
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
  | AlreadyDeleted

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
