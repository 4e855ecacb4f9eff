/**
 * An adaptive scan against a token bucket, in virtual time: the controller's use of the server's allowance,
 * measured without the machine's speed in it (the clock moves only when the test moves it, and jitter is seeded).
 */
import { Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient, type Pagination } from "@effect-factorial/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { Sandbox } from "../src/index.js"

const bucket = { perSecond: 20, burst: 5 }
const size = 3_000

const layer = Ats.layer.pipe(
  Layer.provideMerge(FactorialClient.layer({ baseUrl: Sandbox.inProcessUrl, auth: FactorialAuth.apiKey("sandbox-api-key") })),
  Layer.provideMerge(Sandbox.layerClient({ size, seed: 1, faults: { latency: "5 millis" }, rateLimit: { bucket } }))
)

describe("an adaptive scan against a token bucket, in virtual time", () => {
  it.effect("completes without surfacing RateLimited and uses most of what the bucket allows once paced", () =>
    Effect.gen(function*() {
      let summary: Pagination.ScanSummary | undefined
      const candidates = yield* Candidates
      const scan = Stream.runCount(candidates.stream({}, {
        concurrency: "auto",
        onSummary: (s) => Effect.sync(() => (summary = s))
      }))
      const fiber = yield* Effect.fork(scan)
      let elapsed = 0
      while (fiber.unsafePoll() === null && elapsed < 60_000) {
        yield* TestClock.adjust("2 millis")
        elapsed += 2
      }
      expect(yield* Fiber.join(fiber)).toBe(size)
      expect(summary!.throttled).toBeGreaterThan(0)
      // The bucket allows its burst and then its rate; halving the window alone used about a quarter of it here.
      const allowed = bucket.burst + (bucket.perSecond * elapsed) / 1000
      expect(summary!.pages / allowed).toBeGreaterThan(0.4)
    }).pipe(Effect.withRandom(Random.make("adaptive-pacing")), Effect.provide(layer)))
})
