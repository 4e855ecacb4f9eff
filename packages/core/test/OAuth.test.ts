import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  AuthError,
  FactorialAuth,
  FactorialClient,
  OAuth,
  StoredTokens,
  TokenStore,
  TokenStoreError
} from "../src/index.js"
import { FileTokenStore } from "../src/node.js"

// ---------------------------------------------------------------------------------------------------------------
// A fake Factorial: the OAuth token and revoke endpoints (authorization_code and refresh_token grants, rotation,
// single-use codes, expiry, RFC 6749 errors) and an API that accepts only live access tokens.
// ---------------------------------------------------------------------------------------------------------------

const BASE = "https://api.example.test"
const CLIENT_ID = "client-id-abc"
const CLIENT_SECRET = "client-SECRET-5f1d"
const REDIRECT = "http://127.0.0.1:8400/callback"
const NOW = Date.parse("2026-05-04T09:00:00Z")

interface FakeOptions {
  /** Access token lifetime in seconds. */
  readonly accessLifetime?: number
  /** Refresh token lifetime in seconds. */
  readonly refreshLifetime?: number
  /** Seconds added to `created_at` (a server clock that is off). */
  readonly createdAtSkew?: number
  /** Put the submitted secrets in error bodies, next to the RFC fields (a hostile server). */
  readonly echoSecrets?: boolean
}

interface TokenCall {
  readonly path: string
  readonly contentType: string
  readonly form: Record<string, string>
}

interface ApiCall {
  readonly path: string
  readonly authorization: string | undefined
}

const makeFake = (options: FakeOptions = {}) =>
  Effect.gen(function*() {
    const accessLifetime = options.accessLifetime ?? 3600
    const refreshLifetime = options.refreshLifetime ?? 7 * 24 * 3600
    let counter = 0
    const codes = new Map<string, { redirectUri: string; used: boolean; expiresAt: number }>()
    const refreshTokens = new Map<string, { active: boolean; expiresAt: number }>()
    const accessTokens = new Map<string, { active: boolean; expiresAt: number }>()
    const tokenCalls: Array<TokenCall> = []
    const apiCalls: Array<ApiCall> = []
    const control = {
      /** Runs before an API request is answered (to hold it). */
      beforeApi: (_call: ApiCall): Effect.Effect<void> => Effect.void,
      /** Answers every API request with 401. */
      apiAlwaysRejects: false,
      /** Answers token requests with this status and an HTML body. */
      tokenOutage: undefined as number | undefined
    }

    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

    const oauthError = (status: number, error: string, description: string, form: Record<string, string>) =>
      json({
        error,
        error_description: description,
        ...(options.echoSecrets ? { debug: form, state: form["refresh_token"] ?? form["code"] } : {})
      }, status)

    const issue = (nowMillis: number, scope = OAuth.atsScope) => {
      counter += 1
      const access = `access-SECRET-${counter}`
      const refresh = `refresh-SECRET-${counter}`
      accessTokens.set(access, { active: true, expiresAt: nowMillis + accessLifetime * 1000 })
      refreshTokens.set(refresh, { active: true, expiresAt: nowMillis + refreshLifetime * 1000 })
      return {
        access_token: access,
        token_type: "Bearer",
        expires_in: accessLifetime,
        refresh_token: refresh,
        scope,
        created_at: Math.floor(nowMillis / 1000) + (options.createdAtSkew ?? 0)
      }
    }

    const tokenEndpoint = (call: TokenCall, nowMillis: number): Response => {
      const { form } = call
      if (control.tokenOutage !== undefined) {
        return new Response("<html>upstream unavailable</html>", { status: control.tokenOutage })
      }
      if (call.contentType !== "application/x-www-form-urlencoded") {
        return oauthError(400, "invalid_request", "The body must be form-encoded.", form)
      }
      if (form["client_id"] !== CLIENT_ID || form["client_secret"] !== CLIENT_SECRET) {
        return oauthError(401, "invalid_client", "Unknown client or wrong secret.", form)
      }
      if (call.path === "/oauth/revoke") {
        const token = form["token"] ?? ""
        const record = accessTokens.get(token) ?? refreshTokens.get(token)
        if (record) record.active = false
        return json({})
      }
      switch (form["grant_type"]) {
        case "authorization_code": {
          const code = codes.get(form["code"] ?? "")
          if (!code || code.used || code.expiresAt <= nowMillis || code.redirectUri !== form["redirect_uri"]) {
            return oauthError(400, "invalid_grant", "The authorization code is not valid.", form)
          }
          code.used = true
          return json(issue(nowMillis))
        }
        case "refresh_token": {
          const token = refreshTokens.get(form["refresh_token"] ?? "")
          if (!token || !token.active || token.expiresAt <= nowMillis) {
            return oauthError(400, "invalid_grant", "The refresh token is not valid.", form)
          }
          // Rotation: the refresh token works once.
          token.active = false
          return json(issue(nowMillis))
        }
        case undefined:
          return oauthError(400, "invalid_request", "grant_type is missing.", form)
        default:
          return oauthError(400, "unsupported_grant_type", "This grant type is not supported.", form)
      }
    }

    const api = (call: ApiCall, nowMillis: number): Response => {
      const token = call.authorization?.startsWith("Bearer ") ? call.authorization.slice(7) : undefined
      const record = token === undefined ? undefined : accessTokens.get(token)
      if (control.apiAlwaysRejects || !record || !record.active || record.expiresAt <= nowMillis) {
        return json({ errors: null }, 401)
      }
      return json({ ok: true })
    }

    const http = HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const nowMillis = yield* Clock.currentTimeMillis
        if (url.pathname.startsWith("/oauth/")) {
          const body = request.body
          const text = body._tag === "Uint8Array" ? new TextDecoder().decode(body.body) : ""
          const call: TokenCall = {
            path: url.pathname,
            contentType: body._tag === "Uint8Array" ? body.contentType : "",
            form: Object.fromEntries(new URLSearchParams(text))
          }
          tokenCalls.push(call)
          const response = request.method === "POST"
            ? tokenEndpoint(call, nowMillis)
            : new Response(null, { status: 405 })
          return HttpClientResponse.fromWeb(request, response)
        }
        const call: ApiCall = { path: url.pathname, authorization: request.headers["authorization"] }
        apiCalls.push(call)
        yield* control.beforeApi(call)
        return HttpClientResponse.fromWeb(request, api(call, yield* Clock.currentTimeMillis))
      })
    )

    return {
      http,
      tokenCalls,
      apiCalls,
      control,
      /** A code as the authorize page would hand out. */
      issueCode: (redirectUri = REDIRECT) =>
        Effect.map(Clock.currentTimeMillis, (nowMillis) => {
          counter += 1
          const code = `code-SECRET-${counter}`
          codes.set(code, { redirectUri, used: false, expiresAt: nowMillis + 600_000 })
          return code
        }),
      /** Tokens as a finished authorization would hold them. */
      issueTokens: Effect.map(Clock.currentTimeMillis, (nowMillis) => issue(nowMillis)),
      revokeServerSide: (token: string) => {
        const record = accessTokens.get(token) ?? refreshTokens.get(token)
        if (record) record.active = false
      },
      refreshCalls: () => tokenCalls.filter((call) => call.form["grant_type"] === "refresh_token")
    }
  })

type Fake = Effect.Effect.Success<ReturnType<typeof makeFake>>

const credentials = { clientId: CLIENT_ID, clientSecret: Redacted.make(CLIENT_SECRET), baseUrl: BASE }

/** A client over the fake, authenticated by `auth`, without retries or rate limit. */
const clientWith = (fake: Fake, auth: Effect.Effect<FactorialAuth.FactorialAuth, unknown, HttpClient.HttpClient>) =>
  Effect.gen(function*() {
    const built = yield* Effect.orDie(auth)
    return yield* FactorialClient.make({ auth: built, baseUrl: BASE, retry: false, rateLimit: false }).pipe(
      Effect.orDie
    )
  }).pipe(Effect.provideService(HttpClient.HttpClient, fake.http))

const get = { method: "GET", path: ["ats", "candidates"] } as const

/** `FactorialAuth.oauth` for the fake's application. */
const oauthWith = (refreshToken: string, options: Partial<FactorialAuth.OAuthOptions> = {}) =>
  FactorialAuth.oauth({ ...credentials, refreshToken, ...options })

const atNow = TestClock.setTime(NOW)

const scratch = mkdtempSync(join(tmpdir(), "effect-factorial-oauth-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let fileCounter = 0
const scratchFile = () => join(scratch, `tokens-${++fileCounter}.json`)

// ---------------------------------------------------------------------------------------------------------------

describe("OAuth.authorizationUrl", () => {
  it.effect("points at <baseUrl>/oauth/authorize with the code flow parameters, the given state and PKCE S256", () =>
    Effect.gen(function*() {
      const request = yield* OAuth.authorizationUrl({
        clientId: CLIENT_ID,
        redirectUri: REDIRECT,
        scope: OAuth.atsScope,
        state: "state-123"
      })
      const url = new URL(request.url)
      expect(url.origin + url.pathname).toBe("https://api.factorialhr.com/oauth/authorize")
      const verifier = Redacted.value(request.codeVerifier!)
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "recruitment",
        state: "state-123",
        code_challenge: yield* OAuth.codeChallenge(verifier),
        code_challenge_method: "S256"
      })
      expect(request.state).toBe("state-123")
      // The verifier itself is never in the URL.
      expect(request.url).not.toContain(verifier)
    }))

  it.effect("the S256 challenge is base64url(SHA-256(verifier)) (RFC 7636 appendix B)", () =>
    Effect.gen(function*() {
      expect(yield* OAuth.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
      )
    }))

  it.effect("without a state, a random one (32 bytes) is generated; verifiers and states differ every time", () =>
    Effect.gen(function*() {
      const requests = yield* Effect.all(
        Array.from({ length: 20 }, () => OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT }))
      )
      for (const request of requests) {
        expect(request.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(new URL(request.url).searchParams.get("state")).toBe(request.state)
      }
      expect(new Set(requests.map((request) => request.state)).size).toBe(20)
      expect(new Set(requests.map((request) => Redacted.value(request.codeVerifier!))).size).toBe(20)
    }))

  it.effect("asks for a company token, joins scopes with spaces, honours the base URL; pkce: false sends none", () =>
    Effect.gen(function*() {
      const request = yield* OAuth.authorizationUrl({
        clientId: CLIENT_ID,
        redirectUri: REDIRECT,
        scope: ["recruitment", "read"],
        state: "s",
        companyToken: true,
        baseUrl: "http://127.0.0.1:9000/"
      })
      const url = new URL(request.url)
      expect(url.origin + url.pathname).toBe("http://127.0.0.1:9000/oauth/authorize")
      expect(url.searchParams.get("scope")).toBe("recruitment read")
      expect(url.searchParams.get("resource_owner_type")).toBe("company")
      const plain = yield* OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, pkce: false })
      const params = new URL(plain.url).searchParams
      expect(params.has("scope")).toBe(false)
      expect(params.has("resource_owner_type")).toBe(false)
      expect(params.has("code_challenge")).toBe(false)
      expect(plain.codeVerifier).toBeUndefined()
    }))

  it.effect("refuses an empty state and a plain-http remote authorization host", () =>
    Effect.gen(function*() {
      for (const state of ["", "   "]) {
        const error = yield* Effect.flip(OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state }))
        expect(error._op === "InvalidData" && error.path).toEqual(["state"])
      }
      const insecure = yield* Effect.flip(
        OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, baseUrl: "http://factorial.example" })
      )
      expect(insecure._op === "InvalidData" && insecure.path).toEqual(["baseUrl"])
      for (const baseUrl of ["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"]) {
        const request = yield* OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, baseUrl })
        expect(request.url.startsWith(`${baseUrl}/oauth/authorize?`)).toBe(true)
      }
    }))
})

describe("OAuth.verifyState", () => {
  it("matches only the same non-empty state", () => {
    expect(OAuth.verifyState("xyz-123", "xyz-123")).toBe(true)
    expect(OAuth.verifyState("xyz-123", "xyz-124")).toBe(false)
    expect(OAuth.verifyState("xyz-123", "xyz-12")).toBe(false)
    expect(OAuth.verifyState("xyz-123", "xyz-1234")).toBe(false)
    expect(OAuth.verifyState("xyz-123", null)).toBe(false)
    expect(OAuth.verifyState("xyz-123", undefined)).toBe(false)
    expect(OAuth.verifyState("xyz-123", "")).toBe(false)
    expect(OAuth.verifyState("", "")).toBe(false)
    expect(OAuth.verifyState("état-ü", "état-ü")).toBe(true)
    expect(OAuth.verifyState("état-ü", "etat-u")).toBe(false)
  })
})

describe("OAuth.exchangeCode / refresh / revoke", () => {
  it.effect("exchanges a code with a form-encoded POST to <baseUrl>/oauth/token and decodes the tokens", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const code = yield* fake.issueCode()
      const tokens = yield* OAuth.exchangeCode({ ...credentials, code, redirectUri: REDIRECT }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      expect(tokens).toBeInstanceOf(OAuth.TokenResponse)
      expect(Redacted.value(tokens.access_token)).toBe("access-SECRET-2")
      expect(Redacted.value(tokens.refresh_token!)).toBe("refresh-SECRET-2")
      expect([tokens.token_type, tokens.expires_in, tokens.scope, tokens.created_at]).toEqual([
        "Bearer",
        3600,
        "recruitment",
        NOW / 1000
      ])
      expect(fake.tokenCalls).toEqual([{
        path: "/oauth/token",
        contentType: "application/x-www-form-urlencoded",
        form: {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT
        }
      }])
    }))

  it.effect("exchangeCode sends the PKCE verifier as code_verifier", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const code = yield* fake.issueCode()
      const request = yield* OAuth.authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT })
      yield* OAuth.exchangeCode({ ...credentials, code, redirectUri: REDIRECT, codeVerifier: request.codeVerifier }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      expect(fake.tokenCalls[0]?.form["code_verifier"]).toBe(Redacted.value(request.codeVerifier!))
    }))

  it.effect("a code works once, and only with its redirect URI", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const code = yield* fake.issueCode()
      const exchange = (redirectUri: string) =>
        OAuth.exchangeCode({ ...credentials, code, redirectUri }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      const wrongRedirect = yield* Effect.flip(exchange("http://127.0.0.1:1/elsewhere"))
      yield* exchange(REDIRECT)
      const reused = yield* Effect.flip(exchange(REDIRECT))
      for (const error of [wrongRedirect, reused]) {
        expect(error).toBeInstanceOf(OAuth.OAuthError)
        expect(error._tag === "OAuthError" && [error.operation, error.reason, error.status, error.error]).toEqual([
          "exchangeCode",
          "ErrorResponse",
          400,
          "invalid_grant"
        ])
      }
      expect(reused.message).toBe(
        "OAuth exchangeCode at https://api.example.test/oauth/token was refused (400 invalid_grant): " +
          "The authorization code is not valid."
      )
    }))

  it.effect("refresh rotates the refresh token: the new one works, the old one is refused", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const first = yield* fake.issueTokens
      const refresh = (refreshToken: string) =>
        OAuth.refresh({ ...credentials, refreshToken }).pipe(Effect.provideService(HttpClient.HttpClient, fake.http))
      const second = yield* refresh(first.refresh_token)
      expect(fake.tokenCalls[0]!.form).toEqual({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: "refresh_token",
        refresh_token: first.refresh_token
      })
      const old = yield* Effect.flip(refresh(first.refresh_token))
      expect(old._tag === "OAuthError" && old.error).toBe("invalid_grant")
      const third = yield* refresh(Redacted.value(second.refresh_token!))
      expect(Redacted.value(third.access_token)).toBe("access-SECRET-3")
    }))

  it.effect("revoke posts the token to <baseUrl>/oauth/revoke; the revoked refresh token is refused", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const tokens = yield* fake.issueTokens
      yield* OAuth.revoke({ ...credentials, token: tokens.refresh_token, tokenTypeHint: "refresh_token" }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      expect(fake.tokenCalls[0]).toEqual({
        path: "/oauth/revoke",
        contentType: "application/x-www-form-urlencoded",
        form: {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          token: tokens.refresh_token,
          token_type_hint: "refresh_token"
        }
      })
      const refused = yield* Effect.flip(
        OAuth.refresh({ ...credentials, refreshToken: tokens.refresh_token }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      )
      expect(refused._tag === "OAuthError" && refused.error).toBe("invalid_grant")
    }))

  it.effect("a wrong client secret is invalid_client (401)", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const tokens = yield* fake.issueTokens
      const error = yield* Effect.flip(
        OAuth.refresh({ ...credentials, clientSecret: "wrong", refreshToken: tokens.refresh_token }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      )
      expect(error._tag === "OAuthError" && [error.status, error.error]).toEqual([401, "invalid_client"])
    }))

  it.effect("keeps only the RFC 6749 fields of an error body", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake({ echoSecrets: true })
      const error = yield* Effect.flip(
        OAuth.refresh({ ...credentials, refreshToken: "refresh-SECRET-unknown" }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      )
      if (!(error instanceof OAuth.OAuthError)) return expect.fail(`expected an OAuthError, got ${error._tag}`)
      const { detail, errorDescription, operation, reason, status, url } = error
      expect({ operation, url, reason, status, error: error.error, errorDescription, detail }).toEqual({
        operation: "refresh",
        url: "https://api.example.test/oauth/token",
        reason: "ErrorResponse",
        status: 400,
        error: "invalid_grant",
        errorDescription: "The refresh token is not valid.",
        detail: undefined
      })
      for (const rendering of renderings(error)) {
        expect(rendering).not.toContain("SECRET")
      }
    }))

  it.effect("a non-JSON refusal keeps the status; a 2xx body that is not a token response names fields only", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      fake.control.tokenOutage = 503
      const outage = yield* Effect.flip(
        OAuth.refresh({ ...credentials, refreshToken: "r" }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      )
      expect(outage._tag === "OAuthError" && [outage.reason, outage.status, outage.error]).toEqual([
        "ErrorResponse",
        503,
        undefined
      ])
      const odd = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(
          request,
          new Response(JSON.stringify({ access_token: 42, refresh_token: "refresh-SECRET-odd" }), { status: 200 })
        ))
      )
      const invalid = yield* Effect.flip(
        OAuth.refresh({ ...credentials, refreshToken: "r" }).pipe(Effect.provideService(HttpClient.HttpClient, odd))
      )
      expect(invalid._tag === "OAuthError" && [invalid.reason, invalid.detail]).toEqual([
        "InvalidResponse",
        "missing or invalid: access_token"
      ])
      for (const rendering of renderings(invalid)) {
        expect(rendering).not.toContain("SECRET")
      }
    }))
})

describe("credentials go over https only (http to loopback hosts is fine)", () => {
  it.effect("the helpers refuse a plain-http remote host before sending anything", () =>
    Effect.gen(function*() {
      const fake = yield* makeFake()
      const provide = Effect.provideService(HttpClient.HttpClient, fake.http)
      for (const baseUrl of ["http://api.example.test", "http://10.0.0.8:8080", "ftp://api.example.test"]) {
        const refresh = yield* Effect.flip(provide(OAuth.refresh({ ...credentials, baseUrl, refreshToken: "r" })))
        const exchange = yield* Effect.flip(
          provide(OAuth.exchangeCode({ ...credentials, baseUrl, code: "c", redirectUri: REDIRECT }))
        )
        const revoke = yield* Effect.flip(provide(OAuth.revoke({ ...credentials, baseUrl, token: "t" })))
        for (const error of [refresh, exchange, revoke]) {
          expect(error).toBeInstanceOf(AuthError)
          expect(error._tag === "AuthError" && error.reason).toBe("InsecureTransport")
        }
      }
      expect(fake.tokenCalls).toHaveLength(0)
    }))

  it.effect("localhost, 127.0.0.1 and ::1 may use http", () =>
    Effect.gen(function*() {
      const urls: Array<string> = []
      const recording = HttpClient.make((request, url) => {
        urls.push(url.toString())
        return Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status: 200 })))
      })
      for (const baseUrl of ["http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:8080"]) {
        yield* OAuth.revoke({ ...credentials, baseUrl, token: "t" }).pipe(
          Effect.provideService(HttpClient.HttpClient, recording)
        )
      }
      expect(urls).toEqual([
        "http://localhost:3000/oauth/revoke",
        "http://127.0.0.1:8080/oauth/revoke",
        "http://[::1]:8080/oauth/revoke"
      ])
    }))

  it.effect("FactorialAuth.oauth and oauthFromStore fail with a ConfigError for a plain-http remote host", () =>
    Effect.gen(function*() {
      const fake = yield* makeFake()
      const provide = Effect.provideService(HttpClient.HttpClient, fake.http)
      const direct = yield* Effect.flip(
        provide(FactorialAuth.oauth({ ...credentials, baseUrl: "http://api.example.test", refreshToken: "r" }))
      )
      expect(direct._op === "InvalidData" && direct.path).toEqual(["baseUrl"])
      expect(String(direct)).toContain("plain http")
      const store = yield* TokenStore.memory(
        new StoredTokens({
          refreshToken: Redacted.make("r"),
          clientId: CLIENT_ID,
          clientSecret: Redacted.make(CLIENT_SECRET),
          baseUrl: "http://api.example.test"
        })
      )
      const fromStore = yield* Effect.flip(provide(FactorialAuth.oauthFromStore(store)))
      expect(fromStore._tag === "ConfigError" && fromStore._op === "InvalidData" && fromStore.path).toEqual([
        "target_url"
      ])
      expect(fake.tokenCalls).toHaveLength(0)
    }))
})

describe("FactorialAuth.oauth", () => {
  it.effect("without an access token, the first request refreshes and sends the new token", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls().map((call) => call.form["refresh_token"])).toEqual([initial.refresh_token])
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual(["Bearer access-SECRET-2"])
    }))

  it.effect("50 concurrent requests with an expired token make exactly one token request", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({
          ...credentials,
          refreshToken: initial.refresh_token,
          accessToken: initial.access_token,
          expiresAt: NOW + 3600_000
        })
      )
      yield* TestClock.adjust("2 hours")
      const results = yield* Effect.all(Array.from({ length: 50 }, () => client.raw(get)), { concurrency: "unbounded" })
      expect(results).toHaveLength(50)
      expect(fake.tokenCalls).toHaveLength(1)
      expect(new Set(fake.apiCalls.map((call) => call.authorization))).toEqual(new Set(["Bearer access-SECRET-2"]))
      expect(fake.apiCalls).toHaveLength(50)
    }))

  it.effect("refreshes ahead of expiry, from created_at + expires_in of the token response", () =>
    Effect.gen(function*() {
      yield* atNow
      // The server's clock is 10 minutes behind: its tokens expire 10 minutes earlier than local receipt suggests.
      const fake = yield* makeFake({ createdAtSkew: -600 })
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      yield* client.raw(get) // refresh #1 at NOW: created_at = NOW - 10 min, expires at NOW + 50 min
      // 5-minute margin: refresh from NOW + 45 min on.
      yield* TestClock.adjust("44 minutes")
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(1)
      yield* TestClock.adjust("1 minute")
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(2)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([
        "Bearer access-SECRET-2",
        "Bearer access-SECRET-2",
        "Bearer access-SECRET-3"
      ])
    }))

  it.effect("the margin is at most half the token lifetime (short-lived tokens are not refreshed on every call)", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake({ accessLifetime: 60 })
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      yield* client.raw(get)
      yield* TestClock.adjust("29 seconds")
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(2)
    }))

  it.effect("a 401 invalidates the token: one refresh, one replay", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({ ...credentials, refreshToken: initial.refresh_token, accessToken: initial.access_token })
      )
      fake.revokeServerSide(initial.access_token)
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([
        "Bearer access-SECRET-1",
        "Bearer access-SECRET-2"
      ])
    }))

  it.effect("a second 401 is returned as Unauthorized, after one refresh and one replay", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({ ...credentials, refreshToken: initial.refresh_token, accessToken: initial.access_token })
      )
      fake.control.apiAlwaysRejects = true
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag).toBe("Unauthorized")
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls).toHaveLength(2)
    }))

  it.effect("a 401 on a token already replaced is answered with the newer token, not another refresh", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({
          ...credentials,
          refreshToken: initial.refresh_token,
          accessToken: initial.access_token,
          // Refreshed from 10 s on (5-minute margin); the held request's 30 s timeout does not fire.
          expiresAt: NOW + 310_000
        })
      )
      // Hold the first request at the server while the token expires and another request refreshes it.
      const held = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      fake.control.beforeApi = (call) =>
        call.authorization === "Bearer access-SECRET-1"
          ? Effect.zipRight(Deferred.succeed(held, undefined), Deferred.await(release))
          : Effect.void
      const slow = yield* Effect.fork(client.raw(get))
      yield* Deferred.await(held)
      fake.revokeServerSide(initial.access_token)
      yield* TestClock.adjust("10 seconds")
      yield* client.raw(get)
      yield* Deferred.succeed(release, undefined)
      expect(yield* Fiber.join(slow)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([
        "Bearer access-SECRET-1",
        "Bearer access-SECRET-2",
        "Bearer access-SECRET-2"
      ])
    }))

  it.effect("a rotation is saved to the store before the new access token is used", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const events: Array<string> = []
      const memory = yield* TokenStore.memory()
      const store = TokenStore.make({
        load: memory.load,
        save: (tokens) =>
          Effect.zipRight(
            Effect.sync(() => events.push(`save ${Redacted.value(tokens.refreshToken)}`)),
            memory.save(tokens)
          )
      })
      fake.control.beforeApi = (call) => Effect.sync(() => events.push(`api ${call.authorization}`))
      const client = yield* clientWith(
        fake,
        oauthWith(initial.refresh_token, { store })
      )
      yield* client.raw(get)
      expect(events).toEqual(["save refresh-SECRET-2", "api Bearer access-SECRET-2"])
      const saved = Option.getOrThrow(yield* memory.load)
      expect(Redacted.value(saved.accessToken!)).toBe("access-SECRET-2")
      expect([saved.clientId, Redacted.value(saved.clientSecret!), saved.baseUrl]).toEqual([
        CLIENT_ID,
        CLIENT_SECRET,
        BASE
      ])
      expect([saved.createdAt, saved.expiresIn, saved.scope]).toEqual([NOW / 1000, 3600, "recruitment"])
    }))

  it.effect("with a file store, the file holds the new refresh token and the old one is refused afterwards", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const path = scratchFile()
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({ ...credentials, refreshToken: initial.refresh_token, store: FileTokenStore.make(path) })
      )
      yield* client.raw(get)
      const file = JSON.parse(readFileSync(path, "utf8"))
      expect(file.refresh_token).toBe("refresh-SECRET-2")
      expect(file.access_token).toBe("access-SECRET-2")
      const old = yield* Effect.flip(
        OAuth.refresh({ ...credentials, refreshToken: initial.refresh_token }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      )
      expect(old._tag === "OAuthError" && old.error).toBe("invalid_grant")
    }))

  it.effect("a store that cannot save fails the request and the save is retried before the token is used", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const memory = yield* TokenStore.memory()
      let broken = true
      const store = TokenStore.make({
        load: memory.load,
        save: (tokens) =>
          broken
            ? Effect.fail(new TokenStoreError({ operation: "save", store: "test", detail: "disk full" }))
            : memory.save(tokens)
      })
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token, { store }))
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag === "AuthError" && error.reason).toBe("RefreshFailed")
      expect(fake.apiCalls).toHaveLength(0)
      broken = false
      yield* client.raw(get)
      // No second refresh: the rotated tokens were kept in memory and saved now.
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(Redacted.value(Option.getOrThrow(yield* memory.load).refreshToken)).toBe("refresh-SECRET-2")
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual(["Bearer access-SECRET-2"])
    }))

  it.effect("a refused refresh token fails with AuthError InvalidGrant, once: no retry loop", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      fake.revokeServerSide(initial.refresh_token)
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      const errors = yield* Effect.all([client.raw(get), client.raw(get), client.raw(get)].map(Effect.flip))
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthError)
        expect(error._tag === "AuthError" && error.reason).toBe("InvalidGrant")
        expect(error.message).toContain("Authorize the application again")
      }
      expect(fake.tokenCalls).toHaveLength(1)
      expect(fake.apiCalls).toHaveLength(0)
    }))

  it.effect("a refresh token past its lifetime fails with AuthError RefreshTokenExpired", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const store = yield* TokenStore.memory(
        new StoredTokens({
          refreshToken: Redacted.make(initial.refresh_token),
          accessToken: Redacted.make(initial.access_token),
          createdAt: initial.created_at,
          expiresIn: initial.expires_in,
          clientId: CLIENT_ID,
          clientSecret: Redacted.make(CLIENT_SECRET),
          baseUrl: BASE
        })
      )
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      yield* TestClock.adjust("8 days")
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag === "AuthError" && error.reason).toBe("RefreshTokenExpired")
      expect(error.message).toContain("Authorize the application again")
      expect(fake.refreshCalls()).toHaveLength(1)
    }))

  it.effect("a token endpoint outage is RefreshFailed with retryAt; no call before it, one after it", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      fake.control.tokenOutage = 503
      const first = yield* Effect.flip(client.raw(get))
      expect(first._tag === "AuthError" && first.reason).toBe("RefreshFailed")
      const retryAt = first._tag === "AuthError" ? first.retryAt! : 0
      // Backoff of the first failure: between half a second and one second.
      expect(retryAt - NOW).toBeGreaterThanOrEqual(500)
      expect(retryAt - NOW).toBeLessThanOrEqual(1000)
      expect(first.message).toContain(new Date(retryAt).toISOString())
      // 20 more requests meanwhile (the measured storm was 21 calls): the same error, no token call.
      const meanwhile = yield* Effect.all(Array.from({ length: 20 }, () => Effect.flip(client.raw(get))))
      expect(meanwhile.map((error) => error._tag === "AuthError" && error.retryAt)).toEqual(
        Array.from({ length: 20 }, () => retryAt)
      )
      expect(fake.refreshCalls()).toHaveLength(1)
      // Still down after the wait: the second backoff is longer (1 to 2 s).
      yield* TestClock.setTime(retryAt)
      const second = yield* Effect.flip(client.raw(get))
      const retryAt2 = second._tag === "AuthError" ? second.retryAt! : 0
      expect(retryAt2 - retryAt).toBeGreaterThanOrEqual(1000)
      expect(retryAt2 - retryAt).toBeLessThanOrEqual(2000)
      expect(second.message).toContain("2 failed refreshes in a row")
      expect(fake.refreshCalls()).toHaveLength(2)
      // Back up: the next request after the backoff refreshes and succeeds; the backoff is over.
      fake.control.tokenOutage = undefined
      yield* TestClock.setTime(retryAt2)
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(3)
    }))

  it.effect("a refresh failing inside the margin keeps using the access token until it expires", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        oauthWith(initial.refresh_token, { accessToken: initial.access_token, expiresAt: NOW + 3600_000 })
      )
      fake.control.tokenOutage = 503
      // 2 minutes before expiry (inside the 5-minute margin): the refresh fails, the request still succeeds.
      yield* TestClock.adjust("58 minutes")
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([
        "Bearer access-SECRET-1",
        "Bearer access-SECRET-1"
      ])
      // Expired and the endpoint still down: the request fails with the refresh error.
      yield* TestClock.adjust("3 minutes")
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag === "AuthError" && error.reason).toBe("RefreshFailed")
    }))

  it.effect("an API that always answers 401 causes one refresh, not one per call", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(
        fake,
        oauthWith(initial.refresh_token, { accessToken: initial.access_token })
      )
      fake.control.apiAlwaysRejects = true
      const errors: Array<string> = []
      for (let call = 0; call < 10; call++) {
        errors.push((yield* Effect.flip(client.raw(get)))._tag)
        // Spread over 30 s: past the 10-second "just issued" rule, inside the one-minute cooldown.
        yield* TestClock.adjust("3 seconds")
      }
      expect(errors).toEqual(Array.from({ length: 10 }, () => "Unauthorized"))
      expect(fake.refreshCalls()).toHaveLength(1)
      // 1 + 1 replay, then one attempt per call.
      expect(fake.apiCalls).toHaveLength(11)
      // After the cooldown, a 401 may refresh again (a token revoked server-side is healed).
      yield* TestClock.adjust("1 minute")
      yield* Effect.flip(client.raw(get))
      expect(fake.refreshCalls()).toHaveLength(2)
    }))

  it.effect("a 401 on a token issued seconds ago fails Unauthorized without a refresh", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(1)
      fake.revokeServerSide("access-SECRET-2")
      yield* TestClock.adjust("5 seconds")
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag).toBe("Unauthorized")
      expect(fake.refreshCalls()).toHaveLength(1)
      // Older than 10 seconds: the 401 is answered by one refresh and a replay.
      yield* TestClock.adjust("10 seconds")
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(2)
    }))

  it.effect("adopts a newer rotation another process saved to the shared store instead of refreshing again", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const store = FileTokenStore.make(scratchFile())
      const client = yield* clientWith(
        fake,
        FactorialAuth.oauth({
          ...credentials,
          refreshToken: initial.refresh_token,
          accessToken: initial.access_token,
          expiresAt: NOW + 3600_000,
          store
        })
      )
      // Another process sharing the file refreshes (the initial refresh token stops working) and saves.
      yield* TestClock.adjust("50 minutes")
      const other = yield* OAuth.refresh({ ...credentials, refreshToken: initial.refresh_token }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      yield* store.save(yield* StoredTokens.fromResponse(other, credentials))
      // Within the margin of the initial token: this process renews from the store, without a refresh.
      yield* TestClock.adjust("8 minutes")
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual(["Bearer access-SECRET-2"])
    }))
})

describe("FactorialAuth.oauth with a shared store (TokenStore.Service.withLock)", () => {
  /** Stored tokens as another process would have saved them. */
  const storedFrom = (tokens: { readonly refresh_token: string; readonly access_token: string; readonly created_at: number }) =>
    new StoredTokens({
      refreshToken: Redacted.make(tokens.refresh_token),
      accessToken: Redacted.make(tokens.access_token),
      createdAt: tokens.created_at,
      expiresIn: 3600,
      clientId: CLIENT_ID,
      clientSecret: Redacted.make(CLIENT_SECRET),
      baseUrl: BASE
    })

  it.effect("reload, refresh and save happen inside the store's lock; loads and saves inside do not lock again", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const memory = yield* TokenStore.memory(storedFrom(initial))
      const events: Array<string> = []
      const store = TokenStore.make({
        load: Effect.zipRight(Effect.sync(() => events.push("load")), memory.load),
        save: (tokens) => Effect.zipRight(Effect.sync(() => events.push("save")), memory.save(tokens)),
        withLock: (effect) =>
          Effect.acquireUseRelease(
            Effect.sync(() => events.push("lock")),
            () => memory.withLock!(effect),
            () => Effect.sync(() => events.push("unlock"))
          )
      })
      fake.control.beforeApi = () => Effect.sync(() => events.push("api"))
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      events.length = 0
      yield* TestClock.adjust("2 hours")
      yield* Effect.all([client.raw(get), client.raw(get), client.raw(get)], { concurrency: "unbounded" })
      expect(events).toEqual(["lock", "load", "save", "unlock", "api", "api", "api"])
      expect(fake.refreshCalls()).toHaveLength(1)
    }))

  it.effect("under the lock, newer valid tokens saved by another process are adopted without a token call", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const store = yield* TokenStore.memory(storedFrom(initial))
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      yield* TestClock.adjust("58 minutes")
      // Another process refreshed a minute ago and saved under the same lock.
      const other = yield* OAuth.refresh({ ...credentials, refreshToken: initial.refresh_token }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      yield* store.withLock!(store.save(yield* StoredTokens.fromResponse(other, credentials)))
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls()).toHaveLength(1)
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([`Bearer ${Redacted.value(other.access_token)}`])
    }))

  it.effect("InvalidGrant after another process rotated behind the lock's back: healed by one reload, never surfaced", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const memory = yield* TokenStore.memory(storedFrom(initial))
      // A store without a lock, whose first reload still sees the old tokens (a slow replica of a database).
      let staleReads = 0
      const store = TokenStore.make({
        load: Effect.suspend(() => staleReads-- > 0 ? Effect.succeed(Option.some(storedFrom(initial))) : memory.load),
        save: memory.save
      })
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      staleReads = 1
      yield* TestClock.adjust("2 hours")
      const other = yield* OAuth.refresh({ ...credentials, refreshToken: initial.refresh_token }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.http)
      )
      yield* memory.save(yield* StoredTokens.fromResponse(other, credentials))
      // The other process's access token is fresh (issued now): this process uses it.
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.refreshCalls().map((call) => call.form["refresh_token"])).toEqual([
        initial.refresh_token,
        initial.refresh_token
      ])
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([`Bearer ${Redacted.value(other.access_token)}`])
    }))

  it.effect("a replay refused again (another process rotated once more) is replayed with the store's newest token", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const store = yield* TokenStore.memory(storedFrom(initial))
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      // Another process sharing the store rotates while each of the first two attempts is at the server; the
      // server drops the access token of a used refresh token, so both attempts are refused.
      let rotations = 0
      fake.control.beforeApi = (call) =>
        rotations >= 2 ? Effect.void : Effect.gen(function*() {
          rotations++
          const stored = Option.getOrThrow(yield* Effect.orDie(store.load))
          const other = yield* Effect.orDie(
            OAuth.refresh({ ...credentials, refreshToken: stored.refreshToken }).pipe(
              Effect.provideService(HttpClient.HttpClient, fake.http)
            )
          )
          fake.revokeServerSide(call.authorization!.slice("Bearer ".length))
          yield* Effect.orDie(store.withLock!(store.save(yield* StoredTokens.fromResponse(other, credentials))))
        }).pipe(Effect.orDie)
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(fake.apiCalls.map((call) => call.authorization)).toEqual([
        "Bearer access-SECRET-1",
        "Bearer access-SECRET-2",
        "Bearer access-SECRET-3"
      ])
      // Both refreshes were the other process's: this one only read the store.
      expect(fake.refreshCalls().map((call) => call.form["refresh_token"])).toEqual([
        initial.refresh_token,
        "refresh-SECRET-2"
      ])
    }))

  it.effect("a refresh token refused and not rotated by anyone is InvalidGrant, after exactly one reload", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const memory = yield* TokenStore.memory(storedFrom(initial))
      let loads = 0
      const store = TokenStore.make({
        load: Effect.zipRight(Effect.sync(() => loads++), memory.load),
        save: memory.save,
        withLock: memory.withLock!
      })
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      loads = 0
      fake.revokeServerSide(initial.refresh_token)
      yield* TestClock.adjust("2 hours")
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag === "AuthError" && error.reason).toBe("InvalidGrant")
      // One reload under the lock before refreshing, one after the refusal.
      expect(loads).toBe(2)
      expect(fake.refreshCalls()).toHaveLength(1)
    }))

  it.effect("a store that cannot be read holds nothing newer: the refresh goes on and its save repairs the store", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const memory = yield* TokenStore.memory(storedFrom(initial))
      let corrupt = false
      const store = TokenStore.make({
        load: Effect.suspend(() =>
          corrupt
            ? Effect.fail(new TokenStoreError({ operation: "load", store: "test", detail: "the file is not valid JSON" }))
            : memory.load
        ),
        save: (tokens) => Effect.zipRight(Effect.sync(() => (corrupt = false)), memory.save(tokens))
      })
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(store))
      corrupt = true
      yield* TestClock.adjust("2 hours")
      expect(yield* client.raw(get)).toEqual({ ok: true })
      expect(corrupt).toBe(false)
      expect(Redacted.value(Option.getOrThrow(yield* memory.load).refreshToken)).toBe("refresh-SECRET-2")
    }))
})

describe("FactorialAuth.oauthFromStore", () => {
  it.effect("resumes from a file in the Python library's format and saves rotations back in it", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const path = scratchFile()
      writeFileSync(
        path,
        JSON.stringify({
          refresh_token: initial.refresh_token,
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          access_token: initial.access_token,
          created_at: "2026-05-04T09:00:00+00:00",
          token_type: "Bearer",
          target_url: BASE
        }),
        { mode: 0o600 }
      )
      const client = yield* clientWith(fake, FactorialAuth.oauthFromStore(FileTokenStore.make(path)))
      yield* client.raw(get)
      // No expires_in in a Python file: the token is used until the API refuses it.
      expect(fake.tokenCalls).toHaveLength(0)
      // Later (a 401 on a token issued seconds ago is not answered by a refresh), the token is revoked.
      yield* TestClock.adjust("1 minute")
      fake.revokeServerSide(initial.access_token)
      yield* client.raw(get)
      expect(fake.refreshCalls()).toHaveLength(1)
      const file = JSON.parse(readFileSync(path, "utf8"))
      expect(file).toEqual({
        refresh_token: "refresh-SECRET-2",
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        access_token: "access-SECRET-2",
        created_at: "2026-05-04T09:01:00+00:00",
        token_type: "Bearer",
        target_url: BASE,
        expires_in: 3600,
        scope: "recruitment"
      })
    }))

  it.effect("an empty store, or one without client credentials, is MissingCredentials", () =>
    Effect.gen(function*() {
      const fake = yield* makeFake()
      const provide = Effect.provideService(HttpClient.HttpClient, fake.http)
      const empty = yield* Effect.flip(provide(FactorialAuth.oauthFromStore(yield* TokenStore.memory())))
      expect(empty._tag === "AuthError" && empty.reason).toBe("MissingCredentials")
      const anonymous = yield* TokenStore.memory(new StoredTokens({ refreshToken: Redacted.make("r") }))
      const noClient = yield* Effect.flip(provide(FactorialAuth.oauthFromStore(anonymous)))
      expect(noClient._tag === "AuthError" && noClient.reason).toBe("MissingCredentials")
      const given = yield* provide(
        FactorialAuth.oauthFromStore(anonymous, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: BASE })
      )
      expect(given.kind).toBe("OAuth")
    }))

  it.effect("the store can come from the TokenStore service", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake()
      const initial = yield* fake.issueTokens
      const tokens = new StoredTokens({
        refreshToken: Redacted.make(initial.refresh_token),
        clientId: CLIENT_ID,
        clientSecret: Redacted.make(CLIENT_SECRET),
        baseUrl: BASE
      })
      const client = yield* clientWith(
        fake,
        Effect.flatMap(TokenStore, (store) => FactorialAuth.oauthFromStore(store)).pipe(
          Effect.provide(TokenStore.layerMemory(tokens))
        )
      )
      expect(yield* client.raw(get)).toEqual({ ok: true })
    }))
})

// ---------------------------------------------------------------------------------------------------------------

const SECRETS = [CLIENT_SECRET, "access-SECRET", "refresh-SECRET", "code-SECRET"]

const renderings = (value: unknown): Array<string> => [
  String(value),
  JSON.stringify(value) ?? "",
  value instanceof Error ? value.message : "",
  value instanceof Error ? value.stack ?? "" : "",
  Cause.pretty(Cause.fail(value)),
  Cause.pretty(Cause.die(value))
]

const expectNoSecret = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe("secrets stay out of renderings, logs and spans", () => {
  it.effect("errors, token responses, stored tokens and the auth value print no secret", () =>
    Effect.gen(function*() {
      yield* atNow
      const fake = yield* makeFake({ echoSecrets: true })
      const provide = Effect.provideService(HttpClient.HttpClient, fake.http)
      const code = yield* fake.issueCode()
      const tokens = yield* provide(OAuth.exchangeCode({ ...credentials, code, redirectUri: REDIRECT }))
      const reused = yield* Effect.flip(provide(OAuth.exchangeCode({ ...credentials, code, redirectUri: REDIRECT })))
      const stored = yield* StoredTokens.fromResponse(tokens, credentials)
      const auth = yield* provide(
        FactorialAuth.oauth({ ...credentials, refreshToken: "refresh-SECRET-gone", accessToken: "access-SECRET-x" })
      )
      const client = yield* clientWith(fake, Effect.succeed(auth))
      const authError = yield* Effect.flip(client.raw(get)) // 401, then the refresh is refused
      expect(authError._tag).toBe("AuthError")
      const insecure = yield* Effect.flip(
        provide(OAuth.refresh({ ...credentials, baseUrl: "http://evil.test", refreshToken: "refresh-SECRET-y" }))
      )
      for (const value of [tokens, reused, stored, auth, authError, insecure]) {
        for (const rendering of renderings(value)) expectNoSecret(rendering)
      }
    }))

  it.effect("logs (debug included) and spans of a refresh, a failed refresh and an exchange", () =>
    Effect.gen(function*() {
      yield* atNow
      const lines: Array<string> = []
      const logger = Logger.replace(
        Logger.defaultLogger,
        Logger.map(Logger.logfmtLogger, (line) => {
          lines.push(line)
        })
      )
      const spans: Array<Tracer.Span> = []
      const native = yield* Effect.tracer
      const tracer = Tracer.make({
        span: (...args) => {
          const span = native.span(...args)
          spans.push(span)
          return span
        },
        context: native.context
      })
      const fake = yield* makeFake({ echoSecrets: true })
      const initial = yield* fake.issueTokens
      const program = Effect.gen(function*() {
        const client = yield* clientWith(fake, oauthWith(initial.refresh_token))
        yield* client.raw(get)
        yield* TestClock.adjust("1 minute")
        fake.control.apiAlwaysRejects = true
        fake.revokeServerSide("refresh-SECRET-2")
        yield* client.raw(get).pipe(Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)), Effect.exit)
        const code = yield* fake.issueCode()
        yield* OAuth.exchangeCode({ ...credentials, code, redirectUri: REDIRECT }).pipe(
          Effect.provideService(HttpClient.HttpClient, fake.http)
        )
      })
      yield* program.pipe(
        Effect.withTracer(tracer),
        Logger.withMinimumLogLevel(LogLevel.Debug),
        Effect.provide(logger)
      )
      expect(lines.join("\n")).toContain("OAuth access token refreshed")
      expect(lines.join("\n")).toContain("AuthError: The OAuth refresh token was refused")
      expectNoSecret(lines.join("\n"))
      expect(spans.map((span) => span.name)).toEqual(
        expect.arrayContaining(["OAuth.refresh", "OAuth.exchangeCode", "http.client POST", "http.client GET"])
      )
      for (const span of spans) {
        expectNoSecret(JSON.stringify(Array.from(span.attributes.entries())))
        if (span.status._tag === "Ended") {
          expectNoSecret(Exit.match(span.status.exit, { onSuccess: () => "", onFailure: Cause.pretty }))
        }
      }
    }))
})
