/**
 * `@effect-factorial/core`: the HTTP client, authentication, typed errors, retries, rate limiting and
 * pagination shared by every package of effect-factorial.
 *
 * Entry-point rule: every module is exported from here once. A module named after one service or one family of
 * data types is flattened (`FactorialClient`, `FactorialError`, `FactorialRequest`, `RateLimit`, `Retry`,
 * `TokenStore`); a module of functions is a namespace (`FactorialAuth`, `OAuth`, `Pagination`, `Secret`), and
 * what it defines is reached through it (`Pagination.Page`, `Pagination.PaginationError`, `OAuth.OAuthError`). No
 * name is exported twice; `internal/` is never exported.
 *
 * @since 0.1.0
 */

/**
 * How requests authenticate: `FactorialAuth.apiKey`, `FactorialAuth.accessToken`, `FactorialAuth.oauth`, or a
 * custom source.
 *
 * @since 0.1.0
 */
export * as FactorialAuth from "./FactorialAuth.js"

/**
 * How responses are decoded: Effect Schema with a compiled fast path for the success case.
 *
 * @since 0.2.0
 */
export * as Decoder from "./Decoder.js"

export * from "./FactorialClient.js"

export * from "./FactorialError.js"

export * from "./FactorialRequest.js"

/**
 * The id-preserving JSON reader the client uses: `Json.parse`.
 *
 * @since 0.1.0
 */
export * as Json from "./Json.js"

/**
 * Describing a failed decode by path and kind of mismatch, never by value: `Mismatches.lines`.
 *
 * @since 0.1.0
 */
export * as Mismatches from "./Mismatches.js"

/**
 * The OAuth2 authorization-code flow: `authorizationUrl`, `exchangeCode`, `refresh`, `revoke`.
 *
 * @since 0.1.0
 */
export * as OAuth from "./OAuth.js"

/**
 * Generic pagination over list endpoints: cursor and offset streams.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

export * from "./RateLimit.js"

export * from "./Retry.js"

/**
 * Comparing a secret with a received value in constant time: `Secret.matches`.
 *
 * @since 0.2.0
 */
export * as Secret from "./Secret.js"

export * from "./TokenStore.js"
