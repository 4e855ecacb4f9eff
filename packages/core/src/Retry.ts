/**
 * The retry policy of the client: which failures are retried, how often and how long to wait.
 *
 * GET, PUT and DELETE are retried on transport errors, timeouts, 408, 429, 500, 502, 503 and 504.
 * POST is retried only on 429 and when the connection provably never reached the server (a system error
 * code such as `ECONNREFUSED`); a POST that may have been processed is never replayed.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * Settings of the retry policy; every field is optional and falls back to `defaultRetryOptions`.
 *
 * @since 0.1.0
 */
export interface RetryOptions {
  /** How many times a failed attempt is retried (so at most `times + 1` attempts). Default 2. */
  readonly times?: number | undefined
  /** The first backoff delay, doubled on every retry and jittered. Default 500 millis. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** The longest backoff delay. Default 8 seconds. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /**
   * The longest `Retry-After` the client will wait. A server asking for more fails the call at once with
   * `RateLimited` (carrying `retryAfter`). Default 60 seconds.
   */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}

/**
 * The policy used when a client is built without `retry`.
 *
 * @since 0.1.0
 */
export const defaultRetryOptions: {
  readonly times: number
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  readonly maxRetryAfter: Duration.DurationInput
} = {
  times: 2,
  baseDelay: "500 millis",
  maxDelay: "8 seconds",
  maxRetryAfter: "60 seconds"
}

/**
 * The client-wide retry budget: a token bucket that a retry draws from and a successful call refills, so that an
 * API failing everywhere gets few retries instead of `times` per call (after the retry quota of the AWS SDKs'
 * standard retry mode). Per client instance, in memory.
 *
 * @since 0.2.0
 */
export interface RetryBudgetOptions {
  /** Tokens when full (and at start). Default 500. */
  readonly capacity?: number | undefined
  /** Tokens a retry costs. Default 5. */
  readonly retryCost?: number | undefined
  /** Tokens a retry after a timeout costs. Default 10. */
  readonly timeoutCost?: number | undefined
}

/**
 * The retry budget used when a client is built without `retryBudget`: 500 tokens, 5 per retry, 10 per retry
 * after a timeout; each successful call refunds what it spent plus 1. With retries failing everywhere, the first
 * 50 calls (at 2 retries each) retry, then calls fail at once until successes refill the bucket.
 *
 * @since 0.2.0
 */
export const defaultRetryBudget: {
  readonly capacity: number
  readonly retryCost: number
  readonly timeoutCost: number
} = { capacity: 500, retryCost: 5, timeoutCost: 10 }

/**
 * The longest one call may take from its first send, attempts and waits included, when nothing is configured:
 * 2 minutes. Without it the defaults allow 3 attempts of 30 s plus 2 waits of up to 72 s (a 60 s `Retry-After`
 * plus 20% jitter): 234 s.
 *
 * @since 0.2.0
 */
export const defaultDeadline: Duration.DurationInput = "2 minutes"
