import { expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import { RedisRateLimiter } from "../src/index.js"
import { redis, redisUrl, uniqueTable } from "./support/engines.js"
import { describeWith } from "./support/suite.js"

/** Three connections: three replicas sharing the budgets of one Redis. */
const replicas = (options: Omit<RedisRateLimiter.Options, "url">) => {
  const prefix = `${uniqueTable("test")}:`
  return Effect.all(Array.from({ length: 3 }, () => RedisRateLimiter.make({ url: redisUrl, prefix, ...options })))
}

/** Starts `count` acquisitions per limiter; answers how many finished once `settle` has passed. */
const finishedAfter = (acquires: ReadonlyArray<Effect.Effect<void>>, settle: Duration.DurationInput) =>
  Effect.gen(function*() {
    const done = yield* Ref.make(0)
    const fibers = yield* Effect.forEach(acquires, (acquire) => Effect.fork(Effect.zipRight(acquire, Ref.update(done, (n) => n + 1))))
    yield* Effect.sleep(settle)
    yield* Effect.forEach(fibers, Fiber.interrupt)
    return yield* Ref.get(done)
  })

describeWith(redis, "RedisRateLimiter on Redis", () => {
  it.scopedLive("replicas share one budget per tenant; other tenants and unlimited methods are not held", () =>
    Effect.gen(function*() {
      const limiters = yield* replicas({ budgets: { post: { limit: 5, window: "1 minute" } } })
      const acme = limiters.map((limiter) => limiter.forTenant("acme"))
      // 12 POSTs from three replicas: 5 fit the minute, the rest wait.
      const posts = Array.from({ length: 12 }, (_, i) => acme[i % 3]!.acquire("POST"))
      expect(yield* finishedAfter(posts, "1500 millis")).toBe(5)
      // The same tenant's GETs are unlimited; another tenant has its own budget.
      const gets = Array.from({ length: 20 }, (_, i) => acme[i % 3]!.acquire("GET"))
      expect(yield* finishedAfter(gets, "1500 millis")).toBe(20)
      const globex = Array.from({ length: 7 }, (_, i) => limiters[i % 3]!.forTenant("globex").acquire("POST"))
      expect(yield* finishedAfter(globex, "1500 millis")).toBe(5)
    }))

  it.scopedLive("slots free up as the window slides", () =>
    Effect.gen(function*() {
      const limiters = yield* replicas({ budgets: { post: { limit: 2, window: "300 millis" } } })
      const posts = Array.from({ length: 6 }, (_, i) => limiters[i % 3]!.forTenant("acme").acquire("POST"))
      // Three windows' worth: everything finishes, in at least two refills.
      const started = yield* Clock.currentTimeMillis
      yield* Effect.all(posts, { concurrency: "unbounded" })
      expect((yield* Clock.currentTimeMillis) - started).toBeGreaterThanOrEqual(590)
    }))

  it.scopedLive("withSlot: a request's slot counts while it is in flight and for a window after its end", () =>
    Effect.gen(function*() {
      const window = 300
      const limiters = yield* replicas({ budgets: { post: { limit: 1, window: `${window} millis` } } })
      const [a, b] = [limiters[0]!.forTenant("acme"), limiters[1]!.forTenant("acme")]
      const release = yield* Deferred.make<void>()
      const taken = yield* Deferred.make<void>()
      const slow = yield* Effect.fork(
        a.withSlot("POST", Effect.zipRight(Deferred.succeed(taken, undefined), Deferred.await(release)))
      )
      yield* Deferred.await(taken)
      // In flight for several windows: another replica's POST still waits.
      expect(yield* finishedAfter([b.acquire("POST")], `${3 * window} millis`)).toBe(0)
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(slow)
      const ended = yield* Clock.currentTimeMillis
      // The next slot is a whole window after the end, not after the start.
      const next = yield* b.withSlot("POST", Clock.currentTimeMillis)
      expect(next - ended).toBeGreaterThanOrEqual(window)
      // Interrupted while waiting, a request never runs and takes no slot from anyone.
      const ran = yield* Ref.make(false)
      const waiting = yield* Effect.fork(b.withSlot("POST", Ref.set(ran, true)))
      yield* Fiber.interrupt(waiting)
      expect(yield* Ref.get(ran)).toBe(false)
    }))

  it.scopedLive("a 429 gate set by one replica holds every replica's requests of that tenant", () =>
    Effect.gen(function*() {
      const limiters = yield* replicas({})
      const [a, b] = [limiters[0]!.forTenant("acme"), limiters[1]!.forTenant("acme")]
      expect(yield* b.pausedUntil).toBe(0)
      const now = yield* Clock.currentTimeMillis
      yield* a.pauseUntil(now + 60_000)
      // An earlier pause does not shorten it.
      yield* a.pauseUntil(now + 1_000)
      const until = yield* b.pausedUntil
      expect(until).toBeGreaterThan(now + 50_000)
      expect(yield* finishedAfter([b.acquire("GET"), b.acquire("POST")], "500 millis")).toBe(0)
      expect(yield* finishedAfter([limiters[2]!.forTenant("globex").acquire("GET")], "500 millis")).toBe(1)
    }))
})

it.scopedLive("without Redis, each replica keeps the budget itself", () =>
  Effect.gen(function*() {
    // Nothing listens on port 1: every Redis call fails at once.
    const limiter = yield* RedisRateLimiter.make({
      url: "redis://127.0.0.1:1",
      redis: { retryStrategy: () => null, maxRetriesPerRequest: 0 },
      budgets: { post: { limit: 2, window: "1 minute" } }
    })
    const acme = limiter.forTenant("acme")
    const posts = Array.from({ length: 4 }, () => acme.acquire("POST"))
    expect(yield* finishedAfter(posts, "1500 millis")).toBe(2)
    expect(yield* acme.pausedUntil).toBe(0)
  }))
