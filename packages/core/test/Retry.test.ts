import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import * as FactorialAuth from "../src/FactorialAuth.js"
import type { FactorialRequest, RequestMethod } from "../src/FactorialRequest.js"
import type { RetryOptions } from "../src/Retry.js"
import { json, mockClient, type Reply, type SentRequest, text } from "../test-support/MockHttp.js"

const request = (method: RequestMethod, retry?: RetryOptions | false): FactorialRequest => ({
  method,
  path: ["ats", "candidates"],
  ...(method === "POST" || method === "PUT" ? { body: { _tag: "Json", value: {} } } : {}),
  ...(retry === undefined ? {} : { retry })
})

const transportFailure = (code?: string) =>
  Effect.fail(
    new HttpClientError.RequestError({
      request: undefined as never,
      reason: "Transport",
      cause: new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ${code ?? "failure"}`), code === undefined ? {} : { code })
      })
    })
  )

/** Runs one call on the test clock until it settles; answers its exit and the number of attempts. */
const run = (
  reply: (request: SentRequest, index: number) => Reply,
  call: FactorialRequest,
  options: { retry?: RetryOptions | false; timeout?: Duration.DurationInput; deadline?: Duration.DurationInput } = {}
) =>
  Effect.gen(function*() {
    const { client, sent } = yield* mockClient(reply, {
      retry: options.retry ?? {},
      timeout: options.timeout,
      deadline: options.deadline
    })
    const fiber = yield* Effect.fork(Effect.either(client.raw(call)))
    yield* TestClock.adjust("10 minutes")
    const result = yield* Fiber.join(fiber)
    return { result, attempts: (yield* sent).length }
  })

const attemptsFor = (status: number, method: RequestMethod) =>
  Effect.map(run(() => text("", status), request(method)), ({ attempts }) => attempts)

describe("retries", () => {
  for (const method of ["GET", "PUT", "DELETE"] as const) {
    it.effect(`${method} is retried twice on 408, 429, 500, 502, 503, 504`, () =>
      Effect.gen(function*() {
        for (const status of [408, 429, 500, 502, 503, 504]) {
          expect([status, yield* attemptsFor(status, method)]).toEqual([status, 3])
        }
      }))

    it.effect(`${method} is not retried on 400, 401, 403, 404, 409, 422, 501`, () =>
      Effect.gen(function*() {
        for (const status of [400, 401, 403, 404, 409, 422, 501]) {
          expect([status, yield* attemptsFor(status, method)]).toEqual([status, 1])
        }
      }))
  }

  it.effect("POST is retried on 429 only", () =>
    Effect.gen(function*() {
      expect(yield* attemptsFor(429, "POST")).toBe(3)
      for (const status of [408, 500, 502, 503, 504]) {
        expect([status, yield* attemptsFor(status, "POST")]).toEqual([status, 1])
      }
    }))

  it.effect("a 2xx body that is not JSON is retried for idempotent requests, then succeeds", () =>
    Effect.gen(function*() {
      const { attempts, result } = yield* run(
        (_, index) => (index === 0 ? text('{"data": [', 200) : json({ ok: true })),
        request("GET")
      )
      expect(attempts).toBe(2)
      expect(result._tag === "Right" && result.right).toEqual({ ok: true })
    }))

  it.effect("a body that is not JSON is not retried for POST, and valid JSON of the wrong shape never is", () =>
    Effect.gen(function*() {
      const post = yield* run(() => text("<html>bad gateway</html>", 200), request("POST"))
      expect(post.attempts).toBe(1)
      expect(post.result._tag === "Left" && post.result.left._tag === "DecodeError" && post.result.left.reason)
        .toBe("NotJson")
    }))

  it.effect("POST is not retried after a 500 and answers ServerError", () =>
    Effect.gen(function*() {
      const { attempts, result } = yield* run(() => text("", 500), request("POST"))
      expect(attempts).toBe(1)
      expect(result._tag === "Left" && result.left._tag).toBe("ServerError")
    }))

  it.effect("a retried GET that then succeeds answers the body", () =>
    Effect.gen(function*() {
      const { attempts, result } = yield* run(
        (_, index) => (index < 2 ? text("", 503) : json({ ok: true })),
        request("GET")
      )
      expect(attempts).toBe(3)
      expect(result._tag === "Right" && result.right).toEqual({ ok: true })
    }))

  it.effect("GET is retried on transport errors; POST only when the connection was refused", () =>
    Effect.gen(function*() {
      expect((yield* run(() => transportFailure("ECONNRESET"), request("GET"))).attempts).toBe(3)
      const reset = yield* run(() => transportFailure("ECONNRESET"), request("POST"))
      expect(reset.attempts).toBe(1)
      expect(reset.result._tag === "Left" && reset.result.left._tag).toBe("TransportError")
      expect((yield* run(() => transportFailure(), request("POST"))).attempts).toBe(1)
      expect((yield* run(() => transportFailure("ECONNREFUSED"), request("POST"))).attempts).toBe(3)
    }))

  it.effect("full jitter: each backoff is random between zero and a cap that starts at 500 ms and doubles", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 503), { retry: {} })
      const fiber = yield* Effect.fork(Effect.either(client.raw(request("GET"))))
      yield* TestClock.adjust("249 millis")
      expect((yield* sent).length).toBe(1) // first delay: 0.5 × 500 ms
      yield* TestClock.adjust("1 millis")
      expect((yield* sent).length).toBe(2)
      yield* TestClock.adjust("998 millis")
      expect((yield* sent).length).toBe(2) // second delay: 0.999 × 1000 ms
      yield* TestClock.adjust("1 millis")
      expect((yield* sent).length).toBe(3)
      yield* Fiber.join(fiber)
    }).pipe(Effect.withRandomFixed([0.5, 0.999])))

  it.effect("full jitter: with the lowest draw a retry goes out at once", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 503), { retry: {} })
      yield* Effect.either(client.raw(request("GET")))
      expect((yield* sent).length).toBe(3)
    }).pipe(Effect.withRandomFixed([0])))

  it.effect("the backoff is capped by maxDelay", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 503), {
        retry: { times: 6, baseDelay: "1 second", maxDelay: "2 seconds" }
      })
      const fiber = yield* Effect.fork(Effect.either(client.raw(request("GET"))))
      // Delays at most 1 s, then 2 s five times: all seven attempts fit in 11 s.
      yield* TestClock.adjust("11 seconds")
      expect((yield* sent).length).toBe(7)
      yield* Fiber.join(fiber)
    }).pipe(Effect.withRandomFixed([0.9999])))

  it.effect("retry: false on the client disables retries; a call can turn them back on", () =>
    Effect.gen(function*() {
      expect((yield* run(() => text("", 503), request("GET"), { retry: false })).attempts).toBe(1)
      expect((yield* run(() => text("", 503), request("GET", { times: 1 }), { retry: false })).attempts).toBe(2)
    }))

  it.effect("a call can disable or change the client's policy", () =>
    Effect.gen(function*() {
      expect((yield* run(() => text("", 503), request("GET", false))).attempts).toBe(1)
      expect((yield* run(() => text("", 503), request("GET", { times: 4 }))).attempts).toBe(5)
      expect((yield* run(() => text("", 503), request("GET"), { retry: { times: 0 } })).attempts).toBe(1)
    }))
})

describe("Retry-After", () => {
  const waitsExactly = (headers: Record<string, string>, wait: Duration.DurationInput, status = 429) =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        (_, index) => (index === 0 ? text("", status, headers) : json({ ok: true })),
        { retry: {} }
      )
      const fiber = yield* Effect.fork(client.raw(request("GET")))
      yield* TestClock.adjust(Duration.subtract(Duration.decode(wait), Duration.millis(1)))
      expect((yield* sent).length).toBe(1)
      yield* TestClock.adjust("1 millis")
      expect((yield* sent).length).toBe(2)
      expect(yield* Fiber.join(fiber)).toEqual({ ok: true })
    })

  // With the lowest jitter draw the wait is exactly what the server asked; with the highest, 20% more.
  const lowest = Effect.withRandomFixed([0])
  it.effect("in seconds", () => lowest(waitsExactly({ "retry-after": "5" }, "5 seconds")))
  it.effect("as an HTTP date", () => lowest(waitsExactly({ "retry-after": new Date(8_000).toUTCString() }, "8 seconds")))
  it.effect("as retry-after-ms", () => lowest(waitsExactly({ "retry-after-ms": "1500" }, "1500 millis")))
  it.effect("on a 503 too", () => lowest(waitsExactly({ "retry-after": "3" }, "3 seconds", 503)))
  it.effect("jittered: never earlier than asked, at most 20% later", () =>
    Effect.withRandomFixed([0.999])(waitsExactly({ "retry-after": "5" }, "5999 millis")))
  it.effect("on a POST answered 429", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(
        (_, index) => (index === 0 ? text("", 429, { "retry-after": "2" }) : json({ id: "1" }, 201)),
        { retry: {} }
      )
      const fiber = yield* Effect.fork(client.raw(request("POST")))
      yield* TestClock.adjust("2400 millis")
      expect(yield* Fiber.join(fiber)).toEqual({ id: "1" })
      expect((yield* sent).length).toBe(2)
    }))

  it.effect("above 60 s the call fails fast with RateLimited{retryAfter}", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 429, { "retry-after": "120" }), { retry: {} })
      const error = yield* Effect.flip(client.raw(request("GET")))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.seconds(120))
      expect((yield* sent).length).toBe(1)
    }))

  it.effect("the fail-fast cap is configurable", () =>
    Effect.gen(function*() {
      const { attempts } = yield* run(
        (_, index) => (index === 0 ? text("", 429, { "retry-after": "120" }) : json({})),
        request("GET"),
        { retry: { maxRetryAfter: "5 minutes" }, deadline: "10 minutes" }
      )
      expect(attempts).toBe(2)
    }))
})

describe("timeouts and interruption", () => {
  it.effect("an attempt without an answer fails with TimeoutError and aborts the request", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never, { timeout: "2 seconds" })
      const fiber = yield* Effect.fork(Effect.flip(client.raw(request("GET"))))
      yield* TestClock.adjust("1999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TimeoutError")
      expect(error._tag === "TimeoutError" && error.timeout).toEqual(Duration.seconds(2))
      const [only] = yield* sent
      expect(only!.signal.aborted).toBe(true)
    }))

  it.effect("timeouts of idempotent requests are retried, of POST not", () =>
    Effect.gen(function*() {
      const get = yield* run(() => Effect.never, request("GET"), { timeout: "1 second" })
      expect(get.attempts).toBe(3)
      expect(get.result._tag === "Left" && get.result.left._tag).toBe("TimeoutError")
      expect((yield* run(() => Effect.never, request("POST"), { timeout: "1 second" })).attempts).toBe(1)
    }))

  it.effect("a call can override the timeout", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => Effect.never, { timeout: "30 seconds" })
      const fiber = yield* Effect.fork(Effect.flip(client.raw({ ...request("GET"), timeout: "1 second" })))
      yield* TestClock.adjust("1 second")
      expect((yield* Fiber.join(fiber))._tag).toBe("TimeoutError")
    }))

  it.effect("interrupting the fiber aborts the request in flight", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never)
      const fiber = yield* Effect.fork(client.raw(request("GET")))
      yield* TestClock.adjust("1 second")
      const [inFlight] = yield* sent
      expect(inFlight!.signal.aborted).toBe(false)
      yield* Fiber.interrupt(fiber)
      expect(inFlight!.signal.aborted).toBe(true)
    }))

  // The live clock takes the timeout's own path (one forked attempt and a plain timer), not `Effect.timeoutFail`.
  it.live("on the live clock, an attempt without an answer fails with TimeoutError and aborts the request", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never, { timeout: "20 millis" })
      const error = yield* Effect.flip(client.raw(request("GET")))
      expect(error._tag === "TimeoutError" && [error.scope, error.timeout]).toEqual(["Attempt", Duration.millis(20)])
      const [only] = yield* sent
      expect(only!.signal.aborted).toBe(true)
    }))

  it.live("on the live clock, the deadline cuts the attempt's timeout and is named", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => Effect.never, { timeout: "30 seconds", deadline: "20 millis" })
      const error = yield* Effect.flip(client.raw(request("GET")))
      expect(error._tag === "TimeoutError" && [error.scope, error.timeout]).toEqual(["Deadline", Duration.millis(20)])
    }))

  it.live("on the live clock, timeouts of idempotent requests are retried", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never, {
        timeout: "10 millis",
        retry: { baseDelay: "1 millis", maxDelay: "1 millis" }
      })
      expect((yield* Effect.flip(client.raw(request("GET"))))._tag).toBe("TimeoutError")
      expect((yield* sent).map((one) => one.signal.aborted)).toEqual([true, true, true])
    }))

  it.live("on the live clock, an answer within the timeout is the call's result", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(() => json({ id: "7" }), { timeout: "30 seconds" })
      expect(yield* client.raw(request("GET"))).toEqual({ id: "7" })
      const failing = yield* mockClient(() => text("", 404), { timeout: "30 seconds" })
      expect((yield* Effect.flip(failing.client.raw(request("GET"))))._tag).toBe("NotFound")
    }))

  it.live("on the live clock, interrupting the caller aborts the request in flight", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => Effect.never, { timeout: "30 seconds" })
      const fiber = yield* Effect.fork(client.raw(request("GET")))
      while ((yield* sent).length === 0) yield* Effect.sleep("1 millis")
      const [inFlight] = yield* sent
      expect(inFlight!.signal.aborted).toBe(false)
      yield* Fiber.interrupt(fiber)
      expect(inFlight!.signal.aborted).toBe(true)
    }))

  it.effect("interrupting the fiber cancels a pending backoff", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => text("", 503), { retry: {} })
      const fiber = yield* Effect.fork(client.raw(request("GET")))
      yield* TestClock.adjust("100 millis")
      expect((yield* sent).length).toBe(1)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("10 minutes")
      expect((yield* sent).length).toBe(1)
    }).pipe(Effect.withRandomFixed([0.5])))
})

describe("401 and renewable credentials", () => {
  const renewableAuth = (renews: boolean) =>
    Effect.gen(function*() {
      const token = yield* Ref.make(1)
      return FactorialAuth.make({
        kind: "Renewable",
        headers: Effect.map(Ref.get(token), (n) => ({ authorization: redactedBearer(`token-${n}`) })),
        onUnauthorized: renews ? Effect.as(Ref.update(token, (n) => n + 1), true) : Effect.succeed(false)
      })
    })

  it.effect("a 401 lets the auth renew its credential and replays the request once", () =>
    Effect.gen(function*() {
      const auth = yield* renewableAuth(true)
      const { client, sent } = yield* mockClient(
        (request) => (request.headers["authorization"] === "Bearer token-1" ? json({ errors: null }, 401) : json({})),
        { auth }
      )
      expect(yield* client.raw(request("GET"))).toEqual({})
      expect((yield* sent).map((r) => r.headers["authorization"])).toEqual(["Bearer token-1", "Bearer token-2"])
    }))

  it.effect("401s are replayed while each renewal brings a new credential, at most 3 times per call", () =>
    Effect.gen(function*() {
      const auth = yield* renewableAuth(true)
      const { client, sent } = yield* mockClient(
        (request) => (request.headers["authorization"] === "Bearer token-4" ? json({}) : json({ errors: null }, 401)),
        { auth }
      )
      expect(yield* client.raw(request("GET"))).toEqual({})
      expect((yield* sent).map((r) => r.headers["authorization"])).toEqual([
        "Bearer token-1",
        "Bearer token-2",
        "Bearer token-3",
        "Bearer token-4"
      ])
      // One more renewal would be needed: the call fails Unauthorized after its third replay.
      const { client: refusing, sent: refused } = yield* mockClient(() => json({ errors: null }, 401), {
        auth: yield* renewableAuth(true)
      })
      expect((yield* Effect.flip(refusing.raw(request("POST"))))._tag).toBe("Unauthorized")
      expect((yield* refused).length).toBe(4)
    }))

  it.effect("a renewal that brings back the refused credential ends the replays", () =>
    Effect.gen(function*() {
      const renewals = yield* Ref.make(0)
      const auth = FactorialAuth.make({
        kind: "Renewable",
        headers: Effect.succeed({ authorization: redactedBearer("same") }),
        onUnauthorized: Effect.as(Ref.update(renewals, (n) => n + 1), true)
      })
      const { client, sent } = yield* mockClient(() => json({ errors: null }, 401), { auth })
      expect((yield* Effect.flip(client.raw(request("GET"))))._tag).toBe("Unauthorized")
      // The first replay takes the auth at its word; the second renewal changed nothing, so no second replay.
      expect((yield* sent).length).toBe(2)
      expect(yield* Ref.get(renewals)).toBe(2)
    }))

  it.effect("an auth that cannot renew lets the 401 through", () =>
    Effect.gen(function*() {
      const auth = yield* renewableAuth(false)
      const { client, sent } = yield* mockClient(() => json({ errors: null }, 401), { auth })
      expect((yield* Effect.flip(client.raw(request("GET"))))._tag).toBe("Unauthorized")
      expect((yield* sent).length).toBe(1)
    }))
})

const redactedBearer = (token: string) => Redacted.make(`Bearer ${token}`)
