/**
 * Issue #10 through the public API: credentials never follow a redirect, a credential a header cannot carry is
 * refused without being shown, and path segments cannot change the URL.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import type * as Http from "node:http"
import { Readable } from "node:stream"
import { inspect } from "node:util"
import * as Zlib from "node:zlib"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { FactorialClient } from "../src/FactorialClient.js"
import type { RequestMethod } from "../src/FactorialRequest.js"
import { localServer } from "./support/LocalServer.js"
import { json, mockClient, mockHttp, SECRET_KEY, text } from "../test-support/MockHttp.js"

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

  it.effect("a custom auth that changes its header set in place is checked again: new values sent, bad ones refused", () =>
    Effect.gen(function*() {
      const headers: Record<string, Redacted.Redacted> = { authorization: Redacted.make("Bearer tok-one") }
      const custom = FactorialAuth.make({ kind: "Custom", headers: Effect.sync(() => headers) })
      const { client, sent } = yield* mockClient(() => json({}), { auth: custom })
      const get = client.raw({ method: "GET", path: ["ats", "candidates"] })
      yield* get
      headers.authorization = Redacted.make("Bearer tok-two")
      yield* get
      headers.authorization = Redacted.make("Bearer tok-three\r\nInjected: yes")
      const error = yield* Effect.flip(get)
      expect(error._tag === "AuthError" && error.reason).toBe("InvalidCredential")
      expect((yield* sent).map((one) => one.headers["authorization"])).toEqual(["Bearer tok-one", "Bearer tok-two"])
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

  it.effect("a path that is not an array of strings (an untyped caller) is refused, not a defect", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      const whole = yield* Effect.flip(client.raw({ method: "GET", path: "ats/candidates" as never }))
      expect(whole).toMatchObject({ _tag: "InvalidRequest", path: ["path"] })
      const number = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates", 7 as never] }))
      expect(number).toMatchObject({ _tag: "InvalidRequest", path: ["path", 2] })
      expect(number.message).toContain("is not a string")
      expect(yield* sent).toEqual([])
    }))

  it.effect("ordinary segments (ids, actions, spaces, unicode) are sent encoded", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      yield* client.raw({ method: "GET", path: ["ats", "applications", "move_to_phase", "12 é", "a.b", "..."] })
      expect((yield* sent)[0]!.url.pathname).toBe(
        "/api/2026-07-01/resources/ats/applications/move_to_phase/12%20%C3%A9/a.b/..."
      )
    }))
})

describe("no body text in any error", () => {
  const MARKER = "Mk9-Jane-Roe-jane.roe@example.com"

  const Candidate = Schema.Struct({
    id: Schema.Number,
    status: Schema.Literal("new", "hired"),
    email: Schema.String.pipe(Schema.pattern(/^[^@]+@[^@]+$/)),
    score: Schema.NumberFromString
  })

  const shapes: ReadonlyArray<readonly [string, () => Response, string]> = [
    ["200 cut short", () => text(`{"data":[{"first_name":"${MARKER}","email":"${MARKER}`, 200), "DecodeError"],
    ["200 not JSON", () => text(`<html><body>${MARKER}</body></html>`, 200, { "content-type": "text/html" }), "DecodeError"],
    ["200 wrong type", () => json({ id: MARKER, status: "new", email: "a@b", score: "1" }), "DecodeError"],
    ["200 wrong literal", () => json({ id: 1, status: MARKER, email: "a@b", score: "1" }), "DecodeError"],
    ["200 failed check", () => json({ id: 1, status: "new", email: `${MARKER}@x@y`, score: "1" }), "DecodeError"],
    ["200 failed transformation", () => json({ id: 1, status: "new", email: "a@b", score: MARKER }), "DecodeError"],
    ["200 missing field", () => json({ id: 1, status: "new", note: MARKER }), "DecodeError"],
    ["400 text", () => text(`bad request: ${MARKER}`, 400), "BadRequest"],
    ["401 errors null", () => json({ errors: null, token: MARKER }, 401), "Unauthorized"],
    ["404 JSON", () => json({ error: "Not found", candidate: { email: MARKER } }, 404), "NotFound"],
    ["422 field errors", () =>
      json({ errors: { email: ["is invalid"] }, candidate: { email: MARKER, name: MARKER } }, 422), "UnprocessableEntity"],
    ["429 text", () => text(MARKER, 429), "RateLimited"],
    ["500 JSON", () => json({ error: "boom", trace: MARKER, params: { email: MARKER } }, 500), "ServerError"],
    ["502 HTML", () => text(`<html>${MARKER}</html>`, 502, { "content-type": "text/html" }), "ServerError"],
    ["418 HTML", () => text(`<html>${MARKER}</html>`, 418), "UnexpectedStatus"]
  ]

  for (const [name, reply, tag] of shapes) {
    it.effect(`${name}: ${tag} without any of the body in message, String, JSON, Cause.pretty or inspect`, () =>
      Effect.gen(function*() {
        const { client } = yield* mockClient(reply)
        const error = yield* Effect.flip(client.execute({ method: "GET", path: ["ats", "candidates", "1"] }, Candidate))
        expect(error._tag).toBe(tag)
        for (const rendering of [...renderings(error), inspect(error, { depth: 10 })]) {
          expect(rendering).not.toContain("Mk9")
          expect(rendering).not.toContain("Jane")
        }
        const info = error as { readonly bodyLength?: number }
        expect(info.bodyLength).toBeGreaterThan(0)
      }))
  }

  it.effect("a mismatch names path and kinds: data, never values", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => json({ id: MARKER, status: null, email: "a@b", score: "1" }))
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["ats", "candidates", "1"] }, Candidate))
      expect(error._tag === "DecodeError" && error.issue).toBe(
        `id: expected number, got a string of ${MARKER.length} characters\nstatus: expected "new" | "hired", got null`
      )
    }))

  it.effect("the API's own error words stay: error, message, errors and 422 field messages", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() =>
        json({ message: "Validation failed", errors: { email: ["is invalid"] }, candidate: { email: MARKER } }, 422)
      )
      const error = yield* Effect.flip(client.raw({ method: "POST", path: ["ats", "candidates"] }))
      expect(error._tag).toBe("UnprocessableEntity")
      if (error._tag !== "UnprocessableEntity") return
      expect(error.body).toEqual({ message: "Validation failed", errors: { email: ["is invalid"] } })
      expect(error.fieldErrors).toEqual({ email: ["is invalid"] })
      expect(error.message).toContain("email is invalid")
    }))

  it.effect("debugBodies (opt-in, unsafe) keeps a preview", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => text(`<html>${MARKER}</html>`, 502), { debugBodies: true })
      const error = yield* Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
      expect(error._tag === "ServerError" && error.bodyPreview).toBe(`<html>${MARKER}</html>`)
    }))
})

describe("size limits (over HTTP)", () => {
  const MiB = 1024 * 1024
  const chunk = Buffer.alloc(64 * 1024, "a")

  /** Streams `total` bytes, starting with `prefix`, without ever holding them; stops if the client goes away. */
  const stream = (response: Http.ServerResponse, total: number, prefix = "") => {
    response.on("error", () => {})
    const source = Readable.from((function*() {
      if (prefix !== "") yield Buffer.from(prefix)
      for (let sent = prefix.length; sent < total; sent += chunk.length) yield chunk
    })())
    response.on("close", () => source.destroy())
    source.pipe(response)
  }

  /** Runs `self`, sampling heap + array buffers every few ms; answers its result and the peak growth in MiB. */
  const measured = <A, E, R>(self: Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      const used = () => {
        const memory = process.memoryUsage()
        return memory.heapUsed + memory.arrayBuffers
      }
      const baseline = used()
      let peak = baseline
      const timer = setInterval(() => {
        peak = Math.max(peak, used())
      }, 2)
      const result = yield* Effect.ensuring(self, Effect.sync(() => clearInterval(timer)))
      peak = Math.max(peak, used())
      return { result, growthMiB: (peak - baseline) / MiB }
    })

  const fetchRaw = (url: string, options: Partial<FactorialClient.Options> = {}) =>
    Effect.flatMap(
      FactorialClient.make({ auth: FactorialAuth.apiKey(SECRET_KEY), baseUrl: url, rateLimit: false, ...options }),
      (client) => Effect.flip(client.raw({ method: "GET", path: ["ats", "candidates"] }))
    ).pipe(Effect.provide(FetchHttpClient.layer))

  it.live("a 100 MB 200 body stops at 32 MiB with DecodeError TooLarge, not retried, heap bounded", () =>
    Effect.gen(function*() {
      const api = yield* localServer((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        stream(response, 100 * MiB, '{"data":"')
      })
      const { growthMiB, result: error } = yield* measured(fetchRaw(api.url, { retry: { baseDelay: "1 millis" } }))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.reason).toBe("TooLarge")
      expect(error.bodyLength).toBe(32 * MiB)
      expect(error.bodyTruncated).toBe(true)
      expect(api.received.length).toBe(1)
      expect(growthMiB).toBeLessThan(32 + 64)
    }).pipe(Effect.scoped))

  it.live("a declared content-length over the limit stops before reading", () =>
    Effect.gen(function*() {
      const api = yield* localServer((_, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": String(100 * MiB) })
        stream(response, 100 * MiB)
      })
      const { growthMiB, result: error } = yield* measured(fetchRaw(api.url))
      expect(error._tag === "DecodeError" && error.reason).toBe("TooLarge")
      expect(growthMiB).toBeLessThan(64)
    }).pipe(Effect.scoped))

  it.live("a 100 MB 500 body: ServerError after 64 KiB per attempt, every attempt bounded", () =>
    Effect.gen(function*() {
      const api = yield* localServer((_, response) => {
        response.writeHead(500, { "content-type": "text/html" })
        stream(response, 100 * MiB, "<html>")
      })
      const { growthMiB, result: error } = yield* measured(
        fetchRaw(api.url, { retry: { baseDelay: "1 millis", maxDelay: "1 millis" } })
      )
      expect(error._tag).toBe("ServerError")
      if (error._tag !== "ServerError") return
      expect(error.bodyLength).toBe(64 * 1024)
      expect(error.bodyTruncated).toBe(true)
      expect(error.message).toContain("more than 65536 bytes of text/html")
      expect(api.received.length).toBe(3)
      expect(growthMiB).toBeLessThan(64)
    }).pipe(Effect.scoped))

  it.live("a gzip bomb (200 MB of zeros in a small body) stops at the limit, counted decompressed", () =>
    Effect.gen(function*() {
      const bomb = yield* Effect.promise(() => gzipped(200 * MiB))
      expect(bomb.length).toBeLessThan(MiB)
      const api = yield* localServer((_, response) => {
        response.on("error", () => {})
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb)
      })
      const { growthMiB, result: error } = yield* measured(fetchRaw(api.url))
      expect(error._tag === "DecodeError" && error.reason).toBe("TooLarge")
      expect(error._tag === "DecodeError" && error.bodyLength).toBe(32 * MiB)
      expect(growthMiB).toBeLessThan(32 + 64)
    }).pipe(Effect.scoped))

  it.live("the limits are options", () =>
    Effect.gen(function*() {
      const api = yield* localServer((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        stream(response, 2 * MiB, '{"data":"')
      })
      const error = yield* fetchRaw(api.url, { maxBodyBytes: 1000 })
      expect(error._tag === "DecodeError" && error.bodyLength).toBe(1000)
      const invalid = yield* Effect.flip(fetchRaw(api.url, { maxErrorBodyBytes: 0 }))
      expect(String(invalid)).toContain("maxErrorBodyBytes")
    }).pipe(Effect.scoped))
})

/** `bytes` zeros, gzipped without ever holding them uncompressed. */
const gzipped = (bytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const gzip = Zlib.createGzip({ level: 9 })
    const parts: Array<Buffer> = []
    gzip.on("data", (part: Buffer) => parts.push(part))
    gzip.on("end", () => resolve(Buffer.concat(parts)))
    gzip.on("error", reject)
    const zeros = Buffer.alloc(MiBytes)
    let written = 0
    const write = () => {
      while (written < bytes) {
        written += zeros.length
        if (!gzip.write(zeros)) return void gzip.once("drain", write)
      }
      gzip.end()
    }
    write()
  })

const MiBytes = 1024 * 1024
