import { describe, expect, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import type { FactorialRequest } from "../src/FactorialRequest.js"
import type { RateLimitOptions } from "../src/RateLimit.js"
import { json, mockClient } from "../test-support/MockHttp.js"

const post: FactorialRequest = { method: "POST", path: ["ats", "candidates"], body: { _tag: "Json", value: {} } }
const get: FactorialRequest = { method: "GET", path: ["ats", "candidates"] }

const fire = (count: number, request: FactorialRequest, rateLimit?: RateLimitOptions | false) =>
  Effect.gen(function*() {
    const { client, sent } = yield* mockClient(() => json({}), { rateLimit: rateLimit ?? {} })
    const fiber = yield* Effect.fork(
      Effect.all(Array.from({ length: count }, () => client.raw(request)), { concurrency: "unbounded" })
    )
    const sentAfter = (duration: Duration.DurationInput) =>
      Effect.zipRight(TestClock.adjust(duration), Effect.map(sent, (all) => all.length))
    return { fiber, sentAfter }
  })

describe("client-side rate limit", () => {
  it.effect("paces POST at 200 per minute by default", () =>
    Effect.gen(function*() {
      const { fiber, sentAfter } = yield* fire(450, post)
      expect(yield* sentAfter("0 millis")).toBe(200)
      expect(yield* sentAfter("59999 millis")).toBe(200)
      expect(yield* sentAfter("1 millis")).toBe(400)
      expect(yield* sentAfter("1 minute")).toBe(450)
      expect(yield* Fiber.join(fiber)).toHaveLength(450)
    }))

  it.effect("uses a configured POST budget as a sliding window", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), {
        rateLimit: { post: { limit: 2, window: "1 second" } }
      })
      const count = Effect.map(sent, (all) => all.length)
      yield* client.raw(post)
      yield* TestClock.adjust("600 millis")
      yield* client.raw(post)
      const third = yield* Effect.fork(client.raw(post))
      yield* TestClock.adjust("399 millis")
      expect(yield* count).toBe(2) // the first slot frees at 1000 ms
      yield* TestClock.adjust("1 millis")
      expect(yield* count).toBe(3)
      yield* Fiber.join(third)
    }))

  it.effect("does not limit GET unless asked", () =>
    Effect.gen(function*() {
      const { fiber, sentAfter } = yield* fire(300, get)
      expect(yield* sentAfter("0 millis")).toBe(300)
      yield* Fiber.join(fiber)
    }))

  it.effect("can limit GET too", () =>
    Effect.gen(function*() {
      const { fiber, sentAfter } = yield* fire(5, get, { get: { limit: 2, window: "10 seconds" } })
      expect(yield* sentAfter("0 millis")).toBe(2)
      expect(yield* sentAfter("10 seconds")).toBe(4)
      expect(yield* sentAfter("10 seconds")).toBe(5)
      yield* Fiber.join(fiber)
    }))

  it.effect("rateLimit: false turns it off", () =>
    Effect.gen(function*() {
      const { fiber, sentAfter } = yield* fire(300, post, false)
      expect(yield* sentAfter("0 millis")).toBe(300)
      yield* Fiber.join(fiber)
    }))

  it.effect("post: false turns off the POST budget", () =>
    Effect.gen(function*() {
      const { fiber, sentAfter } = yield* fire(250, post, { post: false })
      expect(yield* sentAfter("0 millis")).toBe(250)
      yield* Fiber.join(fiber)
    }))
})
