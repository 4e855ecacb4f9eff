import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { FactorialClient } from "../src/FactorialClient.js"
import { json, mockHttp } from "../test-support/MockHttp.js"

const auth = FactorialAuth.apiKey("key")

/** Builds a client from options over a mock transport; answers the ConfigError, or fails. */
const configErrorOf = (options: Partial<FactorialClient.Options>) =>
  Effect.gen(function*() {
    const { http } = yield* mockHttp(() => json({}))
    return yield* Effect.flip(
      FactorialClient.make({ auth, ...options }).pipe(Effect.provideService(HttpClient.HttpClient, http))
    )
  })

/** Builds `layerConfig()` against the given environment, then sends one GET. */
const fromEnvironment = (env: Record<string, string>) =>
  Effect.gen(function*() {
    const { http, sent } = yield* mockHttp(() => json({}))
    const client = yield* FactorialClient.pipe(
      Effect.provide(FactorialClient.layerConfig().pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
    )
    yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
    const [request] = yield* sent
    return { client, request: request! }
  })

const envError = (env: Record<string, string>) => Effect.flip(fromEnvironment(env))

describe("configuration errors", () => {
  it.effect("an API version that is not YYYY-MM-DD", () =>
    Effect.gen(function*() {
      for (const apiVersion of ["v1", "2026-7-1", "2026-13-01", "2026-02-30", ""]) {
        const error = yield* configErrorOf({ apiVersion })
        expect(ConfigError.isConfigError(error)).toBe(true)
        expect(error._op).toBe("InvalidData")
        expect(error._op === "InvalidData" && error.path).toEqual(["apiVersion"])
        expect(error.message).toContain("YYYY-MM-DD")
      }
    }))

  it.effect("any real date is an accepted version", () =>
    Effect.gen(function*() {
      const { http } = yield* mockHttp(() => json({}))
      const client = yield* FactorialClient.make({ auth, apiVersion: "2025-10-01" }).pipe(
        Effect.provideService(HttpClient.HttpClient, http)
      )
      expect(client.apiVersion).toBe("2025-10-01")
    }))

  it.effect("a base URL that is not absolute, has credentials, or uses plain http remotely", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["api.factorialhr.com", "absolute"],
        ["ftp://api.factorialhr.com", "https"],
        ["https://user:pass@api.factorialhr.com", "credentials"],
        ["https://api.factorialhr.com?x=1", "query"],
        ["http://api.factorialhr.com", "plain http"]
      ]
      for (const [baseUrl, problem] of cases) {
        const error = yield* configErrorOf({ baseUrl })
        expect(error._op === "InvalidData" && error.path).toEqual(["baseUrl"])
        expect(error.message).toContain(problem)
        expect(error.message).not.toContain("pass@")
      }
    }))

  it.effect("plain http is accepted for loopback hosts", () =>
    Effect.gen(function*() {
      const { http } = yield* mockHttp(() => json({}))
      for (const baseUrl of ["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"]) {
        const client = yield* FactorialClient.make({ auth, baseUrl }).pipe(
          Effect.provideService(HttpClient.HttpClient, http)
        )
        expect(client.baseUrl).toBe(baseUrl)
      }
    }))

  it.effect("invalid timeout, retry and rate-limit settings", () =>
    Effect.gen(function*() {
      expect(yield* Effect.map(configErrorOf({ timeout: 0 }), (e) => e._op === "InvalidData" && e.path)).toEqual([
        "timeout"
      ])
      expect(yield* Effect.map(configErrorOf({ retry: { times: -1 } }), (e) => e._op === "InvalidData" && e.path))
        .toEqual(["retry", "times"])
      const rateLimit = yield* configErrorOf({ rateLimit: { post: { limit: 0, window: "1 minute" } } })
      expect(rateLimit._op === "InvalidData" && rateLimit.path).toEqual(["rateLimit", "post", "limit"])
    }))

  it.effect("layer fails with the ConfigError in its error channel", () =>
    Effect.gen(function*() {
      const { http } = yield* mockHttp(() => json({}))
      const error = yield* FactorialClient.pipe(
        Effect.provide(FactorialClient.layer({ auth, apiVersion: "latest" })),
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.flip
      )
      expect(ConfigError.isConfigError(error)).toBe(true)
    }))
})

describe("layerConfig from the environment", () => {
  it.effect("reads FACTORIAL_API_KEY", () =>
    Effect.gen(function*() {
      const { client, request } = yield* fromEnvironment({ FACTORIAL_API_KEY: "env-key" })
      expect(request.headers["x-api-key"]).toBe("env-key")
      expect(client.baseUrl).toBe("https://api.factorialhr.com")
      expect(client.apiVersion).toBe("2026-07-01")
    }))

  it.effect("reads FACTORIAL_TOKEN, FACTORIAL_BASE_URL and FACTORIAL_API_VERSION", () =>
    Effect.gen(function*() {
      const { request } = yield* fromEnvironment({
        FACTORIAL_TOKEN: "env-token",
        FACTORIAL_BASE_URL: "https://api.eu2.demo.factorial.dev",
        FACTORIAL_API_VERSION: "2026-04-01"
      })
      expect(request.headers["authorization"]).toBe("Bearer env-token")
      expect(request.url.toString()).toBe("https://api.eu2.demo.factorial.dev/api/2026-04-01/resources/ats/candidates")
    }))

  it.effect("missing credentials name the variables to set", () =>
    Effect.gen(function*() {
      for (const env of [{}, { FACTORIAL_API_KEY: "" }]) {
        const error = yield* envError(env)
        expect(ConfigError.isConfigError(error)).toBe(true)
        if (!ConfigError.isConfigError(error)) return
        expect(error._op).toBe("MissingData")
        expect(error.message).toContain("FACTORIAL_API_KEY")
        expect(error.message).toContain("FACTORIAL_TOKEN")
      }
    }))

  it.effect("both credentials set is ambiguous", () =>
    Effect.gen(function*() {
      const error = yield* envError({ FACTORIAL_API_KEY: "k", FACTORIAL_TOKEN: "t" })
      expect(ConfigError.isConfigError(error) && error._op).toBe("InvalidData")
    }))

  it.effect("an invalid FACTORIAL_API_VERSION or FACTORIAL_BASE_URL names the variable", () =>
    Effect.gen(function*() {
      const version = yield* envError({ FACTORIAL_API_KEY: "k", FACTORIAL_API_VERSION: "2026-7" })
      expect(ConfigError.isConfigError(version) && version._op === "InvalidData" && version.path).toEqual([
        "FACTORIAL_API_VERSION"
      ])
      const url = yield* envError({ FACTORIAL_API_KEY: "k", FACTORIAL_BASE_URL: "http://example.com" })
      expect(ConfigError.isConfigError(url) && url._op === "InvalidData" && url.path).toEqual(["FACTORIAL_BASE_URL"])
    }))

  it.effect("accepts explicit Config values", () =>
    Effect.gen(function*() {
      const { http, sent } = yield* mockHttp(() => json({}))
      const layer = FactorialClient.layerConfig({
        auth: Config.redacted("MY_KEY").pipe(Config.map(FactorialAuth.apiKey)),
        apiVersion: Config.string("MY_VERSION"),
        userAgent: Config.succeed("my-app/2")
      })
      const client = yield* FactorialClient.pipe(
        Effect.provide(layer.pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["MY_KEY", "k-1"], ["MY_VERSION", "2026-04-01"]])))
      )
      yield* client.raw({ method: "GET", path: ["ats", "candidates"] })
      const [request] = yield* sent
      expect(request!.headers["x-api-key"]).toBe("k-1")
      expect(request!.headers["user-agent"]).toMatch(/ my-app\/2$/)
      expect(request!.url.pathname).toBe("/api/2026-04-01/resources/ats/candidates")
    }))
})
