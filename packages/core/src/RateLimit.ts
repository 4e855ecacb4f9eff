/**
 * The client-side rate limit: requests wait for a free slot instead of collecting 429s.
 *
 * Factorial documents 200 POST requests per minute; that budget is on by default. GET has no documented
 * limit, so its budget is off unless configured.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * At most `limit` requests in any sliding `window`.
 *
 * @since 0.1.0
 */
export interface RateLimitBudget {
  readonly limit: number
  readonly window: Duration.DurationInput
}

/**
 * Budgets per method; `false` (or, for `get`, leaving it out) means unlimited.
 *
 * @since 0.1.0
 */
export interface RateLimitOptions {
  /** Budget for POST requests. Default 200 per minute. */
  readonly post?: RateLimitBudget | false | undefined
  /** Budget for GET requests. Default none. */
  readonly get?: RateLimitBudget | false | undefined
}

/**
 * Factorial's documented POST budget: 200 per minute.
 *
 * @since 0.1.0
 */
export const defaultPostBudget: RateLimitBudget = { limit: 200, window: "1 minute" }
