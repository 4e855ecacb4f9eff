/**
 * Pagination over Factorial list endpoints: the `{ data, meta }` envelope and two ways to scan every page.
 *
 * - **cursor** (the default): follows `meta.end_cursor` with `after_id`, one page in flight. Constant memory and
 *   consistent while others write, because the API sorts by id and a cursor is a position in that order.
 * - **offset**: reads `page=1`, computes the page count from `meta.total`, then fetches the other pages with a
 *   bounded number of requests in flight and emits their records in page order. The fastest full scan; pages
 *   shift when records are created or deleted meanwhile, which is detected and reported, never skipped silently.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/**
 * The pagination metadata of a list response. Lenient where the API is: `limit` may be `null`, cursors may be
 * absent (offset pagination, empty pages), a missing flag reads as `false`.
 *
 * @since 0.1.0
 */
export const PageMeta = Schema.Struct({
  has_next_page: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  has_previous_page: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  /** The number of records matching the query, across all pages. */
  total: Schema.optionalWith(Schema.Number, { nullable: true }),
  /** The page size the server applied (it clamps requests above 100); seen as `null`. */
  limit: Schema.optionalWith(Schema.NullOr(Schema.Number), { default: () => null }),
  start_cursor: Schema.optionalWith(Schema.String, { nullable: true }),
  end_cursor: Schema.optionalWith(Schema.String, { nullable: true })
}).annotations({ identifier: "PageMeta" })

/**
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
 * The schema of a list response for the given item schema.
 *
 * @since 0.1.0
 */
export const Page = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ data: Schema.Array(item), meta: PageMeta }).annotations({ identifier: "Page" })

/**
 * A scan that cannot continue without looping or losing records.
 *
 * @since 0.1.0
 */
export class PaginationError extends Schema.TaggedError<PaginationError>("@effect-factorial/core/PaginationError")(
  "PaginationError",
  {
    reason: Schema.Literal("RepeatedCursor", "InconsistentTotal", "MissingTotal"),
    /** What happened, for people. */
    detail: Schema.String,
    /** The page number (offset strategy) or the cursor (cursor strategy) where it happened. */
    page: Schema.optional(Schema.Number),
    cursor: Schema.optional(Schema.String)
  }
) {
  override get message(): string {
    return `Pagination stopped (${this.reason}): ${this.detail}`
  }
}

/**
 * What a scan asks the fetcher for: a cursor page (`after_id` absent for the first) or a numbered page.
 *
 * @since 0.1.0
 */
export type PageRequest =
  | { readonly limit: number; readonly after_id?: string }
  | { readonly limit: number; readonly page: number }

/**
 * How to scan.
 *
 * @since 0.1.0
 */
export interface StreamOptions {
  /** `"cursor"` (default) or `"offset"`; giving `concurrency` alone selects `"offset"`. */
  readonly strategy?: "cursor" | "offset" | undefined
  /** Requests in flight for the offset strategy (default 4). */
  readonly concurrency?: number | undefined
  /** Stop after this many records, without requesting further pages. */
  readonly maxItems?: number | undefined
  /** Page size, 1 to 100 (default and maximum 100, the API's own maximum). */
  readonly limit?: number | undefined
}

/**
 * The API's largest page.
 *
 * @since 0.1.0
 */
export const maxLimit = 100

const defaultConcurrency = 4

/**
 * Every record of every page, in order.
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
  fetchPage: (request: PageRequest) => Effect.Effect<Page<A>, E, R>,
  options: StreamOptions = {}
): Stream.Stream<A, E | PaginationError, R> => {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? maxLimit), 1), maxLimit)
  const strategy = options.strategy ?? (options.concurrency === undefined ? "cursor" : "offset")
  const scan = strategy === "cursor"
    ? cursorScan(fetchPage, limit)
    : offsetScan(fetchPage, limit, Math.max(1, options.concurrency ?? defaultConcurrency), options.maxItems)
  return options.maxItems === undefined ? scan : Stream.take(scan, Math.max(0, options.maxItems))
}

/**
 * Every record of every page, collected.
 *
 * @since 0.1.0
 */
export const all = <A, E, R>(
  fetchPage: (request: PageRequest) => Effect.Effect<Page<A>, E, R>,
  options?: StreamOptions
): Effect.Effect<ReadonlyArray<A>, E | PaginationError, R> =>
  Effect.map(Stream.runCollect(stream(fetchPage, options)), Chunk.toReadonlyArray)

const cursorScan = <A, E, R>(
  fetchPage: (request: PageRequest) => Effect.Effect<Page<A>, E, R>,
  limit: number
): Stream.Stream<A, E | PaginationError, R> =>
  Stream.suspend(() => {
    // Per run, so the same Stream value can be run twice.
    const seen = new Set<string>()
    return Stream.paginateChunkEffect(undefined as string | undefined, (cursor) =>
      Effect.flatMap(fetchPage(cursor === undefined ? { limit } : { limit, after_id: cursor }), (page) => {
        const next = page.meta.has_next_page && page.data.length > 0 ? page.meta.end_cursor : undefined
        if (next !== undefined && seen.has(next)) {
          return Effect.fail(
            new PaginationError({
              reason: "RepeatedCursor",
              detail: `the cursor ${next} was already followed; the scan would loop`,
              cursor: next
            })
          )
        }
        if (next !== undefined) seen.add(next)
        return Effect.succeed([Chunk.unsafeFromArray(page.data), Option.fromNullable(next)] as const)
      }))
  })

const offsetScan = <A, E, R>(
  fetchPage: (request: PageRequest) => Effect.Effect<Page<A>, E, R>,
  limit: number,
  concurrency: number,
  maxItems: number | undefined
): Stream.Stream<A, E | PaginationError, R> =>
  Stream.unwrap(Effect.gen(function*() {
    const first = yield* fetchPage({ limit, page: 1 })
    const { total } = first.meta
    if (total === undefined) {
      if (!first.meta.has_next_page) return Stream.fromIterable(first.data)
      return yield* new PaginationError({
        reason: "MissingTotal",
        detail: "the response has no meta.total, so the page count is unknown; use the cursor strategy",
        page: 1
      })
    }
    // The server's page size wins: it clamps what we asked for.
    const pageSize = typeof first.meta.limit === "number" && first.meta.limit > 0 ? first.meta.limit : limit
    const pages = Math.max(1, Math.ceil(total / pageSize))
    const expectedSize = (page: number) => page < pages ? pageSize : total - (pages - 1) * pageSize
    const check = (page: number, data: ReadonlyArray<A>) =>
      data.length === expectedSize(page) ? Effect.succeed(data) : Effect.fail(
        new PaginationError({
          reason: "InconsistentTotal",
          detail: `page ${page} of ${pages} has ${data.length} records where meta.total ${total} implies ` +
            `${expectedSize(page)}; records were created or deleted during the scan (the cursor strategy is immune)`,
          page
        })
      )
    const firstData = yield* check(1, first.data)
    const lastPage = maxItems === undefined ? pages : Math.min(pages, Math.max(1, Math.ceil(maxItems / pageSize)))
    const rest = lastPage < 2 ? Stream.empty : Stream.range(2, lastPage).pipe(
      Stream.mapEffect(
        (page) => Effect.flatMap(fetchPage({ limit, page }), (result) => check(page, result.data)),
        { concurrency }
      ),
      Stream.mapConcat((data) => data)
    )
    return Stream.concat(Stream.fromIterable(firstData), rest)
  }))
