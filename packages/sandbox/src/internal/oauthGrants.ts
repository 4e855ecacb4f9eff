/**
 * The memory of the sandbox's OAuth authorization server: clients, authorization codes, access and refresh tokens.
 * Every operation is synchronous and takes the current time from the caller (the sandbox's `Clock`), so a
 * `TestClock` expires codes and tokens, and concurrent requests cannot interleave inside one grant.
 */
import * as Either from "effect/Either"
import type { SandboxOAuth } from "../SandboxOAuth.js"

/** A registered OAuth application. */
export interface Client {
  readonly id: string
  readonly secret: string
  /** The redirect URIs the application registered; `undefined` accepts any absolute URL. */
  readonly redirectUris: ReadonlyArray<string> | undefined
}

/** Lifetimes in milliseconds, and what an authorization without `scope` is granted. */
export interface Settings {
  readonly clients: ReadonlyArray<Client>
  readonly accessLifetime: number
  readonly refreshLifetime: number
  readonly codeLifetime: number
  readonly defaultScope: string
}

/** The body of a successful token answer. */
export type TokenBody = SandboxOAuth.Tokens

/** A refusal: the status and the RFC 6749 §5.2 fields. */
export interface Refusal {
  readonly status: number
  readonly error: string
  readonly description: string
}

/** What the authorization endpoint does: send the browser back to the application, or refuse on the spot. */
export type Authorization =
  | { readonly _tag: "Redirect"; readonly location: string }
  | { readonly _tag: "Refuse"; readonly refusal: Refusal }

/** One call of an OAuth endpoint, as the sandbox answered it. */
export type Call = SandboxOAuth.Call

/** What an authorization grants: who, what, and whether it is a company authorization (tokens do not expire). */
export interface Grant {
  readonly clientId: string
  readonly scope: string
  readonly company: boolean
}

/** The PKCE challenge of an authorization (RFC 7636). */
export interface Challenge {
  readonly challenge: string
  readonly method: "S256" | "plain"
}

interface CodeRecord extends Grant {
  readonly redirectUri: string | undefined
  readonly pkce: Challenge | undefined
  readonly expiresAt: number
  used: boolean
}

interface AccessRecord {
  readonly clientId: string
  readonly expiresAt: number | undefined
  /** The refresh token issued with it: revoking that one revokes this one too. */
  refreshToken: string | undefined
}

interface RefreshRecord extends Grant {
  readonly expiresAt: number
  accessToken: string | undefined
}

/** Client credentials, from the form or from an `Authorization: Basic` header. */
export interface Credentials {
  readonly id: string | undefined
  readonly secret: string | undefined
}

const refuse = (status: number, error: string, description: string): Refusal => ({ status, error, description })

/** An unguessable token: a readable prefix and 24 random bytes, base64url. */
const randomToken = (prefix: string): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return `${prefix}${btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`
}

/** RFC 6749 §3.1: parameters must not be repeated. Answers the first repeated one. */
const repeated = (params: URLSearchParams, names: ReadonlyArray<string>): string | undefined =>
  names.find((name) => params.getAll(name).length > 1)

const present = (value: string | null): string | undefined => (value === null || value === "" ? undefined : value)

/** RFC 7636 §4.1: a verifier (and a challenge) is 43 to 128 unreserved characters. */
const pkceValue = /^[A-Za-z0-9._~-]{43,128}$/

/**
 * The PKCE check of a code exchange (RFC 7636 §4.6): the verifier must match the challenge of the authorization.
 * A verifier for an authorization that sent no challenge is refused too (RFC 9700 §2.1.1: a downgrade).
 */
const checkVerifier = (
  pkce: Challenge | undefined,
  verifier: string | undefined,
  verifierS256: string | undefined
): Refusal | undefined => {
  if (pkce === undefined) {
    return verifier === undefined
      ? undefined
      : refuse(400, "invalid_grant", "A code_verifier was sent for an authorization without code_challenge.")
  }
  if (verifier === undefined) return refuse(400, "invalid_request", "Missing required parameter: code_verifier.")
  if (!pkceValue.test(verifier)) return refuse(400, "invalid_request", "The code_verifier is malformed.")
  const matches = pkce.method === "S256" ? verifierS256 === pkce.challenge : verifier === pkce.challenge
  return matches ? undefined : refuse(400, "invalid_grant", "The code_verifier does not match the code_challenge.")
}

/** The mutable state of one authorization server. */
export interface Grants {
  readonly settings: Settings
  readonly calls: Array<Call>
  /** While set, `POST /oauth/token` answers this status with an HTML body (an outage in front of the server). */
  outage: number | undefined
  readonly issueCode: (
    grant: Grant,
    redirectUri: string | undefined,
    now: number,
    pkce?: Challenge | undefined
  ) => string
  readonly issueTokens: (grant: Grant, now: number) => TokenBody
  readonly preissueRefreshToken: (token: string, grant: Grant, now: number) => void
  readonly authorize: (query: URLSearchParams, now: number) => Authorization
  /** `verifierS256`: the S256 digest of the form's `code_verifier`, when it has one (computed by the caller). */
  readonly token: (
    form: URLSearchParams,
    basic: Credentials | undefined,
    now: number,
    verifierS256?: string | undefined
  ) => Either.Either<TokenBody, Refusal>
  readonly revoke: (form: URLSearchParams, basic: Credentials | undefined, now: number) => Either.Either<void, Refusal>
  readonly revokeToken: (token: string) => boolean
  readonly verify: (token: string, now: number) => boolean
}

/** A fresh authorization server. */
export const make = (settings: Settings): Grants => {
  const clients = new Map(settings.clients.map((client) => [client.id, client]))
  const codes = new Map<string, CodeRecord>()
  const accessTokens = new Map<string, AccessRecord>()
  const refreshTokens = new Map<string, RefreshRecord>()
  const calls: Array<Call> = []

  const seconds = (millis: number) => Math.max(1, Math.round(millis / 1000))

  const issueCode = (
    grant: Grant,
    redirectUri: string | undefined,
    now: number,
    pkce: Challenge | undefined = undefined
  ): string => {
    // Used and expired codes are kept only until they expire; sweep them now and then.
    if (codes.size >= 1000) for (const [key, record] of codes) if (now >= record.expiresAt) codes.delete(key)
    const code = randomToken("sbx-code-")
    codes.set(code, { ...grant, redirectUri, pkce, expiresAt: now + settings.codeLifetime, used: false })
    return code
  }

  /**
   * A new access + refresh token pair. The expiry the server enforces is the one the answer states
   * (`created_at + expires_in`), so a client computing it from the answer agrees with the server.
   */
  const issueTokens = (grant: Grant, now: number): TokenBody => {
    const createdAt = Math.floor(now / 1000)
    const expiresIn = grant.company ? undefined : seconds(settings.accessLifetime)
    const access = randomToken("sbx-at-")
    const refresh = randomToken("sbx-rt-")
    accessTokens.set(access, {
      clientId: grant.clientId,
      expiresAt: expiresIn === undefined ? undefined : (createdAt + expiresIn) * 1000,
      refreshToken: refresh
    })
    refreshTokens.set(refresh, { ...grant, expiresAt: createdAt * 1000 + settings.refreshLifetime, accessToken: access })
    return {
      access_token: access,
      token_type: "Bearer",
      ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
      refresh_token: refresh,
      scope: grant.scope,
      created_at: createdAt
    }
  }

  const preissueRefreshToken = (token: string, grant: Grant, now: number) => {
    refreshTokens.set(token, { ...grant, expiresAt: now + settings.refreshLifetime, accessToken: undefined })
  }

  /** A live refresh token; an expired one is forgotten on the way. */
  const liveRefresh = (token: string, now: number): RefreshRecord | undefined => {
    const record = refreshTokens.get(token)
    if (record !== undefined && now >= record.expiresAt) {
      refreshTokens.delete(token)
      return undefined
    }
    return record
  }

  const dropRefresh = (token: string) => {
    const record = refreshTokens.get(token)
    refreshTokens.delete(token)
    if (record?.accessToken !== undefined) accessTokens.delete(record.accessToken)
  }

  const dropAccess = (token: string) => {
    const record = accessTokens.get(token)
    accessTokens.delete(token)
    const refresh = record?.refreshToken === undefined ? undefined : refreshTokens.get(record.refreshToken)
    if (refresh !== undefined) refresh.accessToken = undefined
  }

  const authenticate = (form: URLSearchParams, basic: Credentials | undefined): Either.Either<Client, Refusal> => {
    const id = basic?.id ?? present(form.get("client_id"))
    const secret = basic?.secret ?? present(form.get("client_secret"))
    const client = id === undefined ? undefined : clients.get(id)
    return client !== undefined && secret === client.secret
      ? Either.right(client)
      : Either.left(refuse(401, "invalid_client", "Client authentication failed: unknown client or wrong secret."))
  }

  const authorize = (query: URLSearchParams, now: number): Authorization => {
    const refused = (status: number, error: string, description: string): Authorization => ({
      _tag: "Refuse",
      refusal: refuse(status, error, description)
    })
    const twice = repeated(query, [
      "client_id",
      "redirect_uri",
      "response_type",
      "scope",
      "state",
      "code_challenge",
      "code_challenge_method"
    ])
    if (twice !== undefined) return refused(400, "invalid_request", `The parameter ${twice} is repeated.`)
    const clientId = present(query.get("client_id"))
    const client = clientId === undefined ? undefined : clients.get(clientId)
    if (client === undefined) return refused(400, "invalid_client", "Unknown or missing client_id.")
    // A bad redirect URI is never redirected to (RFC 6749 §4.1.2.1): the user sees the error instead.
    const redirectUri = present(query.get("redirect_uri"))
    if (redirectUri === undefined) return refused(400, "invalid_request", "Missing required parameter: redirect_uri.")
    let target: URL
    try {
      target = new URL(redirectUri)
    } catch {
      return refused(400, "invalid_request", "The redirect_uri is not an absolute URL.")
    }
    if (target.hash !== "") return refused(400, "invalid_request", "The redirect_uri must not have a fragment.")
    if (client.redirectUris !== undefined && !client.redirectUris.includes(redirectUri)) {
      return refused(400, "invalid_request", "The redirect_uri is not registered for this client.")
    }
    const state = query.get("state")
    const back = (params: Record<string, string>): Authorization => {
      for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value)
      if (state !== null) target.searchParams.set("state", state)
      return { _tag: "Redirect", location: target.toString() }
    }
    const responseType = present(query.get("response_type"))
    if (responseType !== "code") {
      return responseType === undefined
        ? back({ error: "invalid_request", error_description: "Missing required parameter: response_type." })
        : back({ error: "unsupported_response_type", error_description: "Only response_type=code is supported." })
    }
    // RFC 7636 §4.3/§4.4.1: a challenge of 43 to 128 unreserved characters; the method defaults to plain.
    const challenge = present(query.get("code_challenge"))
    const method = present(query.get("code_challenge_method")) ?? "plain"
    if (challenge === undefined && query.has("code_challenge_method")) {
      return back({ error: "invalid_request", error_description: "code_challenge_method without code_challenge." })
    }
    if (challenge !== undefined && !pkceValue.test(challenge)) {
      return back({ error: "invalid_request", error_description: "The code_challenge is malformed." })
    }
    if (method !== "S256" && method !== "plain") {
      return back({ error: "invalid_request", error_description: "Unsupported code_challenge_method." })
    }
    // The sandbox has no user to ask: every authorization is approved at once.
    const code = issueCode(
      {
        clientId: client.id,
        scope: present(query.get("scope")) ?? settings.defaultScope,
        company: query.get("resource_owner_type") === "company"
      },
      redirectUri,
      now,
      challenge === undefined ? undefined : { challenge, method }
    )
    return back({ code })
  }

  const token = (
    form: URLSearchParams,
    basic: Credentials | undefined,
    now: number,
    verifierS256: string | undefined = undefined
  ): Either.Either<TokenBody, Refusal> => {
    const twice = repeated(form, [
      "grant_type",
      "code",
      "redirect_uri",
      "refresh_token",
      "client_id",
      "client_secret",
      "code_verifier"
    ])
    if (twice !== undefined) return Either.left(refuse(400, "invalid_request", `The parameter ${twice} is repeated.`))
    const grantType = present(form.get("grant_type"))
    if (grantType === undefined) {
      return Either.left(refuse(400, "invalid_request", "Missing required parameter: grant_type."))
    }
    if (grantType !== "authorization_code" && grantType !== "refresh_token") {
      return Either.left(refuse(400, "unsupported_grant_type", `The grant type ${grantType} is not supported.`))
    }
    return Either.flatMap(authenticate(form, basic), (client) => {
      if (grantType === "authorization_code") {
        const code = present(form.get("code"))
        if (code === undefined) return Either.left(refuse(400, "invalid_request", "Missing required parameter: code."))
        const record = codes.get(code)
        if (record !== undefined && now >= record.expiresAt) codes.delete(code)
        if (
          record === undefined || record.used || now >= record.expiresAt || record.clientId !== client.id ||
          (record.redirectUri !== undefined && form.get("redirect_uri") !== record.redirectUri)
        ) {
          return Either.left(refuse(
            400,
            "invalid_grant",
            "The authorization code is invalid, expired, already used, issued to another client, " +
              "or does not match the redirect_uri."
          ))
        }
        const pkceRefusal = checkVerifier(record.pkce, present(form.get("code_verifier")), verifierS256)
        if (pkceRefusal !== undefined) return Either.left(pkceRefusal)
        // Single use: the record stays until it expires so that a second exchange is recognised and refused.
        record.used = true
        return Either.right(issueTokens(record, now))
      }
      const refresh = present(form.get("refresh_token"))
      if (refresh === undefined) {
        return Either.left(refuse(400, "invalid_request", "Missing required parameter: refresh_token."))
      }
      const record = liveRefresh(refresh, now)
      if (record === undefined || record.clientId !== client.id) {
        return Either.left(refuse(
          400,
          "invalid_grant",
          "The refresh token is invalid, expired, revoked, already used, or issued to another client."
        ))
      }
      // Rotation: the refresh token works once, and the access token issued with it goes with it.
      dropRefresh(refresh)
      return Either.right(issueTokens(record, now))
    })
  }

  const revoke = (
    form: URLSearchParams,
    basic: Credentials | undefined,
    now: number
  ): Either.Either<void, Refusal> =>
    Either.flatMap(authenticate(form, basic), (client) => {
      const value = present(form.get("token"))
      if (value === undefined) return Either.left(refuse(400, "invalid_request", "Missing required parameter: token."))
      const owner = accessTokens.get(value)?.clientId ?? liveRefresh(value, now)?.clientId
      if (owner !== undefined && owner !== client.id) {
        return Either.left(refuse(403, "unauthorized_client", "The token was issued to another client."))
      }
      // RFC 7009 §2.2: an unknown or already invalid token is answered 200 as well.
      revokeToken(value)
      return Either.right(undefined)
    })

  /** Revoking a refresh token revokes its access token; revoking an access token leaves the refresh token. */
  const revokeToken = (value: string): boolean => {
    if (accessTokens.has(value)) {
      dropAccess(value)
      return true
    }
    if (refreshTokens.has(value)) {
      dropRefresh(value)
      return true
    }
    return false
  }

  const verify = (value: string, now: number): boolean => {
    const record = accessTokens.get(value)
    if (record === undefined) return false
    if (record.expiresAt !== undefined && now >= record.expiresAt) {
      dropAccess(value)
      return false
    }
    return true
  }

  return {
    settings,
    calls,
    outage: undefined,
    issueCode,
    issueTokens,
    preissueRefreshToken,
    authorize,
    token,
    revoke,
    revokeToken,
    verify
  }
}

/** The grants behind each `SandboxOAuth` service, out of its public interface. */
export const registry = new WeakMap<object, Grants>()
