import { describe, expect, it } from "@effect/vitest"
import { Pagination } from "@effect-factorial/core"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"

type PageRequest = Pagination.PageRequest

/** How the fake list endpoint behaves; the defaults are the real API's. */
interface FakeServer {
  /** The largest page the server serves (the API: 100). */
  readonly clamp?: number
  /** What meta.limit says: the applied size (default), `null`, or a wrong number. */
  readonly metaLimit?: "applied" | "null" | number
  /** What meta.total says: the truth (default), nothing, or a fixed lie. */
  readonly total?: "actual" | "absent" | number
  /** Leave cursors out of every cursor page. */
  readonly noCursors?: boolean
  /** Answer every cursor page with this end_cursor. */
  readonly endCursor?: (request: PageRequest) => string | undefined
  /** Wait this long (on the test clock) before answering. */
  readonly delay?: (request: PageRequest) => Duration.DurationInput
  /** Change the records (ids, ascending) before answering: someone else writing during the scan. */
  readonly onRequest?: (request: PageRequest, records: Array<number>) => void
}

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from)
const cursorOf = (id: number) => btoa(String(id))
const pageOf = (request: PageRequest) => ("page" in request ? request.page : undefined)
const afterOf = (request: PageRequest) => ("after_id" in request ? request.after_id : undefined)

/**
 * A list endpoint over the records 1..size that pages like the Factorial API (cursor and offset modes). It
 * records every request, and how many were in flight at once.
 */
const fakeEndpoint = (size: number, server: FakeServer = {}) =>
  Effect.gen(function*() {
    const records = range(size)
    const requests = yield* Ref.make<ReadonlyArray<PageRequest>>([])
    const inFlight = yield* Ref.make(0)
    const maxInFlight = yield* Ref.make(0)

    const answer = (request: PageRequest): Pagination.Page<number> => {
      const applied = Math.min(request.limit, server.clamp ?? 100)
      const common = {
        total: server.total === undefined || server.total === "actual"
          ? records.length
          : server.total === "absent"
          ? undefined
          : server.total,
        limit: server.metaLimit === "null" ? null : typeof server.metaLimit === "number" ? server.metaLimit : applied
      }
      if ("page" in request) {
        const data = records.slice((request.page - 1) * applied, request.page * applied)
        const meta = {
          ...common,
          has_next_page: request.page * applied < records.length,
          has_previous_page: request.page > 1
        }
        return { data, meta }
      }
      const after = request.after_id === undefined ? 0 : Number(atob(request.after_id))
      const data = records.filter((id) => id > after).slice(0, applied)
      const last = data.at(-1)
      const endCursor = server.endCursor?.(request) ?? (last === undefined ? undefined : cursorOf(last))
      const cursors = last === undefined || server.noCursors || endCursor === undefined
        ? {}
        : { start_cursor: cursorOf(data[0]!), end_cursor: endCursor }
      const meta = {
        ...common,
        ...cursors,
        has_next_page: last !== undefined && last < records.at(-1)!,
        has_previous_page: after > 0
      }
      return { data, meta }
    }

    const fetchPage = (request: PageRequest): Effect.Effect<Pagination.Page<number>> =>
      Effect.gen(function*() {
        yield* Ref.update(requests, (all) => [...all, request])
        const now = yield* Ref.updateAndGet(inFlight, (n) => n + 1)
        yield* Ref.update(maxInFlight, (max) => Math.max(max, now))
        if (server.delay !== undefined) yield* Effect.sleep(server.delay(request))
        server.onRequest?.(request, records)
        return answer(request)
      }).pipe(Effect.ensuring(Ref.update(inFlight, (n) => n - 1)))

    return { fetchPage, requests: Ref.get(requests), maxInFlight: Ref.get(maxInFlight) }
  })

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** Lets every other fiber run until it blocks (the fake endpoint answers without real I/O). */
const settle = Effect.repeatN(Effect.yieldNow(), 200)

/** Runs `stream` in a fiber that stops at `item` and waits there forever; returns once it got there. */
const runUntil = <A, E>(stream: Stream.Stream<A, E>, item: A) =>
  Effect.gen(function*() {
    const reached = yield* Deferred.make<void>()
    const fiber = yield* stream.pipe(
      Stream.tap((a) => (a === item ? Effect.zipRight(Deferred.succeed(reached, undefined), Effect.never) : Effect.void)),
      Stream.runDrain,
      Effect.fork
    )
    yield* Deferred.await(reached)
    return fiber
  })

describe("PageMeta and Page", () => {
  it("decode a list response and ignore unknown fields", () => {
    const page = Schema.decodeUnknownSync(Pagination.Page(Schema.NumberFromString))({
      data: ["1", "2"],
      meta: {
        has_next_page: true,
        has_previous_page: false,
        total: 7,
        limit: 2,
        start_cursor: "MQ==",
        end_cursor: "Mg==",
        sort: "id"
      }
    })
    expect(page).toStrictEqual({
      data: [1, 2],
      meta: {
        has_next_page: true,
        has_previous_page: false,
        total: 7,
        limit: 2,
        start_cursor: "MQ==",
        end_cursor: "Mg=="
      }
    })
  })

  it("accept null and missing limit, total, flags and cursors", () => {
    expect(Schema.decodeUnknownSync(Pagination.PageMeta)({
      has_next_page: false,
      has_previous_page: null,
      total: null,
      limit: null,
      start_cursor: null,
      end_cursor: null
    })).toStrictEqual({ has_next_page: false, has_previous_page: false, limit: null })
    expect(Schema.decodeUnknownSync(Pagination.PageMeta)({ has_next_page: true }))
      .toStrictEqual({ has_next_page: true, has_previous_page: false, limit: null })
  })

  it("reject an item that does not match its schema", () => {
    const result = Schema.decodeUnknownEither(Pagination.Page(Schema.NumberFromString))({
      data: ["1", 2],
      meta: { has_next_page: false, has_previous_page: false, total: 2, limit: 100 }
    })
    expect(Either.isLeft(result)).toBe(true)
  })
})

describe("PaginationError", () => {
  it("is plain data with a readable message", () => {
    const error = new Pagination.PaginationError({ reason: "RepeatedCursor", detail: "cursor abc again", cursor: "abc" })
    expect(error._tag).toBe("PaginationError")
    expect(error.message).toBe("Pagination stopped (RepeatedCursor): cursor abc again")
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ reason: "RepeatedCursor", cursor: "abc" })
  })
})

describe("cursor strategy", () => {
  for (const size of [0, 1, 100, 101, 250]) {
    it.effect(`returns each of ${size} records once, in order, following end_cursor`, () =>
      Effect.gen(function*() {
        const api = yield* fakeEndpoint(size)
        expect(yield* collect(Pagination.stream(api.fetchPage))).toEqual(range(size))
        const cursors = range(Math.ceil(size / 100) - 1).map((page) => ({ limit: 100, after_id: cursorOf(page * 100) }))
        expect(yield* api.requests).toEqual([{ limit: 100 }, ...cursors])
      }))
  }

  it.effect("clamps a requested limit above 100 before sending it", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(150)
      expect(yield* collect(Pagination.stream(api.fetchPage, { limit: 500 }))).toEqual(range(150))
      expect(yield* api.requests).toEqual([{ limit: 100 }, { limit: 100, after_id: cursorOf(100) }])
    }))

  it.effect("sends a smaller limit as given", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(70)
      expect(yield* collect(Pagination.stream(api.fetchPage, { limit: 30 }))).toEqual(range(70))
      expect((yield* api.requests).map((r) => r.limit)).toEqual([30, 30, 30])
    }))

  it.effect("does not need meta.limit", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { metaLimit: "null" })
      expect(yield* collect(Pagination.stream(api.fetchPage))).toEqual(range(250))
      expect((yield* api.requests).length).toBe(3)
    }))

  it.effect("stops when a page has no cursor", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { noCursors: true })
      expect(yield* collect(Pagination.stream(api.fetchPage))).toEqual(range(100))
      expect((yield* api.requests).length).toBe(1)
    }))

  it.effect("stops at an empty page without cursors even if it claims a next page", () =>
    Effect.gen(function*() {
      const requests = yield* Ref.make(0)
      const fetchPage = () =>
        Effect.as(Ref.update(requests, (n) => n + 1), {
          data: [],
          meta: { has_next_page: true, has_previous_page: false, total: 5, limit: 100 }
        })
      expect(yield* collect(Pagination.stream(fetchPage))).toEqual([])
      expect(yield* Ref.get(requests)).toBe(1)
    }))

  it.effect("fails with RepeatedCursor instead of looping when the API repeats a cursor", () =>
    Effect.gen(function*() {
      // The server ignores after_id and keeps answering the first page.
      const api = yield* fakeEndpoint(1000, { endCursor: () => cursorOf(100) })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage)))
      expect(error).toBeInstanceOf(Pagination.PaginationError)
      expect(error).toMatchObject({ _tag: "PaginationError", reason: "RepeatedCursor", cursor: cursorOf(100) })
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("detects a cycle longer than one page", () =>
    Effect.gen(function*() {
      // Cursors go A, B, A: the third page sends the scan back to where it already was.
      const api = yield* fakeEndpoint(1000, {
        endCursor: (request) => (afterOf(request) === cursorOf(200) ? cursorOf(100) : undefined)
      })
      const items: Array<number> = []
      const error = yield* Pagination.stream(api.fetchPage).pipe(
        Stream.runForEach((n) => Effect.sync(() => items.push(n))),
        Effect.flip
      )
      expect(error).toMatchObject({ reason: "RepeatedCursor", cursor: cursorOf(100) })
      expect(items).toEqual(range(200))
      expect((yield* api.requests).length).toBe(3)
    }))

  it.effect("returns every record that existed throughout, once, while others create and delete records", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, {
        onRequest: (request, records) => {
          if (afterOf(request) === cursorOf(100)) {
            records.splice(records.indexOf(50), 1) // already read
            records.splice(records.indexOf(150), 1) // not yet read
            records.push(251) // created meanwhile
          }
        }
      })
      const items = yield* collect(Pagination.stream(api.fetchPage))
      expect(new Set(items).size).toBe(items.length)
      expect(items).toEqual([...range(149), ...range(101, 151)])
    }))

  it.effect("maxItems stops without requesting further pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(api.fetchPage, { maxItems: 150 }))).toEqual(range(150))
      expect((yield* api.requests).length).toBe(2)
      const exact = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(exact.fetchPage, { maxItems: 100 }))).toEqual(range(100))
      expect((yield* exact.requests).length).toBe(1)
      const none = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(none.fetchPage, { maxItems: 0 }))).toEqual([])
      expect((yield* none.requests).length).toBe(0)
    }))

  it.effect("a consumer that takes fewer records stops the requests (read-ahead: one page at most)", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      expect(yield* collect(Stream.take(Pagination.stream(api.fetchPage), 150))).toEqual(range(150))
      expect((yield* api.requests).length).toBeLessThanOrEqual(3)
      const none = yield* fakeEndpoint(1000)
      expect(yield* collect(Stream.take(Pagination.stream(none.fetchPage, { readAhead: 0 }), 150))).toEqual(range(150))
      expect((yield* none.requests).length).toBe(2)
    }))

  it.effect("an interrupted scan requests no further pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      const fiber = yield* runUntil(Pagination.stream(api.fetchPage), 150)
      yield* settle
      // Page 2 is being consumed; page 3 was read ahead.
      expect((yield* api.requests).length).toBe(3)
      yield* Fiber.interrupt(fiber)
      yield* settle
      expect((yield* api.requests).length).toBe(3)
    }))

  it.effect("requests the next page before the current one is consumed (pipelined), one page ahead", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      const fiber = yield* runUntil(Pagination.stream(api.fetchPage), 50)
      yield* settle
      expect(yield* api.requests).toEqual([{ limit: 100 }, { limit: 100, after_id: cursorOf(100) }])
      yield* Fiber.interrupt(fiber)
      const two = yield* fakeEndpoint(1000)
      const ahead = yield* runUntil(Pagination.stream(two.fetchPage, { readAhead: 2 }), 50)
      yield* settle
      expect((yield* two.requests).length).toBe(3)
      yield* Fiber.interrupt(ahead)
    }))

  it.effect("requests the next page before decoding the records of the current one", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(6)
      const log: Array<string> = []
      const Logged = Schema.Number.pipe(Schema.filter((n) => {
        log.push(`decode ${n}`)
        return true
      }))
      const source: Pagination.Source<number, never, never> = {
        fetch: (request) =>
          Effect.zipRight(Effect.sync(() => log.push(`fetch after ${afterOf(request) ?? "start"}`)), api.fetchPage(request)),
        schema: Logged
      }
      expect(yield* collect(Pagination.stream(source, { limit: 2 }))).toEqual(range(6))
      // Each page is requested while the previous one waits to be decoded, never after.
      expect(log).toEqual([
        "fetch after start",
        `fetch after ${cursorOf(2)}`,
        "decode 1",
        "decode 2",
        `fetch after ${cursorOf(4)}`,
        "decode 3",
        "decode 4",
        "decode 5",
        "decode 6"
      ])
    }))

  it.effect("keeps one page in flight", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(500, { delay: () => "1 second" })
      const fiber = yield* Effect.fork(collect(Pagination.stream(api.fetchPage)))
      yield* TestClock.adjust("10 seconds")
      expect(yield* Fiber.join(fiber)).toEqual(range(500))
      expect(yield* api.maxInFlight).toBe(1)
    }))

  it.effect("passes the fetcher's own errors through and stops", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      const failing = (request: PageRequest) =>
        afterOf(request) === cursorOf(200) ? Effect.fail("boom" as const) : api.fetchPage(request)
      expect(yield* Effect.flip(collect(Pagination.stream(failing)))).toBe("boom")
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("running the same stream twice scans twice", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(150)
      const stream = Pagination.stream(api.fetchPage)
      expect(yield* collect(stream)).toEqual(range(150))
      expect(yield* collect(stream)).toEqual(range(150))
      expect((yield* api.requests).length).toBe(4)
    }))

  it.effect("is chosen over concurrency when asked for explicitly", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(150)
      yield* collect(Pagination.stream(api.fetchPage, { strategy: "cursor", concurrency: 4 }))
      expect(yield* api.requests).toEqual([{ limit: 100 }, { limit: 100, after_id: cursorOf(100) }])
    }))
})

describe("offset strategy", () => {
  for (const size of [0, 1, 100, 101, 250]) {
    it.effect(`returns each of ${size} records once, in order, requesting each page once`, () =>
      Effect.gen(function*() {
        const api = yield* fakeEndpoint(size)
        expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4 }))).toEqual(range(size))
        const requests = yield* api.requests
        expect(requests[0]).toEqual({ limit: 100, page: 1 })
        expect(requests.map(pageOf).sort((a, b) => a! - b!)).toEqual(range(Math.max(1, Math.ceil(size / 100))))
      }))
  }

  it.effect(`strategy "offset" alone keeps the default 4 requests in flight`, () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000, { delay: () => "1 second" })
      const fiber = yield* Effect.fork(collect(Pagination.stream(api.fetchPage, { strategy: "offset" })))
      yield* TestClock.adjust("10 seconds")
      expect(yield* Fiber.join(fiber)).toEqual(range(1000))
      expect(yield* api.maxInFlight).toBe(4)
      expect((yield* api.requests).every((r) => "page" in r)).toBe(true)
    }))

  it.effect("clamps a requested limit above 100 before sending it", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250)
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 2, limit: 500 }))).toEqual(range(250))
      expect((yield* api.requests).map((r) => r.limit)).toEqual([100, 100, 100])
    }))

  it.effect("counts pages in the size the server applied", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { clamp: 50 })
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset" }))).toEqual(range(250))
      expect((yield* api.requests).map(pageOf).sort()).toEqual(range(5))
    }))

  it.effect("falls back to the requested limit when meta.limit is null", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { metaLimit: "null" })
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 2, limit: 40 }))).toEqual(range(250))
      expect((yield* api.requests).map(pageOf).sort()).toEqual(range(7))
    }))

  it.effect("an empty collection takes one request", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(0)
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4 }))).toEqual([])
      expect(yield* api.requests).toEqual([{ limit: 100, page: 1 }])
    }))

  it.effect("fails with MissingTotal when the page count cannot be known", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { total: "absent" })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { strategy: "offset" })))
      expect(error).toMatchObject({ _tag: "PaginationError", reason: "MissingTotal", page: 1 })
      expect((yield* api.requests).length).toBe(1)
    }))

  it.effect("without a total, a single page is still read", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(30, { total: "absent" })
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset" }))).toEqual(range(30))
    }))

  it.effect("fails with InconsistentTotal when total promises more than the pages hold", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { total: 400 })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4 })))
      expect(error).toMatchObject({ _tag: "PaginationError", reason: "InconsistentTotal", page: 3 })
    }))

  it.effect("fails with InconsistentTotal when the last page holds more than total allows", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { total: 120 })
      const items: Array<number> = []
      const error = yield* Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4 }).pipe(
        Stream.runForEach((n) => Effect.sync(() => items.push(n))),
        Effect.flip
      )
      expect(error).toMatchObject({ reason: "InconsistentTotal", page: 2 })
      expect(items).toEqual(range(100))
    }))

  it.effect("fails with InconsistentTotal when meta.limit does not match the pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { clamp: 50, metaLimit: "null" })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4 })))
      expect(error).toMatchObject({ reason: "InconsistentTotal", page: 1 })
    }))

  it.effect("fails with InconsistentTotal when a record is deleted during the scan", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, {
        onRequest: (request, records) => {
          if (pageOf(request) === 2) records.splice(records.indexOf(10), 1)
        }
      })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 1 })))
      expect(error).toMatchObject({ reason: "InconsistentTotal", page: 2 })
    }))

  it.effect("fails with InconsistentTotal when a record is created during the scan", () =>
    Effect.gen(function*() {
      // 200 records in two full pages: a created record would shift record 100 into page 2, unnoticed by size.
      const api = yield* fakeEndpoint(200, {
        onRequest: (request, records) => {
          if (pageOf(request) === 2) records.unshift(0)
        }
      })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 1 })))
      expect(error).toMatchObject({ reason: "InconsistentTotal", page: 2 })
      expect(error.message).toContain("meta.total changed from 200 to 201")
    }))

  it.effect("maxItems requests only the pages it needs", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 4, maxItems: 150 }))).toEqual(range(150))
      expect((yield* api.requests).map(pageOf).sort()).toEqual([1, 2])
      const one = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(one.fetchPage, { strategy: "offset", concurrency: 4, maxItems: 100 }))).toEqual(range(100))
      expect((yield* one.requests).length).toBe(1)
      const none = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(none.fetchPage, { strategy: "offset", concurrency: 4, maxItems: 0 }))).toEqual([])
      expect((yield* none.requests).length).toBe(0)
    }))

  it.effect("emits in page order when later pages complete first (reverse completion)", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(500)
      const gates = yield* Effect.all(range(5).map(() => Deferred.make<void>()))
      const done = yield* Effect.all(range(5).map(() => Deferred.make<void>()))
      const completed: Array<number> = []
      const gated = (request: PageRequest) => {
        const page = pageOf(request) ?? 1
        return page === 1 ? api.fetchPage(request) : Deferred.await(gates[page - 1]!).pipe(
          Effect.zipRight(api.fetchPage(request)),
          Effect.tap(() => Effect.sync(() => completed.push(page))),
          Effect.ensuring(Deferred.succeed(done[page - 1]!, undefined))
        )
      }
      const fiber = yield* Effect.fork(collect(Pagination.stream(gated, { strategy: "offset", concurrency: 4 })))
      // Pages 2..5 are all in flight at once; complete them last to first.
      for (const page of [5, 4, 3, 2]) {
        yield* Deferred.succeed(gates[page - 1]!, undefined)
        yield* Deferred.await(done[page - 1]!)
      }
      expect(completed).toEqual([5, 4, 3, 2])
      expect(yield* Fiber.join(fiber)).toEqual(range(500))
    }))

  it.effect("emits in page order under per-page delays, with at most `concurrency` requests in flight", () =>
    Effect.gen(function*() {
      // Later pages answer sooner: page p takes 20 - p seconds.
      const api = yield* fakeEndpoint(1000, { delay: (request) => `${20 - (pageOf(request) ?? 0)} seconds` })
      const fiber = yield* Effect.fork(collect(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 3 })))
      yield* TestClock.adjust("2 minutes")
      expect(yield* Fiber.join(fiber)).toEqual(range(1000))
      expect(yield* api.maxInFlight).toBe(3)
      expect((yield* api.requests).map(pageOf).sort((a, b) => a! - b!)).toEqual(range(10))
    }))

  it.effect("buffers a bounded number of pages ahead of a slow consumer", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(2000)
      const fiber = yield* runUntil(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 3 }), 101)
      yield* settle
      const requested = (yield* api.requests).length
      // Page 1, page 2 (being emitted), and at most `concurrency` pages fetched ahead: not the 20 pages.
      expect(requested).toBeGreaterThan(2)
      expect(requested).toBeLessThanOrEqual(2 + 3)
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("an interrupted scan requests no further pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(2000)
      const fiber = yield* runUntil(Pagination.stream(api.fetchPage, { strategy: "offset", concurrency: 2 }), 301)
      yield* settle
      const before = (yield* api.requests).length
      const exit = yield* Fiber.interrupt(fiber)
      yield* settle
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect((yield* api.requests).length).toBe(before)
      expect(before).toBeLessThan(20)
    }))

  it.effect("passes the fetcher's own errors through", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      const failing = (request: PageRequest) =>
        pageOf(request) === 3 ? Effect.fail("boom" as const) : api.fetchPage(request)
      expect(yield* Effect.flip(collect(Pagination.stream(failing, { strategy: "offset", concurrency: 4 })))).toBe("boom")
    }))
})

describe("all", () => {
  it.effect("collects every record of either strategy", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250)
      expect(yield* Pagination.all(api.fetchPage)).toEqual(range(250))
      expect(yield* Pagination.all(api.fetchPage, { concurrency: 2, maxItems: 120 })).toEqual(range(120))
    }))

  it.effect("treats nonsensical numbers as the defaults instead of failing", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250)
      expect(yield* Pagination.all(api.fetchPage, { limit: Number.NaN, maxItems: 120.7 })).toEqual(range(120))
      expect(yield* Pagination.all(api.fetchPage, { limit: 0, concurrency: -3 })).toEqual(range(250))
      const requests = yield* api.requests
      expect(requests.slice(0, 2)).toEqual([{ limit: 100 }, { limit: 100, after_id: cursorOf(100) }])
      expect(requests.slice(2).map((r) => r.limit)).toEqual(range(250).map(() => 1))
    }))
})

/** A record as the fake API sends it: an id, and a number that a few "drifted" records have as null or text. */
const Item = Schema.Struct({ id: Schema.String, n: Schema.Number })
const rawItem = (drifted: ReadonlyMap<number, unknown>) => (n: number) => ({ id: String(n), n: drifted.has(n) ? drifted.get(n) : n })

/** The fake endpoint as a `Source`: records undecoded, decoded by the scan with `Item`. */
const sourceOf = (
  api: { readonly fetchPage: (request: PageRequest) => Effect.Effect<Pagination.Page<number>> },
  drifted: ReadonlyMap<number, unknown> = new Map()
): Pagination.Source<typeof Item.Type, never, never> => ({
  fetch: (request) => Effect.map(api.fetchPage(request), (page) => ({ ...page, data: page.data.map(rawItem(drifted)) })),
  schema: Item,
  url: (request) => `https://api.test/candidates?${"after_id" in request ? `after_id=${request.after_id}` : ""}`
})

const idsOf = (items: ReadonlyArray<{ readonly id: string }>) => items.map((item) => Number(item.id))

describe("records decoded one by one (onInvalidRecord)", () => {
  const drifted = new Map<number, unknown>([[150, null], [160, "secret-value"]])

  it.effect("fail (default): a DecodeError naming the record's id, page and field path; earlier records emitted", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(300)
      const seen: Array<string> = []
      const error = yield* Pagination.stream(sourceOf(api, drifted)).pipe(
        Stream.runForEach((item) => Effect.sync(() => seen.push(item.id))),
        Effect.flip
      )
      expect(error._tag).toBe("DecodeError")
      expect(error).toMatchObject({ recordId: "150", page: 2, path: ["data", 49, "n"], reason: "SchemaMismatch" })
      expect(error.message).toContain("record 150, page 2")
      expect(error.message).toContain(`after_id=${cursorOf(100)}`)
      expect(seen.length).toBe(100)
    }))

  it.effect("skip: every other record, a warning with id and path but no value, and a summary", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(300)
      const logs: Array<string> = []
      const logger = Logger.make(({ annotations, message }) => {
        logs.push(`${String(message)} ${JSON.stringify(Object.fromEntries(HashMap.toEntries(annotations)))}`)
      })
      const summaries: Array<Pagination.ScanSummary> = []
      const items = yield* Pagination.all(sourceOf(api, drifted), {
        onInvalidRecord: "skip",
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      }).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
      expect(idsOf(items)).toEqual(range(300).filter((n) => !drifted.has(n)))
      expect(summaries).toEqual([{
        strategy: "cursor",
        pages: 3,
        records: 298,
        invalid: 2,
        invalidIds: ["150", "160"],
        peakConcurrency: 1,
        throttled: 0
      }])
      expect(logs.length).toBe(2)
      expect(logs[0]).toContain(`"recordId":"150"`)
      expect(logs[0]).toContain(`"path":"data.49.n"`)
      expect(logs.join("\n")).not.toContain("secret-value")
    }))

  it.effect("a handler receives the raw record and its error (dead-letter) and the scan goes on", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(300)
      const dead: Array<Pagination.InvalidRecord> = []
      const items = yield* Pagination.all(sourceOf(api, drifted), {
        onInvalidRecord: (invalid) => Effect.sync(() => dead.push(invalid))
      })
      expect(items.length).toBe(298)
      expect(dead.map((d) => d.record)).toEqual([{ id: "150", n: null }, { id: "160", n: "secret-value" }])
      expect(dead.map((d) => [d.error.recordId, d.error.page])).toEqual([["150", 2], ["160", 2]])
    }))

  it.effect("the same policies hold for the exact and offset strategies", () =>
    Effect.gen(function*() {
      for (const strategy of ["exact", "offset"] as const) {
        const api = yield* fakeEndpoint(300)
        const items = yield* Pagination.all(sourceOf(api, drifted), { strategy, concurrency: 3, onInvalidRecord: "skip" })
        expect(idsOf(items).sort((a, b) => a - b)).toEqual(range(300).filter((n) => !drifted.has(n)))
        const failing = yield* fakeEndpoint(300)
        const error = yield* Effect.flip(Pagination.all(sourceOf(failing, drifted), { strategy, concurrency: 3 }))
        expect(error).toMatchObject({ _tag: "DecodeError", recordId: "150", path: ["data", 49, "n"] })
      }
    }))
})

describe("exact concurrent scan", () => {
  it.effect("concurrency alone selects it: the first page, one-record probes, then one cursor per range", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000, { delay: () => "1 second" })
      const summaries: Array<Pagination.ScanSummary> = []
      const fiber = yield* Effect.fork(Pagination.all(sourceOf(api), {
        concurrency: 4,
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      }))
      yield* TestClock.adjust("20 seconds")
      const items = yield* Fiber.join(fiber)
      expect(idsOf(items).sort((a, b) => a - b)).toEqual(range(1000))
      const requests = yield* api.requests
      expect(requests[0]).toEqual({ limit: 100 })
      // Probes at the ends of equal shares of the other 900 records.
      expect(requests.slice(1, 4)).toEqual([{ limit: 1, page: 300 }, { limit: 1, page: 600 }, { limit: 1, page: 800 }])
      // Each range starts after a probed record, with the server's own cursor format.
      const starts = requests.filter((r) => "after_id" in r).map((r) => Number(atob(afterOf(r)!)))
      expect(starts.slice(0, 4).sort((a, b) => a - b)).toEqual([100, 300, 600, 800])
      expect(yield* api.maxInFlight).toBe(4)
      expect(summaries[0]).toMatchObject({ strategy: "exact", records: 1000, peakConcurrency: 4 })
      // 1 + 3 probes + 9 range pages: ranges hold whole pages, and a range stops at its last id, in 5 round trips.
      expect(requests.length).toBe(13)
    }))

  it.effect("returns every record that existed throughout exactly once while records are created and deleted", () =>
    Effect.gen(function*() {
      let requestCount = 0
      const deleted = new Set<number>()
      const created: Array<number> = []
      const api = yield* fakeEndpoint(2000, {
        onRequest: (_request, records) => {
          // Every third request: delete one record somewhere and create one at the end.
          if (++requestCount % 3 !== 0) return
          const victim = records[(requestCount * 7919) % records.length]!
          records.splice(records.indexOf(victim), 1)
          deleted.add(victim)
          const next = records.at(-1)! + 1
          records.push(next)
          created.push(next)
        }
      })
      const items = idsOf(yield* Pagination.all(sourceOf(api), { concurrency: 5 }))
      expect(new Set(items).size).toBe(items.length)
      const throughout = range(2000).filter((n) => !deleted.has(n))
      const got = new Set(items)
      expect(throughout.filter((n) => !got.has(n))).toEqual([])
      // Nothing appears that never existed.
      expect(items.filter((n) => n > 2000 && !created.includes(n))).toEqual([])
      expect(deleted.size).toBeGreaterThan(3)
    }))

  it.effect("falls back to a plain cursor scan when the cursor is not the id's", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(500, { endCursor: (request) => btoa(`opaque:${afterOf(request) ?? "start"}`) })
      const summaries: Array<Pagination.ScanSummary> = []
      const items = yield* Pagination.all(
        {
          ...sourceOf(api),
          // The fake decodes its own opaque cursors back.
          fetch: (request) => sourceOf(api).fetch(request)
        },
        { concurrency: 4, maxItems: 100, onSummary: (summary) => Effect.sync(() => summaries.push(summary)) }
      )
      expect(items.length).toBe(100)
      expect(summaries[0]).toMatchObject({ strategy: "cursor" })
      expect(summaries[0]!.fallback).toContain("end_cursor")
      expect((yield* api.requests).every((r) => !("page" in r))).toBe(true)
    }))

  it.effect("falls back when records have no numeric ids (pre-decoded pages of plain values)", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250)
      expect(yield* Pagination.all(api.fetchPage, { concurrency: 4 })).toEqual(range(250))
      expect((yield* api.requests).every((r) => !("page" in r))).toBe(true)
    }))

  it.effect("fails with UnexpectedOrder when a range comes back below its start", () =>
    Effect.gen(function*() {
      // The server ignores after_id for minted cursors of ids it never sent: every range gets the first page.
      const api = yield* fakeEndpoint(1000)
      const source = sourceOf(api)
      const error = yield* Effect.flip(Pagination.all({
        ...source,
        fetch: (request) =>
          afterOf(request) !== undefined && Number(atob(afterOf(request)!)) > 100
            ? source.fetch({ limit: request.limit })
            : source.fetch(request)
      }, { concurrency: 3 }))
      expect(error).toMatchObject({ _tag: "PaginationError", reason: "UnexpectedOrder" })
    }))
})

describe("adaptive concurrency (concurrency: \"auto\")", () => {
  it.effect("grows while answers are fast, halves on 429, and finishes without surfacing one", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(3000, { delay: () => "100 millis" })
      const inFlight = yield* Ref.make(0)
      let pushedBack = 0
      // The server answers 429 (after the client's own retries) while more than 6 requests are in flight.
      const source = sourceOf(api)
      const throttled: Pagination.Source<typeof Item.Type, { readonly _tag: "RateLimited" }, never> = {
        ...source,
        fetch: (request) =>
          Effect.acquireUseRelease(
            Ref.updateAndGet(inFlight, (n) => n + 1),
            (n) =>
              n > 6
                ? Effect.zipRight(Effect.sleep("10 millis"), Effect.fail({ _tag: "RateLimited" as const })).pipe(
                  Effect.tapError(() => Effect.sync(() => pushedBack++))
                )
                : source.fetch(request),
            () => Ref.update(inFlight, (n) => n - 1)
          )
      }
      const summaries: Array<Pagination.ScanSummary> = []
      const fiber = yield* Effect.fork(Pagination.all(throttled, {
        concurrency: "auto",
        maxConcurrency: 12,
        onSummary: (summary) => Effect.sync(() => summaries.push(summary))
      }))
      for (let i = 0; i < 400 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("100 millis")
      const items = yield* Fiber.join(fiber)
      expect(idsOf(items).sort((a, b) => a - b)).toEqual(range(3000))
      const summary = summaries[0]!
      expect(summary.strategy).toBe("exact")
      expect(summary.throttled).toBeGreaterThan(0)
      expect(pushedBack).toBeGreaterThan(0)
      expect(summary.peakConcurrency).toBeGreaterThan(2)
      expect(summary.peakConcurrency).toBeLessThanOrEqual(12)
    }))
})
