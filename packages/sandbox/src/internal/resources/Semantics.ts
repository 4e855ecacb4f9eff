/**
 * What is particular to one resource, beyond the generic CRUD derived from its description: server-side fields
 * filled on create, side effects of writes, filters that do not map to a field of the same name, and actions.
 */
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { SandboxStateService as State } from "../../SandboxState.js"
import type { ApiError } from "../apiError.js"
import type { Row, Table } from "../table.js"

/** What a handler can see. */
export interface Ctx {
  readonly state: State
  /** The request time, ISO. */
  readonly now: string
  /** The API version of the request path. */
  readonly version: string
}

/** A row predicate built from one filter value. */
export type Filter = (value: unknown, ctx: Ctx) => (row: Row) => boolean

/** The per-resource part of a route set. Every member is optional: the generic behaviour applies without it. */
export interface Semantics {
  /** Where the records live when not in the sandbox state; `None` makes the resource's paths answer 404. */
  readonly table?: Effect.Effect<Option.Option<Table>>
  /** Extra fields of a created record, computed from the (validated, wire-form) payload. */
  readonly create?: (payload: Row, ctx: Ctx) => Effect.Effect<Row, ApiError>
  /** Extra fields of an updated record. */
  readonly update?: (current: Row, payload: Row, ctx: Ctx) => Effect.Effect<Row, ApiError>
  /** Side effects once a record was written (counters, back references). */
  readonly written?: (before: Row | undefined, after: Row | undefined, ctx: Ctx) => void
  /** Query parameters the list endpoint refuses to serve without (answered 400 when missing). */
  readonly requiredQuery?: ReadonlyArray<string>
  /** Filters that are not "the field of the same name equals / is in". */
  readonly filters?: Readonly<Record<string, Filter>>
  /** Actions by path segment: the record to answer with. */
  readonly actions?: Readonly<Record<string, (payload: Row, ctx: Ctx) => Effect.Effect<Row, ApiError>>>
  /** The first API version an action exists in. */
  readonly actionsSince?: Readonly<Record<string, string>>
}

/** Membership in a list of ids (or other strings) given as a filter value. */
export const within = (value: unknown): ReadonlySet<string> =>
  new Set((Array.isArray(value) ? value : [value]).map(String))
