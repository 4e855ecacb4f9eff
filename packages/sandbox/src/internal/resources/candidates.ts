/** Candidates: `full_name` is derived, and several list filters look through other records. */
import * as Effect from "effect/Effect"
import type { Row } from "../table.js"
import { type Semantics, within } from "./Semantics.js"

const fullName = (row: Row) => `${String(row.first_name ?? "")} ${String(row.last_name ?? "")}`.trim()

export const candidates: Semantics = {
  create: (payload) => Effect.succeed({ full_name: fullName(payload), talent_pool: payload.talent_pool ?? false }),
  update: (current, payload) => Effect.succeed({ full_name: fullName({ ...current, ...payload }) }),
  filters: {
    job_posting_ids: (value) => {
      const ids = within(value)
      return (row) => Array.isArray(row.ats_job_posting_ids) && row.ats_job_posting_ids.some((id) => ids.has(String(id)))
    },
    source: (value, ctx) => {
      const names = within(value)
      const sourceIds = new Set<string>()
      for (const source of ctx.state.scan("candidate_sources")) {
        if (names.has(String(source.name))) sourceIds.add(String(source.id))
      }
      return (row) => sourceIds.has(String(row.source_id))
    },
    active: (value) => (row) => (row.inactive_since === null) === (value === true),
    minimum_average_rating: (value) => (row) => typeof row.score === "number" && row.score >= Number(value)
  }
}
