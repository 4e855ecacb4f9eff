/**
 * The OAuth2 authorization-code flow against Factorial: the authorization URL, exchanging a code for tokens,
 * refreshing and revoking them. `FactorialAuth.oauth` builds on these to keep a client authenticated.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as ConfigError from "effect/ConfigError"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AuthError, FactorialErrorTypeId } from "./FactorialError.js"
import * as Endpoint from "./internal/oauthEndpoint.js"
import * as Secret from "./Secret.js"

/**
 * The scope that grants access to the recruiting (ATS) resources.
 *
 * @since 0.1.0
 */
export const atsScope = "recruitment"

/**
 * What the token endpoint answers to a code exchange or a refresh. Tokens decode to `Redacted` values.
 *
 * @since 0.1.0
 */
export class TokenResponse extends Schema.Class<TokenResponse>("@effect-factorial/core/TokenResponse")({
  /** The access token, sent as `Authorization: Bearer <token>`. */
  access_token: Schema.Redacted(Schema.String),
  /** `"Bearer"`. */
  token_type: Schema.optionalWith(Schema.String, { nullable: true, default: () => "Bearer" }),
  /** Lifetime of the access token in seconds; absent for tokens that do not expire (company tokens). */
  expires_in: Schema.optionalWith(Schema.Number, { nullable: true }),
  /** The refresh token; each refresh answers a new one and the previous one stops working. */
  refresh_token: Schema.optionalWith(Schema.Redacted(Schema.String), { nullable: true }),
  /** The granted scopes, space-separated. */
  scope: Schema.optionalWith(Schema.String, { nullable: true }),
  /** When the token was issued, in Unix seconds. */
  created_at: Schema.optionalWith(Schema.Number, { nullable: true })
}) {}

/**
 * A call to the OAuth token or revoke endpoint failed. For a refused call, `error` and `errorDescription` are the
 * RFC 6749 fields of the answer (`invalid_grant`...); nothing else of the body is kept.
 *
 * @since 0.1.0
 */
export class OAuthError extends Schema.TaggedError<OAuthError>("@effect-factorial/core/OAuthError")("OAuthError", {
  /** The helper that failed. */
  operation: Schema.Literal("exchangeCode", "refresh", "revoke"),
  /** The endpoint called (it carries no secret: they travel in the body). */
  url: Schema.String,
  /**
   * `ErrorResponse`: the endpoint refused; `Transport`: no answer; `Timeout`; `InvalidResponse`: a 2xx body
   * that is not a token response.
   */
  reason: Schema.Literal("ErrorResponse", "Transport", "Timeout", "InvalidResponse"),
  /** The HTTP status of a refusal. */
  status: Schema.optional(Schema.Number),
  /** The RFC 6749 error code, e.g. `invalid_grant`, `invalid_client`. */
  error: Schema.optional(Schema.String),
  /** The server's `error_description`. */
  errorDescription: Schema.optional(Schema.String),
  /** What went wrong, for the other reasons. */
  detail: Schema.optional(Schema.String)
}) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** A one-line description without any secret. */
  override get message(): string {
    const what = `OAuth ${this.operation} at ${this.url}`
    switch (this.reason) {
      case "ErrorResponse": {
        const code = this.error === undefined ? "" : ` ${this.error}`
        const description = this.errorDescription === undefined ? "" : `: ${this.errorDescription}`
        return `${what} was refused (${this.status ?? "?"}${code})${description}`
      }
      case "InvalidResponse":
        return `${what} answered something that is not a token response${
          this.detail === undefined ? "" : ` (${this.detail})`
        }`
      default:
        return `${what} failed: ${this.reason}${this.detail === undefined ? "" : ` (${this.detail})`}`
    }
  }
}

/**
 * Which OAuth application is asking, and where Factorial is.
 *
 * @since 0.1.0
 */
export interface ClientOptions {
  /** The application's client id. */
  readonly clientId: string
  /** The application's client secret. */
  readonly clientSecret: string | Redacted.Redacted<string>
  /**
   * The Factorial host: `https://api.factorialhr.com` by default. Plain http only to localhost, 127.0.0.1 or
   * ::1 (the sandbox).
   */
  readonly baseUrl?: string | undefined
  /** How long the call may take. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * What `authorizationUrl` needs.
 *
 * @since 0.1.0
 */
export interface AuthorizationUrlOptions {
  readonly clientId: string
  /** Where Factorial sends the user back with `?code=...&state=...`; must match the application's setting. */
  readonly redirectUri: string
  /**
   * An unguessable value, checked again on the callback (`verifyState`) to defeat cross-site request forgery.
   * Default: 32 random bytes, base64url. An empty state is refused.
   */
  readonly state?: string | undefined
  /**
   * Proof Key for Code Exchange (RFC 7636, required by RFC 9700): a random `code_verifier` is generated and its
   * SHA-256 (`code_challenge_method=S256`) is sent; `exchangeCode` must then send the verifier. Default `true`;
   * `false` only for an authorization server that refuses PKCE.
   */
  readonly pkce?: boolean | undefined
  /** One scope or several (joined with spaces); e.g. `OAuth.atsScope`. */
  readonly scope?: string | ReadonlyArray<string> | undefined
  /** Ask for a company token (`resource_owner_type=company`) instead of a user token. */
  readonly companyToken?: boolean | undefined
  /** Default `https://api.factorialhr.com`. Plain http only to localhost, 127.0.0.1 or ::1 (the sandbox). */
  readonly baseUrl?: string | undefined
}

/**
 * An authorization to start: the page to send the user to, and what to keep until the callback (in the user's
 * session, server-side): `state` to compare with the callback's (`verifyState`), `codeVerifier` for
 * `exchangeCode`.
 *
 * @since 0.2.0
 */
export interface AuthorizationRequest {
  /** `<baseUrl>/oauth/authorize?...`. */
  readonly url: string
  /** The `state` sent; the callback must bring it back unchanged. */
  readonly state: string
  /** The PKCE verifier (absent with `pkce: false`). A secret until the exchange: keep it server-side. */
  readonly codeVerifier: Redacted.Redacted<string> | undefined
}

/**
 * What `exchangeCode` needs.
 *
 * @since 0.1.0
 */
export interface ExchangeCodeOptions extends ClientOptions {
  /** The `code` of the callback. It works once. */
  readonly code: string | Redacted.Redacted<string>
  /** The same redirect URI as in the authorization URL. */
  readonly redirectUri: string
  /** The `codeVerifier` of `authorizationUrl`: the server checks it against the challenge it received. */
  readonly codeVerifier?: string | Redacted.Redacted<string> | undefined
}

/**
 * What `refresh` needs.
 *
 * @since 0.1.0
 */
export interface RefreshOptions extends ClientOptions {
  /** The current refresh token. After the call it no longer works: keep the new one. */
  readonly refreshToken: string | Redacted.Redacted<string>
}

/**
 * What `revoke` needs.
 *
 * @since 0.1.0
 */
export interface RevokeOptions extends ClientOptions {
  /** The access or refresh token to revoke. */
  readonly token: string | Redacted.Redacted<string>
  /** Which kind of token `token` is, when known. */
  readonly tokenTypeHint?: "access_token" | "refresh_token" | undefined
}

const reveal = (secret: string | Redacted.Redacted<string>): string =>
  Redacted.isRedacted(secret) ? Redacted.value(secret) : secret

/** `bytes` random bytes, base64url without padding. */
const randomText = (bytes: number): string => base64Url(crypto.getRandomValues(new Uint8Array(bytes)))

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")

/**
 * The S256 code challenge of a PKCE verifier: `base64url(SHA-256(verifier))` (RFC 7636 §4.2).
 *
 * @since 0.2.0
 */
export const codeChallenge = (verifier: string | Redacted.Redacted<string>): Effect.Effect<string> =>
  Effect.map(
    Effect.promise(() => crypto.subtle.digest("SHA-256", new TextEncoder().encode(reveal(verifier)))),
    (digest) => base64Url(new Uint8Array(digest))
  )

/**
 * Starts an authorization: the page to send the user to so they authorize the application, with a PKCE
 * challenge (S256) and a random `state` unless you give one. Keep `state` and `codeVerifier` until the
 * callback: Factorial redirects to `redirectUri` with `code` and `state`; compare the state with `verifyState`,
 * then call `exchangeCode` with the code and the verifier. Fails with a `ConfigError` for an empty `state` or a
 * plain-http authorization host (other than localhost, 127.0.0.1, ::1).
 *
 * @example
 * ```ts
 * import { OAuth } from "@effect-factorial/core"
 * import * as Effect from "effect/Effect"
 *
 * const start = Effect.gen(function*() {
 *   const request = yield* OAuth.authorizationUrl({
 *     clientId: "my-client-id",
 *     redirectUri: "http://127.0.0.1:8400/callback",
 *     scope: OAuth.atsScope
 *   })
 *   // Send the user to request.url; keep request.state and request.codeVerifier for the callback.
 *   return request
 * })
 * ```
 *
 * @since 0.1.0
 */
export const authorizationUrl = (
  options: AuthorizationUrlOptions
): Effect.Effect<AuthorizationRequest, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const page = yield* Endpoint.endpointUrl(["baseUrl"], options.baseUrl, "/oauth/authorize")
    if (options.state !== undefined && options.state.trim() === "") {
      return yield* Effect.fail(
        ConfigError.InvalidData(["state"], "The OAuth state is empty: it would not protect the callback")
      )
    }
    const state = options.state ?? randomText(32)
    const params = new URLSearchParams({
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      response_type: "code"
    })
    const scope = typeof options.scope === "string" ? options.scope : options.scope?.join(" ")
    if (scope !== undefined && scope !== "") params.set("scope", scope)
    params.set("state", state)
    if (options.companyToken === true) params.set("resource_owner_type", "company")
    let codeVerifier: Redacted.Redacted<string> | undefined = undefined
    if (options.pkce !== false) {
      // 32 random bytes: 43 characters, the shortest verifier RFC 7636 allows, 256 bits of entropy.
      codeVerifier = Redacted.make(randomText(32))
      params.set("code_challenge", yield* codeChallenge(codeVerifier))
      params.set("code_challenge_method", "S256")
    }
    return { url: `${page}?${params.toString()}`, state, codeVerifier }
  })

/**
 * Whether the `state` of a callback is the one this authorization sent, compared in constant time
 * (`Secret.matches`: the time depends on neither where the values differ nor the expected state's length). A
 * missing or empty state never matches.
 *
 * @example
 * ```ts
 * import { OAuth } from "@effect-factorial/core"
 *
 * const callback = new URL("http://127.0.0.1:8400/callback?code=abc&state=xyz")
 * const genuine = OAuth.verifyState("xyz", callback.searchParams.get("state"))
 * ```
 *
 * @since 0.2.0
 */
export const verifyState = (expected: string, received: string | null | undefined): boolean =>
  Secret.matches(expected, received)

type Operation = OAuthError["operation"]

/** `<baseUrl><path>`, or an `AuthError` when the base URL would expose the credentials. */
const endpoint = (baseUrl: string | undefined, path: "/oauth/token" | "/oauth/revoke") =>
  Either.mapLeft(Endpoint.endpointUrl(["baseUrl"], baseUrl, path), (error) =>
    new AuthError({
      reason: "InsecureTransport",
      message: `OAuth credentials not sent: ${error.message}`
    }))

const call = (
  operation: Operation,
  options: ClientOptions,
  path: "/oauth/token" | "/oauth/revoke",
  form: Readonly<Record<string, string>>
): Effect.Effect<Endpoint.Answer & { readonly url: string }, OAuthError | AuthError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const url = yield* endpoint(options.baseUrl, path)
    const http = yield* HttpClient.HttpClient
    const body = {
      client_id: options.clientId,
      client_secret: reveal(options.clientSecret),
      ...form
    }
    const answer = yield* Effect.mapError(
      Endpoint.postForm(http, url, body, options.timeout ?? Endpoint.defaultTimeout),
      (failure) => new OAuthError({ operation, url, ...failure })
    )
    return { ...answer, url }
  })

/** Only the paths of what did not match: a parse issue would print the values, tokens included. */
const decodeTokens = (operation: Operation, url: string, text: string): Effect.Effect<TokenResponse, OAuthError> => {
  const invalid = (detail: string) => new OAuthError({ operation, url, reason: "InvalidResponse", detail })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return Effect.fail(invalid("the body is not JSON"))
  }
  return Effect.mapError(
    Schema.decodeUnknown(TokenResponse)(json, { errors: "all", onExcessProperty: "ignore" }),
    (error) => {
      const fields = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.path.join(".") || "body")
      return invalid(`missing or invalid: ${Array.from(new Set(fields)).join(", ")}`)
    }
  )
}

const tokenCall = (operation: Operation, options: ClientOptions, form: Readonly<Record<string, string>>) =>
  Effect.flatMap(call(operation, options, "/oauth/token", form), (answer) =>
    decodeTokens(operation, answer.url, answer.text))

/**
 * Exchanges the `code` of the authorization callback for tokens (`grant_type=authorization_code`).
 *
 * @since 0.1.0
 */
export const exchangeCode: (
  options: ExchangeCodeOptions
) => Effect.Effect<TokenResponse, OAuthError | AuthError, HttpClient.HttpClient> = Effect.fn("OAuth.exchangeCode")(
  function*(options: ExchangeCodeOptions) {
    return yield* tokenCall("exchangeCode", options, {
      grant_type: "authorization_code",
      code: reveal(options.code),
      redirect_uri: options.redirectUri,
      ...(options.codeVerifier === undefined ? {} : { code_verifier: reveal(options.codeVerifier) })
    })
  }
)

/**
 * Trades a refresh token for a new access token and a new refresh token (`grant_type=refresh_token`). The old
 * refresh token stops working: store the new one before using the access token.
 *
 * @since 0.1.0
 */
export const refresh: (
  options: RefreshOptions
) => Effect.Effect<TokenResponse, OAuthError | AuthError, HttpClient.HttpClient> = Effect.fn("OAuth.refresh")(
  function*(options: RefreshOptions) {
    return yield* tokenCall("refresh", options, {
      grant_type: "refresh_token",
      refresh_token: reveal(options.refreshToken)
    })
  }
)

/**
 * Revokes an access or refresh token (`POST /oauth/revoke`), e.g. when the user disconnects the integration.
 *
 * @since 0.1.0
 */
export const revoke: (
  options: RevokeOptions
) => Effect.Effect<void, OAuthError | AuthError, HttpClient.HttpClient> = Effect.fn("OAuth.revoke")(
  function*(options: RevokeOptions) {
    yield* call("revoke", options, "/oauth/revoke", {
      token: reveal(options.token),
      ...(options.tokenTypeHint === undefined ? {} : { token_type_hint: options.tokenTypeHint })
    })
  }
)
