import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as ConfigError from "effect/ConfigError"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type { OAuthFromStoreOptions, OAuthOptions } from "../FactorialAuth.js"
import { AuthError } from "../FactorialError.js"
import * as OAuth from "../OAuth.js"
import { StoredTokens, type TokenStore, type TokenStoreError } from "../TokenStore.js"
import * as Endpoint from "./oauthEndpoint.js"

/** The header source and 401 hook `FactorialAuth.make` turns into an auth. */
export interface Session {
  readonly headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError>
  readonly onUnauthorized: Effect.Effect<boolean, AuthError>
}

/** The tokens in use. Times are epoch milliseconds; `createdAt` / `expiresIn` keep the server's words. */
interface Tokens {
  readonly accessToken: Redacted.Redacted<string> | undefined
  readonly refreshToken: Redacted.Redacted<string>
  readonly tokenType: string
  readonly expiresAt: number | undefined
  readonly lifetime: number | undefined
  readonly createdAt: number | undefined
  readonly expiresIn: number | undefined
  readonly scope: string | undefined
}

interface State {
  readonly tokens: Tokens
  /** Bumped on every renewal; a 401 on an older generation is answered by the newer token, not a refresh. */
  readonly generation: number
  /** Whether the store holds these tokens; they are handed out only once it does. */
  readonly saved: boolean
  /** A refusal of this refresh token: asking again would only be refused again. */
  readonly dead: AuthError | undefined
  /** When (epoch milliseconds, local clock) these tokens were issued, when known. */
  readonly obtainedAt: number | undefined
  /** Whether these tokens come from a refresh forced by a 401. */
  readonly afterUnauthorized: boolean
  /** The refresh token these tokens replaced: a store still holding it is older than us, not newer. */
  readonly replaced: Redacted.Redacted<string> | undefined
  /** Consecutive failed refreshes, and until when the token endpoint is not asked again. */
  readonly backoff: { readonly failures: number; readonly until: number; readonly error: AuthError } | undefined
}

/** A 401 on a token issued less than this long ago is not answered by a refresh: the token is not the problem. */
const minTokenAge = Duration.seconds(10)

/** After a 401-forced refresh whose token is refused as well, no other 401-forced refresh for this long. */
const unauthorizedCooldown = Duration.minutes(1)

/** Backoff after a failed refresh: 1 s, 2 s, 4 s... up to 1 minute, each between half and all of that. */
const backoffBase = Duration.seconds(1)
const backoffCap = Duration.minutes(1)

const defaultRefreshMargin = Duration.minutes(5)

const sameSecret = (a: Redacted.Redacted<string> | undefined, b: Redacted.Redacted<string> | undefined) =>
  a !== undefined && b !== undefined && Redacted.value(a) === Redacted.value(b)

const tokensFromStore = (stored: StoredTokens): Tokens => ({
  accessToken: stored.accessToken,
  refreshToken: stored.refreshToken,
  tokenType: stored.tokenType,
  expiresAt: stored.createdAt !== undefined && stored.expiresIn !== undefined
    ? (stored.createdAt + stored.expiresIn) * 1000
    : undefined,
  lifetime: stored.expiresIn === undefined ? undefined : stored.expiresIn * 1000,
  createdAt: stored.createdAt,
  expiresIn: stored.expiresIn,
  scope: stored.scope
})

/** Expiry from the response's own `created_at` and `expires_in`, not from an assumed lifetime. */
const tokensFromResponse = (response: OAuth.TokenResponse, previous: Tokens, nowMillis: number): Tokens => {
  const createdAt = response.created_at ?? Math.floor(nowMillis / 1000)
  const expiresIn = response.expires_in
  return {
    accessToken: response.access_token,
    // Rotation: the new refresh token replaces the old one; without one the old one stays valid.
    refreshToken: response.refresh_token ?? previous.refreshToken,
    tokenType: response.token_type,
    expiresAt: expiresIn === undefined ? undefined : (createdAt + expiresIn) * 1000,
    lifetime: expiresIn === undefined ? undefined : expiresIn * 1000,
    createdAt,
    expiresIn,
    scope: response.scope ?? previous.scope
  }
}

const reauthorize = "Authorize the application again (OAuth.authorizationUrl, then OAuth.exchangeCode) " +
  "and use the new refresh token."

/** Factorial's documented refresh token lifetime: past it, a refusal means the token expired. */
const refreshTokenLifetime = Duration.weeks(1)

/**
 * What a failed refresh means for the user; `terminal` when the same refresh token will never work. The
 * server's `invalid_grant` does not say why; the token's age does (`createdAt` is when it was issued).
 */
const toAuthError = (
  error: OAuth.OAuthError | AuthError,
  tokens: Tokens,
  nowMillis: number
): { readonly error: AuthError; readonly terminal: boolean } => {
  if (error._tag === "AuthError") return { error, terminal: true }
  if (error.reason !== "ErrorResponse" || error.error === undefined) {
    return {
      error: new AuthError({
        reason: "RefreshFailed",
        message: `Could not refresh the OAuth access token: ${error.message}.`
      }),
      terminal: false
    }
  }
  const said = `${error.error}${error.errorDescription === undefined ? "" : `: ${error.errorDescription}`}`
  if (error.error === "invalid_grant") {
    const expired = tokens.createdAt !== undefined &&
      nowMillis >= tokens.createdAt * 1000 + Duration.toMillis(refreshTokenLifetime)
    return {
      error: new AuthError({
        reason: expired ? "RefreshTokenExpired" : "InvalidGrant",
        message: expired
          ? `The OAuth refresh token has expired (${said}). ${reauthorize}`
          : `The OAuth refresh token was refused (${said}): it was revoked, already used or has expired. ${reauthorize}`
      }),
      terminal: true
    }
  }
  return {
    error: new AuthError({
      reason: "RefreshFailed",
      message: `The OAuth token endpoint refused the refresh (${error.status ?? "?"} ${said}). ` +
        (error.status !== undefined && error.status >= 500
          ? ""
          : error.error === "invalid_client" || error.error === "unauthorized_client"
          ? "Check the client id and secret."
          : reauthorize)
    }),
    terminal: error.status !== undefined && error.status < 500
  }
}

/** What the session needs once the options are checked. */
interface Settings {
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly store: TokenStore.Service | undefined
  readonly refreshMargin: Duration.Duration
  readonly timeout: Duration.DurationInput
}

const configError = (path: string, message: string) => Effect.fail(ConfigError.InvalidData([path], message))

const toRedacted = (secret: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

const checkSettings = (
  options: OAuthFromStoreOptions & {
    readonly clientId: string
    readonly clientSecret: string | Redacted.Redacted<string>
  },
  store: TokenStore.Service | undefined,
  baseUrlPath: string
): Effect.Effect<Settings, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    if (options.clientId.trim() === "") return yield* configError("clientId", "The OAuth client id is empty")
    const clientSecret = toRedacted(options.clientSecret)
    if (Redacted.value(clientSecret).trim() === "") {
      return yield* configError("clientSecret", "The OAuth client secret is empty")
    }
    // The client's rule: the token endpoint receives the client secret and the refresh token.
    const tokenUrl = yield* Endpoint.endpointUrl([baseUrlPath], options.baseUrl, "/oauth/token")
    const margin = Duration.decodeUnknown(options.refreshMargin ?? defaultRefreshMargin)
    if (Option.isNone(margin) || Duration.lessThan(margin.value, Duration.zero)) {
      return yield* configError("refreshMargin", "refreshMargin must be a duration of zero or more")
    }
    return {
      clientId: options.clientId,
      clientSecret,
      baseUrl: tokenUrl.slice(0, -"/oauth/token".length),
      store,
      refreshMargin: margin.value,
      timeout: options.timeout ?? Endpoint.defaultTimeout
    }
  })

const isGrantRefusal = (error: AuthError) => error.reason === "InvalidGrant" || error.reason === "RefreshTokenExpired"

const start = (
  settings: Settings,
  initial: Tokens,
  saved: boolean
): Effect.Effect<Session, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const state = yield* Ref.make<State>({
      tokens: initial,
      generation: 0,
      saved,
      dead: undefined,
      obtainedAt: initial.createdAt === undefined ? undefined : initial.createdAt * 1000,
      afterUnauthorized: false,
      replaced: undefined,
      backoff: undefined
    })
    const flight = yield* Ref.make<Deferred.Deferred<State, AuthError> | undefined>(undefined)
    // The generation whose token this fiber last sent: a 401 is about that token, not the current one.
    const used = yield* Effect.sync(() => FiberRef.unsafeMake(-1))
    const marginMillis = Duration.toMillis(settings.refreshMargin)
    const store = settings.store

    const isFresh = (tokens: Tokens, now: number): boolean => {
      if (tokens.accessToken === undefined) return false
      if (tokens.expiresAt === undefined) return true
      // A margin longer than half the lifetime (short-lived sandbox tokens) would refresh on every request.
      const margin = tokens.lifetime === undefined ? marginMillis : Math.min(marginMillis, tokens.lifetime / 2)
      return now < tokens.expiresAt - margin
    }

    /** Not fresh any more, but not expired yet either: it still works while a refresh fails. */
    const stillValid = (current: State, now: number): boolean =>
      current.saved && current.tokens.accessToken !== undefined &&
      (current.tokens.expiresAt === undefined || now < current.tokens.expiresAt)

    const toStored = (tokens: Tokens) =>
      new StoredTokens({
        refreshToken: tokens.refreshToken,
        accessToken: tokens.accessToken,
        tokenType: tokens.tokenType,
        createdAt: tokens.createdAt,
        expiresIn: tokens.expiresIn,
        scope: tokens.scope,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        baseUrl: settings.baseUrl
      })

    const storeFailed = (what: string) => (error: TokenStoreError) =>
      new AuthError({ reason: "RefreshFailed", message: `${what}: ${error.message}` })

    /** The store's lock around a renewal; a store without one is used by this process only. */
    const withLock = <A>(effect: Effect.Effect<A, AuthError>): Effect.Effect<A, AuthError> =>
      store?.withLock === undefined
        ? effect
        : Effect.catchTag(
          store.withLock(effect),
          "TokenStoreError",
          storeFailed("Could not take the OAuth token store's lock; the next request tries again")
        )

    /**
     * What the store holds now. A store that cannot be read (a corrupt file) holds nothing newer than what this
     * session has: the refresh goes on with the session's tokens and its save repairs the store.
     */
    const reload: Effect.Effect<Option.Option<StoredTokens>> = store === undefined
      ? Effect.succeedNone
      : Effect.catchAll(store.load, (error) =>
        Effect.as(
          Effect.logWarning("The OAuth token store cannot be read; it is rewritten at the next refresh").pipe(
            Effect.annotateLogs({ store: error.store, detail: error.detail })
          ),
          Option.none()
        ))

    /** Tokens another session sharing the store saved after ours: a different refresh token, not an older one. */
    const isNewer = (stored: StoredTokens, current: State): boolean =>
      !sameSecret(stored.refreshToken, current.tokens.refreshToken) &&
      !sameSecret(stored.refreshToken, current.replaced) &&
      !(stored.createdAt !== undefined && current.tokens.createdAt !== undefined &&
        stored.createdAt < current.tokens.createdAt)

    const adopt = (stored: StoredTokens, now: number): Effect.Effect<State> =>
      Effect.tap(
        Ref.updateAndGet(state, (s): State => ({
          tokens: tokensFromStore(stored),
          generation: s.generation + 1,
          saved: true,
          dead: undefined,
          obtainedAt: stored.createdAt === undefined ? now : Math.min(now, stored.createdAt * 1000),
          afterUnauthorized: false,
          replaced: s.tokens.refreshToken,
          backoff: undefined
        })),
        (next) =>
          Effect.logDebug("OAuth tokens taken over from the token store").pipe(
            Effect.annotateLogs({ generation: next.generation })
          )
      )

    /** Saves the tokens of `current` before anyone may use them. */
    const persist = (current: State): Effect.Effect<State, AuthError> => {
      if (current.saved) return Effect.succeed(current)
      if (store === undefined) {
        return Ref.updateAndGet(state, (s) => (s.generation === current.generation ? { ...s, saved: true } : s))
      }
      return store.save(toStored(current.tokens)).pipe(
        Effect.mapError(storeFailed("The refreshed OAuth tokens could not be saved; the next request retries")),
        Effect.zipRight(
          Ref.updateAndGet(state, (s) => (s.generation === current.generation ? { ...s, saved: true } : s))
        )
      )
    }

    const markDead = (generation: number, error: AuthError) =>
      Ref.update(state, (s) => (s.generation === generation ? { ...s, dead: error } : s))

    /** A failed refresh that may work later: the token endpoint is not asked again before the backoff ends. */
    const backOff = (current: State, failure: AuthError, now: number): Effect.Effect<AuthError> =>
      Effect.gen(function*() {
        const failures = (current.backoff?.failures ?? 0) + 1
        const ceiling = Math.min(Duration.toMillis(backoffCap), Duration.toMillis(backoffBase) * 2 ** (failures - 1))
        const until = now + Math.round(ceiling / 2 + (yield* Random.next) * (ceiling / 2))
        const error = new AuthError({
          reason: "RefreshFailed",
          message: `${failure.message} The token endpoint is asked again from ${new Date(until).toISOString()} ` +
            `(${failures} failed refresh${failures === 1 ? "" : "es"} in a row).`,
          retryAt: until
        })
        yield* Ref.update(state, (s) =>
          s.generation === current.generation ? { ...s, backoff: { failures, until, error } } : s)
        yield* Effect.logWarning("OAuth token refresh failed; backing off").pipe(
          Effect.annotateLogs({ failures, retryAt: new Date(until).toISOString() })
        )
        return error
      })

    const refreshNow = (current: State, now: number, rejected: boolean): Effect.Effect<State, AuthError> =>
      OAuth.refresh({
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        refreshToken: current.tokens.refreshToken,
        baseUrl: settings.baseUrl,
        timeout: settings.timeout
      }).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.catchAll((failure) => {
          const { error, terminal } = toAuthError(failure, current.tokens, now)
          // A refused grant is checked against the store first (another process may have rotated it).
          if (terminal && isGrantRefusal(error)) return Effect.fail(error)
          if (terminal) return Effect.zipRight(markDead(current.generation, error), Effect.fail(error))
          return Effect.flatMap(backOff(current, error, now), Effect.fail)
        }),
        Effect.flatMap((response) =>
          // Kept in memory at once: the old refresh token no longer works, losing the new one would log out.
          Ref.modify(state, (s): [State, State] => {
            const next: State = {
              tokens: tokensFromResponse(response, current.tokens, now),
              generation: s.generation + 1,
              saved: false,
              dead: undefined,
              obtainedAt: now,
              afterUnauthorized: rejected,
              replaced: current.tokens.refreshToken,
              backoff: undefined
            }
            return [next, next]
          })
        ),
        Effect.tap((next) =>
          Effect.logDebug("OAuth access token refreshed").pipe(
            Effect.annotateLogs({ generation: next.generation, expiresAt: next.tokens.expiresAt ?? "never" })
          )
        ),
        Effect.flatMap(persist)
      )

    /** Whether the caller, holding generation `seen`, still needs a renewal. */
    const needed = (current: State, seen: number, rejected: boolean, now: number) =>
      rejected ? current.generation === seen : !(current.saved && isFresh(current.tokens, now))

    /**
     * Under the store's lock: reload the store; adopt what another process saved if it is newer (and done if it
     * is still fresh); else save what was refreshed but not saved yet, or refresh, save, then hand out.
     */
    const lockedRenewal = (seen: number, rejected: boolean): Effect.Effect<State, AuthError> =>
      withLock(Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        let current = yield* Ref.get(state)
        if (!needed(current, seen, rejected, now)) return yield* persist(current)
        const stored = yield* reload
        if (Option.isSome(stored) && isNewer(stored.value, current)) {
          current = yield* adopt(stored.value, now)
          if (isFresh(current.tokens, now)) return current
        }
        if (!current.saved) {
          current = yield* persist(current)
          if (isFresh(current.tokens, now)) return current
        }
        if (current.dead !== undefined) return yield* Effect.fail(current.dead)
        if (current.backoff !== undefined && now < current.backoff.until) {
          return yield* Effect.fail(current.backoff.error)
        }
        return yield* refreshNow(current, now, rejected)
      }))

    /**
     * One renewal, whoever asked: `seen` is the generation the caller holds, `rejected` whether the server
     * refused its token (401) rather than the token nearing expiry. A refused refresh token is checked against the
     * store once more, outside the lock: if another process rotated it, its tokens are taken over.
     */
    const renewal = (seen: number, rejected: boolean): Effect.Effect<State, AuthError> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const current = yield* Ref.get(state)
        if (!needed(current, seen, rejected, now)) return yield* persist(current)
        return yield* lockedRenewal(seen, rejected).pipe(
          Effect.catchIf(isGrantRefusal, (error) =>
            Effect.gen(function*() {
              const refused = yield* Ref.get(state)
              const stored = yield* reload
              if (Option.isNone(stored) || !isNewer(stored.value, refused)) {
                yield* markDead(refused.generation, error)
                return yield* Effect.fail(error)
              }
              const adopted = yield* adopt(stored.value, yield* Clock.currentTimeMillis)
              if (isFresh(adopted.tokens, yield* Clock.currentTimeMillis)) return adopted
              // Rotated by someone else but already stale: one more renewal with the adopted refresh token.
              return yield* Effect.tapError(
                lockedRenewal(adopted.generation, false),
                (again) => isGrantRefusal(again) ? markDead(adopted.generation, again) : Effect.void
              )
            }))
        )
      })

    /** Single flight: the first caller starts the renewal, everyone else waits for its outcome. */
    const renew = (seen: number, rejected: boolean): Effect.Effect<State, AuthError> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const mine = yield* Deferred.make<State, AuthError>()
          const running = yield* Ref.modify(flight, (current) => {
            const next = current ?? mine
            return [next, next]
          })
          if (running === mine) {
            // Detached from the caller: interrupting one request must not lose a rotated refresh token.
            yield* Effect.forkDaemon(
              Effect.interruptible(renewal(seen, rejected)).pipe(
                Effect.exit,
                Effect.flatMap((exit) => Effect.zipRight(Ref.set(flight, undefined), Deferred.done(mine, exit)))
              )
            )
          }
          return yield* restore(Deferred.await(running))
        })
      )

    const bearer = (current: State) => {
      const token = current.tokens.accessToken
      return token === undefined
        ? Effect.fail(new AuthError({ reason: "MissingCredentials", message: "No OAuth access token is available" }))
        : Effect.as(
          FiberRef.set(used, current.generation),
          { authorization: Redacted.make(`Bearer ${Redacted.value(token)}`) }
        )
    }

    const headers = Effect.gen(function*() {
      const current = yield* Ref.get(state)
      const now = yield* Clock.currentTimeMillis
      if (current.saved && isFresh(current.tokens, now)) return yield* bearer(current)
      return yield* Effect.flatMap(renew(current.generation, false), bearer).pipe(
        // A token inside its refresh margin still works: use it while the refresh fails (backoff included).
        Effect.catchTag("AuthError", (error) =>
          Effect.flatMap(Ref.get(state), (latest) =>
            stillValid(latest, now)
              ? Effect.zipRight(
                Effect.logDebug("OAuth refresh failed; the current access token has not expired yet"),
                bearer(latest)
              )
              : Effect.fail(error)))
      )
    })

    const onUnauthorized = Effect.gen(function*() {
      const seen = yield* FiberRef.get(used)
      const current = yield* Ref.get(state)
      if (current.generation === seen) {
        const now = yield* Clock.currentTimeMillis
        const age = current.obtainedAt === undefined ? Infinity : now - current.obtainedAt
        // A token just issued and already refused: refreshing again would rotate for nothing (a scope or
        // permission problem, an API that refuses everything). Unless another process sharing the store rotated
        // it away (the server drops the access token of a used refresh token), the request fails `Unauthorized`.
        // The store is read under its lock: a rotation whose holder has not saved it yet is waited for.
        if (
          age < Duration.toMillis(minTokenAge) ||
          (current.afterUnauthorized && age < Duration.toMillis(unauthorizedCooldown))
        ) {
          const stored = yield* withLock(reload)
          if (Option.isNone(stored) || !isNewer(stored.value, current)) return false
          yield* adopt(stored.value, now)
          return true
        }
      }
      const renewed = yield* renew(seen, true)
      if (renewed.generation !== seen) return true
      // A flight that only saved the refused token (rare) is followed by a real refresh.
      return (yield* renew(seen, true)).generation !== seen
    })

    return { headers, onUnauthorized }
  })

/** `FactorialAuth.oauth` without the wrapping. */
export const fromOptions = (
  options: OAuthOptions
): Effect.Effect<Session, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const settings = yield* checkSettings(options, options.store, "baseUrl")
    const refreshToken = toRedacted(options.refreshToken)
    if (Redacted.value(refreshToken).trim() === "") {
      return yield* configError("refreshToken", "The OAuth refresh token is empty")
    }
    const expiresAt = options.expiresAt instanceof Date ? options.expiresAt.getTime() : options.expiresAt
    const tokens: Tokens = {
      accessToken: options.accessToken === undefined ? undefined : toRedacted(options.accessToken),
      refreshToken,
      tokenType: "Bearer",
      expiresAt,
      lifetime: undefined,
      createdAt: undefined,
      expiresIn: undefined,
      scope: undefined
    }
    return yield* start(settings, tokens, true)
  })

/** `FactorialAuth.oauthFromStore` without the wrapping. */
export const fromStore = (
  store: TokenStore.Service,
  options: OAuthFromStoreOptions = {}
): Effect.Effect<Session, ConfigError.ConfigError | AuthError | TokenStoreError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const stored = yield* store.load
    if (Option.isNone(stored)) {
      return yield* new AuthError({
        reason: "MissingCredentials",
        message: "The token store holds no OAuth tokens yet: run the authorization flow first"
      })
    }
    const tokens = stored.value
    const clientId = options.clientId ?? tokens.clientId
    const clientSecret = options.clientSecret ?? tokens.clientSecret
    if (clientId === undefined || clientSecret === undefined) {
      return yield* new AuthError({
        reason: "MissingCredentials",
        message: "The token store holds no client id or secret: pass clientId and clientSecret"
      })
    }
    const settings = yield* checkSettings(
      { ...options, clientId, clientSecret, baseUrl: options.baseUrl ?? tokens.baseUrl },
      store,
      options.baseUrl === undefined && tokens.baseUrl !== undefined ? "target_url" : "baseUrl"
    )
    return yield* start(settings, tokensFromStore(tokens), true)
  })
