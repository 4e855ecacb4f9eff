/**
 * Helpers for tests of code that uses the SDK: generated records of any model (deterministic, and valid by
 * construction, since they come from the model's own schema), and pages with a `meta` that matches their data,
 * for mock layers (`Candidates.layerMock({ list: () => Effect.succeed(Testing.page(records)) })`).
 *
 * @example
 * ```ts
 * import { Candidates, Testing } from "@effect-factorial/ats"
 * import { Candidate } from "@effect-factorial/schema"
 * import * as Effect from "effect/Effect"
 *
 * const ada = Testing.record(Candidate, { first_name: "Ada", last_name: "Lovelace" })
 * const others = Testing.records(Candidate, 9)
 *
 * const CandidatesTest = Candidates.layerMock({
 *   get: () => Effect.succeed(ada),
 *   list: () => Effect.succeed(Testing.page([ada, ...others], { total: 25, hasNextPage: true }))
 * })
 * ```
 *
 * @since 0.1.0
 */
import type { Page } from "@effect-factorial/core/Pagination"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import type * as Schema from "effect/Schema"

/**
 * A model schema a record can be generated from: any schema without requirements, such as the classes of
 * `@effect-factorial/schema` (`Candidate`, `JobPosting`, …).
 *
 * @since 0.1.0
 * @category models
 */
export type Model<A> = Schema.Schema<A, any, never>

/**
 * Options of `records`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordsOptions {
  /** Seed of the generator: the same seed gives the same records. Default `1`. */
  readonly seed?: number | undefined
}

const withOverrides = <A>(model: Model<A>, value: A, overrides: Partial<A> | undefined): A => {
  if (overrides === undefined) return value
  const merged = { ...(value as object), ...overrides }
  // A class (`Schema.Class`) keeps its prototype; constructing it again runs its own validation.
  const klass = model as { readonly make?: (props: unknown) => A }
  return typeof klass.make === "function" ? klass.make(merged) : merged as A
}

/**
 * `count` records of a model, generated from its schema with `Arbitrary.make` (so every field holds a value the
 * model accepts), the same ones for the same seed.
 *
 * @since 0.1.0
 * @category records
 */
export const records = <A>(model: Model<A>, count: number, options: RecordsOptions = {}): Array<A> =>
  FastCheck.sample(Arbitrary.make(model), { numRuns: count, seed: options.seed ?? 1 })

/**
 * One generated record of a model, with the given fields set: the fixture for a test that cares about a few
 * fields only. `Candidate.make` needs every required field; this needs the ones the test reads.
 *
 * @since 0.1.0
 * @category records
 */
export const record = <A>(model: Model<A>, overrides?: Partial<A>, options: RecordsOptions = {}): A =>
  withOverrides(model, records(model, 1, options)[0]!, overrides)

/**
 * Options of `page`.
 *
 * @since 0.1.0
 * @category pages
 */
export interface PageOptions {
  /** Records matching the query across all pages. Default: the number of records given. */
  readonly total?: number | undefined
  /** Whether another page follows. Default: `total` is larger than what this page holds. */
  readonly hasNextPage?: boolean | undefined
  /** Whether a page precedes this one. Default `false`. */
  readonly hasPreviousPage?: boolean | undefined
  /** The page size the server applied. Default `null`, as the API often sends it. */
  readonly limit?: number | null | undefined
}

/**
 * A page of records as a list operation returns it, with a consistent `meta`: `total`, `has_next_page`, and the
 * cursors (`start_cursor` / `end_cursor`) set to the ids of the first and last records, as the API does.
 *
 * @since 0.1.0
 * @category pages
 */
export const page = <A>(data: ReadonlyArray<A>, options: PageOptions = {}): Page<A> => {
  const total = options.total ?? data.length
  const id = (record: A | undefined): string | undefined => {
    const value = (record as { readonly id?: unknown } | undefined)?.id
    return value === undefined || value === null ? undefined : String(value)
  }
  const start_cursor = id(data[0])
  const end_cursor = id(data[data.length - 1])
  return {
    data,
    meta: {
      has_next_page: options.hasNextPage ?? total > data.length,
      has_previous_page: options.hasPreviousPage ?? false,
      total,
      limit: options.limit ?? null,
      ...(start_cursor === undefined ? {} : { start_cursor }),
      ...(end_cursor === undefined ? {} : { end_cursor })
    }
  }
}
