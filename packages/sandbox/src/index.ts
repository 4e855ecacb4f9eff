/**
 * `@effect-factorial/sandbox`: a stateful fake of the Factorial ATS API, with seed data, faults and rate limits,
 * served over HTTP or in-process.
 *
 * @since 0.1.0
 */

/**
 * Injected faults and latency.
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * The sandbox: options, the app, the server and in-process layers.
 *
 * @since 0.1.0
 */
export * as Sandbox from "./Sandbox.js"

/**
 * The credential check (API keys and bearer tokens), replaceable for OAuth.
 *
 * @since 0.1.0
 */
export * as SandboxAuth from "./SandboxAuth.js"

export * from "./SandboxOAuth.js"

export * from "./SandboxServer.js"

export * from "./SandboxState.js"

export * from "./SandboxWebhooks.js"

/**
 * The deterministic seed company.
 *
 * @since 0.1.0
 */
export * as Seed from "./Seed.js"
