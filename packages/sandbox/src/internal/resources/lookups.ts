/** Filters of the read-only resources that look through other records. */
import { type Semantics, within } from "./Semantics.js"

export const hiringStages: Semantics = {
  filters: {
    ats_application_phase_id: (value, ctx) => {
      const phase = ctx.state.get("application_phases", String(value))
      return (row) => phase !== undefined && row.id === phase.ats_hiring_stage_id
    }
  }
}

export const rejectionReasons: Semantics = {
  filters: {
    ats_application_ids: (value, ctx) => {
      const reasons = new Set<unknown>()
      for (const id of within(value)) reasons.add(ctx.state.get("applications", id)?.ats_rejection_reason_id)
      return (row) => reasons.has(row.id)
    }
  }
}
