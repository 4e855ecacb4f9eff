/**
 * Pagination over Factorial list endpoints: the `{ data, meta }` envelope and two ways to scan every page.
 *
 * - **cursor** (the default): follows `meta.end_cursor` with `after_id`, one page in flight. Constant memory and
 *   consistent while others write, because the API sorts by id and a cursor is a position in that order.
 * - **offset**: reads `page=1`, computes the page count from `meta.total`, then fetches the other pages with a
 *   bounded number of requests in flight and emits their records in page order. The fastest full scan; pages
 *   shift when records are created or deleted meanwhile, which is detected where possible and reported as a
 *   `PaginationError`, never papered over.
 *
 * Generic over the fetcher: nothing here knows about HTTP or about a particular resource.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as internal from "./internal/paginationPlan.js"

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
 * A scan that cannot continue without looping or losing records.
 *
 * - `RepeatedCursor`: the API handed back a cursor the scan had already followed.
 * - `InconsistentTotal`: an offset page holds more or fewer records than `meta.total` implies, or `total`
 *   changed during the scan (records were created or deleted meanwhile).
 * - `MissingTotal`: an offset scan got no usable `meta.total`, so the page count is unknown.
 *
 * @since 0.1.0
 */
export class PaginationError extends Schema.TaggedError<PaginationError>("@effect-factorial/core/PaginationError")(
  "PaginationError",
  {
    reason: Schema.Literal("RepeatedCursor", "InconsistentTotal", "MissingTotal"),
    /** What happened, for people. */
    detail: Schema.String,
    /** The page number where it happened (offset strategy). */
    page: Schema.optional(Schema.Number),
    /** The cursor that repeated (cursor strategy). */
    cursor: Schema.optional(Schema.String)
  }
) {
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
 * How to scan.
 *
 * @since 0.1.0
 */
export interface StreamOptions {
  /** `"cursor"` (default) or `"offset"`; giving `concurrency` alone selects `"offset"`. */
  readonly strategy?: "cursor" | "offset" | undefined
  /** Requests in flight for the offset strategy, at least 1 (default 4). */
  readonly concurrency?: number | undefined
  /** Stop after this many records, without requesting further pages. */
  readonly maxItems?: number | undefined
  /** Page size, 1 to 100 (default and maximum 100, the API's own maximum; larger values are clamped). */
  readonly limit?: number | undefined
}

/**
 * The API's largest page; a larger requested `limit` is clamped to it before it is sent.
 *
 * @since 0.1.0
 */
export const maxLimit: number = internal.maxLimit

/**
 * Every record of every page, in order, as a `Stream`. The stream is lazy and can be run more than once; each
 * run is a fresh scan.
 *
 * @example
 * ```ts
 * import { Pagination } from "@effect-factorial/core"
 * import * as Effect from "effect/Effect"
 *
 * const numbers = Pagination.stream((request) =>
 *   Effect.succeed({ data: [1, 2, 3], meta: { has_next_page: false, has_previous_page: false, total: 3, limit: request.limit } })
 * )
 * ```
 *
 * @since 0.1.0
 */
export const stream = <A, E, R>(
  fetchPage: FetchPage<A, E, R>,
  options: StreamOptions = {}
): Stream.Stream<A, E | PaginationError, R> => {
  const plan = internal.plan(options)
  if (plan.maxItems === 0) return Stream.empty
  const scan = plan.strategy === "cursor"
    ? cursorScan(fetchPage, plan.limit)
    : offsetScan(fetchPage, plan.limit, plan.concurrency, plan.maxItems)
  // Both scans emit one chunk per page and pull the next page only on demand, so `take` stops the requests too.
  return plan.maxItems === undefined ? scan : Stream.take(scan, plan.maxItems)
}

/**
 * Every record of every page, collected into an array (the whole collection in memory).
 *
 * @since 0.1.0
 */
export const all = <A, E, R>(
  fetchPage: FetchPage<A, E, R>,
  options?: StreamOptions
): Effect.Effect<ReadonlyArray<A>, E | PaginationError, R> =>
  Effect.map(Stream.runCollect(stream(fetchPage, options)), Chunk.toReadonlyArray)

const cursorScan = <A, E, R>(fetchPage: FetchPage<A, E, R>, limit: number): Stream.Stream<A, E | PaginationError, R> =>
  Stream.suspend(() => {
    // Per run, so the same Stream value can be run twice. One short string per page: the only state that grows.
    const followed = new Set<string>()
    return Stream.paginateChunkEffect(undefined as string | undefined, (cursor) =>
      Effect.flatMap(fetchPage(cursor === undefined ? { limit } : { limit, after_id: cursor }), (page) => {
        const next = page.meta.has_next_page && page.data.length > 0 ? page.meta.end_cursor : undefined
        if (next !== undefined && followed.has(next)) {
          // Fail before emitting the page: a server that ignores `after_id` sends an earlier page again.
          return Effect.fail(
            new PaginationError({
              reason: "RepeatedCursor",
              detail: `the end_cursor ${next} was already followed, so the scan would loop`,
              cursor: next
            })
          )
        }
        if (next !== undefined) followed.add(next)
        return Effect.succeed([Chunk.unsafeFromArray(page.data), Option.fromNullable(next)] as const)
      }))
  })

const isCount = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0

const offsetScan = <A, E, R>(
  fetchPage: FetchPage<A, E, R>,
  limit: number,
  concurrency: number,
  maxItems: number | undefined
): Stream.Stream<A, E | PaginationError, R> =>
  Stream.unwrap(Effect.gen(function*() {
    const first = yield* fetchPage({ limit, page: 1 })
    const total = first.meta.total
    if (!isCount(total)) {
      if (!first.meta.has_next_page) return Stream.fromIterable(first.data)
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
    const check = (page: number, result: Page<A>): Effect.Effect<ReadonlyArray<A>, PaginationError> => {
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
      return Effect.succeed(result.data)
    }
    const firstData = yield* check(1, first)
    if (lastPage < 2) return Stream.fromIterable(firstData)
    // `mapEffect` with concurrency keeps upstream order: results wait in a queue of `concurrency` slots that is
    // drained in order, so at most `concurrency` requests run and about as many pages wait to be emitted.
    const rest = Stream.range(2, lastPage).pipe(
      Stream.mapEffect((page) => Effect.flatMap(fetchPage({ limit, page }), (result) => check(page, result)), {
        concurrency
      }),
      Stream.mapConcat((data) => data)
    )
    return Stream.concat(Stream.fromIterable(firstData), rest)
  }))
