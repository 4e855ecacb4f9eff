/**
 * Issue #11 through the public API: failed writes say whether they may have been applied, a DELETE retried into
 * a 404 is not a lie, and retries cannot storm (jitter, one 429 gate per client, a retry budget, a deadline, a
 * limiter shared across clients).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { FactorialClient } from "../src/FactorialClient.js"
import type { FactorialRequest, RequestMethod } from "../src/FactorialRequest.js"
import { RateLimiter } from "../src/RateLimit.js"
import { json, mockClient, mockHttp, SECRET_KEY, text } from "../test-support/MockHttp.js"

const call = (method: RequestMethod, extra: Partial<FactorialRequest> = {}): FactorialRequest => ({
  method,
  path: ["ats", "candidates", ...(method === "POST" ? [] : ["7"])],
  ...(method === "POST" || method === "PUT" ? { body: { _tag: "Json", value: { first_name: "Ada" } } } : {}),
  ...extra
})

const refused = Effect.fail(
  new HttpClientError.RequestError({
    request: undefined as never,
    reason: "Transport",
    cause: new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })
  })
)

/** Runs a call on the test clock until it settles. */
const settle = <A, E>(self: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Effect.flip(self))
    yield* TestClock.adjust("10 minutes")
    return yield* Fiber.join(fiber)
  })

describe("maybeApplied", () => {
  it.effect("a write answered 5xx, timed out or with an unreadable 2xx may have been applied; the message says so", () =>
    Effect.gen(function*() {
      for (const method of ["POST", "PUT", "DELETE"] as const) {
        const server = yield* mockClient(() => text("", 500), { retry: false })
        const error = yield* Effect.flip(server.client.raw(call(method)))
        expect([method, error._tag, "maybeApplied" in error && error.maybeApplied]).toEqual([method, "ServerError", true])
        expect(error.message).toContain("may have been applied")

        const stalled = yield* mockClient(() => Effect.never, { retry: false, timeout: "1 second" })
        const timeout = yield* settle(stalled.client.raw(call(method)))
        expect([timeout._tag, "maybeApplied" in timeout && timeout.maybeApplied]).toEqual(["TimeoutError", true])

        const cut = yield* mockClient(() => text('{"id": "1", "first', 201), { retry: false })
        const decode = yield* Effect.flip(cut.client.raw(call(method)))
        expect([decode._tag, "maybeApplied" in decode && decode.maybeApplied]).toEqual(["DecodeError", true])
      }
    }))

  it.effect("not applied: a 4xx, a refused connection, a GET", () =>
    Effect.gen(function*() {
      const unprocessable = yield* mockClient(() => json({ errors: { email: ["is invalid"] } }, 422))
      const error = yield* Effect.flip(unprocessable.client.raw(call("POST")))
      expect(error._tag === "UnprocessableEntity" && error.maybeApplied).toBe(false)
      expect(error.message).not.toContain("may have been applied")

      const down = yield* mockClient(() => refused, { retry: false })
      const transport = yield* Effect.flip(down.client.raw(call("PUT")))
      expect(transport._tag === "TransportError" && transport.maybeApplied).toBe(false)

      const get = yield* mockClient(() => text("", 500), { retry: false })
      const server = yield* Effect.flip(get.client.raw(call("GET")))
      expect(server._tag === "ServerError" && server.maybeApplied).toBe(false)
    }))

  it.effect("sticky across attempts: a PUT answered 500 then 422 may still have been applied", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        (_, index) => (index === 0 ? text("", 500) : json({ errors: { id: ["is stale"] } }, 422)),
        { retry: {} }
      )
      const error = yield* settle(client.raw(call("PUT")))
      expect((yield* sent).length).toBe(2)
      expect(error._tag === "UnprocessableEntity" && error.maybeApplied).toBe(true)
    }))

  it.effect("a DELETE retried into a 404 after a 500 is AlreadyDeleted, not NotFound", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(
        (_, index) => (index === 0 ? text("", 500) : json({ error: "Not found" }, 404)),
        { retry: {} }
      )
      const error = yield* settle(client.raw(call("DELETE")))
      expect(error._tag).toBe("AlreadyDeleted")
      if (error._tag !== "AlreadyDeleted") return
      expect([error.status, error.earlierFailure, error.maybeApplied]).toEqual([404, "ServerError 500", true])

      const plain = yield* mockClient(() => json({ error: "Not found" }, 404), { retry: {} })
      expect((yield* settle(plain.client.raw(call("DELETE"))))._tag).toBe("NotFound")
    }))
})

describe("retries that cannot storm", () => {
  it.effect("one 429 gate per client: after a 429 every request of the client waits for the Retry-After", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        (_, index) => (index === 0 ? text("", 429, { "retry-after": "5" }) : json({})),
        { retry: {} }
      )
      const first = yield* Effect.fork(client.raw(call("GET")))
      yield* TestClock.adjust("10 millis")
      expect((yield* sent).length).toBe(1)
      // Other fibers of the client now wait too, without sending anything.
      const others = yield* Effect.fork(Effect.all([client.raw(call("GET")), client.raw(call("POST"))], { concurrency: 2 }))
      yield* TestClock.adjust("4900 millis")
      expect((yield* sent).length).toBe(1)
      yield* TestClock.adjust("2 seconds")
      expect((yield* sent).length).toBe(4)
      yield* Fiber.join(first)
      yield* Fiber.join(others)
    }))

  it.effect("released waiters are spread over up to 20% past the gate, never before it", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        (_, index) => (index === 0 ? text("", 429, { "retry-after": "10" }) : json({})),
        { retry: false }
      )
      yield* Effect.flip(client.raw(call("GET")))
      const waiting = yield* Effect.fork(client.raw(call("GET")))
      yield* TestClock.adjust("9999 millis")
      expect((yield* sent).length).toBe(1)
      yield* TestClock.adjust("1 second")
      expect((yield* sent).length).toBe(1) // 0.5 × 20% of 10 s = 1 s more
      yield* TestClock.adjust("1 millis")
      expect((yield* sent).length).toBe(2)
      yield* Fiber.join(waiting)
    }).pipe(Effect.withRandomFixed([0.5])))

  it.effect("the retry budget: once spent, failing calls are not retried until successes refill it", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 503), {
        retry: {},
        retryBudget: { capacity: 10, retryCost: 5 }
      })
      yield* settle(client.raw(call("GET")))
      expect((yield* sent).length).toBe(3) // two retries: 10 tokens
      yield* settle(client.raw(call("GET")))
      expect((yield* sent).length).toBe(4) // none left: no retry
      // Without a budget the same failing API gets every retry.
      const unbounded = yield* mockClient(() => text("", 503), { retry: {}, retryBudget: false })
      for (let i = 0; i < 5; i++) yield* settle(unbounded.client.raw(call("GET")))
      expect((yield* unbounded.sent).length).toBe(15)
    }))

  it.effect("the budget is refilled by successes", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient((_, index) => (index < 3 || index === 4 ? text("", 503) : json({})), {
        retry: { times: 1 },
        retryBudget: { capacity: 5, retryCost: 5 }
      })
      yield* settle(client.raw(call("GET"))) // 503, retry (5 tokens), 503: empty
      yield* settle(client.raw(call("GET"))) // 503, no retry
      expect((yield* sent).length).toBe(3)
      yield* client.raw(call("GET")) // success: +1
      expect((yield* sent).length).toBe(4)
    }))

  it.effect("a deadline bounds the whole call; the error says which bound was hit", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never, { retry: {}, timeout: "30 seconds" })
      const fiber = yield* Effect.fork(Effect.flip(client.raw(call("GET", { deadline: "45 seconds" }))))
      yield* TestClock.adjust("45 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TimeoutError")
      if (error._tag !== "TimeoutError") return
      expect(error.scope).toBe("Deadline")
      expect(Duration.toMillis(error.timeout)).toBe(45_000)
      expect((yield* sent).length).toBe(2)
    }).pipe(Effect.withRandomFixed([0.5])))

  it.effect("by default one call is bounded: 2 minutes, not 3 × 30 s plus two 72 s waits", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(
        (_, index) => (index % 2 === 0 ? Effect.never : text("", 429, { "retry-after": "60" })),
        { retry: {}, rateLimit: false }
      )
      const fiber = yield* Effect.fork(Effect.flip(client.raw(call("GET"))))
      yield* TestClock.adjust("120 seconds")
      const error = yield* Fiber.join(fiber)
      expect(["TimeoutError", "RateLimited"]).toContain(error._tag)
    }).pipe(Effect.withRandomFixed([0.999])))

  it.effect("a RateLimiter shared by two clients shares the POST budget", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.memory({ post: { limit: 2, window: "1 minute" } })
      const { http, sent } = yield* mockHttp(() => json({ id: "1" }, 201))
      const makeClient = FactorialClient.make({ auth: FactorialAuth.apiKey(SECRET_KEY), baseUrl: "https://api.example.test" }).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.provideService(RateLimiter, limiter)
      )
      const [a, b] = [yield* makeClient, yield* makeClient]
      yield* a.raw(call("POST"))
      yield* b.raw(call("POST"))
      const third = yield* Effect.fork(a.raw(call("POST")))
      yield* TestClock.adjust("59 seconds")
      expect((yield* sent).length).toBe(2)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(third)
      expect((yield* sent).length).toBe(3)
    }))

  it.effect("an API that always answers 401: one replay per call, never a loop", () =>
    Effect.gen(function*() {
      const renewals = yield* Ref.make(0)
      const auth = FactorialAuth.make({
        kind: "Renewable",
        headers: Effect.succeed({ authorization: Redacted.make("Bearer t") }),
        onUnauthorized: Effect.as(Ref.update(renewals, (n) => n + 1), true)
      })
      const { client, sent } = yield* mockClient(() => json({ errors: null }, 401), { auth, retry: {} })
      for (let i = 0; i < 10; i++) expect((yield* settle(client.raw(call("GET"))))._tag).toBe("Unauthorized")
      expect((yield* sent).length).toBe(20)
      // Asked again after the replay's 401, the auth brings the same credential: no second replay.
      expect(yield* Ref.get(renewals)).toBe(20)
    }))
})
