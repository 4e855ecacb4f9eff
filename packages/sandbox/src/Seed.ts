/**
 * The seed data of the sandbox: a deterministic, realistic company sized by the number of candidates.
 *
 * @since 0.1.0
 */
import type * as Table from "./internal/table.js"
import * as Internal from "./internal/seed.js"

/**
 * How big the seeded company is, and which random seed draws it. The same options always give the same data.
 *
 * @since 0.1.0
 */
export interface Options {
  /** The random seed (any 32-bit integer). Default `1`. */
  readonly seed?: number | undefined
  /** How many candidates. Default `50`; a million is fine (records are computed, not stored). */
  readonly candidates?: number | undefined
  /** How many job postings. Default: one per 25 candidates, at least 1 and at most 2,000. */
  readonly jobPostings?: number | undefined
  /** The instant the company lives in (ISO-8601); timestamps of seeded records lie in the year before it. */
  readonly now?: string | undefined
}

/**
 * The seed options with every default filled in.
 *
 * @since 0.1.0
 */
export interface Resolved {
  readonly seed: number
  readonly candidates: number
  readonly jobPostings: number
  readonly now: string
}

/**
 * Fills in the defaults of the seed options.
 *
 * @since 0.1.0
 */
export const resolve = (options: Options = {}): Resolved => {
  const candidates = Math.max(0, Math.floor(options.candidates ?? 50))
  return {
    seed: options.seed ?? 1,
    candidates,
    jobPostings: Math.max(1, Math.floor(options.jobPostings ?? Math.min(2_000, Math.ceil(candidates / 25)))),
    now: options.now ?? "2026-06-30T09:00:00.000Z"
  }
}

/**
 * The company generated from the options: its ids and one table of computed rows per resource path.
 *
 * @since 0.1.0
 */
export interface Company {
  readonly companyId: string
  readonly atsCompanyId: string
  readonly tables: Readonly<Record<string, Table.BaseRows>>
}

/**
 * Generates the seed company; `firstId` is the id of the first record of every resource.
 *
 * @since 0.1.0
 */
export const generate = (options: Options, firstId: bigint): Company =>
  Internal.generate({ ...resolve(options), firstId })
