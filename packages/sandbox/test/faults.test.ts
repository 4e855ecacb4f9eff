import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { Faults, type Sandbox, SandboxState } from "../src/index.js"
import { call, sandbox, transports } from "./support.js"

const candidate = { first_name: "Fault", last_name: "Tolerant", company_id: "1" }

/** Waits until the sandbox is sleeping on the test clock (a stall or latency), then moves the clock on. */
const adjustWhenSleeping = (duration: `${number} seconds`) =>
  Effect.gen(function*() {
    while (Chunk.isEmpty(yield* TestClock.sleeps())) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
    }
    yield* TestClock.adjust(duration)
  })

describe.each(transports)("faults over %s", (transport) => {
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>, options: Sandbox.ServerOptions) =>
    Effect.provide(self, sandbox(transport, { size: 10, ...options }))
  const always = (kind: Faults.Kind): Sandbox.ServerOptions => ({ faults: { probabilities: { [kind]: 1 } } })

  it.effect("429, 500 (empty), 502 and 503 (HTML)", () =>
    Effect.gen(function*() {
      const limited = yield* provide(call("GET", "candidates"), always("rateLimited"))
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("1")
      const noRetryAfter = yield* provide(call("GET", "candidates"), {
        ...always("rateLimited"),
        rateLimit: { retryAfter: false }
      })
      expect(noRetryAfter.headers["retry-after"]).toBeUndefined()
      const server = yield* provide(call("GET", "candidates"), always("serverError"))
      expect([server.status, server.text]).toEqual([500, ""])
      const gateway = yield* provide(call("GET", "candidates"), always("badGateway"))
      expect(gateway.status).toBe(502)
      expect(gateway.headers["content-type"]).toContain("text/html")
      expect(gateway.text).toContain("<html>")
      const unavailable = yield* provide(call("GET", "candidates"), always("serviceUnavailable"))
      expect(unavailable.status).toBe(503)
      expect(unavailable.text).toContain("<html>")
    }))

  it.effect("a dropped connection is a transport error", () =>
    Effect.gen(function*() {
      const result = yield* Effect.either(provide(call("GET", "candidates"), always("dropConnection")))
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left._tag).toBe("RequestError")
        expect((result.left as { reason?: string }).reason).toBe("Transport")
      }
    }))

  it.effect("truncated and malformed JSON bodies", () =>
    Effect.gen(function*() {
      const truncated = yield* provide(call("GET", "candidates/1"), always("truncatedJson"))
      expect(truncated.status).toBe(200)
      expect(truncated.json).toBeUndefined()
      expect(truncated.text.startsWith(`{"id":"1"`)).toBe(true)
      const malformed = yield* provide(call("GET", "candidates"), always("malformedJson"))
      expect(malformed.status).toBe(200)
      expect(malformed.json).toBeUndefined()
    }))

  it.effect("a stalled answer waits for the stall duration, then arrives", () =>
    provide(
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(call("GET", "candidates/2"))
        yield* adjustWhenSleeping("5 seconds")
        const answer = yield* Fiber.join(fiber)
        expect(answer.status).toBe(200)
        expect(answer.json.id).toBe("2")
      }),
      { faults: { probabilities: { stall: 1 }, stall: "5 seconds" } }
    ))

  it.effect("latency delays every request", () =>
    provide(
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(call("GET", "candidates/3"))
        yield* adjustWhenSleeping("2 seconds")
        expect((yield* Fiber.join(fiber)).status).toBe(200)
      }),
      { faults: { latency: "2 seconds" } }
    ))

  it.effect("faults never write: every kind on POST leaves the state as it was", () =>
    Effect.forEach(
      Faults.kinds.filter((kind) => kind !== "stall"),
      (kind) =>
        provide(
          Effect.gen(function*() {
            yield* Effect.either(call("POST", "candidates", { body: candidate }))
            yield* Effect.either(call("DELETE", "candidates/1"))
            const state = yield* SandboxState
            expect([kind, state.count("candidates"), state.get("candidates", "1")?.id]).toEqual([kind, 10, "1"])
          }),
          always(kind)
        ),
      { discard: true }
    ))

  it.effect("writeThenFail applies the write and still answers 500", () =>
    provide(
      Effect.gen(function*() {
        const answer = yield* call("POST", "candidates", { body: candidate })
        expect(answer.status).toBe(500)
        const state = yield* SandboxState
        expect(state.count("candidates")).toBe(11)
        expect(state.get("candidates", "11")?.first_name).toBe("Fault")
      }),
      { faults: { writeThenFail: 1 } }
    ))

  it.effect("the fault sequence is reproducible from its seed", () =>
    Effect.gen(function*() {
      const statuses = (seed: number) =>
        provide(
          Effect.forEach(Array.from({ length: 30 }), () =>
            Effect.map(call("GET", "candidates/1"), (a) => a.status)),
          { faults: { seed, probabilities: Faults.uniform(0.5, ["serverError", "badGateway", "serviceUnavailable"]) } }
        )
      const first = yield* statuses(7)
      expect(yield* statuses(7)).toEqual(first)
      expect(yield* statuses(8)).not.toEqual(first)
      expect(first.filter((s) => s === 200).length).toBeGreaterThan(0)
      expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0)
    }))

  it.effect("faults can be limited to some methods", () =>
    provide(
      Effect.gen(function*() {
        expect((yield* call("GET", "candidates")).status).toBe(200)
        expect((yield* call("POST", "candidates", { body: candidate })).status).toBe(500)
      }),
      { faults: { probabilities: { serverError: 1 }, methods: ["POST"] } }
    ))
})
