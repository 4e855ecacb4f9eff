/**
 * Rate budgets and the 429 gate shared by every replica through Redis: N replicas serving one company send at
 * most that company's budget together, and a 429 seen by one replica pauses all of them.
 *
 * @since 0.1.0
 */
import { defaultPostBudget, type RateLimitBudget, RateLimiter, type RateLimitOptions } from "@effect-factorial/core/RateLimit"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { Redis, RedisOptions } from "ioredis"

/**
 * Budgets kept in Redis, one set of keys per tenant: a sliding window per limited method (a sorted set of the
 * slots handed out, timed by the Redis server's clock, so replicas with skewed clocks agree) and a pause key for
 * the 429 gate. Each check is one Lua script, atomic across replicas. Within a process, waiters queue on a
 * semaphore so that one of them polls Redis at a time.
 *
 * When Redis cannot be reached, requests are not failed: each replica falls back to its own in-process window of
 * the same budget (so the cluster may send up to N times the budget until Redis answers again) and logs a warning.
 *
 * @example
 * ```ts
 * import { RedisRateLimiter } from "@effect-factorial/scale"
 * import * as Effect from "effect/Effect"
 *
 * const limiter = Effect.map(RedisRateLimiter, (budgets) => budgets.forTenant("company-42")).pipe(
 *   Effect.provide(RedisRateLimiter.layer({ url: "redis://127.0.0.1:6379" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class RedisRateLimiter extends Context.Tag("@effect-factorial/scale/RedisRateLimiter")<
  RedisRateLimiter,
  RedisRateLimiter.Service
>() {
  /**
   * Connects to Redis for as long as the scope lives. Fails with a `ConfigError` for a bad option.
   *
   * @since 0.1.0
   */
  static readonly make = (
    options: RedisRateLimiter.Options
  ): Effect.Effect<RedisRateLimiter.Service, ConfigError.ConfigError, Scope.Scope> => make(options)

  /**
   * The service as a layer; the connection closes with the layer.
   *
   * @since 0.1.0
   */
  static readonly layer = (options: RedisRateLimiter.Options): Layer.Layer<RedisRateLimiter, ConfigError.ConfigError> =>
    Layer.scoped(RedisRateLimiter, make(options))

  /**
   * The service as a layer, from `Config` (e.g. `url: Config.redacted("REDIS_URL")`).
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config: Config.Config.Wrap<RedisRateLimiter.Options>
  ): Layer.Layer<RedisRateLimiter, ConfigError.ConfigError> =>
    Layer.scoped(RedisRateLimiter, Effect.flatMap(Config.unwrap(config), make))
}

/**
 * Types of the `RedisRateLimiter` service.
 *
 * @since 0.1.0
 */
export declare namespace RedisRateLimiter {
  /**
   * Where Redis is and what the budgets are.
   *
   * @since 0.1.0
   */
  export interface Options {
    /** `redis://[user:password@]host:port[/db]` (or `rediss://`); alternatively `redis`. */
    readonly url?: string | Redacted.Redacted<string> | undefined
    /** ioredis options, for what a URL cannot say (sentinels, TLS settings). */
    readonly redis?: RedisOptions | undefined
    /** Prefix of every key. Default `factorial:ratelimit:`. */
    readonly prefix?: string | undefined
    /** The budgets of every tenant. Default: 200 POST per minute, GET unlimited (as `FactorialClient`). */
    readonly budgets?: RateLimitOptions | undefined
    /**
     * How long a request run by `withSlot` may go unanswered before its slot stops counting as in flight: the
     * slot then counts this long and a window more. Make it at least the longest attempt (the client's timeout).
     * Default 1 minute.
     */
    readonly maxRequestDuration?: Duration.DurationInput | undefined
  }

  /**
   * The budget of one tenant: `RateLimiter.Service`, and `withSlot`.
   *
   * @since 0.1.0
   */
  export interface TenantLimiter extends RateLimiter.Service {
    /**
     * Runs `effect` (one request of `method`) on a slot of the budget held until it ends: the slot is taken
     * before, and counts from then until a window after the response. Wherever in between the server times the
     * request, it never sees more than the budget in any window. `acquire` counts a slot from the moment it is
     * taken only, so the transport's delays can bunch requests at the server.
     */
    readonly withSlot: <A, E, R>(method: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  }

  /**
   * Budgets per tenant.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The limiter of one tenant (the key the Factorial budget belongs to: the company). */
    readonly forTenant: (key: string) => TenantLimiter
  }
}

/**
 * How long a request run by `withSlot` counts as in flight at most, when not configured.
 *
 * @since 0.1.0
 */
export const defaultMaxRequestDuration: Duration.DurationInput = "1 minute"

/**
 * Answers 0 when a slot was taken, else the milliseconds to wait (the gate's or the window's). A slot is a member
 * scored with the time it stops being "now": `now` for a slot counted from when it is taken, `now + ARGV[4]` for a
 * request in flight (rescored when it ends). It counts until its score is a window old; one in flight cannot end
 * sooner than a window from now, so a waiter never sleeps longer than a window.
 */
const acquireScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local limit = tonumber(ARGV[1])
if limit < 0 then return 0 end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[1], tonumber(last[2]) + window - now)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.min(window, tonumber(oldest[2]) + window - now))
`

/** A request ended: its slot (if still counted) is scored now, so it counts for one window from its end. */
const endScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
`

/** Extends the pause to `ARGV[1]` milliseconds from now (Redis's clock) unless it already lasts longer. */
const pauseScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
if target > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], target, 'PX', tonumber(ARGV[1]) + 1000)
end
return 0
`

/** The milliseconds left of the pause, 0 when there is none. */
const remainingScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > now then return paused - now end
return 0
`

/** A budget in milliseconds, or `undefined` for none; `budget` left out takes `fallback`. */
const checkBudget = (
  path: string,
  budget: RateLimitBudget | false | undefined,
  fallback: RateLimitBudget | undefined
): Effect.Effect<{ readonly limit: number; readonly windowMillis: number } | undefined, ConfigError.ConfigError> => {
  const chosen = budget === undefined ? fallback : budget === false ? undefined : budget
  if (chosen === undefined) return Effect.succeed(undefined)
  const window = Duration.decodeUnknown(chosen.window)
  if (!Number.isInteger(chosen.limit) || chosen.limit < 1) {
    return Effect.fail(ConfigError.InvalidData(["budgets", path, "limit"], "limit must be a whole number of at least 1"))
  }
  if (Option.isNone(window) || !Duration.isFinite(window.value) || Duration.toMillis(window.value) < 1) {
    return Effect.fail(
      ConfigError.InvalidData(["budgets", path, "window"], "window must be a finite duration of 1 ms or more")
    )
  }
  return Effect.succeed({ limit: chosen.limit, windowMillis: Math.round(Duration.toMillis(window.value)) })
}

const make = (
  options: RedisRateLimiter.Options
): Effect.Effect<RedisRateLimiter.Service, ConfigError.ConfigError, Scope.Scope> =>
  Effect.gen(function*() {
    const post = yield* checkBudget("post", options.budgets?.post, defaultPostBudget)
    const get = yield* checkBudget("get", options.budgets?.get, undefined)
    const maxRequestDuration = Duration.decodeUnknown(options.maxRequestDuration ?? defaultMaxRequestDuration)
    if (
      Option.isNone(maxRequestDuration) || !Duration.isFinite(maxRequestDuration.value) ||
      Duration.toMillis(maxRequestDuration.value) < 1
    ) {
      return yield* Effect.fail(
        ConfigError.InvalidData(["maxRequestDuration"], "maxRequestDuration must be a finite duration of 1 ms or more")
      )
    }
    const holdMillis = Math.ceil(Duration.toMillis(maxRequestDuration.value))
    const budgets = new Map<string, { readonly limit: number; readonly windowMillis: number }>()
    if (post !== undefined) budgets.set("POST", post)
    if (get !== undefined) budgets.set("GET", get)
    const prefix = options.prefix ?? "factorial:ratelimit:"
    const url = options.url === undefined
      ? undefined
      : Redacted.isRedacted(options.url)
      ? Redacted.value(options.url)
      : options.url
    // Loaded when used: an application without Redis does not need ioredis installed.
    const { Redis: RedisClient } = yield* Effect.tryPromise({
      try: () => import("ioredis"),
      catch: () => ConfigError.MissingData([], "RedisRateLimiter needs the ioredis package (version 5): install it")
    })
    const redis: Redis = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const settings: RedisOptions = { maxRetriesPerRequest: 1, ...options.redis }
        return url === undefined ? new RedisClient(settings) : new RedisClient(url, settings)
      }),
      (client) => Effect.promise(() => client.quit().catch(() => "closed"))
    )
    // ioredis reports connection trouble as events; without a listener Node would print each one.
    redis.on("error", () => undefined)

    const run = (script: string, keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
      Effect.tryPromise({
        try: () => redis.eval(script, keys.length, ...keys, ...args) as Promise<number>,
        catch: (cause) => (cause instanceof Error ? cause.message : String(cause))
      })

    let slots = 0
    const forTenant = (key: string): RedisRateLimiter.TenantLimiter => {
      const pauseKey = `${prefix}${key}:pause`
      const lanes = new Map(
        Array.from(budgets, ([method, budget]) => [
          method,
          { budget, key: `${prefix}${key}:${method}`, semaphore: Effect.unsafeMakeSemaphore(1) }
        ])
      )
      // The fallback while Redis does not answer: this process's own window of the same budgets (checked above).
      const local = Effect.runSync(Effect.orDie(RateLimiter.memory(options.budgets)))
      // Once per 30 seconds per tenant at most: while Redis is down every request would say it again.
      let warnedAt = -Infinity
      const degraded = (error: string) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          if (now - warnedAt < 30_000) return Effect.void
          warnedAt = now
          return Effect.logWarning("Redis rate limiter unavailable; using this process's own budget").pipe(
            Effect.annotateLogs({ tenant: key, error })
          )
        })

      /** Waits for a slot held `hold` milliseconds past now; answers whether Redis (not the fallback) gave it. */
      const take = (method: string, member: string, hold: number): Effect.Effect<boolean> => {
        const lane = lanes.get(method.toUpperCase())
        let viaRedis = true
        const attempt: Effect.Effect<number> = run(
          acquireScript,
          [lane?.key ?? `${prefix}${key}:unlimited`, pauseKey],
          [lane?.budget.limit ?? -1, lane?.budget.windowMillis ?? 0, member, hold]
        ).pipe(
          Effect.catchAll((error) =>
            Effect.zipRight(
              Effect.zipRight(degraded(error), Effect.sync(() => (viaRedis = false))),
              Effect.as(local.acquire(method), 0)
            )
          )
        )
        const loop: Effect.Effect<boolean> = Effect.flatMap(attempt, (wait) =>
          wait <= 0 ? Effect.sync(() => viaRedis) : Effect.zipRight(Effect.sleep(Duration.millis(wait)), loop))
        // Unlimited methods only wait for the 429 gate, side by side; a budget's waiters queue.
        return (lane === undefined ? loop : lane.semaphore.withPermits(1)(loop)).pipe(
          Effect.withSpan("RedisRateLimiter.acquire", { attributes: { tenant: key, method } })
        )
      }

      const newMember = () => `${Date.now()}-${process.pid}-${++slots}-${Math.random()}`

      const acquire = (method: string): Effect.Effect<void> => Effect.asVoid(take(method, newMember(), 0))

      const withSlot = <A, E, R>(method: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
        const lane = lanes.get(method.toUpperCase())
        if (lane === undefined) return Effect.zipRight(acquire(method), effect)
        const member = newMember()
        // Interrupted between the grant and here, the slot is not rescored: it counts its whole hold, the safe side.
        return Effect.uninterruptibleMask((restore) =>
          Effect.flatMap(restore(take(method, member, holdMillis)), (viaRedis) =>
            Effect.ensuring(
              restore(effect),
              viaRedis ? Effect.ignore(run(endScript, [lane.key], [member])) : Effect.void
            ))
        )
      }

      const pauseUntil = (epochMillis: number): Effect.Effect<void> =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const millis = Math.ceil(epochMillis - now)
          if (millis <= 0) return Effect.void
          return run(pauseScript, [pauseKey], [millis]).pipe(
            Effect.catchAll((error) => degraded(error)),
            Effect.asVoid
          )
        }).pipe(Effect.withSpan("RedisRateLimiter.pauseUntil", { attributes: { tenant: key } }))

      const pausedUntil: Effect.Effect<number> = run(remainingScript, [pauseKey], []).pipe(
        Effect.flatMap((left) => (left > 0 ? Effect.map(Clock.currentTimeMillis, (now) => now + left) : Effect.succeed(0))),
        Effect.catchAll((error) => Effect.as(degraded(error), 0))
      )

      return { acquire, withSlot, pauseUntil, pausedUntil }
    }

    return RedisRateLimiter.of({ forTenant })
  })
