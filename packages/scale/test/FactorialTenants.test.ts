import { FactorialClient, StoredTokens } from "@effect-factorial/core"
import { Sandbox, SandboxOAuth, SandboxServer } from "@effect-factorial/sandbox"
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import { FactorialTenants, SqlTokenStore } from "../src/index.js"
import { sqlite } from "./support/engines.js"

const application = { clientId: SandboxOAuth.defaultClientId, clientSecret: SandboxOAuth.defaultClientSecret }

/** A sandbox over HTTP, a fresh SQLite token table, and the tenants cache over both. */
const environment = (options: Omit<FactorialTenants.Options, "store"> = {}) =>
  FactorialTenants.layerFromSql(options).pipe(
    Layer.provideMerge(SqlTokenStore.layer()),
    Layer.provide(sqlite()),
    Layer.provideMerge(Layer.merge(Sandbox.layerServer({ oauth: { accessTokenLifetime: "1 hour" } }), FetchHttpClient.layer))
  )

/** Authorizes a tenant in the sandbox and saves its tokens, as the login callback of an integration would. */
const authorize = (key: string) =>
  Effect.gen(function*() {
    const oauth = yield* SandboxOAuth
    const baseUrl = (yield* SandboxServer).url
    const response = yield* oauth.issueTokens()
    const tokens = yield* StoredTokens.fromResponse(
      { ...response, refresh_token: Redacted.make(response.refresh_token), access_token: Redacted.make(response.access_token) },
      { ...application, baseUrl }
    )
    yield* (yield* SqlTokenStore).forTenant(key).save(tokens)
    return response.access_token
  })

/** What a request handler does: one call, on the client of the tenant the request is for. */
const jobPostings = (key: string) =>
  Effect.flatMap(FactorialClient, (client) => client.raw({ method: "GET", path: ["ats", "job_postings"] })).pipe(
    Effect.provide(FactorialTenants.layerFor(key))
  )

describe("FactorialTenants", () => {
  it.live("serves each tenant with its own tokens, built once and cached", () =>
    Effect.gen(function*() {
      yield* authorize("acme")
      yield* authorize("globex")
      const baseUrl = (yield* SandboxServer).url
      const results = yield* Effect.all(
        Array.from({ length: 10 }, (_, i) => jobPostings(i % 2 === 0 ? "acme" : "globex")),
        { concurrency: "unbounded" }
      )
      expect(results).toHaveLength(10)
      const tenants = yield* FactorialTenants
      expect([...(yield* tenants.cached)].sort()).toEqual(["acme", "globex"])
      // Both tenants hold tokens of their own: nothing was refreshed (the access tokens were fresh).
      const calls = yield* Effect.flatMap(SandboxOAuth, (oauth) => oauth.calls)
      expect(calls.filter((call) => call.endpoint === "token")).toEqual([])
      const client = yield* Effect.scoped(tenants.client("acme"))
      expect(client.baseUrl).toBe(baseUrl)
    }).pipe(Effect.provide(environment())))

  it.live("a tenant without tokens fails with AuthError, and works once authorized", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(jobPostings("initech"))
      expect(missing._tag).toBe("AuthError")
      expect(missing._tag === "AuthError" && missing.reason).toBe("MissingCredentials")
      yield* authorize("initech")
      yield* jobPostings("initech")
    }).pipe(Effect.provide(environment())))

  it.live("a full cache drops the least recently used idle tenant, and refuses when all are in use", () =>
    Effect.gen(function*() {
      for (const key of ["a", "b", "c"]) yield* authorize(key)
      const tenants = yield* FactorialTenants
      yield* jobPostings("a")
      yield* jobPostings("b")
      expect([...(yield* tenants.cached)].sort()).toEqual(["a", "b"])
      yield* jobPostings("c")
      expect([...(yield* tenants.cached)].sort()).toEqual(["b", "c"])

      // b and c held by requests in flight: a has no room.
      const scope = yield* Scope.make()
      yield* Effect.all([tenants.client("b"), tenants.client("c")]).pipe(Scope.extend(scope))
      const full = yield* Effect.flip(jobPostings("a"))
      expect(full._tag === "FactorialTenantsError" && full.reason).toBe("AtCapacity")
      yield* Scope.close(scope, Effect.void as never)
      yield* jobPostings("a")
    }).pipe(Effect.provide(environment({ capacity: 2 }))))

  it.live("an idle tenant is dropped after its idle period; invalidate drops it at once", () =>
    Effect.gen(function*() {
      yield* authorize("acme")
      yield* authorize("globex")
      const tenants = yield* FactorialTenants
      yield* jobPostings("acme")
      yield* Effect.sleep("400 millis")
      expect(yield* tenants.cached).toEqual([])
      yield* Effect.scoped(Effect.zipRight(tenants.client("globex"), tenants.invalidate("globex")))
      expect(yield* tenants.cached).toEqual([])
      expect(Option.isSome(yield* (yield* SqlTokenStore).forTenant("globex").load)).toBe(true)
    }).pipe(Effect.provide(environment({ idleTimeToLive: "100 millis" }))))

  it.live("a shared rate limiter takes a slot for every attempt, and a 429 closes its gate", () =>
    Effect.gen(function*() {
      yield* authorize("acme")
      const post = Effect.flatMap(FactorialClient, (client) =>
        client.raw({
          method: "POST",
          path: ["ats", "candidates"],
          body: { _tag: "Json", value: { company_id: 1, first_name: "Ada", last_name: "Lovelace" } },
          retry: false
        })).pipe(Effect.provide(FactorialTenants.layerFor("acme")))
      yield* post
      const refused = yield* Effect.flip(post)
      expect(refused._tag).toBe("RateLimited")
      expect(acquired).toEqual(["acme POST", "acme POST"])
      // The sandbox's Retry-After (seconds until the first POST leaves its sliding minute) became the gate's end.
      expect(pauses).toHaveLength(1)
      expect(pauses[0]!).toBeGreaterThan(Date.now())
    }).pipe(Effect.provide(
      FactorialTenants.layerFromSql({ rateLimiter: recordingLimiter }).pipe(
        Layer.provideMerge(SqlTokenStore.layer()),
        Layer.provide(sqlite()),
        Layer.provideMerge(Layer.merge(
          Sandbox.layerServer({ rateLimit: { postsPerMinute: 1 } }),
          FetchHttpClient.layer
        ))
      )
    )))
})

const acquired: Array<string> = []
const pauses: Array<number> = []
/** A limiter that records what the client asks of it, and never waits. */
const recordingLimiter = (key: string) => ({
  acquire: (method: string) => Effect.sync(() => void acquired.push(`${key} ${method}`)),
  pauseUntil: (epochMillis: number) => Effect.sync(() => void pauses.push(epochMillis)),
  pausedUntil: Effect.succeed(0)
})
