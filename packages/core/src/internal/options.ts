import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { RateLimitBudget, RateLimitOptions } from "../RateLimit.js"
import { defaultRetryBudget, type RetryBudgetOptions, type RetryOptions } from "../Retry.js"
import * as HeaderValue from "./headerValue.js"
import { defaultPostBudget } from "./rateLimiter.js"
import * as Retry from "./retry.js"
import { packageVersion } from "./version.js"

/** Hosts where plain `http:` is acceptable: the traffic never leaves the machine. */
const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"])

/** `YYYY-MM-DD` naming a real calendar day. */
export const checkApiVersion = (
  path: ReadonlyArray<string>,
  version: string
): Either.Either<string, ConfigError.ConfigError> => {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(version) &&
    !Number.isNaN(Date.parse(`${version}T00:00:00Z`)) &&
    new Date(`${version}T00:00:00Z`).toISOString().slice(0, 10) === version
  return isDate
    ? Either.right(version)
    : Either.left(ConfigError.InvalidData(
      [...path],
      `The API version must be a date such as "2026-07-01" (YYYY-MM-DD), got ${JSON.stringify(version)}`
    ))
}

/**
 * An absolute `https:` URL without credentials, query or fragment (plain `http:` only for loopback hosts,
 * since every request carries credentials). Answers it without a trailing slash.
 */
export const checkBaseUrl = (
  path: ReadonlyArray<string>,
  input: string
): Either.Either<string, ConfigError.ConfigError> => {
  const invalid = (problem: string) => Either.left(ConfigError.InvalidData([...path], `The base URL ${problem}`))
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return invalid("is not an absolute URL such as https://api.factorialhr.com")
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return invalid("must use https")
  if (url.username !== "" || url.password !== "") {
    return invalid("must not contain credentials; pass them with the auth option")
  }
  if (url.search !== "" || url.hash !== "") return invalid("must not have a query or a fragment")
  if (url.protocol === "http:" && !loopbackHosts.has(url.hostname)) {
    return invalid(
      "uses plain http, which would send the credentials unencrypted; use https " +
        "(http is accepted only for localhost, 127.0.0.1 and ::1)"
    )
  }
  return Either.right(`${url.origin}${url.pathname.replace(/\/+$/, "")}`)
}

export const checkDuration = (
  path: ReadonlyArray<string>,
  input: Duration.DurationInput
): Either.Either<Duration.Duration, ConfigError.ConfigError> =>
  Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(ConfigError.InvalidData([...path], `${path.join(".")} is not a duration`)),
    onSome: (duration) =>
      Duration.greaterThan(duration, Duration.zero)
        ? Either.right(duration)
        : Either.left(ConfigError.InvalidData([...path], `${path.join(".")} must be longer than zero`))
  })

/** A positive per-attempt timeout. */
export const checkTimeout = (input: Duration.DurationInput) => checkDuration(["timeout"], input)

/** The client's retry policy; `undefined` when retries are off. */
export const checkRetry = (
  retry: RetryOptions | false | undefined
): Either.Either<Retry.RetryPolicy | undefined, ConfigError.ConfigError> => {
  if (retry === false) return Either.right(undefined)
  if (retry === undefined) return Either.right(Retry.defaultPolicy)
  const [problem] = Retry.validate(retry)
  return problem === undefined
    ? Either.right(Retry.policyOf(retry, Retry.defaultPolicy))
    : Either.left(ConfigError.InvalidData(["retry", problem[0]], `retry.${problem[0]} ${problem[1]}`))
}

const checkBudget = (
  name: "post" | "get",
  budget: RateLimitBudget
): Either.Either<RateLimitBudget, ConfigError.ConfigError> => {
  if (!(Number.isInteger(budget.limit) && budget.limit > 0)) {
    return Either.left(
      ConfigError.InvalidData(["rateLimit", name, "limit"], `rateLimit.${name}.limit must be a positive integer`)
    )
  }
  return Either.map(checkDuration(["rateLimit", name, "window"], budget.window), () => budget)
}

/** The budgets per method; POST has Factorial's documented budget unless told otherwise. */
export const checkRateLimit = (
  rateLimit: RateLimitOptions | false | undefined
): Either.Either<{ readonly POST?: RateLimitBudget; readonly GET?: RateLimitBudget }, ConfigError.ConfigError> => {
  if (rateLimit === false) return Either.right({})
  const post = rateLimit?.post === undefined ? defaultPostBudget : rateLimit.post
  const get = rateLimit?.get ?? false
  return Either.all({
    POST: post === false ? Either.right(undefined) : checkBudget("post", post),
    GET: get === false ? Either.right(undefined) : checkBudget("get", get)
  }).pipe(Either.map(({ GET, POST }) => ({ ...(POST ? { POST } : {}), ...(GET ? { GET } : {}) })))
}

/** The `user-agent`: the SDK's, then the application's when given (a value a header can carry). */
export const checkUserAgent = (userAgent: string | undefined): Either.Either<string, ConfigError.ConfigError> => {
  const sdk = `effect-factorial/${packageVersion}`
  const own = userAgent === undefined ? "" : HeaderValue.trimFinalNewline(userAgent).trim()
  if (own === "") return Either.right(sdk)
  const problem = HeaderValue.problem(own)
  return problem === undefined
    ? Either.right(`${sdk} ${own}`)
    : Either.left(ConfigError.InvalidData(["userAgent"], `The userAgent cannot be sent: ${problem}`))
}

/** A size limit in bytes: a positive integer. */
export const checkByteLimit = (name: string, bytes: number): Either.Either<number, ConfigError.ConfigError> =>
  Number.isSafeInteger(bytes) && bytes > 0
    ? Either.right(bytes)
    : Either.left(ConfigError.InvalidData([name], `${name} must be a positive integer number of bytes`))

/** The retry budget's settings; `undefined` when it is off. */
export const checkRetryBudget = (
  budget: RetryBudgetOptions | false | undefined
): Either.Either<Retry.RetryBudgetSettings | undefined, ConfigError.ConfigError> => {
  if (budget === false) return Either.right(undefined)
  const settings = { ...defaultRetryBudget, ...Object.fromEntries(Object.entries(budget ?? {}).filter(([, v]) => v !== undefined)) }
  for (const [name, value] of Object.entries(settings)) {
    if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      return Either.left(ConfigError.InvalidData(["retryBudget", name], `retryBudget.${name} must be a number >= 0`))
    }
  }
  return Either.right(settings)
}
