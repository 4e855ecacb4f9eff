/**
 * Who may call the sandbox: API keys in `x-api-key` and bearer tokens in `Authorization`. A pluggable service,
 * so that an OAuth flow can issue and revoke tokens without touching the routes.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * An accepted credential.
 *
 * @since 0.1.0
 */
export interface Credential {
  readonly kind: "apiKey" | "token"
}

/**
 * The credential check.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Whether an `x-api-key` value is a valid key. */
  readonly verifyApiKey: (key: string) => Effect.Effect<boolean>
  /** Whether a bearer token is valid. */
  readonly verifyToken: (token: string) => Effect.Effect<boolean>
}

/**
 * Static credentials.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Valid API keys. Default `["sandbox-api-key"]`. */
  readonly apiKeys?: ReadonlyArray<string> | undefined
  /** Valid bearer tokens. Default `["sandbox-token"]`. */
  readonly tokens?: ReadonlyArray<string> | undefined
}

/**
 * The default API key.
 *
 * @since 0.1.0
 */
export const defaultApiKey = "sandbox-api-key"

/**
 * The default bearer token.
 *
 * @since 0.1.0
 */
export const defaultToken = "sandbox-token"

/**
 * A check against fixed lists of keys and tokens. A key is only a key: sent as a bearer token it is refused, as
 * the API does.
 *
 * @since 0.1.0
 */
export const make = (options: Options = {}): Service => {
  const keys = new Set(options.apiKeys ?? [defaultApiKey])
  const tokens = new Set(options.tokens ?? [defaultToken])
  return {
    verifyApiKey: (key) => Effect.succeed(keys.has(key)),
    verifyToken: (token) => Effect.succeed(tokens.has(token))
  }
}

/**
 * Checks the headers of a request; `undefined` means 401.
 *
 * @since 0.1.0
 */
export const authenticate = (
  service: Service,
  headers: Readonly<Record<string, string | undefined>>
): Effect.Effect<Credential | undefined> => {
  const key = headers["x-api-key"]
  if (key !== undefined && key !== "") {
    return Effect.map(service.verifyApiKey(key), (ok) => (ok ? { kind: "apiKey" } : undefined))
  }
  const match = /^Bearer\s+(.+)$/i.exec(headers["authorization"] ?? "")
  if (match === null) return Effect.succeed(undefined)
  return Effect.map(service.verifyToken(match[1]!.trim()), (ok) => (ok ? { kind: "token" } : undefined))
}

/**
 * The credential check of the sandbox. Replace it (e.g. with tokens issued by an OAuth flow) by providing another
 * layer before the sandbox's.
 *
 * @example
 * ```ts
 * import { SandboxAuth } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const issued = new Set<string>()
 * const OAuthTokens = SandboxAuth.SandboxAuth.layerWith({
 *   verifyApiKey: (key) => Effect.succeed(key === "my-key"),
 *   verifyToken: (token) => Effect.succeed(issued.has(token))
 * })
 * ```
 *
 * @since 0.1.0
 */
export class SandboxAuth extends Context.Tag("@effect-factorial/sandbox/SandboxAuth")<SandboxAuth, Service>() {
  /** Fixed keys and tokens. */
  static readonly layer = (options: Options = {}): Layer.Layer<SandboxAuth> => Layer.succeed(this, make(options))
  /** Any check. */
  static readonly layerWith = (service: Service): Layer.Layer<SandboxAuth> => Layer.succeed(this, service)
}
