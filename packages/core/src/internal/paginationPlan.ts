/**
 * Pure arithmetic behind the pagination strategies: reading the scan options once, the page layout an offset
 * scan derives from `meta.total`, ids and cursors as an exact scan reads and mints them, and where it splits the
 * id space.
 */
import * as Encoding from "effect/Encoding"
import type { StreamOptions } from "../Pagination.js"

/** The API's largest page; it silently clamps anything above. */
export const maxLimit = 100

/** Requests in flight when a concurrent strategy is asked for without a number. */
export const defaultConcurrency = 4

/** The most requests in flight `concurrency: "auto"` grows to unless `maxConcurrency` says otherwise. */
export const defaultMaxConcurrency = 16

/** Pages a cursor scan fetches ahead of the consumer unless `readAhead` says otherwise. */
export const defaultReadAhead = 1

/** The options of one scan, with every number made safe to use. */
export interface ScanPlan {
  readonly strategy: "cursor" | "offset" | "exact"
  /** Page size sent with every request, 1 to 100. */
  readonly limit: number
  /** Requests in flight (the cap when adaptive), at least 1. */
  readonly concurrency: number
  /** Whether the number of requests in flight adapts (`concurrency: "auto"`). */
  readonly adaptive: boolean
  /** Records to emit before stopping; `undefined` for all of them. */
  readonly maxItems: number | undefined
  /** Pages a cursor scan fetches ahead of the consumer, 0 to 4. */
  readonly readAhead: number
}

const wholeNumber = (n: unknown): number | undefined =>
  typeof n === "number" && Number.isFinite(n) ? Math.floor(n) : undefined

/**
 * Normalises user options. Non-numbers fall back to the defaults rather than failing: `Stream.take` dies on a
 * fraction, and a `NaN` limit would reach the wire.
 */
export const plan = (options: StreamOptions<any>): ScanPlan => {
  const limit = wholeNumber(options.limit)
  const adaptive = options.concurrency === "auto"
  const concurrency = adaptive
    ? wholeNumber(options.maxConcurrency) ?? defaultMaxConcurrency
    : wholeNumber(options.concurrency) ?? defaultConcurrency
  const maxItems = wholeNumber(options.maxItems)
  const readAhead = wholeNumber(options.readAhead)
  // Asking for concurrency selects the exact concurrent scan; offset pages only when asked for by name.
  const concurrent = adaptive || (wholeNumber(options.concurrency) ?? 1) > 1
  return {
    strategy: options.strategy ?? (concurrent ? "exact" : "cursor"),
    limit: limit === undefined ? maxLimit : Math.min(Math.max(limit, 1), maxLimit),
    concurrency: Math.max(concurrency, 1),
    adaptive,
    maxItems: maxItems === undefined ? undefined : Math.max(maxItems, 0),
    // With maxItems a scan must not fetch pages it will not emit, so it reads none ahead.
    readAhead: maxItems !== undefined ? 0 : Math.min(Math.max(readAhead ?? defaultReadAhead, 0), 4)
  }
}

/** How `total` records split into numbered pages of `pageSize`. */
export interface PageLayout {
  /** Pages the whole collection spans (1 for an empty collection: page 1 still answers, empty). */
  readonly pages: number
  /** The last page the scan requests, fewer than `pages` when `maxItems` needs less. */
  readonly lastPage: number
  /** The number of records page `page` must hold if nothing changed during the scan. */
  readonly expectedSize: (page: number) => number
}

/** The page layout implied by `meta.total` and the page size the server applied. */
export const layout = (total: number, pageSize: number, maxItems: number | undefined): PageLayout => {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const needed = maxItems === undefined ? pages : Math.max(1, Math.ceil(maxItems / pageSize))
  return {
    pages,
    lastPage: Math.min(pages, needed),
    expectedSize: (page) => (page < pages ? pageSize : Math.max(0, total - (pages - 1) * pageSize))
  }
}

const digits = /^[0-9]{1,40}$/

/**
 * The id of a record as a `BigInt`: a string of digits (ids from 2026-07-01, and big integer ids as the JSON
 * reader keeps them) or a safe integer. Ids go beyond 2^53, so they are never compared as numbers.
 */
export const idOf = (record: unknown): bigint | undefined => {
  if (typeof record !== "object" || record === null) return undefined
  const id = (record as { readonly id?: unknown }).id
  if (typeof id === "string") return digits.test(id) ? BigInt(id) : undefined
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? BigInt(id) : undefined
}

/** How the server spells a cursor: base64 of the id's digits (as documented), or the digits themselves. */
export type CursorFormat = "base64" | "digits"

/** The format `cursor` has if it is the cursor of `id`, else `undefined`. */
export const cursorFormat = (cursor: string | undefined, id: bigint): CursorFormat | undefined =>
  cursor === undefined
    ? undefined
    : cursor === Encoding.encodeBase64(String(id))
    ? "base64"
    : cursor === String(id)
    ? "digits"
    : undefined

/** The cursor of `id` in the server's format: what it would send as the `end_cursor` of a page ending at `id`. */
export const cursorFor = (format: CursorFormat, id: bigint): string =>
  format === "base64" ? Encoding.encodeBase64(String(id)) : String(id)

/** Whether every id is present and each is greater than the one before (and than `after`, if given). */
export const ascending = (ids: ReadonlyArray<bigint | undefined>, after?: bigint): ids is ReadonlyArray<bigint> => {
  let previous = after
  for (const id of ids) {
    if (id === undefined || (previous !== undefined && id <= previous)) return false
    previous = id
  }
  return true
}

/**
 * Where an exact scan probes for range boundaries: after a first page of `firstPageSize` records out of `total`,
 * the 1-based positions of the records that end each of `ranges` shares of the rest. Shares are whole pages of
 * `limit`, as equal as they can be, so no range wastes a request on a page it only partly owns (the last share
 * has no end: it runs to the end of the collection).
 */
export const probePositions = (
  total: number,
  firstPageSize: number,
  ranges: number,
  limit: number
): ReadonlyArray<number> => {
  const pages = Math.ceil((total - firstPageSize) / limit)
  const positions: Array<number> = []
  for (let share = 1; share < ranges; share++) {
    const position = firstPageSize + Math.round((share * pages) / ranges) * limit
    if (position > firstPageSize && position < total && position !== positions[positions.length - 1]) {
      positions.push(position)
    }
  }
  return positions
}

/** Of some probed boundaries, those that keep the sequence strictly increasing above `after`. */
export const increasing = (after: bigint, probed: ReadonlyArray<bigint | undefined>): ReadonlyArray<bigint> => {
  const out: Array<bigint> = []
  let previous = after
  for (const id of probed) {
    if (id !== undefined && id > previous) {
      out.push(id)
      previous = id
    }
  }
  return out
}

/** Records in ascending id order, when every record has an id; otherwise as they are. */
export const sortedById = <A>(records: ReadonlyArray<A>): ReadonlyArray<A> => {
  const keyed: Array<readonly [bigint, A]> = []
  for (const record of records) {
    const id = idOf(record)
    if (id === undefined) return records
    keyed.push([id, record])
  }
  return keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, record]) => record)
}
