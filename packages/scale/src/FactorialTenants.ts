/**
 * Many companies in one process: the `FactorialClient` of each tenant, built on first use from its stored tokens,
 * kept while in use and for an idle period after, within a bound.
 *
 * @since 0.1.0
 */
import {
  type AuthError,
  FactorialAuth,
  FactorialClient,
  type RateLimiter,
  type TokenStore,
  type TokenStoreError
} from "@effect-factorial/core"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as RcMap from "effect/RcMap"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { limited } from "./internal/limitedClient.js"
import type { RedisRateLimiter } from "./RedisRateLimiter.js"
import { SqlTokenStore as SqlTokenStoreTag } from "./SqlTokenStore.js"

/**
 * A tenant's client could not be built for a reason other than its tokens: the options derived for it are
 * invalid, or every cached tenant is in use and the cache is full.
 *
 * @since 0.1.0
 */
export class FactorialTenantsError extends Schema.TaggedError<FactorialTenantsError>(
  "@effect-factorial/scale/FactorialTenantsError"
)("FactorialTenantsError", {
  reason: Schema.Literal("InvalidConfiguration", "AtCapacity"),
  /** The tenant key. */
  tenant: Schema.String,
  /** What went wrong, without any secret. */
  detail: Schema.String
}) {
  /** A one-line description. */
  override get message(): string {
    return `Factorial tenant ${this.tenant}: ${this.detail}`
  }
}

/**
 * Everything that can keep a tenant's client from being built: no tokens or no client credentials in its store
 * (`AuthError`), a store that cannot be read (`TokenStoreError`), or `FactorialTenantsError`.
 *
 * @since 0.1.0
 */
export type TenantError = AuthError | TokenStoreError | FactorialTenantsError

/**
 * The default idle period: a tenant's client is dropped this long after its last use.
 *
 * @since 0.1.0
 */
export const defaultIdleTimeToLive: Duration.DurationInput = "10 minutes"

/**
 * The default bound on the number of cached tenants.
 *
 * @since 0.1.0
 */
export const defaultCapacity = 1000

/**
 * The clients of many tenants. Each has its own OAuth session (refreshing through its store, so with
 * `SqlTokenStore` once per expiry across every replica), its own rate budget and its own retry gate.
 *
 * @example
 * ```ts
 * import { FactorialClient } from "@effect-factorial/core"
 * import { FactorialTenants, SqlTokenStore } from "@effect-factorial/scale"
 * import * as Effect from "effect/Effect"
 *
 * // In a request handler: the client of the company the request is for.
 * const jobPostings = (companyId: string) =>
 *   Effect.gen(function*() {
 *     const client = yield* FactorialClient
 *     return yield* client.raw({ method: "GET", path: ["ats", "job_postings"] })
 *   }).pipe(Effect.provide(FactorialTenants.layerFor(companyId)))
 *
 * const TenantsLive = FactorialTenants.layerFromSql()
 * ```
 *
 * @since 0.1.0
 */
export class FactorialTenants extends Context.Tag("@effect-factorial/scale/FactorialTenants")<
  FactorialTenants,
  FactorialTenants.Service
>() {
  /**
   * Builds the cache; it lives as long as the scope (closing it drops every client).
   *
   * @since 0.1.0
   */
  static readonly make = (
    options: FactorialTenants.Options
  ): Effect.Effect<FactorialTenants.Service, ConfigError.ConfigError, Scope.Scope | HttpClient.HttpClient> =>
    make(options)

  /**
   * The cache as a layer.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: FactorialTenants.Options
  ): Layer.Layer<FactorialTenants, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.scoped(FactorialTenants, make(options))

  /**
   * The cache over the `SqlTokenStore` in context: each tenant's tokens are its row.
   *
   * @since 0.1.0
   */
  static readonly layerFromSql = (
    options: Omit<FactorialTenants.Options, "store"> = {}
  ): Layer.Layer<FactorialTenants, ConfigError.ConfigError, HttpClient.HttpClient | SqlTokenStoreTag> =>
    Layer.scoped(
      FactorialTenants,
      Effect.flatMap(SqlTokenStoreTag, (tokens) => make({ ...options, store: tokens.forTenant }))
    )

  /**
   * The `FactorialClient` of one tenant, from the `FactorialTenants` in context: provide it to the effect that
   * serves a request (`Effect.provide(FactorialTenants.layerFor(companyId))`).
   *
   * @since 0.1.0
   */
  static readonly layerFor = (key: string): Layer.Layer<FactorialClient, TenantError, FactorialTenants> =>
    Layer.unwrapEffect(Effect.map(FactorialTenants, (tenants) => tenants.layer(key)))
}

/**
 * Types of the `FactorialTenants` service.
 *
 * @since 0.1.0
 */
export declare namespace FactorialTenants {
  /**
   * Where each tenant's tokens are, and how its client is built.
   *
   * @since 0.1.0
   */
  export interface Options {
    /** The token store of a tenant, e.g. `SqlTokenStore`'s `forTenant`. */
    readonly store: (key: string) => TokenStore.Service
    /** Client id and secret, token endpoint, refresh margin, when the store does not hold them (or to override). */
    readonly oauth?: FactorialAuth.OAuthFromStoreOptions | ((key: string) => FactorialAuth.OAuthFromStoreOptions) | undefined
    /**
     * Client options other than `auth`: API version, retry, timeout, rate limit... The base URL defaults to the
     * one the tenant's tokens were issued for (`StoredTokens.baseUrl`).
     */
    readonly client?:
      | Omit<FactorialClient.Options, "auth">
      | ((key: string) => Omit<FactorialClient.Options, "auth">)
      | undefined
    /**
     * The rate budget and 429 gate of a tenant shared with other replicas, e.g. `RedisRateLimiter`'s `forTenant`
     * (whose `withSlot` holds each request's slot until its response). Default: each client keeps its own budget
     * (`client.rateLimit`).
     */
    readonly rateLimiter?:
      | ((key: string) => RateLimiter.Service | RedisRateLimiter.TenantLimiter)
      | undefined
    /** A tenant's client is dropped this long after its last use. Default 10 minutes. */
    readonly idleTimeToLive?: Duration.DurationInput | undefined
    /**
     * At most this many tenants are cached; the least recently used idle one makes room for a new one. When all
     * are in use, a new tenant fails with `FactorialTenantsError` (`AtCapacity`). Default 1000.
     */
    readonly capacity?: number | undefined
  }

  /**
   * The clients of every tenant.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The client of a tenant, held for the scope (the cache keeps it at least that long). */
    readonly client: (key: string) => Effect.Effect<FactorialClient.Service, TenantError, Scope.Scope>
    /** `client` as a layer. */
    readonly layer: (key: string) => Layer.Layer<FactorialClient, TenantError>
    /** Drops a tenant's client (e.g. after it authorized again); the next use builds a new one. */
    readonly invalidate: (key: string) => Effect.Effect<void>
    /** The tenants whose clients are cached now. */
    readonly cached: Effect.Effect<ReadonlyArray<string>>
  }
}

const resolve = <A>(option: A | ((key: string) => A) | undefined, key: string): A | undefined =>
  typeof option === "function" ? (option as (key: string) => A)(key) : option

const make = (
  options: FactorialTenants.Options
): Effect.Effect<FactorialTenants.Service, ConfigError.ConfigError, Scope.Scope | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const idle = Duration.decodeUnknown(options.idleTimeToLive ?? defaultIdleTimeToLive)
    if (Option.isNone(idle) || Duration.lessThan(idle.value, Duration.zero)) {
      return yield* Effect.fail(ConfigError.InvalidData(["idleTimeToLive"], "idleTimeToLive must be a duration of zero or more"))
    }
    const capacity = options.capacity ?? defaultCapacity
    if (!Number.isInteger(capacity) || capacity < 1) {
      return yield* Effect.fail(ConfigError.InvalidData(["capacity"], "capacity must be a whole number of at least 1"))
    }
    const context = yield* Effect.context<HttpClient.HttpClient>()
    const invalid = (key: string) => <E>(error: E) =>
      ConfigError.isConfigError(error)
        ? new FactorialTenantsError({ reason: "InvalidConfiguration", tenant: key, detail: String(error) })
        : error as Exclude<E, ConfigError.ConfigError>

    const build = (key: string): Effect.Effect<FactorialClient.Service, TenantError> =>
      Effect.gen(function*() {
        const store = options.store(key)
        const auth = yield* FactorialAuth.oauthFromStore(store, resolve(options.oauth, key)).pipe(
          Effect.mapError(invalid(key))
        )
        // The API host the tokens were issued for (the store's `baseUrl`), unless the options name one.
        const stored = yield* store.load
        const baseUrl = Option.getOrUndefined(Option.flatMapNullable(stored, (tokens) => tokens.baseUrl))
        const client = resolve(options.client, key)
        const limiter = options.rateLimiter?.(key)
        // A shared budget replaces the client's own: every attempt takes a slot of it, a 429 closes its gate. It
        // is applied at the transport, once the credential is there: a slot taken before waiting for a refresh
        // would let the requests queued behind the refresh reach the server in one burst. A limiter with
        // `withSlot` holds the slot until the response, so no delay on the way bunches requests at the server.
        const shared = limiter === undefined ? {} : {
          rateLimit: false as const,
          transformClient: (http: HttpClient.HttpClient) =>
            limited(limiter)(client?.transformClient === undefined ? http : client.transformClient(http))
        }
        return yield* FactorialClient.make({ baseUrl, ...client, ...shared, auth }).pipe(Effect.mapError(invalid(key)))
      }).pipe(
        Effect.provide(context),
        Effect.withSpan("FactorialTenants.build", { attributes: { tenant: key } })
      )

    const map = yield* RcMap.make({ lookup: build, idleTimeToLive: idle.value })
    /** Per cached tenant: how many scopes hold it, and when it was last released. */
    const usage = new Map<string, { active: number; lastUsed: number }>()

    /** Makes room for `key` by dropping the least recently used idle tenant; fails when every one is in use. */
    const admit = (key: string): Effect.Effect<void, FactorialTenantsError> =>
      Effect.gen(function*() {
        if (usage.has(key)) return
        const live = new Set(yield* RcMap.keys(map))
        for (const cachedKey of usage.keys()) if (!live.has(cachedKey)) usage.delete(cachedKey)
        if (usage.size < capacity) return
        let victim: string | undefined
        let oldest = Infinity
        for (const [cachedKey, use] of usage) {
          if (use.active === 0 && use.lastUsed < oldest) {
            victim = cachedKey
            oldest = use.lastUsed
          }
        }
        if (victim === undefined) {
          return yield* new FactorialTenantsError({
            reason: "AtCapacity",
            tenant: key,
            detail: `all ${capacity} cached tenants are in use`
          })
        }
        usage.delete(victim)
        yield* RcMap.invalidate(map, victim)
      })

    const client = (key: string): Effect.Effect<FactorialClient.Service, TenantError, Scope.Scope> =>
      Effect.gen(function*() {
        yield* admit(key)
        const use = usage.get(key) ?? { active: 0, lastUsed: 0 }
        usage.set(key, use)
        use.active++
        yield* Effect.addFinalizer(() =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            use.active--
            use.lastUsed = now
          })
        )
        return yield* RcMap.get(map, key).pipe(
          // A tenant that failed (not authorized yet, store down) is tried again on its next use.
          Effect.tapError(() => RcMap.invalidate(map, key))
        )
      })

    return FactorialTenants.of({
      client,
      layer: (key) => Layer.scoped(FactorialClient, client(key)),
      invalidate: (key) => Effect.zipRight(Effect.sync(() => usage.delete(key)), RcMap.invalidate(map, key)),
      cached: RcMap.keys(map)
    })
  })
