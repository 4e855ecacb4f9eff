/**
 * Applications: create and `apply` put the application in the posting's first phase and link the candidate;
 * `move_to_phase` only accepts a phase of the application's own posting; phase counters follow every write.
 */
import * as Effect from "effect/Effect"
import { type ApiError, notFound, unprocessable } from "../apiError.js"
import type { Row } from "../table.js"
import type { Ctx, Semantics } from "./Semantics.js"

const firstPhase = (ctx: Ctx, postingId: string): Row | undefined => {
  let first: Row | undefined
  for (const phase of ctx.state.scan("application_phases")) {
    if (phase.ats_job_posting_id === postingId && (first === undefined || Number(phase.position) < Number(first.position))) {
      first = phase
    }
  }
  return first
}

const requirePosting = (ctx: Ctx, postingId: unknown): Effect.Effect<Row, ApiError> => {
  const posting = ctx.state.get("job_postings", String(postingId))
  return posting === undefined
    ? Effect.fail(unprocessable({ ats_job_posting_id: ["does not exist"] }))
    : Effect.succeed(posting)
}

const countIn = (ctx: Ctx, phaseId: unknown, row: Row, delta: number) => {
  if (phaseId === null || phaseId === undefined) return
  const phase = ctx.state.get("application_phases", String(phaseId))
  if (phase === undefined) return
  const active = row.ats_rejection_reason_id === null || row.ats_rejection_reason_id === undefined
  ctx.state.replace("application_phases", String(phase.id), {
    applications_count: Math.max(0, Number(phase.applications_count ?? 0) + delta),
    active_applications_count: Math.max(0, Number(phase.active_applications_count ?? 0) + (active ? delta : 0))
  })
}

const linkCandidate = (ctx: Ctx, candidateId: string, postingId: string) => {
  const candidate = ctx.state.get("candidates", candidateId)
  if (candidate === undefined) return
  const ids = Array.isArray(candidate.ats_job_posting_ids) ? candidate.ats_job_posting_ids.map(String) : []
  if (!ids.includes(postingId)) {
    ctx.state.replace("candidates", candidateId, { ats_job_posting_ids: [...ids, postingId], updated_at: ctx.now })
  }
}

/** Fields every new application gets: the first phase of its posting unless one was given, and a conversation. */
const newApplication = (ctx: Ctx, payload: Row, candidateId: string): Effect.Effect<Row, ApiError> =>
  Effect.gen(function*() {
    const posting = yield* requirePosting(ctx, payload.ats_job_posting_id)
    const phaseId = payload.ats_application_phase_id ?? firstPhase(ctx, String(posting.id))?.id ?? null
    if (phaseId !== null) {
      const phase = ctx.state.get("application_phases", String(phaseId))
      if (phase === undefined || phase.ats_job_posting_id !== posting.id) {
        return yield* Effect.fail(unprocessable({ ats_application_phase_id: ["does not belong to the job posting"] }))
      }
    }
    return {
      ats_candidate_id: candidateId,
      ats_application_phase_id: phaseId,
      qualified: true,
      ats_conversation_id: ctx.state.table("applications").nextId()
    }
  })

const insertApplication = (ctx: Ctx, row: Row): Row => {
  const stored = ctx.state.insert("applications", row)
  countIn(ctx, stored.ats_application_phase_id, stored, 1)
  linkCandidate(ctx, String(stored.ats_candidate_id), String(stored.ats_job_posting_id))
  return stored
}

export const applications: Semantics = {
  create: (payload, ctx) =>
    payload.ats_candidate_id === null || payload.ats_candidate_id === undefined
      ? Effect.fail(unprocessable({ ats_candidate_id: ["can't be blank"] }))
      : ctx.state.get("candidates", String(payload.ats_candidate_id)) === undefined
      ? Effect.fail(unprocessable({ ats_candidate_id: ["does not exist"] }))
      : newApplication(ctx, payload, String(payload.ats_candidate_id)),
  update: (current, payload, ctx) => {
    const phaseId = payload.ats_application_phase_id
    if (phaseId === undefined || phaseId === null) return Effect.succeed({})
    const phase = ctx.state.get("application_phases", String(phaseId))
    return phase === undefined || phase.ats_job_posting_id !== current.ats_job_posting_id
      ? Effect.fail(unprocessable({ ats_application_phase_id: ["does not belong to the job posting"] }))
      : Effect.succeed({})
  },
  written: (before, after, ctx) => {
    if (before !== undefined) countIn(ctx, before.ats_application_phase_id, before, -1)
    if (after !== undefined) {
      countIn(ctx, after.ats_application_phase_id, after, 1)
      if (before === undefined) linkCandidate(ctx, String(after.ats_candidate_id), String(after.ats_job_posting_id))
    }
  },
  filters: {
    search: (value, ctx) => {
      const needle = String(value).toLowerCase()
      return (row) => {
        const candidate = ctx.state.get("candidates", String(row.ats_candidate_id))
        return candidate !== undefined &&
          `${String(candidate.full_name)} ${String(candidate.email)}`.toLowerCase().includes(needle)
      }
    },
    ats_tags_ids: () => () => true
  },
  actionsSince: { move_to_phase: "2026-07-01" },
  actions: {
    apply: (payload, ctx) =>
      Effect.gen(function*() {
        yield* requirePosting(ctx, payload.ats_job_posting_id)
        const email = String(payload.email)
        let candidate: Row | undefined
        for (const row of ctx.state.scan("candidates")) {
          if (row.email === email) {
            candidate = row
            break
          }
        }
        const fields = yield* newApplication(ctx, payload, "")
        if (candidate === undefined) {
          const first = String(payload.first_name)
          const last = String(payload.last_name)
          candidate = ctx.state.insert("candidates", {
            id: null,
            company_id: ctx.state.companyId,
            first_name: first,
            last_name: last,
            full_name: `${first} ${last}`,
            email,
            talent_pool: false,
            phone_number: payload.phone ?? null,
            created_at: ctx.now,
            updated_at: ctx.now,
            consent_given_at: null,
            inactive_since: null,
            ats_job_posting_ids: [],
            personal_url: null,
            consent_expiration_date: null,
            consent_to_talent_pool: payload.consent_to_talent_pool ?? null,
            medium: payload.medium ?? null,
            source_id: null,
            gender: null,
            score: null
          })
        }
        return insertApplication(ctx, {
          id: null,
          company_id: ctx.state.companyId,
          ats_job_posting_id: String(payload.ats_job_posting_id),
          ats_candidate_id: String(candidate.id),
          employee_id: null,
          phone: payload.phone ?? null,
          qualified: true,
          ats_application_phase_id: fields.ats_application_phase_id,
          created_at: ctx.now,
          cover_letter: payload.cover_letter ?? null,
          cv: null,
          ats_conversation_id: fields.ats_conversation_id,
          medium: payload.medium ?? null,
          rating_average: null,
          ats_rejection_reason_id: null,
          source_id: null
        })
      }),
    move_to_phase: (payload, ctx) =>
      Effect.gen(function*() {
        const application = ctx.state.get("applications", String(payload.id))
        if (application === undefined) return yield* Effect.fail(notFound("Application"))
        const phase = ctx.state.get("application_phases", String(payload.ats_application_phase_id))
        if (phase === undefined) return yield* Effect.fail(notFound("Application phase"))
        if (phase.ats_job_posting_id !== application.ats_job_posting_id) {
          return yield* Effect.fail(unprocessable({
            ats_application_phase_id: ["belongs to another job posting"]
          }))
        }
        countIn(ctx, application.ats_application_phase_id, application, -1)
        const moved = ctx.state.replace("applications", String(application.id), { ats_application_phase_id: phase.id })!
        countIn(ctx, phase.id, moved, 1)
        return moved
      })
  }
}
