/** Job postings: `duplicate` copies a posting with its pipeline phases and questions, as a draft. */
import * as Effect from "effect/Effect"
import { notFound } from "../apiError.js"
import type { Semantics } from "./Semantics.js"

export const jobPostings: Semantics = {
  create: (_payload, ctx) =>
    Effect.succeed({ ats_company_id: ctx.state.atsCompanyId, remote: false, url: null, published_at: null }),
  update: (current, payload, ctx) =>
    Effect.succeed(
      payload.status === "published" && current.published_at === null ? { published_at: ctx.now } : {}
    ),
  actions: {
    duplicate: (payload, ctx) => {
      const original = ctx.state.get("job_postings", String(payload.id))
      if (original === undefined) return Effect.fail(notFound("Job posting"))
      const copy = ctx.state.insert("job_postings", {
        ...original,
        title: `${String(original.title)} (copy)`,
        status: "draft",
        url: null,
        published_at: null,
        created_at: ctx.now
      })
      // Snapshot first: inserting while scanning would visit the new rows.
      const phases = [...ctx.state.scan("application_phases")].filter((p) => p.ats_job_posting_id === original.id)
      for (const phase of phases) {
        ctx.state.insert("application_phases", {
          ...phase,
          ats_job_posting_id: copy.id,
          applications_count: 0,
          active_applications_count: 0
        })
      }
      const questions = [...ctx.state.scan("questions")].filter((q) => q.ats_job_posting_id === original.id)
      for (const question of questions) {
        ctx.state.insert("questions", { ...question, ats_job_posting_id: copy.id, created_at: ctx.now, updated_at: ctx.now })
      }
      return Effect.succeed(copy)
    }
  }
}
