/**
 * End to end: the SDK's OAuth (`OAuth`, `FactorialAuth.oauth`, `FileTokenStore`) with `FactorialClient` and the
 * `Candidates` service, against the sandbox over real HTTP on 127.0.0.1. The sandbox server is built inside each
 * test, so it measures token lifetimes on the test's `TestClock`, as the SDK does: `TestClock.adjust` expires
 * tokens on both sides without sleeping.
 */
import { Candidates } from "@effect-factorial/ats"
import {
  FactorialAuth,
  FactorialClient,
  OAuth,
  StoredTokens,
  TokenStore
} from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Sandbox, SandboxOAuth, SandboxServer, SandboxState } from "../src/index.js"

const REDIRECT = "http://127.0.0.1:8400/callback"
const application = { clientId: SandboxOAuth.defaultClientId, clientSecret: SandboxOAuth.defaultClientSecret }

const directory = mkdtempSync(join(tmpdir(), "sandbox-oauth-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** What the API saw: one entry per request the client sent to `/api/...`. */
interface ApiRequest {
  readonly bearer: string | undefined
  readonly status: number
}

/** A fresh sandbox server and a fetch client; `apiRequests` records the requests the SDK sent to the API. */
const onSandbox = <A, E>(
  body: (apiRequests: ReadonlyArray<ApiRequest>) => Effect.Effect<
    A,
    E,
    HttpClient.HttpClient | SandboxServer | SandboxOAuth | SandboxState
  >
) => {
  const apiRequests: Array<ApiRequest> = []
  const recording = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) =>
      HttpClient.tap(client, (response) =>
        Effect.sync(() => {
          if (new URL(response.request.url).pathname.startsWith("/api/")) {
            const header = response.request.headers["authorization"]
            apiRequests.push({ bearer: header?.replace(/^Bearer /, ""), status: response.status })
          }
        })))
  ).pipe(Layer.provide(FetchHttpClient.layer))
  return Effect.provide(body(apiRequests), Layer.merge(Sandbox.layerServer({ size: 20, seed: 3 }), recording))
}

/** The `Candidates` service on a client authenticated with `auth`, pointed at the sandbox. */
const candidates = <A, E>(
  auth: FactorialAuth.FactorialAuth,
  use: (service: Candidates["Type"]) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const server = yield* SandboxServer
    return yield* Effect.flatMap(Candidates, use).pipe(
      Effect.provide(Candidates.layer.pipe(
        Layer.provide(FactorialClient.layer({ baseUrl: server.url, auth, retry: false }))
      ))
    )
  })

/** `FactorialAuth.oauth` on the tokens of a token answer, as an integration resumes them. */
const oauthFrom = (tokens: SandboxOAuth.Tokens) =>
  Effect.flatMap(SandboxServer, (server) =>
    FactorialAuth.oauth({
      ...application,
      baseUrl: server.url,
      refreshToken: tokens.refresh_token,
      accessToken: tokens.access_token,
      expiresAt: (tokens.created_at + (tokens.expires_in ?? 0)) * 1000
    }))

const tokenCalls = Effect.map(
  Effect.flatMap(SandboxOAuth, (oauth) => oauth.calls),
  (calls) => calls.filter((call) => call.endpoint === "token")
)

/** What the browser does: follow the authorization page to the redirect URI, which carries the code and state. */
const followAuthorization = (page: string) =>
  Effect.gen(function*() {
    const redirect = yield* Effect.flatMap(HttpClient.HttpClient, (client) => client.get(page)).pipe(
      Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" }),
      Effect.scoped
    )
    expect(redirect.status).toBe(302)
    return new URL(redirect.headers["location"]!)
  })

describe("OAuth against the sandbox, over HTTP", () => {
  it.effect("PKCE: a wrong, missing or unexpected code_verifier is refused, and the code still works after", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const withPkce = yield* OAuth.authorizationUrl({ ...application, redirectUri: REDIRECT, baseUrl: server.url })
        const callback = yield* followAuthorization(withPkce.url)
        const code = callback.searchParams.get("code")!
        const exchange = (codeVerifier: string | undefined, forCode = code) =>
          Effect.flip(OAuth.exchangeCode({
            ...application,
            baseUrl: server.url,
            code: forCode,
            redirectUri: REDIRECT,
            codeVerifier
          }))
        // Someone who intercepted the code but not the verifier.
        const other = yield* OAuth.authorizationUrl({ ...application, redirectUri: REDIRECT, baseUrl: server.url })
        const wrong = yield* exchange(Redacted.value(other.codeVerifier!))
        expect(wrong._tag === "OAuthError" && [wrong.status, wrong.error]).toEqual([400, "invalid_grant"])
        const missing = yield* exchange(undefined)
        expect(missing._tag === "OAuthError" && [missing.status, missing.error]).toEqual([400, "invalid_request"])
        const malformed = yield* exchange("short")
        expect(malformed._tag === "OAuthError" && malformed.error).toBe("invalid_request")
        // The genuine verifier still works (the failed attempts did not consume the code), once.
        const tokens = yield* OAuth.exchangeCode({
          ...application,
          baseUrl: server.url,
          code,
          redirectUri: REDIRECT,
          codeVerifier: withPkce.codeVerifier
        })
        expect(tokens.token_type).toBe("Bearer")
        // A verifier for an authorization that sent no challenge: a downgrade, refused (RFC 9700 §2.1.1).
        const without = yield* OAuth.authorizationUrl({
          ...application,
          redirectUri: REDIRECT,
          baseUrl: server.url,
          pkce: false
        })
        const plainCode = (yield* followAuthorization(without.url)).searchParams.get("code")!
        const downgrade = yield* exchange(Redacted.value(other.codeVerifier!), plainCode)
        expect(downgrade._tag === "OAuthError" && downgrade.error).toBe("invalid_grant")
        // A plain challenge (no method) is compared as is.
        const plainChallenge = `${"p".repeat(43)}`
        const params = new URLSearchParams({
          client_id: application.clientId,
          redirect_uri: REDIRECT,
          response_type: "code",
          state: "s",
          code_challenge: plainChallenge
        })
        const plain = (yield* followAuthorization(`${server.url}/oauth/authorize?${params}`)).searchParams.get("code")!
        expect((yield* exchange("q".repeat(43), plain))._tag === "OAuthError").toBe(true)
        const ok = yield* OAuth.exchangeCode({
          ...application,
          baseUrl: server.url,
          code: plain,
          redirectUri: REDIRECT,
          codeVerifier: plainChallenge
        })
        expect(ok.token_type).toBe("Bearer")
      })
    ))

  it.effect("a token endpoint answering 503: one token call for 21 requests, RefreshFailed with retryAt, healed after", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const oauth = yield* SandboxOAuth
        const auth = yield* oauthFrom(yield* oauth.issueTokens())
        yield* TestClock.adjust("2 hours")
        yield* oauth.failTokenEndpoint(503)
        const errors = yield* candidates(auth, (service) =>
          Effect.all(Array.from({ length: 21 }, () => Effect.flip(service.list({ limit: 1 }))), {
            concurrency: "unbounded"
          }))
        const retryAts = new Set(errors.map((error) => error._tag === "AuthError" && error.retryAt))
        expect(errors.map((error) => error._tag === "AuthError" && error.reason)).toEqual(
          Array.from({ length: 21 }, () => "RefreshFailed")
        )
        expect(retryAts.size).toBe(1)
        expect((yield* tokenCalls).map((call) => call.status)).toEqual([503])
        // Back up, and the backoff over: the next request refreshes once and succeeds.
        yield* oauth.failTokenEndpoint(undefined)
        yield* TestClock.setTime([...retryAts][0] as number)
        const page = yield* candidates(auth, (service) => service.list({ limit: 1 }))
        expect(page.data).toHaveLength(1)
        expect((yield* tokenCalls).map((call) => call.status)).toEqual([503, 200])
      })
    ))

  it.effect("a malformed challenge or an unknown method is sent back to the redirect URI as invalid_request", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const base = { client_id: application.clientId, redirect_uri: REDIRECT, response_type: "code", state: "st" }
        for (
          const extra of [
            { code_challenge: "too-short" },
            { code_challenge: "a".repeat(43), code_challenge_method: "S512" },
            { code_challenge_method: "S256" }
          ]
        ) {
          const callback = yield* followAuthorization(
            `${server.url}/oauth/authorize?${new URLSearchParams({ ...base, ...extra })}`
          )
          expect(callback.searchParams.get("error")).toBe("invalid_request")
          expect(callback.searchParams.get("state")).toBe("st")
          expect(callback.searchParams.has("code")).toBe(false)
        }
      })
    ))

  it.effect("authorization code with PKCE and state: authorize (redirect), exchange, then API calls with the tokens", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const request = yield* OAuth.authorizationUrl({
          clientId: application.clientId,
          redirectUri: REDIRECT,
          scope: OAuth.atsScope,
          baseUrl: server.url
        })
        const callback = yield* followAuthorization(request.url)
        expect(OAuth.verifyState(request.state, callback.searchParams.get("state"))).toBe(true)
        const code = callback.searchParams.get("code")!

        const tokens = yield* OAuth.exchangeCode({
          ...application,
          baseUrl: server.url,
          code,
          redirectUri: REDIRECT,
          codeVerifier: request.codeVerifier
        })
        expect([tokens.token_type, tokens.expires_in, tokens.scope]).toEqual(["Bearer", 3600, "recruitment"])
        const auth = yield* FactorialAuth.oauth({
          ...application,
          baseUrl: server.url,
          refreshToken: tokens.refresh_token!,
          accessToken: tokens.access_token,
          expiresAt: (tokens.created_at! + tokens.expires_in!) * 1000
        })
        const page1 = yield* candidates(auth, (service) => service.list({ limit: 5 }))
        expect(page1.data.length).toBe(5)
        expect(page1.meta.total).toBe((yield* SandboxState).count("candidates"))
        const calls = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.calls)
        expect(calls.map((c) => [c.endpoint, c.grantType, c.status])).toEqual([
          ["authorize", undefined, 302],
          ["token", "authorization_code", 200]
        ])
      })
    ))

  it.effect("a code used twice: the second exchange is refused with invalid_grant", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const code = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.issueCode({ redirectUri: REDIRECT }))
        const exchange = OAuth.exchangeCode({ ...application, baseUrl: server.url, code, redirectUri: REDIRECT })
        yield* exchange
        const error = yield* Effect.flip(exchange)
        expect(error._tag).toBe("OAuthError")
        expect(error._tag === "OAuthError" && [error.reason, error.status, error.error])
          .toEqual(["ErrorResponse", 400, "invalid_grant"])
      })
    ))

  it.effect("50 concurrent requests with an expired access token: exactly one call to /oauth/token", () =>
    onSandbox((apiRequests) =>
      Effect.gen(function*() {
        const oauth = yield* SandboxOAuth
        const tokens = yield* oauth.issueTokens()
        const auth = yield* oauthFrom(tokens)
        yield* TestClock.adjust("1 hour")
        expect(yield* oauth.verifyToken(tokens.access_token)).toBe(false)

        const pages = yield* candidates(auth, (service) =>
          Effect.all(Array.from({ length: 50 }, () => service.list({ limit: 2 })), { concurrency: "unbounded" }))
        expect(pages.map((page) => page.data.length)).toEqual(Array(50).fill(2))
        expect((yield* tokenCalls).map((c) => [c.grantType, c.status])).toEqual([["refresh_token", 200]])
        // Every API request carried the one new token.
        expect(apiRequests.length).toBe(50)
        const sent = new Set(apiRequests.map((r) => r.bearer))
        expect(sent.size).toBe(1)
        expect(sent.has(tokens.access_token)).toBe(false)
        expect(yield* oauth.verifyToken([...sent][0]!)).toBe(true)
      })
    ))

  it.effect("rotation persisted by FileTokenStore: the file holds the new refresh token, the old one is refused", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const oauth = yield* SandboxOAuth
        const path = join(directory, "rotation.json")
        const store = FileTokenStore.make(path)
        const issued = yield* oauth.issueTokens()
        const response = yield* Schema.decodeUnknown(OAuth.TokenResponse)(issued)
        yield* store.save(yield* StoredTokens.fromResponse(response, { ...application, baseUrl: server.url }))

        yield* TestClock.adjust("1 hour")
        const auth = yield* FactorialAuth.oauthFromStore(store)
        yield* candidates(auth, (service) => service.list({ limit: 1 }))

        const file = JSON.parse(readFileSync(path, "utf8"))
        expect(file.refresh_token).not.toBe(issued.refresh_token)
        expect(file.access_token).not.toBe(issued.access_token)
        expect(file.target_url).toBe(server.url)
        expect(yield* oauth.verifyToken(file.access_token)).toBe(true)

        // The rotated-away refresh token is dead: an integration still holding it must authorize again.
        const stale = yield* FactorialAuth.oauth({ ...application, baseUrl: server.url, refreshToken: issued.refresh_token })
        const error = yield* Effect.flip(candidates(stale, (service) => service.list({ limit: 1 })))
        expect(error._tag).toBe("AuthError")
        expect(error._tag === "AuthError" && error.reason).toBe("InvalidGrant")
        expect(error.message).toContain("Authorize the application again")
        expect((yield* tokenCalls).map((c) => [c.grantType, c.status, c.error])).toEqual([
          ["refresh_token", 200, undefined],
          ["refresh_token", 400, "invalid_grant"]
        ])

        // The file resumes: its access token is still fresh, so no refresh is needed.
        const resumed = yield* FactorialAuth.oauthFromStore(store)
        expect((yield* candidates(resumed, (service) => service.list({ limit: 1 }))).data.length).toBe(1)
        expect((yield* tokenCalls).length).toBe(2)
      })
    ))

  it.effect("a 401 (the access token revoked server-side): one refresh, then the request is replayed once", () =>
    onSandbox((apiRequests) =>
      Effect.gen(function*() {
        const oauth = yield* SandboxOAuth
        const tokens = yield* oauth.issueTokens()
        const auth = yield* oauthFrom(tokens)
        yield* candidates(auth, (service) => service.list({ limit: 1 }))
        expect(yield* oauth.revoke(tokens.access_token)).toBe(true)

        const page = yield* candidates(auth, (service) => service.list({ limit: 1 }))
        expect(page.data.length).toBe(1)
        expect((yield* tokenCalls).map((c) => [c.grantType, c.status])).toEqual([["refresh_token", 200]])
        const [before, rejected, replayed] = apiRequests
        expect(apiRequests.length).toBe(3)
        expect([before!.status, rejected!.status, replayed!.status]).toEqual([200, 401, 200])
        expect([before!.bearer, rejected!.bearer]).toEqual([tokens.access_token, tokens.access_token])
        expect(replayed!.bearer).not.toBe(tokens.access_token)
      })
    ))

  it.effect("an expired refresh token: AuthError RefreshTokenExpired, telling to authorize again, asked once", () =>
    onSandbox(() =>
      Effect.gen(function*() {
        const server = yield* SandboxServer
        const oauth = yield* SandboxOAuth
        // Resumed from a store, the SDK knows when the refresh token was issued (`created_at`), hence why it died.
        const response = yield* Schema.decodeUnknown(OAuth.TokenResponse)(yield* oauth.issueTokens())
        const saved = yield* StoredTokens.fromResponse(response, { ...application, baseUrl: server.url })
        const auth = yield* FactorialAuth.oauthFromStore(yield* TokenStore.memory(saved))
        yield* TestClock.adjust("8 days")

        const list = Effect.flip(candidates(auth, (service) => service.list({ limit: 1 })))
        const error = yield* list
        expect(error._tag).toBe("AuthError")
        expect(error._tag === "AuthError" && error.reason).toBe("RefreshTokenExpired")
        expect(error.message).toContain("Authorize the application again")
        // A dead refresh token is not tried again.
        expect((yield* list)._tag).toBe("AuthError")
        expect((yield* tokenCalls).map((c) => [c.grantType, c.status, c.error])).toEqual([
          ["refresh_token", 400, "invalid_grant"]
        ])
      })
    ))
})
