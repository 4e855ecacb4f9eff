/**
 * Soak: 10,000 candidates over HTTP with 20% of requests failing (every kind of fault) and drifted records (nulls
 * in required fields, values of the wrong type), scanned with `onInvalidRecord: "skip"`. Every record must be
 * accounted for exactly once: yielded, or reported invalid — never lost, never duplicated.
 *
 * Bounded: one fault seed per strategy in CI (a few seconds each). `SOAK_ROUNDS=<n>` runs n seeds per strategy.
 */
import { Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient, type Pagination } from "@effect-factorial/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Faults, Sandbox, SandboxServer, SandboxState } from "../src/index.js"

const rounds = Math.max(1, Math.min(1_000, Number(process.env.SOAK_ROUNDS ?? 1) || 1))
const size = 10_000

const soakOn = (faultSeed: number) =>
  Ats.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({
        baseUrl: server.url,
        auth: FactorialAuth.apiKey(server.apiKey),
        retry: { times: 10, baseDelay: "1 millis", maxDelay: "10 millis" }
      })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer({
      size,
      seed: 11,
      rateLimit: { retryAfter: false },
      drift: { rate: 0.008, seed: faultSeed },
      faults: {
        seed: faultSeed,
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
    }))
  )

describe(`soak: ${size} candidates, 20% faults, drifted records, onInvalidRecord "skip" (${rounds} round(s))`, () => {
  for (const [name, options] of [["cursor", {}], ["exact, 4 ranges", { concurrency: 4 }]] as const) {
    for (let round = 0; round < rounds; round++) {
      const faultSeed = 101 + round
      it.live(`${name}, fault seed ${faultSeed}: every record yielded or reported invalid, exactly once`, () =>
        Effect.gen(function*() {
          const state = yield* SandboxState
          const expected = Array.from(state.scan("candidates"), (row) => String(row.id))
          const summaries: Array<Pagination.ScanSummary> = []
          const yielded = (yield* (yield* Candidates).all({}, {
            ...options,
            onInvalidRecord: "skip",
            onSummary: (summary) => Effect.sync(() => summaries.push(summary))
          })).map((candidate) => String(candidate.id))
          const summary = summaries[0]!
          const yieldedSet = new Set(yielded)
          expect(yieldedSet.size).toBe(yielded.length)
          const missing = expected.filter((id) => !yieldedSet.has(id))
          // Not yielded = reported invalid, one for one (fewer than 100 here, so every id is listed).
          expect(summary.invalid).toBe(missing.length)
          expect([...summary.invalidIds].sort()).toEqual([...missing].sort())
          expect(yielded.length + summary.invalid).toBe(expected.length)
          const known = new Set(expected)
          expect(yielded.filter((id) => !known.has(id))).toEqual([])
          // The drift really happened, and some drifted records (nulls) were yielded, not dropped.
          expect(summary.invalid).toBeGreaterThan(10)
          expect(summary.invalid).toBeLessThan(100)
        }).pipe(Effect.provide(soakOn(faultSeed))), 120_000)
    }
  }
})
