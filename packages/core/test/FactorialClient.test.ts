import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { packageVersion } from "../src/internal/version.js"
import { json, mockClient, SECRET_KEY, text } from "../test-support/MockHttp.js"

const Item = Schema.Struct({ id: Schema.String, name: Schema.String })
const Page = Schema.Struct({ data: Schema.Array(Item) })

describe("FactorialClient requests", () => {
  it.effect("sends an API key as x-api-key to <baseUrl>/api/<version>/resources/<path>", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({ id: "1", name: "Ada" }))
      const item = yield* client.execute({ method: "GET", path: ["ats", "candidates", "1"] }, Item)
      expect(item).toEqual({ id: "1", name: "Ada" })
      const [request] = yield* sent
      expect(request!.method).toBe("GET")
      expect(request!.url.toString()).toBe("https://api.example.test/api/2026-07-01/resources/ats/candidates/1")
      expect(request!.headers["x-api-key"]).toBe(SECRET_KEY)
      expect(request!.headers["authorization"]).toBeUndefined()
      expect(request!.headers["accept"]).toBe("application/json")
      expect(request!.headers["user-agent"]).toBe(`effect-factorial/${packageVersion}`)
    }))

  it.effect("sends an access token as a Bearer authorization header", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), {
        auth: FactorialAuth.accessToken(Redacted.make("oauth-token-xyz"))
      })
      yield* client.raw({ method: "GET", path: ["ats", "job_postings"] })
      const [request] = yield* sent
      expect(request!.headers["authorization"]).toBe("Bearer oauth-token-xyz")
      expect(request!.headers["x-api-key"]).toBeUndefined()
    }))

  it.effect("uses the configured API version and base URL (trailing slash and path prefix kept right)", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), {
        apiVersion: "2026-04-01",
        baseUrl: "https://proxy.example.test/factorial/"
      })
      expect(client.apiVersion).toBe("2026-04-01")
      expect(client.baseUrl).toBe("https://proxy.example.test/factorial")
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      const [request] = yield* sent
      expect(request!.url.toString()).toBe(
        "https://proxy.example.test/factorial/api/2026-04-01/resources/ats/candidates"
      )
    }))

  it.effect("defaults to the production host and version 2026-07-01", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), { baseUrl: undefined })
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      const [request] = yield* sent
      expect(request!.url.origin).toBe("https://api.factorialhr.com")
      expect(request!.path).toBe("ats/candidates")
    }))

  it.effect("URL-encodes every path segment", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      yield* client.raw({ method: "GET", path: ["ats", "candidates", "a b&c=d+é"] })
      const [request] = yield* sent
      expect(request!.url.pathname).toBe("/api/2026-07-01/resources/ats/candidates/a%20b%26c%3Dd%2B%C3%A9")
    }))

  it.effect("appends the user-agent suffix", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), { userAgent: "my-app/1.2" })
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      const [request] = yield* sent
      expect(request!.headers["user-agent"]).toBe(`effect-factorial/${packageVersion} my-app/1.2`)
    }))

  it("keeps the user-agent version equal to package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    expect(packageVersion).toBe(manifest.version)
  })

  it.effect("sends JSON bodies", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({ id: "9", name: "Grace" }, 201))
      const created = yield* client.execute(
        { method: "POST", path: ["ats", "candidates"], body: { _tag: "Json", value: { name: "Grace" } } },
        Item
      )
      expect(created.id).toBe("9")
      const [request] = yield* sent
      expect(request!.method).toBe("POST")
      expect(request!.headers["content-type"]).toBe("application/json")
      expect(request!.body).toEqual({ name: "Grace" })
    }))

  it.effect("sends FormData bodies as multipart", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({ id: "1", name: "m" }, 201))
      const form = new FormData()
      form.append("content", "hello")
      form.append("attachments[]", new Blob(["file"]), "cv.txt")
      const body = { _tag: "FormData", value: form } as const
      yield* client.execute({ method: "POST", path: ["ats", "messages"], body }, Item)
      const [request] = yield* sent
      expect(request!.body).toBeInstanceOf(FormData)
      expect((request!.body as FormData).get("content")).toBe("hello")
      expect(request!.headers["content-type"]).toBeUndefined() // the transport sets the multipart boundary
    }))

  it.effect("encodes queries: arrays as name[], booleans, numbers, undefined and null omitted", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({ data: [] }))
      yield* client.execute({
        method: "GET",
        path: ["ats", "applications"],
        query: {
          ids: ["1", "2"],
          "ats_job_posting_ids[]": [3],
          active: true,
          archived: false,
          limit: 100,
          after_id: undefined,
          search: null,
          email: "a+b@example.com"
        }
      }, Page)
      const [request] = yield* sent
      expect(Array.from(request!.url.searchParams.entries())).toEqual([
        ["ids[]", "1"],
        ["ids[]", "2"],
        ["ats_job_posting_ids[]", "3"],
        ["active", "true"],
        ["archived", "false"],
        ["limit", "100"],
        ["email", "a+b@example.com"]
      ])
    }))

  it.effect("does not propagate the trace context by default", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] }).pipe(Effect.withSpan("parent"))
      const [request] = yield* sent
      expect(request!.headers["traceparent"]).toBeUndefined()
      expect(request!.headers["b3"]).toBeUndefined()
    }))

  it.effect("propagates the trace context when enabled", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), { tracePropagation: true })
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] }).pipe(Effect.withSpan("parent"))
      const [request] = yield* sent
      expect(request!.headers["traceparent"]).toMatch(/^00-/)
    }))

  it.effect("applies transformClient to every request", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), {
        transformClient: HttpClient.mapRequest(HttpClientRequest.setHeader("x-tenant", "acme"))
      })
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      const [request] = yield* sent
      expect(request!.headers["x-tenant"]).toBe("acme")
      expect(request!.headers["x-api-key"]).toBe(SECRET_KEY)
    }))
})

describe("FactorialClient responses", () => {
  it.effect("decodes a 2xx body with the schema", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => json({ data: [{ id: "1", name: "a", extra: true }] }))
      const page = yield* client.execute({ method: "GET", path: ["ats", "candidates"] }, Page)
      expect(page).toEqual({ data: [{ id: "1", name: "a" }] })
    }))

  it.effect("fails with DecodeError naming the field that does not match", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({ data: [{ id: "1", name: "a" }, { id: 2, name: "b" }] }))
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["ats", "candidates"] }, Page))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      // Valid JSON of the wrong shape would fail the same way again: not retried.
      expect(error.reason).toBe("SchemaMismatch")
      expect((yield* sent).length).toBe(1)
      expect(error.path).toEqual(["data", 1, "id"])
      expect(error.status).toBe(200)
      expect(error.method).toBe("GET")
      expect(error.message).toContain("data[1].id")
      expect(error.issue).toBe("data[1].id: expected string, got an integer")
    }))

  it.effect("reads id integers beyond 2^53 as strings of their exact digits, and leaves everything else alone", () =>
    Effect.gen(function*() {
      const body = '{"id": 18446744073709551615, "ats_job_posting_ids": [36893488147419103, 7], "n": -12, ' +
        '"x": 1.5e300, "score": 123456789012345680000, "data": [{"ats_candidate_id": 36893488147419103}], ' +
        '"big_float": 12345678901234567.5, "s": "18446744073709551615 \\" 36893488147419103", "safe": 9007199254740991}'
      const { client } = yield* mockClient(() => text(body, 200))
      const value = yield* client.raw({ method: "GET", path: ["ats", "candidates", "1"] })
      expect(value).toEqual({
        id: "18446744073709551615",
        ats_job_posting_ids: ["36893488147419103", 7],
        n: -12,
        score: 123456789012345680000,
        data: [{ ats_candidate_id: "36893488147419103" }],
        x: 1.5e300,
        big_float: 12345678901234567.5,
        s: '18446744073709551615 " 36893488147419103',
        safe: 9007199254740991
      })
    }))

  it.effect("fails with DecodeError when a 2xx body is not JSON", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => text("<html>gateway</html>", 200))
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["ats", "candidates"] }, Page))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.reason).toBe("NotJson")
      expect(error.path).toEqual([])
      expect(error.issue).toBe("the body is not valid JSON")
      expect(error.message).not.toContain("gateway")
    }))

  it.effect("accepts an empty 2xx body only when the schema accepts undefined", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => text("", 204))
      const raw = yield* client.raw({ method: "DELETE", path: ["ats", "candidates", "1"] })
      expect(raw).toBeUndefined()
      const error = yield* Effect.flip(client.execute({ method: "DELETE", path: ["ats", "candidates", "1"] }, Item))
      expect(error._tag).toBe("DecodeError")
    }))

  it.effect("raw answers the parsed JSON as is", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => json({ anything: [1, "two"] }))
      expect(yield* client.raw({ method: "GET", path: ["unwrapped", "endpoint"] })).toEqual({ anything: [1, "two"] })
    }))
})
