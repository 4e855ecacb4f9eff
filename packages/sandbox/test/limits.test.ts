import { describe, expect, it } from "@effect/vitest"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { Sandbox, SandboxAuth, SandboxState } from "../src/index.js"
import { call, sandbox, transports } from "./support.js"

const candidate = (n: number) => ({ first_name: `C${n}`, last_name: "Test", company_id: "1" })

describe.each(transports)("auth and rate limits over %s", (transport) => {
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>, options: Sandbox.ServerOptions = { size: 5 }) =>
    Effect.provide(self, sandbox(transport, options))

  it.effect("x-api-key and Bearer tokens; a key sent as Bearer is refused", () =>
    provide(
      Effect.gen(function*() {
        expect((yield* call("GET", "candidates", { auth: { apiKey: "k1" } })).status).toBe(200)
        expect((yield* call("GET", "candidates", { auth: { apiKey: "k2" } })).status).toBe(200)
        expect((yield* call("GET", "candidates", { auth: { bearer: "t1" } })).status).toBe(200)
        const wrongKey = yield* call("GET", "candidates", { auth: { apiKey: "nope" } })
        expect(wrongKey.status).toBe(401)
        expect(wrongKey.json).toEqual({ errors: null })
        expect((yield* call("GET", "candidates", { auth: { bearer: "k1" } })).status).toBe(401)
        expect((yield* call("GET", "candidates", { auth: { bearer: "nope" } })).status).toBe(401)
        expect((yield* call("POST", "candidates", { auth: false, body: candidate(1) })).status).toBe(401)
      }),
      { size: 5, apiKeys: ["k1", "k2"], tokens: ["t1"] }
    ))

  it.effect("POSTs over the per-minute limit answer 429 with Retry-After", () =>
    provide(
      Effect.gen(function*() {
        expect((yield* call("POST", "candidates", { body: candidate(1) })).status).toBe(201)
        expect((yield* call("POST", "candidates", { body: candidate(2) })).status).toBe(201)
        const limited = yield* call("POST", "candidates", { body: candidate(3) })
        expect(limited.status).toBe(429)
        // The test clock has not moved: the first POST leaves the window in exactly 60 seconds.
        expect(limited.headers["retry-after"]).toBe("60")
        expect((yield* call("GET", "candidates")).status).toBe(200)
      }),
      { size: 5, rateLimit: { postsPerMinute: 2 } }
    ))

  // The window slides on the sandbox's clock (here the test clock): a request counts for the 60 seconds after it
  // was accepted, wherever the clock's minute boundaries fall.
  it.effect("the budget is a sliding minute: Retry-After is when the oldest counted request leaves it", () =>
    provide(
      Effect.gen(function*() {
        const post = (n: number) => call("POST", "candidates", { body: candidate(n) })
        const at = (seconds: number) => TestClock.setTime(seconds * 1000)
        yield* at(40)
        expect((yield* post(1)).status).toBe(201)
        yield* at(59.5)
        expect((yield* post(2)).status).toBe(201)
        // Across the clock's minute boundary both POSTs still count.
        yield* at(60.5)
        const straddling = yield* post(3)
        expect([straddling.status, straddling.headers["retry-after"]]).toEqual([429, "40"])
        // Retry-After rounds up: at 99.999 s the first POST (40 s) is 1 ms from leaving.
        yield* at(99.999)
        const almost = yield* post(4)
        expect([almost.status, almost.headers["retry-after"]]).toEqual([429, "1"])
        // At 100 s it has left, and one POST fits; the second (59.5 s) holds the next one off until 119.5 s.
        yield* at(100)
        expect((yield* post(5)).status).toBe(201)
        const next = yield* post(6)
        expect([next.status, next.headers["retry-after"]]).toEqual([429, "20"])
        // A refused request is not counted: after Retry-After the retry fits.
        yield* at(120)
        expect((yield* post(7)).status).toBe(201)
      }),
      { size: 5, rateLimit: { postsPerMinute: 2 } }
    ))

  it.effect("each credential and each method has its own budget", () =>
    provide(
      Effect.gen(function*() {
        const post = (apiKey: string, n: number) => call("POST", "candidates", { auth: { apiKey }, body: candidate(n) })
        expect((yield* post("k1", 1)).status).toBe(201)
        expect((yield* post("k1", 2)).status).toBe(429)
        expect((yield* post("k2", 3)).status).toBe(201)
        expect((yield* call("POST", "candidates", { auth: { bearer: "t1" }, body: candidate(4) })).status).toBe(201)
        expect((yield* post("k2", 5)).status).toBe(429)
        expect((yield* call("GET", "candidates", { auth: { apiKey: "k1" } })).status).toBe(200)
        expect((yield* call("GET", "candidates", { auth: { apiKey: "k1" } })).status).toBe(429)
        expect((yield* call("GET", "candidates", { auth: { apiKey: "k2" } })).status).toBe(200)
      }),
      { size: 5, apiKeys: ["k1", "k2"], tokens: ["t1"], rateLimit: { postsPerMinute: 1, getsPerMinute: 1 } }
    ))

  it.effect("429 without Retry-After when switched off; an optional GET budget", () =>
    provide(
      Effect.gen(function*() {
        for (let i = 0; i < 3; i++) expect((yield* call("GET", "candidates")).status).toBe(200)
        const limited = yield* call("GET", "candidates")
        expect(limited.status).toBe(429)
        expect(limited.headers["retry-after"]).toBeUndefined()
      }),
      { size: 5, rateLimit: { getsPerMinute: 3, retryAfter: false } }
    ))

  it.effect("the default POST limit is 200 per minute", () =>
    provide(Effect.gen(function*() {
      const statuses: Array<number> = []
      for (let i = 0; i < 201; i++) statuses.push((yield* call("POST", "candidates", { body: candidate(i) })).status)
      expect(statuses.filter((s) => s === 201)).toHaveLength(200)
      expect(statuses[200]).toBe(429)
    })))
})

describe("pluggable credential check", () => {
  it.effect("a custom SandboxAuth decides which tokens are valid", () =>
    Effect.gen(function*() {
      const issued = new Set(["fresh-token"])
      const auth = SandboxAuth.SandboxAuth.layerWith({
        verifyApiKey: () => Effect.succeed(false),
        verifyToken: (token) => Effect.succeed(issued.has(token))
      })
      const layer = Sandbox.client().pipe(
        Layer.provideMerge(Layer.merge(SandboxState.layer({ seed: { candidates: 3 } }), auth))
      )
      const results = yield* Effect.provide(
        Effect.all([
          call("GET", "candidates", { auth: { bearer: "fresh-token" } }),
          Effect.sync(() => issued.delete("fresh-token")).pipe(
            Effect.zipRight(call("GET", "candidates", { auth: { bearer: "fresh-token" } }))
          )
        ]),
        layer
      )
      expect(results.map((r) => r.status)).toEqual([200, 401])
    }))

  it.effect("extra routes (an OAuth token endpoint) are served unauthenticated beside the API", () =>
    Effect.gen(function*() {
      const issued = new Set<string>()
      const oauth = HttpRouter.empty.pipe(
        HttpRouter.post("/oauth/token", Effect.sync(() => {
          const token = `token-${issued.size + 1}`
          issued.add(token)
          return HttpServerResponse.unsafeJson({ access_token: token, token_type: "Bearer" })
        }))
      )
      const auth = SandboxAuth.SandboxAuth.layerWith({
        verifyApiKey: () => Effect.succeed(false),
        verifyToken: (token) => Effect.succeed(issued.has(token))
      })
      const layer = Sandbox.client({ routes: oauth }).pipe(
        Layer.provideMerge(Layer.merge(SandboxState.layer({ seed: { candidates: 3 } }), auth))
      )
      const [before, token, after] = yield* Effect.provide(
        Effect.gen(function*() {
          const before = yield* call("GET", "candidates", { auth: { bearer: "token-1" } })
          const client = yield* HttpClient.HttpClient
          const body = yield* Effect.flatMap(client.post("http://localhost/oauth/token"), (r) => r.json)
          const token = (body as { access_token: string }).access_token
          return [before.status, token, (yield* call("GET", "candidates", { auth: { bearer: token } })).status] as const
        }).pipe(Effect.scoped),
        layer
      )
      expect([before, token, after]).toEqual([401, "token-1", 200])
    }))
})
