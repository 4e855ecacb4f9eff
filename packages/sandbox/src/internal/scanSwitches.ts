/**
 * Three switches that make a scan's life hard, as the real API sometimes does: records that drifted from the
 * spec (`null` in required fields, values of the wrong type), records created and deleted while a client scans
 * (churn), and a per-credential token bucket answering 429 with `Retry-After`.
 */
import * as Prng from "./prng.js"
import type { Row } from "./table.js"

/** The resolved drift switch. */
export interface Drift {
  readonly rate: number
  readonly seed: number
  readonly kinds: ReadonlyArray<"null" | "wrongType">
}

const isIdField = (name: string) => name === "id" || name.endsWith("_id") || name.endsWith("_ids")

/** A stable 31-bit number from an id's digits (ids may exceed 2^53). */
const idHash = (id: string): number => {
  let h = 0
  for (let i = 0; i < id.length; i++) h = Prng.hash2(h, id.charCodeAt(i))
  return h >>> 1
}

/** A value of another JSON type than `value`. */
const wrongType = (value: unknown): unknown =>
  typeof value === "string"
    ? 12345
    : typeof value === "number"
    ? "not a number"
    : typeof value === "boolean"
    ? "yes"
    : Array.isArray(value)
    ? { unexpected: true }
    : "not an object"

/**
 * Whether and how a record drifts: a fixed choice per id (so every answer shows the same drift), of one field
 * that holds a value and is not an id. Answers the record unchanged when it does not drift.
 */
export const drift = (settings: Drift, row: Row): Row => {
  const id = String(row.id)
  const h = idHash(id)
  if (Prng.unit(settings.seed, 0xd1f7, h) >= settings.rate) return row
  const candidates = Object.keys(row).filter((name) => !isIdField(name) && row[name] !== null && row[name] !== undefined)
  if (candidates.length === 0) return row
  const field = candidates[Prng.pick(settings.seed, 0xd1f8, h, candidates.length)]!
  const kind = settings.kinds[Prng.pick(settings.seed, 0xd1f9, h, settings.kinds.length)] ?? "null"
  return { ...row, [field]: kind === "null" ? null : wrongType(row[field]) }
}

/** The resolved churn switch. */
export interface Churn {
  readonly resource: string
  readonly every: number
  readonly deletes: number
  readonly creates: number
  readonly prng: Prng.Prng
  /** List requests of the resource seen so far. */
  seen: number
}

/** The resolved token bucket. */
export interface Bucket {
  readonly perSecond: number
  readonly burst: number
  /** Tokens and last refill per credential. */
  readonly byCredential: Map<string, { tokens: number; at: number }>
}

/**
 * Takes a token for `credential` at `now`; answers `undefined` when there was one, else the whole seconds to wait
 * for the next (at least 1, as `Retry-After` carries whole seconds).
 */
export const take = (bucket: Bucket, credential: string, now: number): number | undefined => {
  const state = bucket.byCredential.get(credential) ?? { tokens: bucket.burst, at: now }
  state.tokens = Math.min(bucket.burst, state.tokens + ((now - state.at) / 1000) * bucket.perSecond)
  state.at = now
  bucket.byCredential.set(credential, state)
  if (state.tokens >= 1) {
    state.tokens -= 1
    return undefined
  }
  return Math.max(1, Math.ceil((1 - state.tokens) / bucket.perSecond))
}
