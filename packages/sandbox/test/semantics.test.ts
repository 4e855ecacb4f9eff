import { describe, expect, it } from "@effect/vitest"
import { Application, EvaluationForm, JobPosting, Message } from "@effect-factorial/schema"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type Sandbox, SandboxState } from "../src/index.js"
import { call, sandbox, transports } from "./support.js"

describe.each(transports)("resource semantics over %s", (transport) => {
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>, options: Sandbox.ServerOptions = { size: 100 }) =>
    Effect.provide(self, sandbox(transport, options))

  /** Two applications of different postings, and a phase of the second posting. */
  const fixture = Effect.gen(function*() {
    const state = yield* SandboxState
    const applications = [...state.scan("applications")]
    const first = applications[0]!
    const other = applications.find((app) => app.ats_job_posting_id !== first.ats_job_posting_id)!
    const phases = [...state.scan("application_phases")]
    const foreignPhase = phases.find((phase) => phase.ats_job_posting_id === other.ats_job_posting_id)!
    const ownPhase = phases.find((phase) =>
      phase.ats_job_posting_id === first.ats_job_posting_id && phase.id !== first.ats_application_phase_id
    )!
    return { state, first, foreignPhase, ownPhase }
  })

  it.effect("move_to_phase rejects a phase of another job posting and moves within the posting", () =>
    provide(Effect.gen(function*() {
      const { first, foreignPhase, ownPhase, state } = yield* fixture
      const rejected = yield* call("POST", "applications/move_to_phase", {
        body: { id: first.id, ats_application_phase_id: foreignPhase.id }
      })
      expect(rejected.status).toBe(422)
      expect(rejected.json.errors).toHaveProperty("ats_application_phase_id")
      expect(state.get("applications", String(first.id))?.ats_application_phase_id).toBe(first.ats_application_phase_id)
      const missing = yield* call("POST", "applications/move_to_phase", {
        body: { id: first.id, ats_application_phase_id: "999999" }
      })
      expect(missing.status).toBe(404)
      const before = Number(state.get("application_phases", String(ownPhase.id))!.applications_count)
      const moved = yield* call("POST", "applications/move_to_phase", {
        body: { id: first.id, ats_application_phase_id: ownPhase.id }
      })
      expect(moved.status).toBe(200)
      expect(moved.json.ats_application_phase_id).toBe(ownPhase.id)
      expect(state.get("application_phases", String(ownPhase.id))!.applications_count).toBe(before + 1)
      const old = yield* call("POST", "applications/move_to_phase", {
        version: "2026-04-01",
        body: { id: first.id, ats_application_phase_id: ownPhase.id }
      })
      expect(old.status).toBe(404)
    })))

  it.effect("apply creates the candidate and an application in the posting's first phase", () =>
    provide(Effect.gen(function*() {
      const state = yield* SandboxState
      const posting = state.get("job_postings", "2")!
      const applied = yield* call("POST", "applications/apply", {
        body: { first_name: "Mary", last_name: "Shelley", email: "mary@example.com", ats_job_posting_id: posting.id }
      })
      expect(applied.status).toBe(200)
      expect(Schema.decodeUnknownSync(Application)(applied.json).ats_job_posting_id).toBe(posting.id)
      const phase = state.get("application_phases", applied.json.ats_application_phase_id)!
      expect(phase.ats_job_posting_id).toBe(posting.id)
      expect(phase.position).toBe(1)
      const candidate = state.get("candidates", applied.json.ats_candidate_id)!
      expect(candidate.email).toBe("mary@example.com")
      expect(candidate.ats_job_posting_ids).toEqual([posting.id])
      const again = yield* call("POST", "applications/apply", {
        body: { first_name: "Mary", last_name: "Shelley", email: "mary@example.com", ats_job_posting_id: "3" }
      })
      expect(again.json.ats_candidate_id).toBe(candidate.id)
      expect(state.get("candidates", String(candidate.id))!.ats_job_posting_ids).toEqual([posting.id, "3"])
    })))

  it.effect("job_postings duplicate copies the posting and its phases; save_as_template copies a form", () =>
    provide(Effect.gen(function*() {
      const state = yield* SandboxState
      const copy = yield* call("POST", "job_postings/duplicate", { body: { id: "1" } })
      expect(copy.status).toBe(200)
      expect(copy.json.id).not.toBe("1")
      expect(copy.json.status).toBe("draft")
      expect(Schema.decodeUnknownSync(JobPosting)(copy.json).title).toContain("(copy)")
      const phases = yield* call("GET", "application_phases", { query: { "ats_job_posting_ids[]": [copy.json.id] } })
      expect(phases.json.data.map((p: { name: string }) => p.name)).toEqual(
        [...state.scan("application_phases")].filter((p) => p.ats_job_posting_id === "1").map((p) => p.name)
      )
      const template = yield* call("POST", "evaluation_forms/save_as_template", { body: { id: "3" } })
      expect(template.status).toBe(200)
      expect(template.json).toMatchObject({ based_on_id: "3", ats_job_posting_id: null })
      Schema.decodeUnknownSync(EvaluationForm)(template.json)
      const templates = yield* call("GET", "evaluation_forms", { query: { template: "true" } })
      expect(templates.json.data.map((f: { id: string }) => f.id)).toContain(template.json.id)
      expect(templates.json.data.every((f: { ats_job_posting_id: unknown }) => f.ats_job_posting_id === null)).toBe(true)
      expect((yield* call("POST", "job_postings/duplicate", { body: { id: "999999" } })).status).toBe(404)
    })))

  it.effect("GET messages requires last_per_conversation (400), which keeps the newest message per conversation", () =>
    provide(Effect.gen(function*() {
      const missing = yield* call("GET", "messages")
      expect(missing.status).toBe(400)
      expect(missing.json.errors).toHaveProperty("last_per_conversation")
      const last = yield* call("GET", "messages", { query: { last_per_conversation: "true", limit: "100" } })
      expect(last.status).toBe(200)
      const conversations = last.json.data.map((m: { ats_conversation_id: string }) => m.ats_conversation_id)
      expect(new Set(conversations).size).toBe(conversations.length)
      const every = yield* call("GET", "messages", { query: { last_per_conversation: "false" } })
      expect(every.json.meta.total).toBe(2 * last.json.meta.total)
    })))

  it.effect("last_per_conversation is optional with the quirk off", () =>
    provide(
      Effect.gen(function*() {
        expect((yield* call("GET", "messages")).status).toBe(200)
      }),
      { size: 5, quirks: { requireLastPerConversation: false } }
    ))

  it.effect("messages are created from multipart form data and join the application's conversation", () =>
    provide(Effect.gen(function*() {
      const state = yield* SandboxState
      const application = state.get("applications", "1")!
      const form = new FormData()
      form.append("content", "Hello")
      form.append("sent_by_id", "1")
      form.append("sent_by_type", "user")
      form.append("ats_application_id", "1")
      form.append("topic", "Offer")
      form.append("send_as_corporate_email", "false")
      form.append("attachments[]", new Blob(["%PDF"], { type: "application/pdf" }), "offer.pdf")
      const created = yield* call("POST", "messages", { form })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({ content: "Hello", topic: "Offer", ats_conversation_id: application.ats_conversation_id })
      expect(created.json.attachments).toEqual([{ filename: "offer.pdf", content_type: "application/pdf", byte_size: 4 }])
      Schema.decodeUnknownSync(Message)(created.json)
      const last = yield* call("GET", "messages", {
        query: { last_per_conversation: "true", ats_conversation_id: String(application.ats_conversation_id) }
      })
      expect(last.json.data.map((m: { id: string }) => m.id)).toEqual([created.json.id])
    })))

  it.effect("application filters: phase, candidates, search", () =>
    provide(Effect.gen(function*() {
      const { first } = yield* fixture
      const byPhase = yield* call("GET", "applications", { query: { ats_application_phase_id: String(first.ats_application_phase_id) } })
      expect(byPhase.json.data.every((a: { ats_application_phase_id: string }) => a.ats_application_phase_id === first.ats_application_phase_id)).toBe(true)
      const byCandidate = yield* call("GET", "applications", { query: { "ats_candidate_ids[]": [String(first.ats_candidate_id)] } })
      expect(byCandidate.json.data.map((a: { id: string }) => a.id)).toContain(first.id)
      const state = yield* SandboxState
      const email = String(state.get("candidates", String(first.ats_candidate_id))!.email)
      const bySearch = yield* call("GET", "applications", { query: { search: email } })
      expect(bySearch.json.data.every((a: { ats_candidate_id: string }) => a.ats_candidate_id === first.ats_candidate_id)).toBe(true)
      expect(bySearch.json.data.length).toBeGreaterThan(0)
    })))
})
