/**
 * Pagination as the API does it. Cursor mode (the default): `limit` (default 100, larger values clamped to
 * 100), `after_id` / `before_id` taking an opaque cursor (base64 of the id, as the API documents; raw ids are
 * accepted too), sorted by id ascending. Offset mode when `page` is given: 1-based `page` + `limit`, no cursors.
 *
 * Both work on a `View`: the records of a table, or the slots of the records a filter matched. Positions in a view
 * are computed, not scanned, so every page of a full scan costs the same whatever its depth.
 */
import * as Encoding from "effect/Encoding"
import * as Either from "effect/Either"
import { type ApiError, badRequest } from "./apiError.js"
import type { Row, Table } from "./table.js"

/** The largest page the API serves. */
export const maxLimit = 100

/** What the client asked for. */
export type PageRequest =
  | { readonly _tag: "Cursor"; readonly limit: number; readonly after?: bigint; readonly before?: bigint }
  | { readonly _tag: "Offset"; readonly limit: number; readonly page: number }

/** The `meta` of a list response. */
export interface PageMeta {
  readonly has_next_page: boolean
  readonly has_previous_page: boolean
  readonly start_cursor?: string
  readonly end_cursor?: string
  readonly limit: number | null
  readonly total: number
}

/** The opaque cursor of an id. */
export const cursorOf = (id: string): string => Encoding.encodeBase64(id)

const DIGITS = /^[0-9]{1,40}$/

const idOfCursor = (cursor: string): bigint | undefined => {
  // base64 of digits always starts with M, N or O, so raw digits cannot be mistaken for a cursor.
  if (DIGITS.test(cursor)) return BigInt(cursor)
  const decoded = Encoding.decodeBase64String(cursor)
  return Either.isRight(decoded) && DIGITS.test(decoded.right) ? BigInt(decoded.right) : undefined
}

/** Reads the paging parameters; a cursor that is not one answers 400. */
export const read = (params: URLSearchParams): Either.Either<PageRequest, ApiError> => {
  const rawLimit = Number(params.get("limit") ?? "")
  const limit = Number.isInteger(rawLimit) && rawLimit > 0 ? Math.min(rawLimit, maxLimit) : maxLimit
  const page = params.get("page")
  if (page !== null) {
    const n = Number(page)
    return Number.isInteger(n) && n >= 1
      ? Either.right({ _tag: "Offset", limit, page: n })
      : Either.left(badRequest({ page: ["must be a positive integer"] }))
  }
  const request: { _tag: "Cursor"; limit: number; after?: bigint; before?: bigint } = { _tag: "Cursor", limit }
  for (const key of ["after_id", "before_id"] as const) {
    const value = params.get(key)
    if (value === null || value === "") continue
    const id = idOfCursor(value)
    if (id === undefined) return Either.left(badRequest({ [key]: ["is not a valid cursor"] }))
    if (key === "after_id") request.after = id
    else request.before = id
  }
  return Either.right(request)
}

/** An ordered set of records that can be cut into pages. */
export interface View {
  readonly total: number
  /** How many records of the view have an id up to and including `id`. */
  readonly countUpTo: (id: bigint) => number
  /** The record at a position (0-based). */
  readonly at: (position: number) => Row
}

const slotAfter = (table: Table, id: bigint): number => {
  const offset = id - table.firstId + 1n
  return offset <= 0n ? 0 : offset >= BigInt(table.length) ? table.length : Number(offset)
}

/** Every record of a table. */
export const tableView = (table: Table): View => ({
  total: table.size,
  countUpTo: (id) => table.liveBelow(slotAfter(table, id)),
  at: (position) => table.at(table.slotOfLive(position))!
})

/** The records of a table in the given slots (ascending). */
export const slotsView = (table: Table, slots: ReadonlyArray<number>): View => ({
  total: slots.length,
  countUpTo: (id) => {
    const bound = slotAfter(table, id)
    let lo = 0
    let hi = slots.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (slots[mid]! < bound) lo = mid + 1
      else hi = mid
    }
    return lo
  },
  at: (position) => table.at(slots[position]!)!
})

/** One page of a view. */
export interface Slice {
  readonly rows: ReadonlyArray<Row>
  readonly hasNext: boolean
  readonly hasPrevious: boolean
  readonly total: number
}

/** Cuts one page out of a view. */
export const slice = (view: View, request: PageRequest): Slice => {
  let start: number
  let end: number
  if (request._tag === "Offset") {
    start = Math.min((request.page - 1) * request.limit, view.total)
    end = Math.min(start + request.limit, view.total)
  } else {
    const lo = request.after === undefined ? 0 : view.countUpTo(request.after)
    const hi = request.before === undefined ? view.total : Math.max(lo, view.countUpTo(request.before - 1n))
    if (request.before !== undefined && request.after === undefined) {
      start = Math.max(lo, hi - request.limit)
      end = hi
    } else {
      start = lo
      end = Math.min(hi, lo + request.limit)
    }
  }
  const rows: Array<Row> = []
  for (let position = start; position < end; position++) rows.push(view.at(position))
  return { rows, hasNext: end < view.total, hasPrevious: start > 0, total: view.total }
}
