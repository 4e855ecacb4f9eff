/**
 * The sandbox's OAuth2 authorization server: `GET /oauth/authorize` (approved at once, no browser needed; PKCE
 * challenges are recorded), `POST /oauth/token` (authorization code grant with the PKCE verifier checked, refresh
 * token grant with rotation and expiry) and
 * `POST /oauth/revoke`. The access tokens it issues are accepted by the API routes until they expire or are revoked.
 * Every lifetime is measured on the sandbox's `Clock`, so `TestClock.adjust` expires them.
 *
 * @since 0.1.0
 */
import { OAuth } from "@effect-factorial/core"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Grants from "./internal/oauthGrants.js"
import * as SandboxAuth from "./SandboxAuth.js"

const defaults = {
  clientId: "sandbox-client",
  clientSecret: "sandbox-secret",
  refreshToken: "sandbox-refresh-token",
  accessTokenLifetime: Duration.hours(1),
  refreshTokenLifetime: Duration.weeks(1),
  codeLifetime: Duration.minutes(10)
}

const millis = (input: Duration.DurationInput) => Duration.toMillis(Duration.decode(input))

/** Builds the authorization server described by the options (`SandboxOAuth.make`). */
const make = (options: SandboxOAuth.Options = {}): Effect.Effect<SandboxOAuth.Service> =>
  Effect.gen(function*() {
    const clients = (options.clients ?? [{ id: defaults.clientId, secret: defaults.clientSecret }]).map((client) => ({
      id: client.id,
      secret: client.secret,
      redirectUris: client.redirectUris
    }))
    const accessTokenLifetime = Duration.decode(options.accessTokenLifetime ?? defaults.accessTokenLifetime)
    const refreshTokenLifetime = Duration.decode(options.refreshTokenLifetime ?? defaults.refreshTokenLifetime)
    const defaultScope = options.scope ?? OAuth.atsScope
    const grants = Grants.make({
      clients,
      accessLifetime: Duration.toMillis(accessTokenLifetime),
      refreshLifetime: Duration.toMillis(refreshTokenLifetime),
      codeLifetime: millis(options.codeLifetime ?? defaults.codeLifetime),
      defaultScope
    })
    const first = clients[0]
    const preissued = options.refreshTokens ?? (options.clients === undefined ? [defaults.refreshToken] : [])
    if (preissued.length > 0) {
      if (first === undefined) return yield* Effect.dieMessage("SandboxOAuth: refreshTokens need a client")
      const now = yield* Clock.currentTimeMillis
      for (const token of preissued) {
        grants.preissueRefreshToken(token, { clientId: first.id, scope: defaultScope, company: false }, now)
      }
    }

    const grantOf = (request: SandboxOAuth.IssueOptions) =>
      Effect.gen(function*() {
        const clientId = request.clientId ?? first?.id
        if (clientId === undefined || !clients.some((client) => client.id === clientId)) {
          return yield* Effect.dieMessage(`SandboxOAuth: unknown client ${clientId ?? "(none configured)"}`)
        }
        return { clientId, scope: request.scope ?? defaultScope, company: request.companyToken === true }
      })

    const service: SandboxOAuth.Service = {
      clients,
      accessTokenLifetime,
      refreshTokenLifetime,
      issueCode: (request = {}) =>
        Effect.flatMap(grantOf(request), (grant) =>
          Effect.map(Clock.currentTimeMillis, (now) =>
            grants.issueCode(
              grant,
              request.redirectUri,
              now,
              request.codeChallenge === undefined
                ? undefined
                : { challenge: request.codeChallenge, method: request.codeChallengeMethod ?? "S256" }
            ))),
      issueTokens: (request = {}) =>
        Effect.flatMap(grantOf(request), (grant) =>
          Effect.map(Clock.currentTimeMillis, (now) => grants.issueTokens(grant, now))),
      verifyToken: (token) => Effect.map(Clock.currentTimeMillis, (now) => grants.verify(token, now)),
      revoke: (token) => Effect.sync(() => grants.revokeToken(token)),
      calls: Effect.sync(() => grants.calls.slice()),
      failTokenEndpoint: (status) =>
        Effect.sync(() => {
          grants.outage = status
        })
    }
    Grants.registry.set(service, grants)
    return service
  })

/**
 * The OAuth authorization server of a sandbox. `Sandbox.layerServer` and `Sandbox.layerClient` provide it (set it up
 * with `Sandbox.Options.oauth`); tests use it to mint codes and tokens without a browser, revoke tokens server-side
 * and count the calls the SDK made.
 *
 * @example
 * ```ts
 * import { Sandbox, SandboxOAuth, SandboxServer } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const oauth = yield* SandboxOAuth
 *   // What the authorize page would send to the redirect URI, and the tokens it is exchanged for.
 *   const code = yield* oauth.issueCode({ redirectUri: "http://127.0.0.1:8400/callback" })
 *   const tokens = yield* oauth.issueTokens()
 *   const server = yield* SandboxServer
 *   return { code, tokens, tokenUrl: `${server.url}/oauth/token` }
 * }).pipe(Effect.provide(Sandbox.layerServer({ oauth: { accessTokenLifetime: "1 minute" } })))
 * ```
 *
 * @since 0.1.0
 */
export class SandboxOAuth extends Context.Tag("@effect-factorial/sandbox/SandboxOAuth")<
  SandboxOAuth,
  SandboxOAuth.Service
>() {
  /**
   * The client id of the default application.
   *
   * @since 0.1.0
   */
  static readonly defaultClientId = defaults.clientId

  /**
   * The client secret of the default application.
   *
   * @since 0.1.0
   */
  static readonly defaultClientSecret = defaults.clientSecret

  /**
   * A refresh token the default application holds from the start. Like any refresh token it works once: the
   * refresh answers the next one.
   *
   * @since 0.1.0
   */
  static readonly defaultRefreshToken = defaults.refreshToken

  /**
   * An authorization server built from the options, without a layer (reads the `Clock` for the refresh tokens
   * held from the start).
   *
   * @since 0.1.0
   */
  static readonly make = make

  /**
   * An authorization server built from the options.
   *
   * @since 0.1.0
   */
  static readonly layer = (options: SandboxOAuth.Options = {}): Layer.Layer<SandboxOAuth> =>
    Layer.effect(SandboxOAuth, make(options))

  /**
   * A credential check accepting the given fixed keys and tokens, plus every live access token of the
   * authorization server in context.
   *
   * @since 0.1.0
   */
  static readonly layerAuth = (
    options: SandboxAuth.Options = {}
  ): Layer.Layer<SandboxAuth.SandboxAuth, never, SandboxOAuth> =>
    Layer.effect(
      SandboxAuth.SandboxAuth,
      Effect.map(SandboxOAuth, (oauth) => {
        const fixed = SandboxAuth.make(options)
        return {
          verifyApiKey: fixed.verifyApiKey,
          verifyToken: (token) =>
            Effect.flatMap(fixed.verifyToken(token), (ok) => (ok ? Effect.succeed(true) : oauth.verifyToken(token)))
        }
      })
    )
}

/**
 * Types of the `SandboxOAuth` service.
 *
 * @since 0.1.0
 */
export declare namespace SandboxOAuth {
  /**
   * A registered OAuth application.
   *
   * @since 0.1.0
   */
  export interface Client {
    readonly id: string
    readonly secret: string
    /** The redirect URIs `/oauth/authorize` accepts. Default: any absolute URL. */
    readonly redirectUris?: ReadonlyArray<string> | undefined
  }

  /**
   * How the authorization server behaves. Lifetimes are stated in whole seconds in the answers (`expires_in`),
   * and enforced as stated: from `created_at`, in seconds.
   *
   * @since 0.1.0
   */
  export interface Options {
    /** The registered applications. Default one: `sandbox-client` / `sandbox-secret`. */
    readonly clients?: ReadonlyArray<Client> | undefined
    /** How long an access token works. Default 1 hour. */
    readonly accessTokenLifetime?: Duration.DurationInput | undefined
    /** How long a refresh token works if it is not used. Default 1 week. */
    readonly refreshTokenLifetime?: Duration.DurationInput | undefined
    /** How long an authorization code may wait before its exchange. Default 10 minutes. */
    readonly codeLifetime?: Duration.DurationInput | undefined
    /**
     * Refresh tokens the first application holds from the start, each usable once. Default
     * `["sandbox-refresh-token"]` when `clients` is not set, none otherwise.
     */
    readonly refreshTokens?: ReadonlyArray<string> | undefined
    /** What an authorization that asks for no scope is granted. Default `recruitment`. */
    readonly scope?: string | undefined
  }

  /**
   * A token answer, as `POST /oauth/token` sends it (RFC 6749 §5.1, plus Doorkeeper's `created_at`).
   *
   * @since 0.1.0
   */
  export interface Tokens {
    readonly access_token: string
    readonly token_type: "Bearer"
    /** Seconds from `created_at`; absent for company tokens, which do not expire. */
    readonly expires_in?: number
    readonly refresh_token: string
    readonly scope: string
    /** Unix seconds. */
    readonly created_at: number
  }

  /**
   * One call of `/oauth/authorize`, `/oauth/token` or `/oauth/revoke`, as answered (requests failed by an injected
   * fault never reach the endpoint and are not listed).
   *
   * @since 0.1.0
   */
  export interface Call {
    readonly endpoint: "authorize" | "token" | "revoke"
    /** The `grant_type` of a token call. */
    readonly grantType: string | undefined
    readonly status: number
    /** The RFC 6749 `error` of a refusal (for `authorize`, the one sent back to the redirect URI). */
    readonly error: string | undefined
  }

  /**
   * What an authorization is for.
   *
   * @since 0.1.0
   */
  export interface IssueOptions {
    /** Default: the first application. */
    readonly clientId?: string | undefined
    /** Default `recruitment` (see `Options.scope`). */
    readonly scope?: string | undefined
    /** A company authorization (`resource_owner_type=company`): its access tokens do not expire. */
    readonly companyToken?: boolean | undefined
  }

  /**
   * What `issueCode` needs: the redirect URI the exchange must repeat, when there is one.
   *
   * @since 0.1.0
   */
  export interface IssueCodeOptions extends IssueOptions {
    readonly redirectUri?: string | undefined
    /** A PKCE challenge the exchange must answer with its verifier (`OAuth.codeChallenge(verifier)` for S256). */
    readonly codeChallenge?: string | undefined
    /** Default `S256`. */
    readonly codeChallengeMethod?: "S256" | "plain" | undefined
  }

  /**
   * The authorization server.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The registered applications. */
    readonly clients: ReadonlyArray<Client>
    /** How long an access token works. */
    readonly accessTokenLifetime: Duration.Duration
    /** How long a refresh token works. */
    readonly refreshTokenLifetime: Duration.Duration
    /** A code, as `/oauth/authorize` hands it out once the user approved. Dies for an unknown client. */
    readonly issueCode: (options?: IssueCodeOptions) => Effect.Effect<string>
    /** The tokens of a finished authorization, without the code step. Dies for an unknown client. */
    readonly issueTokens: (options?: IssueOptions) => Effect.Effect<Tokens>
    /** Whether an access token is live: issued here, not expired, not revoked, not rotated away. */
    readonly verifyToken: (token: string) => Effect.Effect<boolean>
    /**
     * Revokes a token server-side (a user disconnecting the app): an access token alone, or a refresh token with its
     * access token. Answers whether the token was live.
     */
    readonly revoke: (token: string) => Effect.Effect<boolean>
    /** Every call the OAuth endpoints answered so far, in order. */
    readonly calls: Effect.Effect<ReadonlyArray<Call>>
    /**
     * From now on `POST /oauth/token` answers `status` (e.g. 503) with an HTML body, as an outage in front of the
     * server would; `undefined` ends the outage. Such calls are listed in `calls` with that status.
     *
     * @since 0.2.0
     */
    readonly failTokenEndpoint: (status: number | undefined) => Effect.Effect<void>
  }
}
