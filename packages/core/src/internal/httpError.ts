import * as Headers from "@effect/platform/Headers"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import {
  BadRequest,
  Conflict,
  type ErrorBody,
  type FactorialHttpError,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Unauthorized,
  UnexpectedStatus,
  UnprocessableEntity
} from "../FactorialError.js"
import * as Body from "./body.js"
import { parseRetryAfter } from "./retryAfter.js"
import { safeUrl } from "./url.js"

/** Response headers that carry a request id, most common first. */
const requestIdHeaders = ["x-request-id", "x-correlation-id", "request-id", "x-amzn-requestid"]

/** A 3xx, or the status 0 of a redirect a browser's fetch refused to expose (`redirect: "manual"`). */
export const isRedirect = (status: number): boolean => status === 0 || (status >= 300 && status < 400)

/** A redirect's target, absolute and safe to show; `undefined` when there is none or it is not a URL. */
const redirectLocation = (location: string | undefined, requestUrl: string): string | undefined => {
  if (location === undefined) return undefined
  try {
    return safeUrl(new URL(location, requestUrl))
  } catch {
    return undefined
  }
}

/** The longest text an error keeps of one field of an error body. */
const maxFieldText = 300

/** A string from an error body: control characters flattened, cut to a readable length. */
const fieldText = (value: string): string => {
  const flat = value.replace(/[\x00-\x1F\x7F]+/g, " ").trim()
  return flat.length > maxFieldText ? `${flat.slice(0, maxFieldText)}…` : flat
}

const strings = (values: ReadonlyArray<unknown>): Array<string> => values.filter(Predicate.isString).map(fieldText)

/**
 * The error fields of a body (`error`, `message`, `errors`) when it is JSON, and nothing else of it: the rest
 * may hold personal data.
 */
export const errorBody = (text: string): ErrorBody | undefined => {
  if (text.trim() === "") return undefined
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Predicate.isRecord(json)) return undefined
  const out: { error?: string; message?: string; errors?: ErrorBody["errors"] } = {}
  if (Predicate.isString(json.error)) out.error = fieldText(json.error)
  if (Predicate.isString(json.message)) out.message = fieldText(json.message)
  const errors = json.errors
  if (errors === null) out.errors = null
  else if (Predicate.isString(errors)) out.errors = fieldText(errors)
  else if (Array.isArray(errors)) out.errors = strings(errors)
  else if (Predicate.isRecord(errors)) {
    const fields: Record<string, ReadonlyArray<string>> = {}
    for (const [field, messages] of Object.entries(errors)) {
      fields[fieldText(field)] = Array.isArray(messages) ? strings(messages) : strings([messages])
    }
    out.errors = fields
  }
  return Object.keys(out).length === 0 && !("errors" in json) ? undefined : out
}

/** Response headers as plain strings, with the values of secret headers replaced. */
export const redactHeaders = (
  headers: Headers.Headers,
  redactedNames: ReadonlyArray<string | RegExp>
): Record<string, string> => {
  const redacted = Headers.redact(headers, redactedNames)
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(redacted)) {
    out[name] = Redacted.isRedacted(value) ? "<redacted>" : value
  }
  return out
}

/** The `{"errors": {field: [message]}}` shape of a 422, when the body has it. */
const fieldErrors = (body: ErrorBody | undefined): Record<string, ReadonlyArray<string>> | undefined =>
  body !== undefined && Predicate.isRecord(body.errors) && !Array.isArray(body.errors)
    ? body.errors as Record<string, ReadonlyArray<string>>
    : undefined

/** What an HTTP error needs to know about the response. */
export interface ResponseInfo {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly headers: Record<string, string>
  /** What was read of the body (up to the error-body limit); `undefined` when it was not read. */
  readonly body: Body.Read | undefined
  readonly nowMillis: number
  readonly debugBodies: boolean
}

/** The error class for a non-2xx response. */
export const fromResponse = (info: ResponseInfo): FactorialHttpError => {
  const body = info.body === undefined || !info.body.complete ? undefined : errorBody(Body.text(info.body))
  const location = isRedirect(info.status) ? redirectLocation(info.headers.location, info.url) : undefined
  const headers = info.headers.location === undefined
    ? info.headers
    : { ...info.headers, location: location ?? "<redacted>" }
  const requestId = requestIdHeaders.map((name) => info.headers[name]).find(Predicate.isString)
  const fields = {
    status: info.status,
    method: info.method,
    url: info.url,
    headers,
    ...(requestId === undefined ? {} : { requestId }),
    ...(body === undefined ? {} : { body }),
    ...Body.info(info.body, info.debugBodies)
  }
  switch (info.status) {
    case 400:
      return new BadRequest(fields)
    case 401:
      return new Unauthorized(fields)
    case 403:
      return new Forbidden(fields)
    case 404:
      return new NotFound(fields)
    case 409:
      return new Conflict(fields)
    case 422: {
      const errors = fieldErrors(body)
      return new UnprocessableEntity(errors === undefined ? fields : { ...fields, fieldErrors: errors })
    }
    case 429: {
      const retryAfter = parseRetryAfter(info.headers, info.nowMillis)
      return new RateLimited(Option.isSome(retryAfter) ? { ...fields, retryAfter: retryAfter.value } : fields)
    }
    default:
      return info.status >= 500 && info.status <= 599
        ? new ServerError(fields)
        : new UnexpectedStatus(location === undefined ? fields : { ...fields, location })
  }
}
