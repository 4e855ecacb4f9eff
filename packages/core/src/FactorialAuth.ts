/**
 * How requests authenticate: an API key, an access token, or any credential that changes over time.
 *
 * An auth is resolved on every attempt, so a token that is refreshed (OAuth) is picked up without
 * rebuilding the client, and a 401 can invalidate it and replay the request.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { AuthError } from "./FactorialError.js"
import * as HeaderValue from "./internal/headerValue.js"
import * as OAuthSession from "./internal/oauthSession.js"
import type { TokenStore, TokenStoreError } from "./TokenStore.js"

/**
 * Identifies a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export const TypeId: unique symbol = Symbol.for("@effect-factorial/core/FactorialAuth")

/**
 * Identifies a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export type TypeId = typeof TypeId

/**
 * A way to authenticate requests.
 *
 * @since 0.1.0
 */
export interface FactorialAuth extends Inspectable.Inspectable {
  readonly [TypeId]: TypeId
  /** A name for logs and debugging, e.g. `"ApiKey"`; never a secret. */
  readonly kind: string
  /** The headers to attach to the next attempt (lower-case names). Values stay `Redacted` until sent. */
  readonly headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError>
  /**
   * Called after a 401. Answers `true` when the credential was renewed and the request should be replayed;
   * `false` (or no handler) lets the `Unauthorized` error through. A replay refused again asks again: it is
   * replayed while each renewal brings a different credential, at most 3 times per call.
   */
  readonly onUnauthorized: Effect.Effect<boolean, AuthError>
}

/**
 * What `make` needs to build an auth.
 *
 * @since 0.1.0
 */
export interface MakeOptions {
  readonly kind: string
  readonly headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError>
  readonly onUnauthorized?: Effect.Effect<boolean, AuthError>
}

const Proto = {
  [TypeId]: TypeId,
  ...Inspectable.BaseProto,
  toJSON(this: FactorialAuth) {
    return { _id: "FactorialAuth", kind: this.kind }
  }
}

const neverReplay: Effect.Effect<boolean, AuthError> = Effect.succeed(false)

/**
 * Builds an auth from a header source. This is the extension point for credentials that change over time.
 *
 * @since 0.1.0
 */
export const make = (options: MakeOptions): FactorialAuth =>
  Object.assign(Object.create(Proto), {
    kind: options.kind,
    headers: options.headers,
    onUnauthorized: options.onUnauthorized ?? neverReplay
  })

/**
 * Whether a value is a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export const isFactorialAuth = (u: unknown): u is FactorialAuth => Predicate.hasProperty(u, TypeId)

const toRedacted = (secret: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

const staticHeader = (
  kind: string,
  name: string,
  secret: Redacted.Redacted<string>,
  description: string,
  format: (value: string) => string
) => {
  // Checked once, when the auth is built: a bad value fails every request with the same error, before sending.
  const value = HeaderValue.trimFinalNewline(Redacted.value(secret))
  const error = HeaderValue.checkCredential(description, value)
  const headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError> = error === undefined
    ? Effect.succeed({ [name]: Redacted.make(format(value)) })
    : Effect.fail(error)
  return make({ kind, headers })
}

/**
 * Authenticates with a company API key, sent as the `x-api-key` header. One final line break (as a file or
 * `echo` adds) is removed; any other line break, NUL or control character fails every request with an
 * `AuthError` (`InvalidCredential`) before anything is sent.
 *
 * @example
 * ```ts
 * import { FactorialAuth } from "@effect-factorial/core"
 * import * as Redacted from "effect/Redacted"
 *
 * const auth = FactorialAuth.apiKey(Redacted.make("my-api-key"))
 * ```
 *
 * @since 0.1.0
 */
export const apiKey = (key: string | Redacted.Redacted<string>): FactorialAuth =>
  staticHeader("ApiKey", "x-api-key", toRedacted(key), "API key", (value) => value)

/**
 * Authenticates with an OAuth access token, sent as `Authorization: Bearer <token>`. Checked like `apiKey`.
 *
 * @since 0.1.0
 */
export const accessToken = (token: string | Redacted.Redacted<string>): FactorialAuth =>
  staticHeader("AccessToken", "authorization", toRedacted(token), "access token", (value) => `Bearer ${value}`)

/**
 * What `oauthFromStore` may add to, or override in, what the store holds.
 *
 * @since 0.1.0
 */
export interface OAuthFromStoreOptions {
  /** The OAuth application's client id (default: the store's). */
  readonly clientId?: string | undefined
  /** The OAuth application's client secret (default: the store's). */
  readonly clientSecret?: string | Redacted.Redacted<string> | undefined
  /**
   * Where `/oauth/token` is: default the store's `target_url`, else `https://api.factorialhr.com`. Plain http
   * only to localhost, 127.0.0.1 or ::1 (the sandbox).
   */
  readonly baseUrl?: string | undefined
  /** Refresh this long before the access token expires. Default 5 minutes, at most half its lifetime. */
  readonly refreshMargin?: Duration.DurationInput | undefined
  /** How long a token request may take. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * What `oauth` needs.
 *
 * @since 0.1.0
 */
export interface OAuthOptions extends OAuthFromStoreOptions {
  readonly clientId: string
  readonly clientSecret: string | Redacted.Redacted<string>
  /** The current refresh token. */
  readonly refreshToken: string | Redacted.Redacted<string>
  /** The current access token; without it the first request refreshes. */
  readonly accessToken?: string | Redacted.Redacted<string> | undefined
  /** When `accessToken` expires (a `Date` or epoch milliseconds); without it, it is used until a 401. */
  readonly expiresAt?: Date | number | undefined
  /** Where every rotation is saved before the new access token is used. */
  readonly store?: TokenStore.Service | undefined
}

/**
 * Authenticates with OAuth tokens that renew themselves: the access token is refreshed at
 * `POST <baseUrl>/oauth/token` shortly before it expires, or after a 401 (then the request is replayed).
 * However many requests need a token at once, one refresh is made; each rotated refresh token is saved to
 * `store` before the new access token is used. A refused refresh token fails requests with an `AuthError`
 * (`InvalidGrant` / `RefreshTokenExpired`): authorize again. Needs an `HttpClient` for the token endpoint, so it
 * is an `Effect`: build the client layer from it with `Layer.unwrapEffect`.
 *
 * @example
 * ```ts
 * import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const FactorialLive = FactorialAuth.oauth({
 *   clientId: "my-client-id",
 *   clientSecret: "my-client-secret",
 *   refreshToken: "my-refresh-token"
 * }).pipe(
 *   Effect.map((auth) => FactorialClient.layer({ auth })),
 *   Layer.unwrapEffect
 * )
 * ```
 *
 * @since 0.1.0
 */
export const oauth = (
  options: OAuthOptions
): Effect.Effect<FactorialAuth, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.map(OAuthSession.fromOptions(options), (session) => make({ kind: "OAuth", ...session }))

/**
 * `oauth` from the tokens saved in a store (and the client id and secret, when the store keeps them, as the
 * file store does): one call to resume an authorization.
 *
 * @since 0.1.0
 */
export const oauthFromStore = (
  store: TokenStore.Service,
  options?: OAuthFromStoreOptions
): Effect.Effect<FactorialAuth, ConfigError.ConfigError | AuthError | TokenStoreError, HttpClient.HttpClient> =>
  Effect.map(OAuthSession.fromStore(store, options), (session) => make({ kind: "OAuth", ...session }))
