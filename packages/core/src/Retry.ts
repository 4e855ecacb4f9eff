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
