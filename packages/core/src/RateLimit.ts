/**
 * The client-side rate limit: requests wait for a free slot instead of collecting 429s, and after a 429 every
 * request of the client waits until the server's `Retry-After` (the 429 gate).
 *
 * Factorial documents 200 POST requests per minute; that budget is on by default. GET has no documented
 * limit, so its budget is off unless configured. The budget lives in a `RateLimiter`: each client builds its own
 * in memory unless one is provided, so provide one `RateLimiter` layer to every client that shares the
 * company's budget. A memory limiter counts for one process; replicas share a budget only through a shared store
 * (such as the Redis limiter of `@effect-factorial/scale`).
 *
 * @since 0.1.0
 */
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Options from "./internal/options.js"
import * as Internal from "./internal/rateLimiter.js"

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
export const defaultPostBudget: RateLimitBudget = Internal.defaultPostBudget

/**
 * Where a client takes its request slots and its 429 gate. `FactorialClient.make` uses the `RateLimiter` in
 * context when there is one (ignoring its own `rateLimit` option), else builds a memory one from `rateLimit`.
 * Share one across client layers so that they share the POST budget and the gate:
 *
 * @example
 * ```ts
 * import { FactorialAuth, FactorialClient, RateLimiter } from "@effect-factorial/core"
 * import * as Layer from "effect/Layer"
 *
 * // One budget (200 POST per minute) and one 429 gate for both clients, in this process.
 * const Shared = RateLimiter.layerMemory()
 * const Importer = FactorialClient.layer({ auth: FactorialAuth.apiKey("key") }).pipe(Layer.provide(Shared))
 * const Syncer = FactorialClient.layer({ auth: FactorialAuth.apiKey("key") }).pipe(Layer.provide(Shared))
 * ```
 *
 * @since 0.2.0
 */
export class RateLimiter extends Context.Tag("@effect-factorial/core/RateLimiter")<
  RateLimiter,
  RateLimiter.Service
>() {
  /**
   * A limiter in this process's memory: a sliding window per budgeted method, and the 429 gate. Fails with a
   * `ConfigError` for an invalid budget. `false` for no budget at all (the gate still works).
   *
   * @since 0.2.0
   */
  static readonly memory = (
    options?: RateLimitOptions | false
  ): Effect.Effect<RateLimiter.Service, ConfigError.ConfigError> =>
    Either.match(Options.checkRateLimit(options), {
      onLeft: Effect.fail,
      onRight: Internal.memory
    })

  /**
   * `memory` as a layer. Provide the same layer value to several clients (layers are memoized by reference) to
   * share one budget between them.
   *
   * @since 0.2.0
   */
  static readonly layerMemory = (
    options?: RateLimitOptions | false
  ): Layer.Layer<RateLimiter, ConfigError.ConfigError> => Layer.effect(RateLimiter, RateLimiter.memory(options))
}

/**
 * Types of the `RateLimiter` service.
 *
 * @since 0.2.0
 */
export declare namespace RateLimiter {
  /**
   * What a limiter does. Implementations must be safe to call from many fibers at once.
   *
   * @since 0.2.0
   */
  export interface Service {
    /** Waits until a request of `method` (`"GET"`, `"POST"`...) fits its budget and the 429 gate is open. */
    readonly acquire: (method: string) => Effect.Effect<void>
    /** Closes the 429 gate until `epochMillis` (never moves it earlier): every `acquire` waits until then. */
    readonly pauseUntil: (epochMillis: number) => Effect.Effect<void>
    /** When the gate opens, in epoch milliseconds; `0` when it is open. */
    readonly pausedUntil: Effect.Effect<number>
  }
}
