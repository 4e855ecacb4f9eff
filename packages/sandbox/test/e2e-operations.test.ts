/**
 * End to end: every operation of every ATS service, through the public `@effect-factorial/ats` API, against the
 * sandbox over real HTTP on 127.0.0.1. The list of operations is derived from `Ats.resources`, so a resource or an
 * operation added there without a case here fails the suite.
 */
import {
  Answers,
  ApplicationPhases,
  Applications,
  Ats,
  Candidates,
  CandidateSources,
  EvaluationForms,
  Feedbacks,
  HiringStages,
  JobPostings,
  Messages,
  Questions,
  RejectionReasons,
  Resource
} from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient, type Pagination } from "@effect-factorial/core"
import {
  Application,
  ApplicationPhase,
  Candidate,
  EvaluationForm,
  Feedback,
  JobPosting,
  Question,
  SenderId
} from "@effect-factorial/schema"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Sandbox, SandboxServer, SandboxState, type SandboxStateService } from "../src/index.js"

// --- the system under test: the public SDK over fetch, pointed at a fresh sandbox server --------------------------

/** Five postings so that every resource has several pages of three records. */
const AtsOnSandbox = Ats.layer.pipe(
  Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
    FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) })))),
  Layer.provide(FetchHttpClient.layer),
  Layer.provideMerge(Sandbox.layerServer({ size: 60, jobPostings: 5, seed: 11 }))
)

const tags = {
  Answers,
  ApplicationPhases,
  Applications,
  Candidates,
  CandidateSources,
  EvaluationForms,
  Feedbacks,
  HiringStages,
  JobPostings,
  Messages,
  Questions,
  RejectionReasons
} as const

type ServiceName = keyof typeof tags

// --- seeded records, decoded with the SDK's own models so payloads carry branded ids -----------------------------

const rows = (state: SandboxStateService, resource: string) => [...state.scan(resource)]

const decode = <A, I>(model: Schema.Schema<A, I>, row: unknown): A => Schema.decodeUnknownSync(model)(row)

/** The seeded records a write needs, read from the state. */
const fixture = Effect.gen(function*() {
  const state = yield* SandboxState
  const applications = rows(state, "applications").map((row) => decode(Application, row))
  const phases = rows(state, "application_phases").map((row) => decode(ApplicationPhase, row))
  const postings = rows(state, "job_postings").map((row) => decode(JobPosting, row))
  const application = applications[0]!
  const phasesOf = (postingId: string) =>
    phases.filter((phase) => phase.ats_job_posting_id === postingId).sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
  return { state, applications, phases, postings, application, phasesOf }
})

/** A wire record and what the SDK decoded agree: same fields, `null` on the wire is absent in the SDK. */
const expectSameRecord = (model: Schema.Schema.AnyNoContext, decoded: unknown, wire: Record<string, unknown>) => {
  const encoded = Schema.encodeSync(model)(decoded) as Record<string, unknown>
  for (const [field, value] of Object.entries(wire)) {
    expect([field, encoded[field]]).toEqual([field, value === null ? undefined : value])
  }
}

// --- the generic read operations: list, stream, all, get ---------------------------------------------------------

/** The reads of any resource, seen through its description rather than its static type. */
interface AnyReads {
  readonly list: (params?: Record<string, unknown>) => Effect.Effect<Pagination.Page<Identified>, Resource.ReadError>
  readonly stream: (
    filters?: Record<string, unknown>,
    options?: Pagination.StreamOptions
  ) => Stream.Stream<Identified, Resource.ScanError>
  readonly all: (
    filters?: Record<string, unknown>,
    options?: Pagination.StreamOptions
  ) => Effect.Effect<ReadonlyArray<Identified>, Resource.ScanError>
  readonly get: (id: string) => Effect.Effect<Identified, Resource.ReadError>
}
type Identified = { readonly id: string }

const readCase = (definition: Resource.Definition, operation: "list" | "stream" | "all" | "get") =>
  Effect.gen(function*() {
    const service = (yield* tags[definition.name as ServiceName]) as unknown as AnyReads
    const state = yield* SandboxState
    const wire = rows(state, definition.path)
    const ids = wire.map((row) => row.id)
    // `GET messages` without `last_per_conversation` is a 400, as on the real API.
    const params: Record<string, unknown> = definition.name === "Messages" ? { last_per_conversation: false } : {}
    expect(wire.length).toBeGreaterThan(3)
    switch (operation) {
      case "list": {
        const page = yield* service.list({ ...params, limit: 3 })
        expect(page.data.map((record) => record.id)).toEqual(ids.slice(0, 3))
        expect(page.meta.total).toBe(wire.length)
        expect(page.meta.has_next_page).toBe(true)
        expectSameRecord(definition.model, page.data[0], wire[0]!)
        return
      }
      case "stream": {
        const streamed = yield* Stream.runCollect(service.stream(params, { limit: 3 }))
        expect(Chunk.toReadonlyArray(streamed).map((record) => record.id)).toEqual(ids)
        return
      }
      case "all": {
        const all = yield* service.all(params, { limit: 3, concurrency: 2 })
        expect(all.map((record) => record.id)).toEqual(ids)
        return
      }
      case "get": {
        const row = wire[Math.floor(wire.length / 2)]!
        const record = yield* service.get(String(row.id))
        expect(record.id).toBe(row.id)
        expectSameRecord(definition.model, record, row)
        const missing = yield* Effect.either(service.get("999999999"))
        expect(Either.isLeft(missing) && missing.left._tag).toBe("NotFound")
      }
    }
  })

// --- the writes and actions, one realistic case each ----------------------------------------------------------------

/** What a case may use: the twelve services, the client, and the sandbox's state and address. */
type InContext = Layer.Layer.Success<typeof AtsOnSandbox>

const writes: { readonly [S in ServiceName]: Readonly<Record<string, Effect.Effect<void, unknown, InContext>>> } = {
  Answers: {
    create: Effect.gen(function*() {
      const { application, state } = yield* fixture
      const question = rows(state, "questions")
        .map((row) => decode(Question, row))
        .find((q) => q.ats_job_posting_id === application.ats_job_posting_id)!
      const before = state.count("answers")
      const answer = yield* (yield* Answers).create({
        ats_question_id: question.id,
        ats_application_id: application.id,
        value: "Yes, from September",
        original_question_label: question.label ?? "",
        original_question_type: "text"
      })
      expect([answer.ats_application_id, answer.ats_question_id, answer.value]).toEqual([
        application.id,
        question.id,
        "Yes, from September"
      ])
      expect(state.count("answers")).toBe(before + 1)
      expect(state.get("answers", answer.id)?.value).toBe("Yes, from September")
    })
  },
  ApplicationPhases: {},
  Applications: {
    create: Effect.gen(function*() {
      const { phasesOf, postings, state } = yield* fixture
      const candidate = decode(Candidate, rows(state, "candidates")[5])
      const posting = postings.find((p) => !(candidate.ats_job_posting_ids ?? []).includes(p.id))!
      const firstPhase = phasesOf(posting.id)[0]!
      const countBefore = Number(state.get("application_phases", firstPhase.id)?.applications_count)
      const created = yield* (yield* Applications).create({
        ats_candidate_id: candidate.id,
        ats_job_posting_id: posting.id,
        cover_letter: "Long-time user of your product."
      })
      expect([created.ats_candidate_id, created.ats_job_posting_id]).toEqual([candidate.id, posting.id])
      expect(created.ats_application_phase_id).toBe(firstPhase.id)
      expect(state.get("applications", created.id)?.cover_letter).toBe("Long-time user of your product.")
      expect(state.get("application_phases", firstPhase.id)?.applications_count).toBe(countBefore + 1)
      expect(state.get("candidates", candidate.id)?.ats_job_posting_ids).toContain(posting.id)
    }),
    update: Effect.gen(function*() {
      const { application, phasesOf, state } = yield* fixture
      const target = phasesOf(application.ats_job_posting_id).find((p) => p.id !== application.ats_application_phase_id)!
      const updated = yield* (yield* Applications).update(application.id, {
        qualified: false,
        ats_application_phase_id: target.id
      })
      expect([updated.id, updated.qualified, updated.ats_application_phase_id]).toEqual([application.id, false, target.id])
      expect(state.get("applications", application.id)).toMatchObject({ qualified: false, ats_application_phase_id: target.id })
    }),
    delete: Effect.gen(function*() {
      const { application, state } = yield* fixture
      const before = state.count("applications")
      const deleted = yield* (yield* Applications).delete(application.id)
      expect(deleted.id).toBe(application.id)
      expect(state.get("applications", application.id)).toBeUndefined()
      expect(state.count("applications")).toBe(before - 1)
      const again = yield* Effect.either((yield* Applications).get(application.id))
      expect(Either.isLeft(again) && again.left._tag).toBe("NotFound")
    }),
    apply: Effect.gen(function*() {
      const { phasesOf, postings, state } = yield* fixture
      const posting = postings[1]!
      const candidatesBefore = state.count("candidates")
      const applied = yield* (yield* Applications).apply({
        first_name: "Grace",
        last_name: "Hopper",
        email: "grace.hopper@example.com",
        ats_job_posting_id: posting.id,
        phone: "+34600000001",
        consent_to_talent_pool: true
      })
      expect(applied.ats_job_posting_id).toBe(posting.id)
      expect(applied.ats_application_phase_id).toBe(phasesOf(posting.id)[0]!.id)
      expect(state.count("candidates")).toBe(candidatesBefore + 1)
      expect(state.get("candidates", applied.ats_candidate_id)).toMatchObject({
        full_name: "Grace Hopper",
        email: "grace.hopper@example.com"
      })
    }),
    moveToPhase: Effect.gen(function*() {
      const { application, phasesOf, state } = yield* fixture
      const target = phasesOf(application.ats_job_posting_id).at(-1)!
      expect(target.id).not.toBe(application.ats_application_phase_id)
      const moved = yield* (yield* Applications).moveToPhase({ id: application.id, ats_application_phase_id: target.id })
      expect([moved.id, moved.ats_application_phase_id]).toEqual([application.id, target.id])
      expect(state.get("applications", application.id)?.ats_application_phase_id).toBe(target.id)
    })
  },
  Candidates: {
    create: Effect.gen(function*() {
      const state = yield* SandboxState
      const before = state.count("candidates")
      const created = yield* (yield* Candidates).create({
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        company_id: decode(Candidate, rows(state, "candidates")[0]).company_id!,
        talent_pool: true,
        gender: "female"
      })
      expect([created.full_name, created.email, created.talent_pool]).toEqual(["Ada Lovelace", "ada@example.com", true])
      expect(state.count("candidates")).toBe(before + 1)
      expect(state.get("candidates", created.id)?.full_name).toBe("Ada Lovelace")
    }),
    update: Effect.gen(function*() {
      const state = yield* SandboxState
      const candidate = decode(Candidate, rows(state, "candidates")[3])
      const updated = yield* (yield* Candidates).update(candidate.id, { last_name: "Byron", talent_pool: true })
      expect([updated.id, updated.full_name, updated.talent_pool]).toEqual([
        candidate.id,
        `${candidate.first_name} Byron`,
        true
      ])
      expect(state.get("candidates", candidate.id)).toMatchObject({ last_name: "Byron", talent_pool: true })
    }),
    delete: Effect.gen(function*() {
      const state = yield* SandboxState
      const candidate = decode(Candidate, rows(state, "candidates")[7])
      const deleted = yield* (yield* Candidates).delete(candidate.id)
      expect([deleted.id, deleted.email]).toEqual([candidate.id, candidate.email])
      expect(state.get("candidates", candidate.id)).toBeUndefined()
    })
  },
  CandidateSources: {},
  EvaluationForms: {
    saveAsTemplate: Effect.gen(function*() {
      const state = yield* SandboxState
      const form = rows(state, "evaluation_forms")
        .map((row) => decode(EvaluationForm, row))
        .find((f) => f.ats_job_posting_id !== undefined)!
      const forms = yield* EvaluationForms
      const template = yield* forms.saveAsTemplate({ id: form.id })
      expect(template.id).not.toBe(form.id)
      expect([template.based_on_id, template.ats_job_posting_id, template.name]).toEqual([form.id, undefined, form.name])
      const templates = yield* forms.all({ template: true })
      expect(templates.map((t) => t.id)).toContain(template.id)
    })
  },
  Feedbacks: {
    create: Effect.gen(function*() {
      const { application, state } = yield* fixture
      const created = yield* (yield* Feedbacks).create({
        ats_candidate_id: application.ats_candidate_id,
        ats_application_id: application.id,
        rating: 4,
        description: "Strong system design interview."
      })
      expect([created.ats_candidate_id, created.ats_application_id, created.rating]).toEqual([
        application.ats_candidate_id,
        application.id,
        4
      ])
      expect(state.get("feedbacks", created.id)?.description).toBe("Strong system design interview.")
    }),
    update: Effect.gen(function*() {
      const state = yield* SandboxState
      const feedback = decode(Feedback, rows(state, "feedbacks")[1])
      const updated = yield* (yield* Feedbacks).update(feedback.id, { rating: 5, description: "Revised after the call." })
      expect([updated.id, updated.rating, updated.description]).toEqual([feedback.id, 5, "Revised after the call."])
      expect(state.get("feedbacks", feedback.id)).toMatchObject({ rating: 5, description: "Revised after the call." })
    }),
    delete: Effect.gen(function*() {
      const state = yield* SandboxState
      const feedback = decode(Feedback, rows(state, "feedbacks")[2])
      const deleted = yield* (yield* Feedbacks).delete(feedback.id)
      expect(deleted.id).toBe(feedback.id)
      expect(state.get("feedbacks", feedback.id)).toBeUndefined()
    })
  },
  HiringStages: {},
  JobPostings: {
    create: Effect.gen(function*() {
      const state = yield* SandboxState
      const created = yield* (yield* JobPostings).create({
        title: "Staff Platform Engineer",
        status: "draft",
        cv_requirement: "mandatory",
        cover_letter_requirement: "optional",
        phone_requirement: "optional",
        photo_requirement: "do_not_ask",
        personal_url_requirement: "optional",
        workplace_type: "hybrid",
        salary_format: "range",
        salary_from_amount_in_cents: 7_000_000,
        salary_to_amount_in_cents: 9_000_000,
        salary_period: "annual"
      })
      expect([created.title, created.status, created.salary_to_amount_in_cents]).toEqual([
        "Staff Platform Engineer",
        "draft",
        9_000_000
      ])
      expect(state.get("job_postings", created.id)?.title).toBe("Staff Platform Engineer")
    }),
    update: Effect.gen(function*() {
      const { postings, state } = yield* fixture
      const draft = postings.find((p) => p.published_at === undefined) ??
        (yield* (yield* JobPostings).update(postings[0]!.id, { status: "draft" }))
      const updated = yield* (yield* JobPostings).update(draft.id, { status: "published", title: "Renamed role" })
      expect([updated.id, updated.status, updated.title]).toEqual([draft.id, "published", "Renamed role"])
      expect(state.get("job_postings", draft.id)).toMatchObject({ status: "published", title: "Renamed role" })
    }),
    delete: Effect.gen(function*() {
      const { postings, state } = yield* fixture
      const deleted = yield* (yield* JobPostings).delete(postings[4]!.id)
      expect(deleted.id).toBe(postings[4]!.id)
      expect(state.get("job_postings", postings[4]!.id)).toBeUndefined()
    }),
    duplicate: Effect.gen(function*() {
      const { phasesOf, postings } = yield* fixture
      const original = postings[2]!
      const copy = yield* (yield* JobPostings).duplicate({ id: original.id })
      expect(copy.id).not.toBe(original.id)
      expect([copy.title, copy.status]).toEqual([`${original.title} (copy)`, "draft"])
      const copiedPhases = yield* (yield* ApplicationPhases).all({ ats_job_posting_ids: [copy.id] })
      expect(copiedPhases.map((p) => p.name)).toEqual(phasesOf(original.id).map((p) => p.name))
    })
  },
  Messages: {
    create: Effect.gen(function*() {
      const { application, state } = yield* fixture
      const created = yield* (yield* Messages).create({
        content: "Could you send us your portfolio?",
        sent_by_id: SenderId.make(1),
        sent_by_type: "user",
        ats_application_id: application.id,
        attachments: [new File(["Role description"], "role.txt", { type: "text/plain" })],
        topic: "Next steps",
        send_as_corporate_email: false
      })
      expect([created.content, created.topic, created.ats_conversation_id]).toEqual([
        "Could you send us your portfolio?",
        "Next steps",
        application.ats_conversation_id
      ])
      expect(created.attachments).toEqual([{ filename: "role.txt", content_type: "text/plain", byte_size: 16 }])
      expect(state.get("messages", created.id)?.content).toBe("Could you send us your portfolio?")
    })
  },
  Questions: {
    create: Effect.gen(function*() {
      const { postings, state } = yield* fixture
      const created = yield* (yield* Questions).create({
        ats_job_posting_id: postings[0]!.id,
        company_id: postings[0]!.company_id,
        label: "Which time zone do you work from?",
        position: 3,
        question_type: "text"
      })
      // mandatory and auto_disqualify are optional in the payload; the record always carries them.
      expect([created.ats_job_posting_id, created.label, created.question_type, created.mandatory, created.auto_disqualify])
        .toEqual([postings[0]!.id, "Which time zone do you work from?", "text", false, false])
      expect(state.get("questions", created.id)?.label).toBe("Which time zone do you work from?")
    }),
    update: Effect.gen(function*() {
      const state = yield* SandboxState
      const question = decode(Question, rows(state, "questions")[0])
      const updated = yield* (yield* Questions).update(question.id, { label: "Can you relocate?", mandatory: false })
      expect([updated.id, updated.label, updated.mandatory]).toEqual([question.id, "Can you relocate?", false])
      expect(state.get("questions", question.id)).toMatchObject({ label: "Can you relocate?", mandatory: false })
    }),
    delete: Effect.gen(function*() {
      const state = yield* SandboxState
      const question = decode(Question, rows(state, "questions")[1])
      const deleted = yield* (yield* Questions).delete(question.id)
      expect(deleted.id).toBe(question.id)
      expect(state.get("questions", question.id)).toBeUndefined()
    })
  },
  RejectionReasons: {}
}

const reads = new Set(["list", "stream", "all", "get"])

describe("every operation of every resource, over HTTP", () => {
  const derived = Ats.resources.flatMap((definition) =>
    Resource.operations(definition).map((operation) => `${definition.name}.${operation}`)
  )

  it("the cases cover exactly the operations the resource descriptions declare", () => {
    const covered = Ats.resources.flatMap((definition) => [
      ...["list", "stream", "all", "get"].map((operation) => `${definition.name}.${operation}`),
      ...Object.keys(writes[definition.name as ServiceName] ?? {}).map((operation) => `${definition.name}.${operation}`)
    ])
    expect(covered.sort()).toEqual([...derived].sort())
    // The 45 operations of the API, plus `stream` and `all` of each of the twelve resources.
    expect(derived.length).toBe(45 + 2 * 12)
  })

  for (const definition of Ats.resources) {
    for (const operation of Resource.operations(definition)) {
      it.live(`${definition.name}.${operation}`, () => {
        const write = writes[definition.name as ServiceName]?.[operation]
        const test = reads.has(operation)
          ? readCase(definition, operation as "list" | "stream" | "all" | "get")
          : write ?? Effect.dieMessage(`no end-to-end case for ${definition.name}.${operation}`)
        return Effect.provide(test, AtsOnSandbox)
      })
    }
  }
})
