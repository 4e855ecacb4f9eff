/**
 * The in-memory state of the sandbox: every record of every ATS resource, readable and writable by tests.
 *
 * @since 0.1.0
 */
import { Ats } from "@effect-factorial/ats"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { noRows, type Row as TableRow, Table } from "./internal/table.js"
import { fieldNames, withNulls } from "./internal/wire.js"
import * as Seed from "./Seed.js"

/**
 * A record as the API sends it in versions ≥ 2026-07-01: string ids, ISO timestamps, `null` for absent values.
 *
 * @since 0.1.0
 */
export type Row = TableRow

/** The first id of every resource when `bigIds` is off. */
const smallFirstId = 1n

/** The first id of every resource when `bigIds` is on: in the range the API moved to, above 2^53. */
const bigFirstId = 18_446_744_073_709_550_001n

/**
 * What the state is built from.
 *
 * @since 0.1.0
 */
export interface SandboxStateOptions {
  /** The seed company. */
  readonly seed?: Seed.Options | undefined
  /** Start ids above 2^53 (`18446744073709550001`) instead of at `1`. */
  readonly bigIds?: boolean | undefined
}

/**
 * Every record of every resource. Records are plain objects in wire form; reading never copies, so treat them
 * as read-only and write through `insert` / `replace` / `remove`.
 *
 * @since 0.1.0
 */
export interface SandboxStateService {
  /** The id of the sandbox company. */
  readonly companyId: string
  /** The id of the company's ATS profile. */
  readonly atsCompanyId: string
  /** The resource paths, e.g. `"candidates"`. */
  readonly resources: ReadonlyArray<string>
  /** The storage of one resource (throws for an unknown path). */
  readonly table: (resource: string) => Table
  /** One record, or `undefined`. */
  readonly get: (resource: string, id: string) => Row | undefined
  /** How many records a resource has. */
  readonly count: (resource: string) => number
  /** Every record of a resource, in id order (computed lazily: safe for a million records). */
  readonly scan: (resource: string) => Iterable<Row>
  /** Adds a record, giving it the next id and `null` for every model field it lacks; answers the stored record. */
  readonly insert: (resource: string, fields: Row) => Row
  /** Replaces the fields of an existing record (merging); answers the stored record. */
  readonly replace: (resource: string, id: string, fields: Row) => Row | undefined
  /** Deletes a record; answers it. */
  readonly remove: (resource: string, id: string) => Row | undefined
}

const resourcePaths = Ats.resources.map((definition) => definition.path)

/** The field names of each resource's model, to complete records inserted by hand. */
const modelFields = new Map<string, ReadonlyArray<string>>(
  Ats.resources.map((definition) => [definition.path, fieldNames(definition.model)])
)

/** Builds a state holding the seeded company. */
const build = (options: SandboxStateOptions): SandboxStateService => {
  const firstId = options.bigIds ? bigFirstId : smallFirstId
  const company = Seed.generate(options.seed ?? {}, firstId)
  const tables = new Map<string, Table>()
  for (const path of resourcePaths) tables.set(path, new Table(firstId, company.tables[path] ?? noRows))
  const table = (resource: string): Table => {
    const found = tables.get(resource)
    if (found === undefined) throw new Error(`sandbox: unknown resource ${resource}`)
    return found
  }
  return {
    companyId: company.companyId,
    atsCompanyId: company.atsCompanyId,
    resources: resourcePaths,
    table,
    get: (resource, id) => table(resource).get(id),
    count: (resource) => table(resource).size,
    scan: (resource) => table(resource).from(0),
    insert: (resource, fields) => {
      const target = table(resource)
      return target.append(withNulls(modelFields.get(resource) ?? ["id"], { ...fields, id: target.nextId() }))
    },
    replace: (resource, id, fields) => {
      const target = table(resource)
      const current = target.get(id)
      return current === undefined ? undefined : target.replace({ ...current, ...fields, id: current.id })
    },
    remove: (resource, id) => table(resource).remove(id)
  }
}

/**
 * The sandbox state service.
 *
 * @example
 * ```ts
 * import { SandboxState } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const candidates = Effect.map(SandboxState, (state) => state.count("candidates"))
 * ```
 *
 * @since 0.1.0
 */
export class SandboxState extends Context.Tag("@effect-factorial/sandbox/SandboxState")<SandboxState, SandboxStateService>() {
  /** Builds a fresh state with the seeded company (synchronous: the seed is generated lazily). */
  static readonly make = (options: SandboxStateOptions = {}): Effect.Effect<SandboxStateService> =>
    Effect.sync(() => build(options))
  /** A fresh state with the seeded company. */
  static readonly layer = (options: SandboxStateOptions = {}): Layer.Layer<SandboxState> =>
    Layer.effect(this, this.make(options))
}
