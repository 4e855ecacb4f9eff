/**
 * Where OAuth tokens are kept between runs. Factorial rotates refresh tokens (each refresh returns a new one
 * and the old one stops working), so the latest one must be saved before it is used: `FactorialAuth.oauth`
 * saves every rotation to its store first.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { AuthError, FactorialErrorTypeId } from "./FactorialError.js"
import * as StoreLock from "./internal/storeLock.js"
import type { TokenResponse } from "./OAuth.js"

/**
 * The tokens of one authorization, with what is needed to refresh them.
 *
 * @since 0.1.0
 */
export class StoredTokens extends Schema.Class<StoredTokens>("@effect-factorial/core/StoredTokens")({
  /** The refresh token; only the latest one works. */
  refreshToken: Schema.Redacted(Schema.String),
  /** The latest access token. */
  accessToken: Schema.optional(Schema.Redacted(Schema.String)),
  /** `"Bearer"`. */
  tokenType: Schema.optionalWith(Schema.String, { default: () => "Bearer" }),
  /** When the access token was issued, in Unix seconds. */
  createdAt: Schema.optional(Schema.Number),
  /** Lifetime of the access token in seconds, from `createdAt`. */
  expiresIn: Schema.optional(Schema.Number),
  /** The granted scopes, space-separated. */
  scope: Schema.optional(Schema.String),
  /** The OAuth application's client id. */
  clientId: Schema.optional(Schema.String),
  /** The OAuth application's client secret (the Python library keeps it in the same file). */
  clientSecret: Schema.optional(Schema.Redacted(Schema.String)),
  /** The Factorial host the tokens belong to (`target_url` in the file). */
  baseUrl: Schema.optional(Schema.String)
}) {
  /**
   * The tokens of a token response (`OAuth.exchangeCode`, `OAuth.refresh`), with the application they belong
   * to. `createdAt` is now when the server did not send it. Fails when the response has no refresh token.
   *
   * @since 0.1.0
   */
  static fromResponse(
    response: TokenResponse,
    client: {
      readonly clientId?: string | undefined
      readonly clientSecret?: string | Redacted.Redacted<string> | undefined
      readonly baseUrl?: string | undefined
    } = {}
  ): Effect.Effect<StoredTokens, AuthError> {
    return Effect.gen(function*() {
      if (response.refresh_token === undefined) {
        return yield* new AuthError({
          reason: "MissingCredentials",
          message: "The token response has no refresh token; use FactorialAuth.accessToken for this token"
        })
      }
      const createdAt = response.created_at ?? Math.floor((yield* Clock.currentTimeMillis) / 1000)
      const secret = client.clientSecret
      return new StoredTokens({
        refreshToken: response.refresh_token,
        accessToken: response.access_token,
        tokenType: response.token_type,
        createdAt,
        expiresIn: response.expires_in,
        scope: response.scope,
        clientId: client.clientId,
        clientSecret: secret === undefined || Redacted.isRedacted(secret) ? secret : Redacted.make(secret),
        baseUrl: client.baseUrl
      })
    })
  }
}

/**
 * Loading or saving tokens failed. Holds no token.
 *
 * @since 0.1.0
 */
export class TokenStoreError extends Schema.TaggedError<TokenStoreError>("@effect-factorial/core/TokenStoreError")(
  "TokenStoreError",
  {
    /** `lock`: the store's exclusive lock could not be taken (see `TokenStore.Service.withLock`). */
    operation: Schema.Literal("load", "save", "lock"),
    /** Which store, e.g. `file /etc/app/tokens.json`. */
    store: Schema.String,
    /** What went wrong, without any secret. */
    detail: Schema.String
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description. */
  override get message(): string {
    return `Could not ${this.operation} the OAuth tokens (${this.store}): ${this.detail}`
  }
}

/**
 * A place to load and save OAuth tokens: in memory, a JSON file (`FileTokenStore`, from the Node-only entry point
 * `@effect-factorial/core/node`), or your own (database, secret manager).
 *
 * @example
 * ```ts
 * import { FactorialAuth, TokenStore } from "@effect-factorial/core"
 * import * as Effect from "effect/Effect"
 *
 * // Resume an authorization from the store provided as a service.
 * const auth = Effect.flatMap(TokenStore, (store) => FactorialAuth.oauthFromStore(store))
 * ```
 *
 * @since 0.1.0
 */
export class TokenStore extends Context.Tag("@effect-factorial/core/TokenStore")<TokenStore, TokenStore.Service>() {
  /**
   * A store from your own `load` and `save`.
   *
   * @since 0.1.0
   */
  static readonly make = (service: TokenStore.Service): TokenStore.Service => TokenStore.of(service)

  /**
   * A store in memory, lost when the process ends.
   *
   * @since 0.1.0
   */
  static readonly memory = (initial?: StoredTokens): Effect.Effect<TokenStore.Service> =>
    Effect.map(Ref.make(Option.fromNullable(initial)), (ref) =>
      TokenStore.of({
        load: Ref.get(ref),
        save: (tokens) => Ref.set(ref, Option.some(tokens)),
        withLock: StoreLock.inProcess()
      }))

  /**
   * `memory` as a layer.
   *
   * @since 0.1.0
   */
  static readonly layerMemory = (initial?: StoredTokens): Layer.Layer<TokenStore> =>
    Layer.effect(TokenStore, TokenStore.memory(initial))
}

/**
 * Types of the `TokenStore` service.
 *
 * @since 0.1.0
 */
export declare namespace TokenStore {
  /**
   * Loads and saves one set of tokens.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The saved tokens, or `None` when nothing was saved yet. */
    readonly load: Effect.Effect<Option.Option<StoredTokens>, TokenStoreError>
    /** Replaces the saved tokens. Must not leave a partial write behind. */
    readonly save: (tokens: StoredTokens) => Effect.Effect<void, TokenStoreError>
    /**
     * Runs `effect` holding the store's exclusive lock: across processes where the store can (the file store
     * takes a lock file, a database store a row lock), in-process otherwise (the memory store uses a
     * semaphore). Reentrant: `load`, `save` and a nested `withLock` inside `effect` do not wait for it.
     *
     * `FactorialAuth.oauth` refreshes inside it: reload the store, adopt what another holder of the lock saved
     * if it is newer and still valid, else refresh, save, then use. A store without `withLock` is treated as used
     * by this process only (the refresh is single-flight within the process, nothing more).
     *
     * @since 0.2.0
     */
    readonly withLock?: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TokenStoreError, R>
  }
}
