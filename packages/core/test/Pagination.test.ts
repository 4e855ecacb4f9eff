import { describe, expect, it } from "@effect/vitest"
import { Pagination } from "@effect-factorial/core"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"

interface FakeOptions {
  /** The page size the server applies (the API clamps to 100). */
  readonly clamp?: number
  /** What the server reports as meta.limit. */
  readonly reportLimit?: "applied" | "null"
  /** Leave out the cursors even when there is a next page. */
  readonly noCursors?: boolean
  /** Always answer this cursor as end_cursor. */
  readonly stuckCursor?: string
  /** Lie about meta.total. */
  readonly total?: number
}

/** A list endpoint over records 1..size, paginated like the Factorial API; records every request. */
const fakeEndpoint = (size: number, options: FakeOptions = {}) =>
  Effect.map(Ref.make<ReadonlyArray<Pagination.PageRequest>>([]), (requests) => {
    const records = Array.from({ length: size }, (_, i) => i + 1)
    const fetchPage = (request: Pagination.PageRequest) =>
      Effect.gen(function*() {
        yield* Ref.update(requests, (all) => [...all, request])
        const limit = Math.min(request.limit, options.clamp ?? 100)
        const meta = {
          has_previous_page: false,
          total: options.total ?? size,
          limit: options.reportLimit === "null" ? null : limit
        }
        if ("page" in request) {
          const data = records.slice((request.page - 1) * limit, request.page * limit)
          return { data, meta: { ...meta, has_next_page: request.page * limit < size } }
        }
        const after = request.after_id === undefined ? 0 : Number(atob(request.after_id))
        const data = records.filter((id) => id > after).slice(0, limit)
        const last = data.at(-1)
        const hasNext = last !== undefined && last < size
        const cursors = last === undefined || options.noCursors
          ? {}
          : { start_cursor: btoa(String(data[0])), end_cursor: options.stuckCursor ?? btoa(String(last)) }
        return { data, meta: { ...meta, has_next_page: hasNext, ...cursors } }
      })
    return { fetchPage, requests: Ref.get(requests) }
  })

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe("cursor strategy", () => {
  for (const size of [0, 1, 100, 101, 250]) {
    it.effect(`returns all ${size} records once, in order, following end_cursor`, () =>
      Effect.gen(function*() {
        const api = yield* fakeEndpoint(size)
        expect(yield* collect(Pagination.stream(api.fetchPage))).toEqual(range(size))
        const requests = yield* api.requests
        expect(requests.length).toBe(Math.max(1, Math.ceil(size / 100)))
        expect(requests[0]).toEqual({ limit: 100 })
        if (size > 100) expect(requests[1]).toEqual({ limit: 100, after_id: btoa("100") })
      }))
  }

  it.effect("clamps a requested limit above 100 before sending it", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(150)
      yield* collect(Pagination.stream(api.fetchPage, { limit: 500 }))
      expect((yield* api.requests).map((r) => r.limit)).toEqual([100, 100])
    }))

  it.effect("stops when a page has no cursor", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { noCursors: true })
      expect(yield* collect(Pagination.stream(api.fetchPage))).toEqual(range(100))
      expect((yield* api.requests).length).toBe(1)
    }))

  it.effect("fails with PaginationError on a repeating cursor instead of looping", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000, { stuckCursor: btoa("100") })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage)))
      expect(error._tag).toBe("PaginationError")
      expect(error.reason).toBe("RepeatedCursor")
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("maxItems stops without requesting further pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(api.fetchPage, { maxItems: 150 }))).toEqual(range(150))
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("an interrupted scan requests no further pages", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      const gate = yield* Deferred.make<void>()
      const reached = yield* Deferred.make<void>()
      const fiber = yield* Pagination.stream(api.fetchPage).pipe(
        Stream.tap((n) => n === 150 ? Deferred.succeed(reached, undefined).pipe(Effect.zipRight(Deferred.await(gate))) : Effect.void),
        Stream.runDrain,
        Effect.fork
      )
      yield* Deferred.await(reached)
      yield* Fiber.interrupt(fiber)
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("running the same stream twice scans twice", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(150)
      const stream = Pagination.stream(api.fetchPage)
      expect(yield* collect(stream)).toEqual(range(150))
      expect(yield* collect(stream)).toEqual(range(150))
    }))
})

describe("offset strategy", () => {
  for (const size of [0, 1, 100, 101, 250]) {
    it.effect(`returns all ${size} records once, in order, with concurrency 4`, () =>
      Effect.gen(function*() {
        const api = yield* fakeEndpoint(size)
        expect(yield* collect(Pagination.stream(api.fetchPage, { concurrency: 4 }))).toEqual(range(size))
        const pages = (yield* api.requests).map((r) => ("page" in r ? r.page : -1)).sort((a, b) => a - b)
        expect(pages).toEqual(range(Math.max(1, Math.ceil(size / 100))))
      }))
  }

  it.effect("uses the page size the server applied", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { clamp: 50 })
      expect(yield* collect(Pagination.stream(api.fetchPage, { strategy: "offset" }))).toEqual(range(250))
      expect((yield* api.requests).length).toBe(5)
    }))

  it.effect("falls back to the requested limit when meta.limit is null", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { reportLimit: "null" })
      expect(yield* collect(Pagination.stream(api.fetchPage, { concurrency: 2 }))).toEqual(range(250))
      expect((yield* api.requests).length).toBe(3)
    }))

  it.effect("fails with PaginationError when pages contradict meta.total", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(250, { total: 400 })
      const error = yield* Effect.flip(collect(Pagination.stream(api.fetchPage, { concurrency: 4 })))
      expect(error._tag).toBe("PaginationError")
      expect(error.reason).toBe("InconsistentTotal")
    }))

  it.effect("maxItems fetches only the pages it needs", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(1000)
      expect(yield* collect(Pagination.stream(api.fetchPage, { concurrency: 4, maxItems: 150 }))).toEqual(range(150))
      expect((yield* api.requests).length).toBe(2)
    }))

  it.effect("emits in page order even when later pages complete first", () =>
    Effect.gen(function*() {
      const api = yield* fakeEndpoint(500)
      const gates = yield* Effect.all(range(5).map(() => Deferred.make<void>()))
      const done = yield* Effect.all(range(5).map(() => Deferred.make<void>()))
      const completed: Array<number> = []
      const gated = (request: Pagination.PageRequest) =>
        "page" in request && request.page > 1
          ? Deferred.await(gates[request.page - 1]!).pipe(
            Effect.zipRight(api.fetchPage(request)),
            Effect.tap(() => Effect.sync(() => completed.push(request.page))),
            Effect.ensuring(Deferred.succeed(done[request.page - 1]!, undefined))
          )
          : api.fetchPage(request)
      const fiber = yield* Effect.fork(collect(Pagination.stream(gated, { concurrency: 4 })))
      // Pages 2..5 are all in flight at once; complete them last to first.
      for (const page of [5, 4, 3, 2]) {
        yield* Deferred.succeed(gates[page - 1]!, undefined)
        yield* Deferred.await(done[page - 1]!)
      }
      expect(completed).toEqual([5, 4, 3, 2])
      expect(yield* Fiber.join(fiber)).toEqual(range(500))
    }))

  it.effect("fails with MissingTotal when the page count cannot be known", () =>
    Effect.gen(function*() {
      const fetchPage = () =>
        Effect.succeed({ data: [1], meta: { has_next_page: true, has_previous_page: false, limit: 1 } })
      const error = yield* Effect.flip(collect(Pagination.stream(fetchPage, { strategy: "offset" })))
      expect(error.reason).toBe("MissingTotal")
    }))
})
