import * as Headers from "@effect/platform/Headers"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import {
  BadRequest,
  Conflict,
  type FactorialHttpError,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Unauthorized,
  UnexpectedStatus,
  UnprocessableEntity
} from "../FactorialError.js"
import { parseRetryAfter } from "./retryAfter.js"
import { safeUrl } from "./url.js"

/** Response headers that carry a request id, most common first. */
const requestIdHeaders = ["x-request-id", "x-correlation-id", "request-id", "x-amzn-requestid"]

/** How much of a non-JSON body an error keeps. */
const maxTextBody = 2000

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

/** Parses a body leniently: JSON, else text cut to a readable length, else nothing. */
export const lenientBody = (text: string | undefined): unknown => {
  if (text === undefined || text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text.length > maxTextBody ? `${text.slice(0, maxTextBody)}…` : text
  }
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
const fieldErrors = (body: unknown): Record<string, ReadonlyArray<string>> | undefined => {
  if (!Predicate.isRecord(body) || !Predicate.isRecord(body.errors)) return undefined
  const out: Record<string, ReadonlyArray<string>> = {}
  for (const [field, messages] of Object.entries(body.errors)) {
    if (Array.isArray(messages)) out[field] = messages.map(String)
    else if (Predicate.isString(messages)) out[field] = [messages]
  }
  return out
}

/** What an HTTP error needs to know about the response. */
export interface ResponseInfo {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly text: string | undefined
  readonly nowMillis: number
}

/** The error class for a non-2xx response. */
export const fromResponse = (info: ResponseInfo): FactorialHttpError => {
  const body = lenientBody(info.text)
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
    ...(body === undefined ? {} : { body })
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
