/**
 * End to end: full scans and API versions, through the public `@effect-factorial/ats` API against the sandbox over
 * real HTTP on 127.0.0.1 — 10,000 candidates in both pagination strategies, the same scan with 20% of requests
 * failing, and the integer ids of API versions before 2026-07-01.
 */
import { Applications, Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { ApplicationId, ApplicationPhaseId, CompanyId } from "@effect-factorial/schema"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Faults, Sandbox, SandboxServer, SandboxState, type SandboxStateService } from "../src/index.js"

/** What the client saw on the wire: statuses of the answers, and attempts that got none. */
const makeWireLog = () => {
  const log = { statuses: new Map<number, number>(), transportFailures: 0, requests: 0 }
  const transformClient = (client: HttpClient.HttpClient) =>
    client.pipe(
      HttpClient.tapRequest(() => Effect.sync(() => log.requests++)),
      HttpClient.transformResponse(Effect.tapBoth({
        onSuccess: (response) => Effect.sync(() => log.statuses.set(response.status, (log.statuses.get(response.status) ?? 0) + 1)),
        onFailure: () => Effect.sync(() => log.transportFailures++)
      }))
    )
  return { log, transformClient }
}

const atsOn = (sandbox: Sandbox.ServerOptions, client: Partial<FactorialClient.Options> = {}) =>
  Ats.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey), ...client })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer(sandbox))
  )

const idsIn = (state: SandboxStateService, resource: string) => Array.from(state.scan(resource), (row) => String(row.id))

/** Every id exactly once and in the sandbox's id order. */
const expectEveryRecordOnce = (scanned: ReadonlyArray<{ readonly id: string }>, expected: ReadonlyArray<string>) => {
  const ids = scanned.map((record) => record.id)
  expect(ids.length).toBe(expected.length)
  expect(new Set(ids).size).toBe(expected.length)
  expect(ids).toEqual(expected)
}

const size = 10_000

/** Records sorted by id (exact scans interleave their ranges). */
const sortedById = <A extends { readonly id: string }>(records: ReadonlyArray<A>): ReadonlyArray<A> =>
  [...records].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0))

layer(atsOn({ size, seed: 3 }), { excludeTestServices: true })("full scans of 10,000 candidates over HTTP", (it) => {
  it.effect("cursor stream: every candidate once, in id order", () =>
    Effect.gen(function*() {
      const state = yield* SandboxState
      const scanned = yield* Stream.runCollect((yield* Candidates).stream())
      expectEveryRecordOnce(Array.from(scanned), idsIn(state, "candidates"))
    }))

  it.effect("offset pages, 4 in flight: every candidate once, in id order", () =>
    Effect.gen(function*() {
      const state = yield* SandboxState
      const scanned = yield* (yield* Candidates).all({}, { strategy: "offset", concurrency: 4 })
      expectEveryRecordOnce(scanned, idsIn(state, "candidates"))
    }))

  it.effect("exact concurrent scan, 4 in flight: every candidate once, in id order within its range", () =>
    Effect.gen(function*() {
      const state = yield* SandboxState
      const scanned = yield* (yield* Candidates).all({}, { concurrency: 4 })
      expectEveryRecordOnce(sortedById(scanned), idsIn(state, "candidates"))
    }))
})

describe("a full scan with 20% of requests failing, over HTTP", () => {
  // 429 (without Retry-After, so the client's own short backoff applies), 500, 502, 503, dropped connections and
  // 200s with a truncated or malformed body, drawn from a fixed seed: the same requests fail on every run.
  const flaky: Sandbox.ServerOptions = {
    size,
    seed: 5,
    rateLimit: { retryAfter: false },
    faults: {
      seed: 7,
      probabilities: Faults.uniform(0.2, [
        "rateLimited",
        "serverError",
        "badGateway",
        "serviceUnavailable",
        "dropConnection",
        "truncatedJson",
        "malformedJson"
      ])
    }
  }
  const retry = { times: 10, baseDelay: "1 millis", maxDelay: "10 millis" } as const

  for (const strategy of ["cursor", "offset", "exact"] as const) {
    it.live(`${strategy}: every candidate exactly once, after retrying every kind of fault`, () => {
      const { log, transformClient } = makeWireLog()
      return Effect.gen(function*() {
        const state = yield* SandboxState
        const candidates = yield* Candidates
        const scanned = yield* (strategy === "cursor" ? candidates.all() : candidates.all({}, { strategy, concurrency: 4 }))
        expectEveryRecordOnce(sortedById(scanned), idsIn(state, "candidates"))
        // The faults really happened and were retried: 100 pages took more attempts, of every failing kind.
        for (const status of [429, 500, 502, 503]) expect([status, log.statuses.get(status) ?? 0]).not.toEqual([status, 0])
        expect(log.transportFailures).toBeGreaterThan(0)
        // Some 200s carried a broken body and were fetched again.
        expect(log.statuses.get(200)).toBeGreaterThan(size / 100)
        expect(log.requests).toBeGreaterThan(size / 100 + 10)
      }).pipe(Effect.provide(atsOn(flaky, { retry, transformClient })))
    })
  }
})

describe("API versions over HTTP", () => {
  it.live("2026-04-01 sends integer ids; they decode to the same string ids as 2026-07-01", () =>
    Effect.gen(function*() {
      const server = yield* SandboxServer
      const state = yield* SandboxState
      // The wire really carries integers in the old version.
      const raw = yield* Effect.promise(() =>
        fetch(`${server.url}/api/2026-04-01/resources/ats/candidates?limit=2`, { headers: { "x-api-key": server.apiKey } })
          .then((response) => response.text())
      )
      expect(raw).toMatch(/"id":1,/)
      const read = (apiVersion: string) =>
        Effect.gen(function*() {
          const candidates = yield* Candidates
          const all = yield* candidates.all()
          const one = yield* candidates.get(all[42]!.id)
          const applications = yield* (yield* Applications).all({ ats_candidate_ids: [one.id] })
          return { all, one, applications }
        }).pipe(Effect.provide(Ats.layer), Effect.provide(FactorialClient.layer({
          baseUrl: server.url,
          auth: FactorialAuth.apiKey(server.apiKey),
          apiVersion
        })))
      const old = yield* read("2026-04-01")
      const current = yield* read("2026-07-01")
      expect(old.all.map((c) => c.id)).toEqual(idsIn(state, "candidates"))
      expect(old.all).toEqual(current.all)
      expect(old.one).toEqual(current.one)
      expect(old.applications.length).toBeGreaterThan(0)
      expect(old.applications).toEqual(current.applications)
      expect(typeof old.one.id).toBe("string")
    }).pipe(Effect.provide(Layer.merge(Sandbox.layerServer({ size: 150 }), FetchHttpClient.layer))))

  it.live("2026-04-01 writes and reads back; move_to_phase does not exist there yet (NotFound)", () =>
    Effect.gen(function*() {
      const state = yield* SandboxState
      const candidates = yield* Candidates
      const created = yield* candidates.create({
        first_name: "Old",
        last_name: "Version",
        company_id: CompanyId.make(state.companyId)
      })
      expect(created.id).toBe(String(state.count("candidates")))
      expect((yield* candidates.get(created.id)).full_name).toBe("Old Version")
      const application = [...state.scan("applications")][0]!
      const moved = yield* Effect.either((yield* Applications).moveToPhase({
        id: ApplicationId.make(String(application.id)),
        ats_application_phase_id: ApplicationPhaseId.make(String(application.ats_application_phase_id))
      }))
      expect(Either.isLeft(moved) && moved.left._tag).toBe("NotFound")
    }).pipe(Effect.provide(atsOn({ size: 20 }, { apiVersion: "2026-04-01" }))))

  it.live("2026-04-01 with integer ids above 2^53: every digit kept, the same ids as 2026-07-01", () =>
    Effect.gen(function*() {
      const old = yield* (yield* Candidates).list({ limit: 1 })
      expect(old.data[0]!.id).toBe("18446744073709550001")
      const current = yield* Effect.provide(
        Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 1 })),
        Ats.layer.pipe(Layer.provide(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
          FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) })))), Layer.provide(FetchHttpClient.layer))
      )
      expect(current.data[0]!.id).toBe("18446744073709550001")
    }).pipe(Effect.provide(atsOn({ size: 5, bigIds: true }, { apiVersion: "2026-04-01" }))))
})
