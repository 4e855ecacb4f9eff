/**
 * Issue #10 through the public API: credentials never follow a redirect, a credential a header cannot carry is
 * refused without being shown, and path segments cannot change the URL.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { FactorialClient } from "../src/FactorialClient.js"
import type { RequestMethod } from "../src/FactorialRequest.js"
import { localServer } from "./support/LocalServer.js"
import { json, mockClient, mockHttp, SECRET_KEY } from "../test-support/MockHttp.js"

/** Every way an error may be rendered: message, String, JSON, Cause.pretty. */
const renderings = (error: unknown): ReadonlyArray<string> => [
  error instanceof Error ? error.message : "",
  String(error),
  JSON.stringify(error),
  Cause.pretty(Cause.fail(error))
]

/** A client over real fetch to `baseUrl`, with retries on (a redirect must not be retried either). */
const fetchClient = (baseUrl: string, auth: FactorialAuth.FactorialAuth) =>
  FactorialClient.make({ auth, baseUrl, rateLimit: false }).pipe(Effect.provide(FetchHttpClient.layer))

describe("redirects are never followed", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const method of ["GET", "POST", "DELETE"] as const satisfies ReadonlyArray<RequestMethod>) {
      it.live(`${status} on ${method}: the other host receives nothing, the error shows the location`, () =>
        Effect.gen(function*() {
          const other = yield* localServer((_, response) => response.end("{}"))
          const api = yield* localServer((_, response) => {
            response.writeHead(status, { location: `${other.url}/collect?api_key=leaked&page=2` }).end()
          })
          for (const auth of [FactorialAuth.apiKey(SECRET_KEY), FactorialAuth.accessToken(SECRET_KEY)]) {
            const client = yield* fetchClient(api.url, auth)
            const error = yield* Effect.flip(client.raw({
              method,
              path: ["ats", "candidates"],
              ...(method === "POST" ? { body: { _tag: "Json", value: { first_name: "Ada" } } } : {})
            }))
            expect(error._tag).toBe("UnexpectedStatus")
            if (error._tag !== "UnexpectedStatus") return
            expect(error.status).toBe(status)
            expect(error.location).toBe(`${other.url}/collect?api_key=redacted&page=2`)
            expect(error.headers.location).toBe(error.location)
            expect(error.message).toContain("Redirect refused")
            for (const text of renderings(error)) expect(text).not.toContain("leaked")
          }
          expect(other.received).toEqual([])
          // Not retried: one request per client.
          expect(api.received.length).toBe(2)
        }).pipe(Effect.scoped))
    }
  }

  it.live("a relative location is shown absolute; a RequestInit the user provides is kept", () =>
    Effect.gen(function*() {
      const api = yield* localServer((request, response) => {
        if (request.url?.includes("/elsewhere")) response.end("{}")
        else response.writeHead(302, { location: "/elsewhere" }).end()
      })
      const client = yield* FactorialClient.make({ auth: FactorialAuth.apiKey(SECRET_KEY), baseUrl: api.url }).pipe(
        Effect.provide(FetchHttpClient.layer),
        Effect.provideService(FetchHttpClient.RequestInit, { redirect: "follow", headers: { "x-extra": "kept" } })
      )
      const error = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
      expect(error._tag === "UnexpectedStatus" && error.location).toBe(`${api.url}/elsewhere`)
      expect(api.received.length).toBe(1)
      expect(api.received[0]!.headers["x-extra"]).toBe("kept")
    }).pipe(Effect.scoped))
  it.live("the token endpoint's redirect is not followed either: the client secret and refresh token stay", () =>
    Effect.gen(function*() {
      const other = yield* localServer((_, response) => response.end("{}"))
      const api = yield* localServer((_, response) => {
        response.writeHead(307, { location: `${other.url}/oauth/token` }).end()
      })
      const auth = yield* FactorialAuth.oauth({
        clientId: "client-id",
        clientSecret: "client-secret-value",
        refreshToken: "refresh-token-value",
        baseUrl: api.url
      }).pipe(Effect.provide(FetchHttpClient.layer))
      const client = yield* fetchClient(api.url, auth)
      const error = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
      expect(error._tag).toBe("AuthError")
      for (const text of renderings(error)) {
        expect(text).not.toContain("client-secret-value")
        expect(text).not.toContain("refresh-token-value")
      }
      expect(other.received).toEqual([])
      expect(api.received.map((request) => request.url)).toEqual(["/oauth/token"])
    }).pipe(Effect.scoped))
})

describe("credentials a header cannot carry", () => {
  const badKeys = [
    "Zq7-first\nZq7-second",
    "Zq7-first\r\nInjected: Zq7-second",
    "Zq7-first\u0000Zq7-second",
    "Zq7-first\u0007Zq7-second",
    "Zq7-first\u2028Zq7-second"
  ]

  for (const key of badKeys) {
    for (const [name, make] of [["apiKey", FactorialAuth.apiKey], ["accessToken", FactorialAuth.accessToken]] as const) {
      it.effect(`${name}(${JSON.stringify(key)}) fails with AuthError, sends nothing, shows nothing of the key`, () =>
        Effect.gen(function*() {
          const { client, sent } = yield* mockClient(() => json({}), { auth: make(key), retry: {} })
          const error = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
          expect(error._tag).toBe("AuthError")
          if (error._tag !== "AuthError") return
          expect(error.reason).toBe("InvalidCredential")
          expect(error.message).toContain(name === "apiKey" ? "API key" : "access token")
          for (const text of renderings(error)) {
            expect(text).not.toContain("Zq7")
            expect(text).not.toContain("first")
            expect(text).not.toContain("second")
          }
          expect(yield* sent).toEqual([])
        }))
    }
  }

  it.effect("one final newline (a secrets file) is trimmed; a custom auth is checked too", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), { auth: FactorialAuth.apiKey(`${SECRET_KEY}\n`) })
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      expect((yield* sent)[0]!.headers["x-api-key"]).toBe(SECRET_KEY)

      const custom = FactorialAuth.make({
        kind: "Custom",
        headers: Effect.succeed({ authorization: Redacted.make("Bearer tok-one\r\ntok-two") })
      })
      const second = yield* mockClient(() => json({}), { auth: custom })
      const error = yield* Effect.flip(second.client.raw({ method: "GET", path: ["ats", "candidates"] }))
      expect(error._tag === "AuthError" && error.reason).toBe("InvalidCredential")
      for (const text of renderings(error)) expect(text).not.toContain("tok-")
      expect(yield* second.sent).toEqual([])
    }))

  it.effect("FACTORIAL_API_KEY with a line break fails the layer with a ConfigError naming the variable", () =>
    Effect.gen(function*() {
      const { http } = yield* mockHttp(() => json({}))
      const exit = yield* Layer.build(FactorialClient.layerConfig()).pipe(
        Effect.scoped,
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["FACTORIAL_API_KEY", "sk-top\nsk-bottom"]]))),
        Effect.exit
      )
      expect(Exit.isFailure(exit)).toBe(true)
      const rendered = Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""
      expect(rendered).toContain("FACTORIAL_API_KEY")
      expect(rendered).toContain("line feed")
      expect(rendered).not.toContain("sk-top")
      expect(rendered).not.toContain("sk-bottom")
    }))

  it.effect("a userAgent with a line break fails the client with a ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(mockClient(() => json({}), { userAgent: "my-app\r\nx-injected: 1" }))
      expect(String(error)).toContain("userAgent")
    }))

  it.effect("a request the platform refuses is a TransportError 'Rejected', not retried, without its message", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        () =>
          Effect.fail(
            new HttpClientError.RequestError({
              request: undefined as never,
              reason: "Transport",
              cause: new TypeError(`Headers.append: "x-trace: v\\nsecret-value" is an invalid header value.`)
            })
          ),
        { retry: {} }
      )
      const error = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
      expect(error._tag === "TransportError" && error.reason).toBe("Rejected")
      for (const text of renderings(error)) expect(text).not.toContain("secret-value")
      expect((yield* sent).length).toBe(1)
    }))
})

describe("path segments", () => {
  const refused = ["..", ".", "", "a/b", "%2F", "a%2fb", "%2e%2e", "%2E", "a?b", "a#b", "%3F", "%23", "a\\b", "%5C"]
  for (const segment of refused) {
    it.effect(`${JSON.stringify(segment)} is refused before sending`, () =>
      Effect.gen(function*() {
        const { client, sent } = yield* mockClient(() => json({}))
        const error = yield* Effect.flip(client.raw({ method: "DELETE", path: ["ats", "candidates", segment] }))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag !== "InvalidRequest") return
        expect(error.path).toEqual(["path", 2])
        expect(yield* sent).toEqual([])
      }))
  }

  it.effect("ordinary segments (ids, actions, spaces, unicode) are sent encoded", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      yield* client.raw({ method: "GET", path: ["ats", "applications", "move_to_phase", "12 é", "a.b", "..."] })
      expect((yield* sent)[0]!.url.pathname).toBe(
        "/api/2026-07-01/resources/ats/applications/move_to_phase/12%20%C3%A9/a.b/..."
      )
    }))
})
