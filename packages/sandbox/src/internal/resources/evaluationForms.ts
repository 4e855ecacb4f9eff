/** Evaluation forms: `save_as_template` stores a company-wide copy based on the form; `template` filters them. */
import * as Effect from "effect/Effect"
import { notFound } from "../apiError.js"
import type { Semantics } from "./Semantics.js"

export const evaluationForms: Semantics = {
  filters: {
    template: (value) => (row) => (row.ats_job_posting_id === null) === (value === true)
  },
  actions: {
    save_as_template: (payload, ctx) => {
      const original = ctx.state.get("evaluation_forms", String(payload.id))
      if (original === undefined) return Effect.fail(notFound("Evaluation form"))
      return Effect.succeed(ctx.state.insert("evaluation_forms", {
        ...original,
        ats_job_posting_id: null,
        based_on_id: original.id,
        created_at: ctx.now,
        updated_at: ctx.now
      }))
    }
  }
}
