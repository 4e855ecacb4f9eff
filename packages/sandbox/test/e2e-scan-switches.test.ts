/**
 * End to end over HTTP on 127.0.0.1: the scan switches of the sandbox (drifted records, churn, a per-credential
 * token bucket) against the SDK's scans through the public `@effect-factorial/ats` API.
 */
import { Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient, type Pagination } from "@effect-factorial/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Sandbox, SandboxServer, SandboxState } from "../src/index.js"

const atsOn = (sandbox: Sandbox.ServerOptions, client: Partial<FactorialClient.Options> = {}) =>
  Ats.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey), ...client })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer(sandbox))
  )

const idsIn = (resource: string) =>
  Effect.map(SandboxState, (state) => Array.from(state.scan(resource), (row) => String(row.id)))

const countBy = <A>(items: ReadonlyArray<A>) => {
  const counts = new Map<A, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return counts
}

describe("drifted records (sandbox drift switch)", () => {
  it.live("list names the drifted record's id; a skipping scan accounts for every record once", () =>
    Effect.gen(function*() {
      const candidates = yield* Candidates
      const all = yield* idsIn("candidates")
      const error = yield* Effect.flip(candidates.list({ limit: 100 }))
      expect(error._tag).toBe("DecodeError")
      expect(error._tag === "DecodeError" && all.includes(error.recordId ?? "")).toBe(true)
      const invalid: Array<Pagination.InvalidRecord> = []
      const summaries: Array<Pagination.ScanSummary> = []
      const yielded = yield* candidates.all({}, {
        onInvalidRecord: (record) => Effect.sync(() => invalid.push(record)),
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      })
      const seen = [...yielded.map((c) => String(c.id)), ...invalid.map((i) => i.error.recordId!)]
      expect(seen.length).toBe(all.length)
      expect([...countBy(seen).values()].every((n) => n === 1)).toBe(true)
      expect(invalid.length).toBeGreaterThan(10)
      expect(summaries[0]).toMatchObject({ invalid: invalid.length, records: yielded.length })
    }).pipe(Effect.provide(atsOn({ size: 1_000, seed: 4, drift: { rate: 0.05, kinds: ["wrongType"] } }))))
})

describe("nulls in required fields (sandbox drift switch, kind null)", () => {
  it.live("decode to undefined: list, get and a full scan yield every record, none invalid", () =>
    Effect.gen(function*() {
      const candidates = yield* Candidates
      const all = yield* idsIn("candidates")
      const summaries: Array<Pagination.ScanSummary> = []
      const yielded = yield* candidates.all({}, {
        onInvalidRecord: "skip",
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      })
      expect(yielded.map((c) => String(c.id))).toEqual(all)
      expect(summaries[0]).toMatchObject({ invalid: 0, records: all.length })
      // Some records really came back with a required field null, now undefined.
      const required = ["first_name", "last_name", "full_name", "talent_pool", "created_at", "updated_at"] as const
      const drifted = yielded.filter((c) => required.some((field) => c[field] === undefined))
      expect(drifted.length).toBeGreaterThan(5)
      const one = yield* candidates.get(drifted[0]!.id)
      expect(required.some((field) => one[field] === undefined)).toBe(true)
      expect((yield* candidates.list({ limit: 100 })).data.length).toBe(100)
    }).pipe(Effect.provide(atsOn({ size: 1_000, seed: 4, drift: { rate: 0.2, kinds: ["null"] } }))))
})

describe("churn during a scan (sandbox churn switch)", () => {
  for (const options of [{}, { concurrency: 4 }, { concurrency: "auto" as const }]) {
    it.live(`${JSON.stringify(options)}: every record that existed throughout, exactly once; nothing invented`, () =>
      Effect.gen(function*() {
        const before = yield* idsIn("candidates")
        const summaries: Array<Pagination.ScanSummary> = []
        const scanned = (yield* (yield* Candidates).all({}, {
          ...options,
          onSummary: (summary) => Effect.sync(() => summaries.push(summary))
        })).map((c) => String(c.id))
        const after = new Set(yield* idsIn("candidates"))
        const existed = new Set(before)
        const throughout = before.filter((id) => after.has(id))
        expect(throughout.length).toBeLessThan(before.length - 10)
        const counts = countBy(scanned)
        expect(throughout.filter((id) => counts.get(id) !== 1)).toEqual([])
        expect(scanned.length).toBe(counts.size)
        // Anything else is a record created or deleted during the scan, never one that did not exist.
        expect(scanned.filter((id) => !existed.has(id) && !after.has(id))).toEqual([])
        expect(summaries[0]).toMatchObject({ strategy: Object.keys(options).length === 0 ? "cursor" : "exact" })
        expect(summaries[0]!.fallback).toBeUndefined()
      }).pipe(Effect.provide(atsOn({ size: 5_000, seed: 6, churn: { every: 2, deletes: 2, creates: 2 } }))))
  }

  it.live("offset pages (by name) under the same churn lose or repeat records, or fail: why they are not the default", () =>
    Effect.gen(function*() {
      const before = yield* idsIn("candidates")
      const result = yield* Effect.either((yield* Candidates).all({}, { strategy: "offset", concurrency: 4 }))
      const after = new Set(yield* idsIn("candidates"))
      if (result._tag === "Left") {
        expect(result.left._tag).toBe("PaginationError")
        return
      }
      const counts = countBy(result.right.map((c) => String(c.id)))
      const wrong = before.filter((id) => after.has(id) && counts.get(id) !== 1)
      expect(wrong.length).toBeGreaterThan(0)
    }).pipe(Effect.provide(atsOn({ size: 5_000, seed: 6, churn: { every: 2, deletes: 2, creates: 2 } }))))
})

describe("ids above 2^53", () => {
  it.live("the exact scan splits the id space with BigInt: every record once", () =>
    Effect.gen(function*() {
      const all = yield* idsIn("candidates")
      expect(BigInt(all[0]!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
      const summaries: Array<Pagination.ScanSummary> = []
      const scanned = yield* (yield* Candidates).all({}, {
        concurrency: 6,
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      })
      expect(scanned.map((c) => String(c.id)).sort()).toEqual([...all].sort())
      expect(summaries[0]).toMatchObject({ strategy: "exact", peakConcurrency: 6 })
    }).pipe(Effect.provide(atsOn({ size: 2_000, seed: 8, bigIds: true }))))
})

describe("a per-credential token bucket (sandbox rateLimit.bucket)", () => {
  it.live("an adaptive scan finishes without surfacing RateLimited though the server answered 429s", () => {
    const log = { status429: 0, requests: 0 }
    const transformClient = (client: HttpClient.HttpClient) =>
      client.pipe(
        HttpClient.tapRequest(() => Effect.sync(() => log.requests++)),
        HttpClient.transformResponse(Effect.tap((response) =>
          Effect.sync(() => {
            if (response.status === 429) log.status429++
          })
        ))
      )
    return Effect.gen(function*() {
      const all = yield* idsIn("candidates")
      const summaries: Array<Pagination.ScanSummary> = []
      const scanned = yield* (yield* Candidates).all({}, {
        concurrency: "auto",
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      })
      expect(scanned.map((c) => String(c.id)).sort()).toEqual([...all].sort())
      expect(log.status429).toBeGreaterThan(0)
      expect(summaries[0]!.throttled).toBeGreaterThan(0)
    }).pipe(Effect.provide(atsOn(
      { size: 3_000, seed: 2, faults: { latency: "5 millis" }, rateLimit: { bucket: { perSecond: 20, burst: 5 } } },
      { transformClient }
    )))
  })
})
