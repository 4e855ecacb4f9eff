import { Ats } from "@effect-factorial/ats"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import * as Effect from "effect/Effect"
import { SandboxState, type SandboxStateOptions, type SandboxStateService } from "../src/index.js"

const makeState = (options: SandboxStateOptions): SandboxStateService => Effect.runSync(SandboxState.make(options))

const all = (state: SandboxStateService, resource: string) => [...state.scan(resource)]

describe("seed data", () => {
  it("the same seed gives the same company; another seed another one", () => {
    const a = makeState({ seed: { seed: 3, candidates: 300 } })
    const b = makeState({ seed: { seed: 3, candidates: 300 } })
    const c = makeState({ seed: { seed: 4, candidates: 300 } })
    for (const resource of a.resources) expect(all(a, resource)).toEqual(all(b, resource))
    expect(all(a, "candidates")).not.toEqual(all(c, "candidates"))
    expect(a.count("candidates")).toBe(300)
  })

  it("is sized by its arguments, from a handful to 100,000 candidates", () => {
    const tiny = makeState({ seed: { candidates: 3 } })
    expect(tiny.count("candidates")).toBe(3)
    expect(tiny.count("job_postings")).toBe(1)
    const large = makeState({ seed: { candidates: 100_000 } })
    expect(large.count("candidates")).toBe(100_000)
    expect(large.count("applications")).toBeGreaterThan(100_000)
    expect(large.get("candidates", "100000")?.id).toBe("100000")
    expect(large.get("candidates", "100001")).toBeUndefined()
  })

  it("every seeded record decodes with the model of its resource", () => {
    const state = makeState({ seed: { candidates: 200 } })
    for (const definition of Ats.resources) {
      const decode = Schema.decodeUnknownSync(definition.model as Schema.Schema<unknown, unknown>)
      const rows = all(state, definition.path)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) decode(row)
    }
  })

  it("references are consistent across resources", () => {
    const state = makeState({ seed: { seed: 9, candidates: 400 } })
    const get = (resource: string, id: unknown) => state.get(resource, String(id))
    const applications = all(state, "applications")
    const postingsOf = new Map<string, Set<string>>()
    const perPhase = new Map<string, number>()
    for (const app of applications) {
      expect(get("candidates", app.ats_candidate_id)).toBeDefined()
      expect(get("job_postings", app.ats_job_posting_id)).toBeDefined()
      const phase = get("application_phases", app.ats_application_phase_id)!
      expect(phase.ats_job_posting_id).toBe(app.ats_job_posting_id)
      if (app.ats_rejection_reason_id !== null) expect(get("rejection_reasons", app.ats_rejection_reason_id)).toBeDefined()
      const set = postingsOf.get(String(app.ats_candidate_id)) ?? new Set()
      set.add(String(app.ats_job_posting_id))
      postingsOf.set(String(app.ats_candidate_id), set)
      perPhase.set(String(phase.id), (perPhase.get(String(phase.id)) ?? 0) + 1)
    }
    for (const candidate of all(state, "candidates")) {
      expect(new Set(candidate.ats_job_posting_ids as Array<string>)).toEqual(postingsOf.get(String(candidate.id)))
      expect(get("candidate_sources", candidate.source_id)).toBeDefined()
    }
    for (const phase of all(state, "application_phases")) {
      expect(phase.applications_count).toBe(perPhase.get(String(phase.id)) ?? 0)
      expect(get("hiring_stages", phase.ats_hiring_stage_id)).toBeDefined()
    }
    for (const answer of all(state, "answers")) {
      const app = get("applications", answer.ats_application_id)!
      expect(get("questions", answer.ats_question_id)!.ats_job_posting_id).toBe(app.ats_job_posting_id)
    }
    for (const feedback of all(state, "feedbacks")) {
      const app = get("applications", feedback.ats_application_id)!
      expect(feedback.ats_candidate_id).toBe(app.ats_candidate_id)
      expect(get("application_phases", feedback.ats_application_phase_id)!.ats_job_posting_id).toBe(app.ats_job_posting_id)
      expect(get("evaluation_forms", feedback.ats_evaluation_forms_id)!.ats_job_posting_id).toBe(app.ats_job_posting_id)
    }
    const conversations = new Set(applications.map((app) => app.ats_conversation_id))
    for (const message of all(state, "messages")) expect(conversations.has(message.ats_conversation_id)).toBe(true)
    for (const form of all(state, "evaluation_forms")) {
      if (form.ats_job_posting_id !== null) expect(get("job_postings", form.ats_job_posting_id)).toBeDefined()
    }
  })

  it("ids can start above 2^53", () => {
    const state = makeState({ bigIds: true, seed: { candidates: 2 } })
    expect(all(state, "candidates").map((row) => row.id)).toEqual(["18446744073709550001", "18446744073709550002"])
    expect(state.get("candidates", "18446744073709550002")?.company_id).toBe("18446744073709550001")
  })
})
