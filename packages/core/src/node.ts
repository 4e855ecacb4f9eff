/**
 * `@effect-factorial/core/node`: what needs a file system (`node:fs`; Node, Bun and Deno). Kept out of the
 * package root so that `@effect-factorial/core` bundles for browsers and edge runtimes without `node:*` modules.
 *
 * @since 0.2.0
 */

/**
 * A `TokenStore` in a JSON file (mode 0600, atomic saves, a lock file shared by processes).
 *
 * @since 0.2.0
 */
export * as FileTokenStore from "./FileTokenStore.js"
