import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import { AlreadyDeleted, type FactorialRequestError } from "../FactorialError.js"
import type { RequestMethod } from "../FactorialRequest.js"
import { defaultRetryOptions, type RetryOptions } from "../Retry.js"
import type { Limiter } from "./rateLimiter.js"
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
      return idempotent && error.scope === "Attempt"
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

/**
 * Whether a write may have been applied although this attempt failed: the request may have reached the server.
 * Never for a GET; never when it provably was not sent or was refused (4xx).
 */
export const mayHaveApplied = (error: FactorialRequestError, method: RequestMethod): boolean => {
  if (method === "GET") return false
  switch (error._tag) {
    case "TransportError":
      return error.reason === "Transport" && !(error.code !== undefined && neverSentCodes.has(error.code))
    case "TimeoutError":
    case "DecodeError":
      // No answer in time (the request may be in the server), or a 2xx whose body could not be read.
      return true
    case "AuthError":
    case "InvalidRequest":
    case "AlreadyDeleted":
      return false
    default:
      // An HTTP status: a 4xx means the server refused it; anything else (5xx, a redirect) may follow a write.
      return !(error.status >= 400 && error.status < 500)
  }
}

/** The error with `maybeApplied` set: a copy with the same class, so tags, guards and messages still hold. */
const markApplied = (error: FactorialRequestError): FactorialRequestError =>
  "maybeApplied" in error && !error.maybeApplied
    ? Object.assign(Object.create(Object.getPrototypeOf(error)), error, { maybeApplied: true })
    : error

/** "ServerError 500", "TimeoutError" */
const describeFailure = (error: FactorialRequestError): string =>
  "status" in error ? `${error._tag} ${error.status}` : error._tag

/**
 * The client-wide retry budget (a token bucket, after the retry quota of the AWS SDKs' standard retry mode): a
 * retry costs tokens, a call that succeeds refunds what it spent and one more. When an API fails everywhere the
 * bucket empties and calls fail at once instead of multiplying the load by the retries.
 */
export interface RetryBudget {
  /** Takes `cost` tokens when available; answers whether it did. */
  readonly take: (cost: number) => Effect.Effect<boolean>
  readonly refund: (tokens: number) => Effect.Effect<void>
  readonly retryCost: number
  readonly timeoutCost: number
}

/** Settings of the retry budget. */
export interface RetryBudgetSettings {
  readonly capacity: number
  readonly retryCost: number
  readonly timeoutCost: number
}

/** A budget in memory, full at first; `undefined` settings: no budget (every retry allowed). */
export const makeBudget = (settings: RetryBudgetSettings | undefined): Effect.Effect<RetryBudget> =>
  Effect.map(Ref.make(settings?.capacity ?? 0), (tokens) => ({
    take: (cost) =>
      settings === undefined
        ? Effect.succeed(true)
        : Ref.modify(tokens, (available) => (available >= cost ? [true, available - cost] : [false, available])),
    refund: (amount) =>
      settings === undefined ? Effect.void : Ref.update(tokens, (available) => Math.min(settings.capacity, available + amount)),
    retryCost: settings?.retryCost ?? 0,
    timeoutCost: settings?.timeoutCost ?? 0
  }))

/** Full jitter: a uniformly random wait between zero and the capped exponential delay. */
const backoff = (policy: RetryPolicy, retried: number) =>
  Effect.map(Random.next, (random) => {
    const exponential = Duration.times(policy.baseDelay, 2 ** retried)
    const capped = Duration.min(exponential, policy.maxDelay)
    return Duration.millis(Duration.toMillis(capped) * random)
  })

/** A server-requested wait is never shortened, and lengthened by up to this share so that waiters spread out. */
const retryAfterJitter = 0.2

/** What one call needs to retry. */
export interface CallSettings {
  readonly method: RequestMethod
  readonly policy: RetryPolicy | undefined
  readonly budget: RetryBudget
  readonly limiter: Limiter
  /** When the whole call must be over (epoch millis), if bounded. */
  readonly deadlineAt: number | undefined
}

/**
 * Runs `attempt` (which waits for its own rate-limit slot), retrying it according to the policy, the retry
 * budget and the deadline:
 * - every wait is jittered (full jitter for backoff; a `Retry-After` is waited in full plus up to 20%);
 * - a 429 closes the limiter's gate for every request of the client until its `Retry-After` (or the backoff);
 * - a retry is made only if the budget pays for it and the wait ends before the deadline;
 * - a write whose attempt may have reached the server marks every later error `maybeApplied`; a DELETE whose
 *   retry answers 404 after that reports `AlreadyDeleted`.
 * Sleeps on the Effect `Clock`, so interrupting the fiber cancels a pending wait, and tests can use `TestClock`.
 */
export const withRetry = <A, R>(
  attempt: Effect.Effect<A, FactorialRequestError, R>,
  settings: CallSettings
): Effect.Effect<A, FactorialRequestError, R> => {
  const { budget, deadlineAt, limiter, method, policy } = settings
  const loop = (
    retried: number,
    spent: number,
    earlier: FactorialRequestError | undefined
  ): Effect.Effect<A, FactorialRequestError, R> =>
    Effect.matchEffect(attempt, {
      onSuccess: (value) => Effect.as(budget.refund(spent + 1), value),
      onFailure: (raw) =>
        Effect.gen(function*() {
          const applied = earlier !== undefined && earlier._tag !== "AlreadyDeleted" && mayHaveApplied(earlier, method)
          if (applied && method === "DELETE" && raw._tag === "NotFound") {
            return yield* Effect.fail(
              new AlreadyDeleted({
                method: raw.method,
                url: raw.url,
                status: raw.status,
                earlierFailure: describeFailure(earlier!),
                maybeApplied: true,
                ...(raw.requestId === undefined ? {} : { requestId: raw.requestId })
              })
            )
          }
          const error = applied || mayHaveApplied(raw, method) ? markApplied(raw) : raw
          const now = yield* Clock.currentTimeMillis
          const asked = "headers" in raw ? parseRetryAfter(raw.headers, now) : Option.none()
          if (raw._tag === "RateLimited") {
            // Everyone waits: the gate closes for the server's wait, or a doubling second when it named none.
            const gate = Option.isSome(asked) ? Duration.toMillis(asked.value) : 1000 * 2 ** retried
            yield* limiter.pauseUntil(now + gate)
          }
          if (policy === undefined || retried >= policy.times || !isRetryable(raw, method)) {
            return yield* Effect.fail(error)
          }
          // The server asked for more than we accept to wait: fail now with its error (and its `retryAfter`).
          if (Option.isSome(asked) && Duration.greaterThan(asked.value, policy.maxRetryAfter)) {
            return yield* Effect.fail(error)
          }
          const wait = Option.isSome(asked)
            ? Duration.millis(Math.ceil(Duration.toMillis(asked.value) * (1 + retryAfterJitter * (yield* Random.next))))
            : yield* backoff(policy, retried)
          if (deadlineAt !== undefined && now + Duration.toMillis(wait) >= deadlineAt) return yield* Effect.fail(error)
          const cost = raw._tag === "TimeoutError" ? budget.timeoutCost : budget.retryCost
          if (!(yield* budget.take(cost))) return yield* Effect.fail(error)
          yield* Effect.sleep(wait)
          return yield* loop(retried + 1, spent + cost, earlier !== undefined && applied ? earlier : raw)
        })
    })
  return loop(0, 0, undefined)
}
