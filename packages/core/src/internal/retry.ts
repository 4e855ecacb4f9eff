import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type { FactorialRequestError } from "../FactorialError.js"
import type { RequestMethod } from "../FactorialRequest.js"
import { defaultRetryOptions, type RetryOptions } from "../Retry.js"
import { parseRetryAfter } from "./retryAfter.js"

/** A resolved retry policy. */
export interface RetryPolicy {
  readonly times: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
}

const durationOr = (input: Duration.DurationInput | undefined, fallback: Duration.Duration): Duration.Duration =>
  input === undefined ? fallback : Option.getOrElse(Duration.decodeUnknown(input), () => fallback)

/** The policy from `options`, with missing fields taken from `base`. */
export const policyOf = (options: RetryOptions, base: RetryPolicy): RetryPolicy => ({
  times: options.times === undefined ? base.times : Math.max(0, Math.floor(options.times)),
  baseDelay: durationOr(options.baseDelay, base.baseDelay),
  maxDelay: durationOr(options.maxDelay, base.maxDelay),
  maxRetryAfter: durationOr(options.maxRetryAfter, base.maxRetryAfter)
})

/** The built-in policy. */
export const defaultPolicy: RetryPolicy = {
  times: defaultRetryOptions.times,
  baseDelay: Duration.decode(defaultRetryOptions.baseDelay),
  maxDelay: Duration.decode(defaultRetryOptions.maxDelay),
  maxRetryAfter: Duration.decode(defaultRetryOptions.maxRetryAfter)
}

/** Why `options` is not a usable policy, if it is not. */
export const validate = (options: RetryOptions): ReadonlyArray<readonly [string, string]> => {
  const problems: Array<readonly [string, string]> = []
  if (options.times !== undefined && !(Number.isInteger(options.times) && options.times >= 0)) {
    problems.push(["times", `must be a non-negative integer, got ${options.times}`])
  }
  for (const key of ["baseDelay", "maxDelay", "maxRetryAfter"] as const) {
    const input = options[key]
    if (input !== undefined && Option.isNone(Duration.decodeUnknown(input))) {
      problems.push([key, "is not a duration"])
    }
  }
  return problems
}

/**
 * The policy for one call: the call's own setting wins over the client's; a call that turns retries on for
 * a client without them gets the defaults for what it leaves out.
 */
export const resolve = (
  client: RetryPolicy | undefined,
  call: RetryOptions | false | undefined
): RetryPolicy | undefined => {
  if (call === false) return undefined
  if (call === undefined) return client
  return policyOf(call, client ?? defaultPolicy)
}

/** Connection errors that prove the request never reached the server, so even a POST may be sent again. */
const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])

/** Statuses worth another attempt of an idempotent request (429 is handled for every method). */
const transientStatuses = new Set([408, 500, 502, 503, 504])

const isRetryable = (error: FactorialRequestError, method: RequestMethod): boolean => {
  // A POST is not idempotent: replaying it after the server may have acted on it could create duplicates.
  const idempotent = method !== "POST"
  switch (error._tag) {
    case "TransportError":
      return error.reason === "Transport" &&
        (idempotent || (error.code !== undefined && neverSentCodes.has(error.code)))
    case "TimeoutError":
      return idempotent
    case "RateLimited":
      return true
    case "ServerError":
    case "UnexpectedStatus":
      return idempotent && transientStatuses.has(error.status)
    case "DecodeError":
      // A body cut short or replaced by a gateway page; valid JSON of the wrong shape would only fail again.
      return idempotent && error.reason === "NotJson"
    default:
      return false
  }
}

/** Exponential backoff with "equal jitter": half the delay is fixed, the other half random. */
const backoff = (policy: RetryPolicy, retried: number) =>
  Effect.map(Random.next, (random) => {
    const exponential = Duration.times(policy.baseDelay, 2 ** retried)
    const capped = Duration.min(exponential, policy.maxDelay)
    return Duration.millis(Duration.toMillis(capped) * (0.5 + random / 2))
  })

/** The wait before the next attempt, or `None` to give up now (the server asked for more than we accept). */
const delayFor = (error: FactorialRequestError, retried: number, policy: RetryPolicy) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const requested = "headers" in error ? parseRetryAfter(error.headers, now) : Option.none()
    if (Option.isSome(requested)) {
      return Effect.succeed(
        Duration.greaterThan(requested.value, policy.maxRetryAfter) ? Option.none() : Option.some(requested.value)
      )
    }
    return Effect.map(backoff(policy, retried), Option.some)
  })

/**
 * Runs `attempt`, retrying it according to `policy`. Sleeps on the Effect `Clock`, so interrupting the fiber
 * cancels a pending backoff, and tests can drive it with `TestClock`.
 */
export const withRetry = <A, R>(
  attempt: Effect.Effect<A, FactorialRequestError, R>,
  method: RequestMethod,
  policy: RetryPolicy | undefined
): Effect.Effect<A, FactorialRequestError, R> => {
  if (policy === undefined || policy.times === 0) return attempt
  const loop = (retried: number): Effect.Effect<A, FactorialRequestError, R> =>
    Effect.catchAll(attempt, (error) => {
      if (retried >= policy.times || !isRetryable(error, method)) return Effect.fail(error)
      return Effect.flatMap(delayFor(error, retried, policy), (delay) =>
        Option.isNone(delay)
          ? Effect.fail(error)
          : Effect.zipRight(Effect.sleep(delay.value), loop(retried + 1)))
    })
  return loop(0)
}
