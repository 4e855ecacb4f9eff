/**
 * @since 0.1.0
 */
export {
  /**
   * OAuth tokens of many tenants in one SQL table, refreshed once per expiry across every replica.
   *
   * @since 0.1.0
   */
  SqlTokenStore
} from "./SqlTokenStore.js"

export {
  /**
   * Rate budgets and the 429 gate of each tenant, shared by every replica through Redis.
   *
   * @since 0.1.0
   */
  RedisRateLimiter
} from "./RedisRateLimiter.js"

export {
  /**
   * The clients of many tenants in one process, built from their stores on first use and cached.
   *
   * @since 0.1.0
   */
  FactorialTenants,
  /**
   * A tenant's client could not be built (bad options, cache full).
   *
   * @since 0.1.0
   */
  FactorialTenantsError,
  /**
   * Everything that can keep a tenant's client from being built.
   *
   * @since 0.1.0
   */
  type TenantError
} from "./FactorialTenants.js"
