/**
 * The sandbox's OAuth authorization server, on the wire: `/oauth/authorize`, `/oauth/token`, `/oauth/revoke`, and
 * the API accepting the access tokens it issues. In-process, so every lifetime runs on the `TestClock`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { Sandbox, SandboxAuth, SandboxOAuth, SandboxServer, SandboxState } from "../src/index.js"
import { call } from "./support.js"

const CLIENT = { id: "sandbox-client", secret: "sandbox-secret" }
const REDIRECT = "http://127.0.0.1:8400/callback"

interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly json: any
}

const send = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.gen(function*() {
    const response = yield* (yield* HttpClient.HttpClient).execute(request)
    const text = yield* response.text
    const json = text === "" ? undefined : JSON.parse(text)
    const answer: Answer = { status: response.status, headers: response.headers, json }
    return answer
  }).pipe(Effect.scoped, Effect.orDie)

const url = (path: string) => Effect.map(SandboxServer, (server) => `${server.url}${path}`)

/** A form POST to `/oauth/token` or `/oauth/revoke`, with the default client's credentials unless given. */
const post = (path: "/oauth/token" | "/oauth/revoke", form: Record<string, string>, client: Record<string, string> = {
  client_id: CLIENT.id,
  client_secret: CLIENT.secret
}) =>
  Effect.flatMap(url(path), (target) =>
    send(HttpClientRequest.post(target).pipe(HttpClientRequest.bodyUrlParams({ ...client, ...form }))))

const authorize = (params: Record<string, string>) =>
  Effect.flatMap(url(`/oauth/authorize?${new URLSearchParams(params).toString()}`), (target) =>
    send(HttpClientRequest.get(target)))

const codeRequest = { client_id: CLIENT.id, redirect_uri: REDIRECT, response_type: "code", state: "s-1" }

/** Authorizes and exchanges the code: the first tokens of an integration. */
const login = Effect.gen(function*() {
  const redirect = yield* authorize(codeRequest)
  const code = new URL(redirect.headers["location"]!).searchParams.get("code")!
  const answer = yield* post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: REDIRECT })
  expect(answer.status).toBe(200)
  return answer.json as SandboxOAuth.Tokens
})

const api = (token: string) => Effect.map(call("GET", "candidates", { auth: { bearer: token } }), (a) => a.status)

const refresh = (token: string) => post("/oauth/token", { grant_type: "refresh_token", refresh_token: token })

const run = <A, E>(
  effect: Effect.Effect<A, E, HttpClient.HttpClient | SandboxServer | SandboxOAuth | SandboxState>,
  options: Sandbox.Options = {}
) => Effect.provide(effect, Sandbox.layerClient({ size: 3, ...options }))

describe("SandboxOAuth: authorization code", () => {
  it.effect("authorize redirects to the redirect URI with a code and the state, approved at once", () =>
    run(Effect.gen(function*() {
      const answer = yield* authorize({ ...codeRequest, redirect_uri: `${REDIRECT}?app=1` })
      expect(answer.status).toBe(302)
      const location = new URL(answer.headers["location"]!)
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT)
      expect(location.searchParams.get("app")).toBe("1")
      expect(location.searchParams.get("state")).toBe("s-1")
      expect(location.searchParams.get("code")).toMatch(/^sbx-code-/)
    })))

  it.effect("the code is exchanged for Bearer tokens the API accepts; the answer is not cacheable", () =>
    run(Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-05-04T09:00:00.500Z"))
      const tokens = yield* login
      expect(tokens).toEqual({
        access_token: expect.stringMatching(/^sbx-at-/),
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token: expect.stringMatching(/^sbx-rt-/),
        scope: "recruitment",
        created_at: Date.parse("2026-05-04T09:00:00Z") / 1000
      })
      expect(yield* api(tokens.access_token)).toBe(200)
      const calls = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.calls)
      expect(calls).toEqual([
        { endpoint: "authorize", grantType: undefined, status: 302, error: undefined },
        { endpoint: "token", grantType: "authorization_code", status: 200, error: undefined }
      ])
    })))

  it.effect("token answers carry no-store headers", () =>
    run(Effect.gen(function*() {
      const code = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.issueCode({ redirectUri: REDIRECT }))
      const answer = yield* post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: REDIRECT })
      expect([answer.headers["cache-control"], answer.headers["pragma"]]).toEqual(["no-store", "no-cache"])
    })))

  it.effect("a code works once, only for its client and redirect URI, and expires after 10 minutes", () =>
    run(
      Effect.gen(function*() {
        const oauth = yield* SandboxOAuth
        const exchange = (code: string, redirectUri = REDIRECT, client = CLIENT) =>
          Effect.map(
            post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: redirectUri }, {
              client_id: client.id,
              client_secret: client.secret
            }),
            (a) => [a.status, a.json.error]
          )
        const once = yield* oauth.issueCode({ redirectUri: REDIRECT })
        expect(yield* exchange(once)).toEqual([200, undefined])
        expect(yield* exchange(once)).toEqual([400, "invalid_grant"])
        expect(yield* exchange(yield* oauth.issueCode({ redirectUri: REDIRECT }), "http://127.0.0.1:9999/cb"))
          .toEqual([400, "invalid_grant"])
        const other = { id: "other-app", secret: "other-secret" }
        expect(yield* exchange(yield* oauth.issueCode({ redirectUri: REDIRECT }), REDIRECT, other))
          .toEqual([400, "invalid_grant"])
        const late = yield* oauth.issueCode({ redirectUri: REDIRECT })
        yield* TestClock.adjust("10 minutes")
        expect(yield* exchange(late)).toEqual([400, "invalid_grant"])
      }),
      { oauth: { clients: [CLIENT, { id: "other-app", secret: "other-secret" }] } }
    ))

  it.effect("authorize refuses on the spot an unknown client or an unregistered redirect URI, without redirecting", () =>
    run(
      Effect.gen(function*() {
        const unknown = yield* authorize({ ...codeRequest, client_id: "nobody" })
        expect([unknown.status, unknown.headers["location"], unknown.json.error]).toEqual([400, undefined, "invalid_client"])
        const unregistered = yield* authorize({ ...codeRequest, redirect_uri: "https://evil.example/cb" })
        expect([unregistered.status, unregistered.headers["location"], unregistered.json.error])
          .toEqual([400, undefined, "invalid_request"])
        const missing = yield* authorize({ client_id: CLIENT.id, response_type: "code" })
        expect([missing.status, missing.json.error]).toEqual([400, "invalid_request"])
      }),
      { oauth: { clients: [{ ...CLIENT, redirectUris: [REDIRECT] }] } }
    ))

  it.effect("authorize sends other errors back to the redirect URI, with the state", () =>
    run(Effect.gen(function*() {
      const answer = yield* authorize({ ...codeRequest, response_type: "token" })
      const location = new URL(answer.headers["location"]!)
      expect(answer.status).toBe(302)
      expect([location.searchParams.get("error"), location.searchParams.get("state"), location.searchParams.get("code")])
        .toEqual(["unsupported_response_type", "s-1", null])
    })))
})

describe("SandboxOAuth: access and refresh tokens", () => {
  it.effect("an access token works until created_at + expires_in, then the API answers 401 {errors: null}", () =>
    run(
      Effect.gen(function*() {
        const tokens = yield* login
        expect(tokens.expires_in).toBe(60)
        yield* TestClock.adjust("59 seconds")
        expect(yield* api(tokens.access_token)).toBe(200)
        yield* TestClock.adjust("1 second")
        const answer = yield* call("GET", "candidates", { auth: { bearer: tokens.access_token } })
        expect([answer.status, answer.json]).toEqual([401, { errors: null }])
      }),
      { oauth: { accessTokenLifetime: "1 minute" } }
    ))

  it.effect("a refresh rotates: new tokens work, the old refresh token and its access token stop working", () =>
    run(Effect.gen(function*() {
      const first = yield* login
      const answer = yield* refresh(first.refresh_token)
      expect(answer.status).toBe(200)
      const second = answer.json as SandboxOAuth.Tokens
      expect(second.refresh_token).not.toBe(first.refresh_token)
      expect(second.access_token).not.toBe(first.access_token)
      expect(yield* api(second.access_token)).toBe(200)
      expect(yield* api(first.access_token)).toBe(401)
      const again = yield* refresh(first.refresh_token)
      expect([again.status, again.json.error]).toEqual([400, "invalid_grant"])
      expect(typeof again.json.error_description).toBe("string")
    })))

  it.effect("a refresh token expires after its lifetime (default one week)", () =>
    run(Effect.gen(function*() {
      const oauth = yield* SandboxOAuth
      const kept = yield* oauth.issueTokens()
      const expiring = yield* oauth.issueTokens()
      yield* TestClock.adjust("6 days")
      expect((yield* refresh(kept.refresh_token)).status).toBe(200)
      yield* TestClock.adjust("1 day")
      const answer = yield* refresh(expiring.refresh_token)
      expect([answer.status, answer.json.error]).toEqual([400, "invalid_grant"])
    })))

  it.effect("a company token does not expire", () =>
    run(Effect.gen(function*() {
      const redirect = yield* authorize({ ...codeRequest, resource_owner_type: "company" })
      const code = new URL(redirect.headers["location"]!).searchParams.get("code")!
      const tokens = (yield* post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: REDIRECT }))
        .json
      expect(tokens.expires_in).toBeUndefined()
      yield* TestClock.adjust("365 days")
      expect(yield* api(tokens.access_token)).toBe(200)
    })))

  it.effect("the default client holds sandbox-refresh-token from the start, usable once", () =>
    run(Effect.gen(function*() {
      const first = yield* refresh(SandboxOAuth.defaultRefreshToken)
      expect(first.status).toBe(200)
      expect(yield* api(first.json.access_token)).toBe(200)
      expect((yield* refresh(SandboxOAuth.defaultRefreshToken)).json.error).toBe("invalid_grant")
    })))

  it.effect("fixed API keys and tokens keep working beside OAuth tokens", () =>
    run(Effect.gen(function*() {
      const server = yield* SandboxServer
      expect(yield* api(server.token)).toBe(200)
      expect((yield* call("GET", "candidates")).status).toBe(200)
      expect(yield* api("sbx-at-made-up")).toBe(401)
    })))
})

describe("SandboxOAuth: RFC 6749 errors", () => {
  it.effect("client authentication: 401 invalid_client for a wrong secret; Basic credentials work", () =>
    run(Effect.gen(function*() {
      const oauth = yield* SandboxOAuth
      const wrong = yield* post("/oauth/token", { grant_type: "refresh_token", refresh_token: "x" }, {
        client_id: CLIENT.id,
        client_secret: "wrong"
      })
      expect([wrong.status, wrong.json]).toEqual([401, {
        error: "invalid_client",
        error_description: expect.any(String)
      }])
      expect(wrong.headers["www-authenticate"]).toMatch(/^Basic /)
      const tokens = yield* oauth.issueTokens()
      const basic = yield* Effect.flatMap(url("/oauth/token"), (target) =>
        send(HttpClientRequest.post(target).pipe(
          HttpClientRequest.basicAuth(CLIENT.id, CLIENT.secret),
          HttpClientRequest.bodyUrlParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })
        )))
      expect(basic.status).toBe(200)
    })))

  it.effect("malformed requests: 400 invalid_request / unsupported_grant_type", () =>
    run(Effect.gen(function*() {
      const errors = (answer: Answer) => [answer.status, answer.json.error]
      expect(errors(yield* post("/oauth/token", {}))).toEqual([400, "invalid_request"])
      expect(errors(yield* post("/oauth/token", { grant_type: "password" }))).toEqual([400, "unsupported_grant_type"])
      expect(errors(yield* post("/oauth/token", { grant_type: "authorization_code" }))).toEqual([400, "invalid_request"])
      expect(errors(yield* post("/oauth/token", { grant_type: "refresh_token" }))).toEqual([400, "invalid_request"])
      const json = yield* Effect.flatMap(url("/oauth/token"), (target) =>
        send(HttpClientRequest.post(target).pipe(HttpClientRequest.bodyUnsafeJson({
          grant_type: "refresh_token",
          refresh_token: SandboxOAuth.defaultRefreshToken,
          ...{ client_id: CLIENT.id, client_secret: CLIENT.secret }
        }))))
      expect(errors(json)).toEqual([400, "invalid_request"])
      const twice = yield* Effect.flatMap(url("/oauth/token"), (target) =>
        send(HttpClientRequest.post(target).pipe(HttpClientRequest.bodyUrlParams([
          ["client_id", CLIENT.id],
          ["client_secret", CLIENT.secret],
          ["grant_type", "refresh_token"],
          ["refresh_token", "a"],
          ["refresh_token", "b"]
        ]))))
      expect(errors(twice)).toEqual([400, "invalid_request"])
      const calls = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.calls)
      expect(calls.map((c) => c.error)).toEqual([
        "invalid_request",
        "unsupported_grant_type",
        "invalid_request",
        "invalid_request",
        "invalid_request",
        "invalid_request"
      ])
    })))
})

describe("SandboxOAuth: revocation", () => {
  it.effect("revoking a refresh token revokes its access token too", () =>
    run(Effect.gen(function*() {
      const tokens = yield* login
      const answer = yield* post("/oauth/revoke", { token: tokens.refresh_token, token_type_hint: "refresh_token" })
      expect([answer.status, answer.json]).toEqual([200, {}])
      expect(yield* api(tokens.access_token)).toBe(401)
      expect((yield* refresh(tokens.refresh_token)).json.error).toBe("invalid_grant")
    })))

  it.effect("revoking an access token (server-side or by the client) leaves the refresh token working", () =>
    run(Effect.gen(function*() {
      const oauth = yield* SandboxOAuth
      const first = yield* oauth.issueTokens()
      expect(yield* oauth.revoke(first.access_token)).toBe(true)
      expect(yield* api(first.access_token)).toBe(401)
      const second = (yield* refresh(first.refresh_token)).json as SandboxOAuth.Tokens
      expect((yield* post("/oauth/revoke", { token: second.access_token })).status).toBe(200)
      expect(yield* api(second.access_token)).toBe(401)
      expect((yield* refresh(second.refresh_token)).status).toBe(200)
    })))

  it.effect("revoke: an unknown token is 200, another client's token 403, a wrong secret 401", () =>
    run(
      Effect.gen(function*() {
        const oauth = yield* SandboxOAuth
        const theirs = yield* oauth.issueTokens({ clientId: "other-app" })
        expect((yield* post("/oauth/revoke", { token: "nothing-like-it" })).status).toBe(200)
        const foreign = yield* post("/oauth/revoke", { token: theirs.access_token })
        expect([foreign.status, foreign.json.error]).toEqual([403, "unauthorized_client"])
        expect(yield* api(theirs.access_token)).toBe(200)
        const wrong = yield* post("/oauth/revoke", { token: theirs.access_token }, {
          client_id: CLIENT.id,
          client_secret: "nope"
        })
        expect([wrong.status, wrong.json.error]).toEqual([401, "invalid_client"])
      }),
      { oauth: { clients: [CLIENT, { id: "other-app", secret: "other-secret" }] } }
    ))
})

describe("SandboxOAuth: composition", () => {
  it.effect("routes given in the options replace the built-in route of the same path, and only that one", () =>
    run(
      Effect.gen(function*() {
        const custom = yield* post("/oauth/token", { grant_type: "refresh_token", refresh_token: "x" })
        expect(custom.json).toEqual({ custom: true })
        expect((yield* authorize(codeRequest)).status).toBe(302)
      }),
      {
        routes: HttpRouter.empty.pipe(
          HttpRouter.post("/oauth/token", Effect.succeed(HttpServerResponse.unsafeJson({ custom: true })))
        )
      }
    ))

  it.effect("without a SandboxOAuth in context the OAuth paths are 404", () =>
    Effect.gen(function*() {
      const answer = yield* post("/oauth/token", { grant_type: "refresh_token", refresh_token: "x" })
      expect(answer.status).toBe(404)
    }).pipe(
      Effect.provide(Sandbox.client().pipe(
        Layer.provideMerge(Layer.merge(SandboxState.layer({ seed: { candidates: 3 } }), SandboxAuth.SandboxAuth.layer()))
      ))
    ))
})
