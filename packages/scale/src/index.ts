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
