/**
 * Pure arithmetic behind the pagination strategies: reading the scan options once, and the page layout an
 * offset scan derives from `meta.total`.
 */
import type { StreamOptions } from "../Pagination.js"

/** The API's largest page; it silently clamps anything above. */
export const maxLimit = 100

/** Offset requests in flight when the caller does not say. */
export const defaultConcurrency = 4

/** The options of one scan, with every number made safe to use. */
export interface ScanPlan {
  readonly strategy: "cursor" | "offset"
  /** Page size sent with every request, 1 to 100. */
  readonly limit: number
  /** Offset requests in flight, at least 1. */
  readonly concurrency: number
  /** Records to emit before stopping; `undefined` for all of them. */
  readonly maxItems: number | undefined
}

const wholeNumber = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) ? Math.floor(n) : undefined

/**
 * Normalises user options. Non-numbers fall back to the defaults rather than failing: `Stream.take` dies on a
 * fraction, and a `NaN` limit would reach the wire.
 */
export const plan = (options: StreamOptions): ScanPlan => {
  const limit = wholeNumber(options.limit)
  const concurrency = wholeNumber(options.concurrency)
  const maxItems = wholeNumber(options.maxItems)
  return {
    // Asking for concurrency only makes sense with numbered pages, so it selects them unless told otherwise.
    strategy: options.strategy ?? (options.concurrency === undefined ? "cursor" : "offset"),
    limit: limit === undefined ? maxLimit : Math.min(Math.max(limit, 1), maxLimit),
    concurrency: concurrency === undefined ? defaultConcurrency : Math.max(concurrency, 1),
    maxItems: maxItems === undefined ? undefined : Math.max(maxItems, 0)
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
