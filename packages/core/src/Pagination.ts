/**
 * Pagination over Factorial list endpoints: the `{ data, meta }` envelope and three ways to scan every page.
 *
 * - **cursor** (the default): follows `meta.end_cursor` with `after_id`, requesting the next page as soon as the
 *   current one has arrived (before its records are decoded). Constant memory and exact while others write,
 *   because the API sorts by id and a cursor is a position in that order.
 * - **exact** (the default with `concurrency`): splits the id space into ranges from a few cheap probes and runs
 *   one cursor per range at once, each stopping where the next begins. As exact as the cursor scan, as fast as
 *   the concurrency allows; records come out in id order within a range, ranges interleaved.
 * - **offset** (only by name): numbered pages from `meta.total`, fetched concurrently and emitted in page order.
 *   Pages shift when records are created or deleted meanwhile; see `StreamOptions.strategy`.
 *
 * A scan over a `Source` decodes records one by one, after the envelope, so a record that does not match its
 * schema fails, is skipped or goes to a handler (`onInvalidRecord`) without losing the rest of its page.
 *
 * Generic over the fetcher: nothing here knows about HTTP or about a particular resource.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Take from "effect/Take"
import * as Decoder from "./Decoder.js"
import { DecodeError, FactorialErrorTypeId } from "./FactorialError.js"
import * as Limit from "./internal/concurrencyLimit.js"
import * as internal from "./internal/paginationPlan.js"
import { nextTurn } from "./internal/nextTurn.js"
/**
 * The pagination metadata of a list response. Lenient where the API is: `limit` may be `null`; cursors may be
 * absent or `null` (offset pages, empty pages) and decode as absent; a missing or `null` flag reads as `false`;
 * a missing or `null` `total` decodes as absent. Unknown fields are ignored.
 *
 * @since 0.1.0
 */
export const PageMeta = Schema.Struct({
  /** Whether a page follows this one. */
  has_next_page: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  /** Whether a page precedes this one. */
  has_previous_page: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  /** The number of records matching the query, across all pages. */
  total: Schema.optionalWith(Schema.Number, { nullable: true }),
  /** The page size the server applied (it clamps requests above 100); seen as `null`. */
  limit: Schema.optionalWith(Schema.NullOr(Schema.Number), { default: () => null }),
  /** The cursor of the first record of the page (for `before_id`). */
  start_cursor: Schema.optionalWith(Schema.String, { nullable: true }),
  /** The cursor of the last record of the page (for `after_id`). */
  end_cursor: Schema.optionalWith(Schema.String, { nullable: true })
}).annotations({ identifier: "PageMeta" })

/**
 * The decoded pagination metadata of a list response.
 *
 * @since 0.1.0
 */
export type PageMeta = typeof PageMeta.Type

/**
 * One page of a list endpoint.
 *
 * @since 0.1.0
 */
export interface Page<A> {
  readonly data: ReadonlyArray<A>
  readonly meta: PageMeta
}

/**
 * The schema of a list response (`{ data, meta }`) for the given item schema.
 *
 * @since 0.1.0
 */
export const Page = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ data: Schema.Array(item), meta: PageMeta }).annotations({ identifier: "Page" })

/**
 * The schema of a list response whose records are left as parsed JSON: what a `Source` fetches, so that the
 * scan can read the cursor first and decode records one by one.
 *
 * @since 0.2.0
 */
export const RawPage = Page(Schema.Unknown).annotations({ identifier: "RawPage" })

/**
 * A scan that cannot continue without looping or losing records.
 *
 * - `RepeatedCursor`: the API handed back a cursor the scan had already followed.
 * - `InconsistentTotal`: an offset page holds more or fewer records than `meta.total` implies, or `total`
 *   changed during the scan (records were created or deleted meanwhile).
 * - `MissingTotal`: an offset scan got no usable `meta.total`, so the page count is unknown.
 * - `UnexpectedOrder`: a range of an exact scan got records outside the range or out of id order, so the server
 *   does not page as the range split assumed.
 *
 * @since 0.1.0
 */
export class PaginationError extends Schema.TaggedError<PaginationError>("@effect-factorial/core/PaginationError")(
  "PaginationError",
  {
    reason: Schema.Literal("RepeatedCursor", "InconsistentTotal", "MissingTotal", "UnexpectedOrder"),
    /** What happened, for people. */
    detail: Schema.String,
    /** The page number where it happened (offset strategy). */
    page: Schema.optional(Schema.Number),
    /** The cursor that repeated (cursor strategy). */
    cursor: Schema.optional(Schema.String)
  }
) {
  /**
   * The marker every SDK error carries, which `isFactorialError` checks.
   *
   * @since 0.1.0
   */
  readonly [FactorialErrorTypeId]: FactorialErrorTypeId = FactorialErrorTypeId
  /** One line: the reason and what happened. */
  override get message(): string {
    return `Pagination stopped (${this.reason}): ${this.detail}`
  }
}

/**
 * What a cursor scan asks the fetcher for: `after_id` is absent for the first page.
 *
 * @since 0.1.0
 */
export type CursorPageRequest = { readonly limit: number; readonly after_id?: string }

/**
 * What an offset scan asks the fetcher for: a 1-based page number.
 *
 * @since 0.1.0
 */
export type OffsetPageRequest = { readonly limit: number; readonly page: number }

/**
 * What a scan asks the fetcher for. Both shapes are valid query parameters of a Factorial list endpoint, so a
 * fetcher can spread the request into its query as is.
 *
 * @since 0.1.0
 */
export type PageRequest = CursorPageRequest | OffsetPageRequest


/**
 * Fetches one page: a list endpoint with everything but the page position already bound.
 *
 * @since 0.1.0
 */
export type FetchPage<A, E, R> = (request: PageRequest) => Effect.Effect<Page<A>, E, R>

/**
 * A list endpoint whose records the scan decodes itself, one by one: `fetch` answers the page with its records
 * as parsed JSON (decode the body with `RawPage`), `schema` decodes one record. What `stream` and `all` need for
 * `onInvalidRecord`, and for the cursor scan to request the next page before decoding the current one.
 *
 * @since 0.2.0
 */
export interface Source<A, E, R> {
  /** Fetches one page, records undecoded. */
  readonly fetch: (request: PageRequest) => Effect.Effect<Page<unknown>, E, R>
  /** The schema of one record. */
  readonly schema: Schema.Schema<A, any, never>
  /** The URL of a page request as errors show it (e.g. with `FactorialClient`'s `url`); default `"?<query>"`. */
  readonly url?: ((request: PageRequest) => string) | undefined
}

/**
 * A record that did not decode, as a dead-letter handler receives it: the record as the API sent it, and the
 * `DecodeError` that names its id, page and field path.
 *
 * @since 0.2.0
 */
export interface InvalidRecord {
  readonly record: unknown
  readonly error: DecodeError
}

/**
 * What a scan over a `Source` does with a record that does not decode:
 *
 * - `"fail"` (default): the scan fails with a `DecodeError` that names the record's id, page and field path;
 * - `"skip"`: the record is left out, a warning is logged with its id, page and path (never its values), and it
 *   is counted in the scan's summary (`invalid`, `invalidIds`) and span (`pagination.invalid_records`);
 * - a function: the record and its error are handed to it (a dead-letter queue), counted like `"skip"`, and the
 *   scan goes on once it returns.
 *
 * @since 0.2.0
 */
export type OnInvalidRecord = "fail" | "skip" | ((invalid: InvalidRecord) => Effect.Effect<unknown>)

/**
 * What a scan did, handed to `onSummary` when it ends (completed, failed or interrupted).
 *
 * @since 0.2.0
 */
export interface ScanSummary {
  /** The strategy that ran: an exact scan that fell back reports `"cursor"` and says why in `fallback`. */
  readonly strategy: "cursor" | "offset" | "exact"
  /** Requests answered (probes included). */
  readonly pages: number
  /** Records emitted. */
  readonly records: number
  /** Records that did not decode and were skipped or handed to the `onInvalidRecord` handler. */
  readonly invalid: number
  /** The ids of the first 100 of them (records without a usable id are counted, not listed). */
  readonly invalidIds: ReadonlyArray<string>
  /** The most requests that were in flight at once. */
  readonly peakConcurrency: number
  /** How often `concurrency: "auto"` halved the requests in flight after the server pushed back. */
  readonly throttled: number
  /** Why an exact scan ran as a plain cursor scan, when it did. */
  readonly fallback?: string
}

/**
 * How to scan.
 *
 * @since 0.1.0
 */
export interface StreamOptions<E = never> {
  /**
   * `"cursor"` (default), `"exact"` (default when `concurrency` is above 1 or `"auto"`) or `"offset"`.
   *
   * `"offset"` is never chosen for you: numbered pages shift when records are created or deleted during the
   * scan, and a delete plus a create between two requests keeps `meta.total` and the page count, so the shift
   * cannot be seen and a record is silently skipped (or returned twice). Use it only on data nobody writes to.
   */
  readonly strategy?: "cursor" | "exact" | "offset" | undefined
  /**
   * Requests in flight for the exact and offset strategies (default 4), or `"auto"`: start at 2 and adapt
   * (grow while answers stay fast and no 429 or 503 arrives, halve when they do), up to `maxConcurrency`.
   */
  readonly concurrency?: number | "auto" | undefined
  /** The most requests in flight `concurrency: "auto"` grows to (default 16). */
  readonly maxConcurrency?: number | undefined
  /** Stop after this many records, without requesting further pages. */
  readonly maxItems?: number | undefined
  /** Page size, 1 to 100 (default and maximum 100, the API's own maximum; larger values are clamped). */
  readonly limit?: number | undefined
  /** Pages the cursor strategy fetches ahead of the consumer, 0 to 4 (default 1; 0 with `maxItems`). */
  readonly readAhead?: number | undefined
  /** What to do with a record that does not decode (scans over a `Source`); default `"fail"`. */
  readonly onInvalidRecord?: OnInvalidRecord | undefined
  /** Called once with what the scan did, when it ends. */
  readonly onSummary?: ((summary: ScanSummary) => Effect.Effect<unknown, E>) | undefined
}

/**
 * The API's largest page; a larger requested `limit` is clamped to it before it is sent.
 *
 * @since 0.1.0
 */
export const maxLimit: number = internal.maxLimit

/**
 * Every record of every page, as a `Stream`. The stream is lazy and can be run more than once; each run is a
 * fresh scan. Give a `Source` to have records decoded one by one (and `onInvalidRecord` applied), or a
 * `FetchPage` whose pages are already decoded.
 *
 * @example
 * ```ts
 * import { Pagination } from "@effect-factorial/core"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const numbers = Pagination.stream({
 *   fetch: (request) =>
 *     Effect.succeed({ data: [1, 2, "three"], meta: { has_next_page: false, has_previous_page: false, total: 3, limit: request.limit } }),
 *   schema: Schema.Number
 * }, { onInvalidRecord: "skip" })
 * ```
 *
 * @since 0.1.0
 */
export const stream: {
  <A, E, R, E2 = never>(
    source: Source<A, E, R>,
    options?: StreamOptions<E2>
  ): Stream.Stream<A, E | E2 | PaginationError | DecodeError, R>
  <A, E, R, E2 = never>(
    fetchPage: FetchPage<A, E, R>,
    options?: StreamOptions<E2>
  ): Stream.Stream<A, E | E2 | PaginationError, R>
} = <A, E, R, E2>(
  input: Source<A, E, R> | FetchPage<A, E, R>,
  options: StreamOptions<E2> = {}
): Stream.Stream<A, E | E2 | PaginationError | DecodeError, R> => {
  const plan = internal.plan(options)
  if (plan.maxItems === 0) return Stream.empty
  const source: Source<A, E, R> | undefined = typeof input === "function" ? undefined : input
  const fetchPage = (typeof input === "function" ? input : input.fetch) as (
    request: PageRequest
  ) => Effect.Effect<Page<unknown>, E, R>
  return Stream.suspend(() => {
    // Per run, so the same Stream value can be run twice.
    const scan = makeScan(fetchPage, source, plan, options.onInvalidRecord ?? "fail")
    const records = Stream.mapEffect(pagesOf(scan, plan), scan.decode).pipe(
      Stream.mapConcat((records) => records)
    )
    // Every strategy pulls pages on demand (at most `readAhead` or `concurrency` ahead), so `take` stops them.
    const limited = plan.maxItems === undefined ? records : Stream.take(records, plan.maxItems)
    const onSummary = options.onSummary
    return onSummary === undefined
      ? limited
      : Stream.ensuring(limited, Effect.ignore(Effect.suspend(() => onSummary(scan.summary()))))
  })
}

/**
 * Every record of every page, collected into an array (the whole collection in memory), in id order whatever the
 * strategy: the ranges of an exact scan, which `stream` emits interleaved, are put back in order.
 *
 * @since 0.1.0
 */
export const all: {
  <A, E, R, E2 = never>(
    source: Source<A, E, R>,
    options?: StreamOptions<E2>
  ): Effect.Effect<ReadonlyArray<A>, E | E2 | PaginationError | DecodeError, R>
  <A, E, R, E2 = never>(
    fetchPage: FetchPage<A, E, R>,
    options?: StreamOptions<E2>
  ): Effect.Effect<ReadonlyArray<A>, E | E2 | PaginationError, R>
} = <A, E, R, E2>(
  input: Source<A, E, R> | FetchPage<A, E, R>,
  options?: StreamOptions<E2>
): Effect.Effect<ReadonlyArray<A>, E | E2 | PaginationError | DecodeError, R> =>
  Effect.map(Stream.runCollect(stream(input as Source<A, E, R>, options)), (chunk) => {
    const records = Chunk.toReadonlyArray(chunk)
    return internal.plan(options ?? {}).strategy === "exact" ? internal.sortedById(records) : records
  })

/** A page as the scan fetched it: records still raw when the scan decodes them. */
interface Fetched {
  readonly data: ReadonlyArray<unknown>
  readonly meta: PageMeta
  readonly request: PageRequest
  /** 1 for the first page this scan fetched. */
  readonly number: number
}

/** One run of a scan: its fetcher (counted, in a concurrency slot), its decoder, and what it has done. */
interface Scan<A, E, R> {
  readonly fetch: (request: PageRequest) => Effect.Effect<Fetched, E, R>
  readonly decode: (page: Fetched) => Effect.Effect<ReadonlyArray<A>, DecodeError>
  readonly limit: Limit.Limit
  readonly fellBack: (why: string) => void
  readonly summary: () => ScanSummary
}

const maxListedInvalid = 100

/** Whether an error is the server pushing back: a 429, or a 503. */
const isPushBack = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null || !("_tag" in error)) return false
  const { _tag } = error as { readonly _tag: unknown }
  return _tag === "RateLimited" || (_tag === "ServerError" && (error as { readonly status?: unknown }).status === 503)
}

/** How long a push-back asked to wait (`RateLimited.retryAfter`), in milliseconds. */
const requestedWait = (error: unknown): number | undefined => {
  const wait = typeof error === "object" && error !== null ? (error as { readonly retryAfter?: unknown }).retryAfter : undefined
  if (!Duration.isDuration(wait)) return undefined
  const millis = Duration.toMillis(wait)
  return Number.isFinite(millis) ? millis : undefined
}

/** How many times an adaptive scan asks again for a page the server pushed back on, after the client's retries. */
const pushBackAttempts = 8

const queryOf = (request: PageRequest): string =>
  "?" + Object.entries(request).map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join("&")

const makeScan = <A, E, R>(
  fetchPage: (request: PageRequest) => Effect.Effect<Page<unknown>, E, R>,
  source: Source<A, E, R> | undefined,
  plan: internal.ScanPlan,
  onInvalid: OnInvalidRecord
): Scan<A, E, R> => {
  const counts = { pages: 0, records: 0, invalid: 0, invalidIds: [] as Array<string> }
  let fallback: string | undefined
  const limit = plan.adaptive
    ? Limit.adaptive({ initial: Math.min(2, plan.concurrency), cap: plan.concurrency })
    : Limit.fixed(plan.strategy === "cursor" ? 1 : plan.concurrency)

  const once = (request: PageRequest) =>
    limit.run(fetchPage(request), (result) => ("failure" in result ? (isPushBack(result.failure) ? "pushedBack" : "other") : "ok"))
  // An adaptive scan is the client's throttle: a push-back that survived the client's own retries shrinks the
  // window (done by `limit`) and the page is asked for again, rather than failing the whole scan.
  const attempt = (request: PageRequest, left: number): Effect.Effect<Page<unknown>, E, R> =>
    plan.adaptive
      ? Effect.catchIf(once(request), (error) => left > 0 && isPushBack(error), (error) =>
        Effect.zipRight(Effect.sleep(requestedWait(error) ?? 1_000), attempt(request, left - 1)))
      : once(request)
  const fetch = (request: PageRequest) =>
    Effect.map(attempt(request, pushBackAttempts), (page): Fetched => ({
      data: page.data,
      meta: page.meta,
      request,
      number: ++counts.pages
    }))

  const emitted = (records: ReadonlyArray<A>) =>
    Effect.suspend(() => {
      counts.records += records.length
      return Effect.as(
        Effect.annotateCurrentSpan({
          "pagination.strategy": fallback === undefined ? plan.strategy : "cursor",
          "pagination.pages": counts.pages,
          "pagination.records": counts.records,
          "pagination.invalid_records": counts.invalid
        }),
        records
      )
    })

  const schema = source?.schema
  // The compiled success path of `Decoder`, with Schema's full decoding (every error) for records that fail.
  const decodeFast = schema === undefined ? undefined : Decoder.response(schema)
  const invalidError = (page: Fetched, index: number, record: unknown, error: ParseResult.ParseError) => {
    const base = DecodeError.fromParseError(
      { status: 200, method: "GET", url: source?.url?.(page.request) ?? queryOf(page.request) },
      error,
      record
    )
    return new DecodeError({ ...base, path: ["data", index, ...base.path], page: page.number })
  }
  const report = (invalid: InvalidRecord): Effect.Effect<unknown> => {
    counts.invalid++
    if (invalid.error.recordId !== undefined && counts.invalidIds.length < maxListedInvalid) {
      counts.invalidIds.push(invalid.error.recordId)
    }
    if (typeof onInvalid === "function") return onInvalid(invalid)
    // Only the id, page and path: the record's values (and the issue text, which quotes them) stay out of logs.
    return Effect.logWarning("Pagination: skipped a record that does not match its schema").pipe(
      Effect.annotateLogs({
        recordId: invalid.error.recordId ?? "(none)",
        page: invalid.error.page ?? 0,
        path: invalid.error.path.join(".")
      })
    )
  }
  const decode = (page: Fetched): Effect.Effect<ReadonlyArray<A>, DecodeError> => {
    if (decodeFast === undefined) return emitted(page.data as ReadonlyArray<A>)
    const out: Array<A> = []
    let invalid: Array<InvalidRecord> | undefined
    for (let index = 0; index < page.data.length; index++) {
      const record = page.data[index]
      const result = decodeFast(record)
      if (Either.isRight(result)) {
        out.push(result.right)
        continue
      }
      const error = invalidError(page, index, record, result.left)
      if (onInvalid === "fail") return Effect.fail(error)
      ;(invalid ??= []).push({ record, error })
    }
    return invalid === undefined
      ? emitted(out)
      : Effect.zipRight(Effect.forEach(invalid, report, { discard: true }), emitted(out))
  }

  return {
    fetch,
    decode,
    limit,
    fellBack: (why) => {
      fallback = why
    },
    summary: () => ({
      strategy: fallback === undefined ? plan.strategy : "cursor",
      pages: counts.pages,
      records: counts.records,
      invalid: counts.invalid,
      invalidIds: [...counts.invalidIds],
      peakConcurrency: limit.peak(),
      throttled: limit.decreases(),
      ...(fallback === undefined ? {} : { fallback })
    })
  }
}

/** The pages of a scan, in the order they are emitted. */
const pagesOf = <A, E, R>(scan: Scan<A, E, R>, plan: internal.ScanPlan): Stream.Stream<Fetched, E | PaginationError, R> => {
  switch (plan.strategy) {
    case "cursor":
      return readAhead((gate) => cursorPages(scan, plan.limit, { after: undefined }, gate), plan.readAhead)
    case "offset":
      return offsetPages(scan, plan)
    case "exact":
      return exactPages(scan, plan)
  }
}

/**
 * Runs a chain of pages `count` pages ahead of its consumer: a page is requested as soon as fewer than `count`
 * fetched pages wait for the consumer, i.e. while the consumer still decodes and emits the current one. The
 * producer takes a permit before each request and the consumer gives it back when it takes a page, so no more
 * than `count` pages are ever fetched and not yet consumed, however slow the consumer.
 */
const readAhead = <A, E, R>(
  pages: (gate: Effect.Effect<void>) => Stream.Stream<A, E, R>,
  count: number
): Stream.Stream<A, E, R> =>
  count === 0 ? pages(Effect.void) : Stream.unwrapScoped(Effect.gen(function*() {
    const permits = yield* Effect.makeSemaphore(count)
    const queue = yield* Queue.unbounded<Take.Take<A, E>>()
    yield* Effect.forkScoped(Stream.runIntoQueue(pages(permits.take(1)), queue))
    return Stream.fromQueue(queue, { maxChunkSize: 1 }).pipe(
      Stream.flattenTake,
      // The permit wakes the producer, which runs only when this fiber yields: without waiting for the next turn
      // here, the next page would be requested after this one is decoded, not while it is.
      Stream.tap(() => Effect.zipRight(permits.release(1), nextTurn))
    )
  }))

const repeated = (cursor: string) =>
  new PaginationError({
    reason: "RepeatedCursor",
    detail: `the end_cursor ${cursor} was already followed, so the scan would loop`,
    cursor
  })

/** Where a cursor chain starts and, for a range of an exact scan, where it ends. */
interface Chain {
  /** The cursor to start after; `undefined` for the first page of the collection. */
  readonly after: string | undefined
  /** Ids this chain must stay above (a range's lower bound, exclusive). */
  readonly above?: bigint | undefined
  /** The last id of the range (inclusive); records beyond it belong to the next range. */
  readonly upTo?: bigint | undefined
}

/** The next cursor to follow after `page`, if any. */
const nextCursor = (page: Page<unknown>): string | undefined =>
  page.meta.has_next_page && page.data.length > 0 ? page.meta.end_cursor : undefined

/**
 * A cursor scan from `chain.after`. Within a range it checks that records stay above the range's start and in
 * ascending id order, and stops at the first record beyond the range's end.
 */
const cursorPages = <A, E, R>(
  scan: Scan<A, E, R>,
  limit: number,
  chain: Chain,
  gate: Effect.Effect<void> = Effect.void
): Stream.Stream<Fetched, E | PaginationError, R> =>
  Stream.suspend(() => {
    // One short string per page: the only state that grows.
    const followed = new Set<string>()
    const bounded = chain.above !== undefined || chain.upTo !== undefined
    return Stream.paginateEffect<string | undefined, Fetched, E | PaginationError, R>(chain.after, (cursor) =>
      Effect.flatMap(Effect.zipRight(gate, scan.fetch(cursor === undefined ? { limit } : { limit, after_id: cursor })), (page): Effect.Effect<
        readonly [Fetched, Option.Option<string | undefined>],
        PaginationError
      > => {
        const next = nextCursor(page)
        if (next !== undefined && followed.has(next)) return Effect.fail(repeated(next))
        if (next !== undefined) followed.add(next)
        if (!bounded) return Effect.succeed([page, Option.fromNullable(next)] as const)
        const ids = page.data.map(internal.idOf)
        if (!internal.ascending(ids, chain.above)) {
          return Effect.fail(
            new PaginationError({
              reason: "UnexpectedOrder",
              detail: `a page after ${String(cursor)} holds records at or below the range start ${
                String(chain.above)
              } or out of id order, so the server does not page by id as the exact scan assumed`,
              page: page.number,
              ...(cursor === undefined ? {} : { cursor })
            })
          )
        }
        const upTo = chain.upTo
        const checked: ReadonlyArray<bigint> = ids
        const lastId = checked[checked.length - 1]
        if (upTo === undefined || lastId === undefined || lastId < upTo) {
          return Effect.succeed([page, Option.fromNullable(next)] as const)
        }
        // The page ends exactly where the range does: nothing further belongs to this range.
        if (lastId === upTo) return Effect.succeed([page, Option.none()] as const)
        // The range ends inside this page: keep what belongs to it, and stop.
        const inRange = checked.findIndex((id) => id > upTo)
        return Effect.succeed([{ ...page, data: page.data.slice(0, inRange) }, Option.none()] as const)
      }))
  })

const isCount = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0

/**
 * The exact concurrent scan. The first page (an ordinary cursor page, emitted as is) tells the total and the
 * cursor format; offset probes of one record each at equal shares of the rest give range boundaries; then one
 * cursor chain per range runs, with at most `concurrency` requests in flight. Each chain covers the ids above its
 * start and up to the next range's start, so every record that exists throughout the scan is in exactly one range
 * and read by a cursor, which creates and deletes do not shift. Any sign that the server does not page as
 * assumed (ids not ascending, an unknown cursor format, no total, a probe out of order) turns the scan into a
 * plain cursor scan from the first page's cursor, before anything beyond the first page was emitted.
 */
const exactPages = <A, E, R>(
  scan: Scan<A, E, R>,
  plan: internal.ScanPlan
): Stream.Stream<Fetched, E | PaginationError, R> =>
  Stream.unwrap(Effect.gen(function*() {
    const first = yield* scan.fetch({ limit: plan.limit })
    const next = nextCursor(first)
    if (next === undefined) return Stream.succeed(first)
    const plain = (why: string) => {
      scan.fellBack(why)
      return Stream.concat(
        Stream.succeed(first),
        readAhead((gate) => cursorPages(scan, plan.limit, { after: next }, gate), plan.readAhead)
      )
    }
    const ids = first.data.map(internal.idOf)
    if (!internal.ascending(ids)) return plain("the first page's ids are not numeric and ascending")
    const last = ids[ids.length - 1]!
    const format = internal.cursorFormat(first.meta.end_cursor, last)
    if (format === undefined) return plain("the end_cursor is not the id or base64 of the id of the page's last record")
    const total = first.meta.total
    if (!isCount(total) || total <= first.data.length) return plain("meta.total is missing or too small to split")
    const ranges = Math.min(plan.concurrency, Math.ceil((total - first.data.length) / plan.limit))
    const positions = internal.probePositions(total, first.data.length, ranges, plan.limit)
    const probed = yield* Effect.forEach(
      positions,
      (position) => Effect.map(scan.fetch({ limit: 1, page: position }), (page) => internal.idOf(page.data[0])),
      { concurrency: plan.concurrency }
    )
    if (!internal.ascending(probed.filter((id) => id !== undefined), last)) {
      return plain("offset probes did not come back in ascending id order")
    }
    const starts = [last, ...internal.increasing(last, probed)]
    const chains = starts.map((above, index): Chain => ({
      after: internal.cursorFor(format, above),
      above,
      upTo: starts[index + 1]
    }))
    return Stream.concat(
      Stream.succeed(first),
      Stream.mergeAll(chains.map((chain) => cursorPages(scan, plan.limit, chain)), {
        concurrency: chains.length,
        bufferSize: Math.max(2, plan.concurrency)
      })
    )
  }))

const offsetPages = <A, E, R>(
  scan: Scan<A, E, R>,
  plan: internal.ScanPlan
): Stream.Stream<Fetched, E | PaginationError, R> =>
  Stream.unwrap(Effect.gen(function*() {
    const { limit, maxItems } = plan
    const first = yield* scan.fetch({ limit, page: 1 })
    const total = first.meta.total
    if (!isCount(total)) {
      if (!first.meta.has_next_page) return Stream.succeed(first)
      return yield* new PaginationError({
        reason: "MissingTotal",
        detail: `page 1 has no usable meta.total (${String(total)}), so the page count is unknown; ` +
          `use the cursor strategy`,
        page: 1
      })
    }
    // The server's page size wins over ours: it is what the page numbers are counted in.
    const pageSize = typeof first.meta.limit === "number" && first.meta.limit > 0 ? first.meta.limit : limit
    const { expectedSize, lastPage, pages } = internal.layout(total, pageSize, maxItems)
    const inconsistent = (page: number, detail: string) =>
      new PaginationError({
        reason: "InconsistentTotal",
        detail: `${detail}; records were probably created or deleted during the scan (the cursor strategy is ` +
          `immune to that)`,
        page
      })
    const check = (page: number, result: Fetched): Effect.Effect<Fetched, PaginationError> => {
      const reported = result.meta.total
      if (reported !== undefined && reported !== total) {
        return Effect.fail(inconsistent(page, `meta.total changed from ${total} to ${reported} at page ${page}`))
      }
      if (result.data.length !== expectedSize(page)) {
        return Effect.fail(inconsistent(
          page,
          `page ${page} of ${pages} holds ${result.data.length} records where meta.total ${total} with ` +
            `${pageSize} per page implies ${expectedSize(page)}`
        ))
      }
      return Effect.succeed(result)
    }
    const firstPage = yield* check(1, first)
    if (lastPage < 2) return Stream.succeed(firstPage)
    // `mapEffect` with concurrency keeps upstream order: results wait in a queue of `concurrency` slots that is
    // drained in order, so at most `concurrency` requests run and about as many pages wait to be emitted.
    const rest = Stream.range(2, lastPage).pipe(
      Stream.mapEffect((page) => Effect.flatMap(scan.fetch({ limit, page }), (result) => check(page, result)), {
        concurrency: plan.concurrency
      })
    )
    return Stream.concat(Stream.succeed(firstPage), rest)
  }))
