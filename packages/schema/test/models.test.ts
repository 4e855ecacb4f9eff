import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { Answer } from "../src/Answer.js"
import { Application, ApplicationCv } from "../src/Application.js"
import { ApplicationPhase } from "../src/ApplicationPhase.js"
import { Candidate } from "../src/Candidate.js"
import { CandidateSource } from "../src/CandidateSource.js"
import { EvaluationForm } from "../src/EvaluationForm.js"
import { Feedback } from "../src/Feedback.js"
import { HiringStage } from "../src/HiringStage.js"
import { JobPosting } from "../src/JobPosting.js"
import { Message } from "../src/Message.js"
import { Question } from "../src/Question.js"
import { RejectionReason } from "../src/RejectionReason.js"
import { pythonExamples, specExamples } from "../test-support/fixtures.js"

const models = {
  Answer,
  Application,
  ApplicationPhase,
  Candidate,
  CandidateSource,
  EvaluationForm,
  Feedback,
  HiringStage,
  JobPosting,
  Message,
  Question,
  RejectionReason
} satisfies Record<keyof typeof specExamples, Schema.Schema.AnyNoContext>

type ModelName = keyof typeof models
const modelNames = Object.keys(models) as Array<ModelName>
const schemaOf = (name: ModelName): Schema.Schema.AnyNoContext => models[name]

/** Property signatures of the wire (encoded) side of a model. */
const wireFields = (name: ModelName) => AST.getPropertySignatures(Schema.encodedSchema(schemaOf(name)).ast)
const acceptsNull = (p: AST.PropertySignature) => Schema.is(Schema.make(p.type))(null)

/** Paths and messages of a failed decode, flattened by the ArrayFormatter. */
const issuesOf = (name: ModelName, input: unknown) => {
  const result = Schema.decodeUnknownEither(schemaOf(name))(input)
  if (Either.isRight(result)) throw new Error(`expected ${name} to fail on ${JSON.stringify(input)}`)
  return ParseResult.ArrayFormatter.formatErrorSync(result.left)
}

const isIdKey = (key: string) => key === "id" || key.endsWith("_id") || key.endsWith("_ids")

/** Rewrites every id of a wire payload as a JSON integer, as API versions before 2026-07-01 sent them. */
const withIntegerIds = (payload: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(payload).map(([key, value]) => {
    if (!isIdKey(key)) return [key, value]
    const toInt = (v: unknown) => (typeof v === "string" && Number.isSafeInteger(Number(v)) ? Number(v) : v)
    return [key, Array.isArray(value) ? value.map(toInt) : toInt(value)]
  }))

describe("spec examples", () => {
  for (const name of modelNames) {
    it.effect(`${name}: the example assembled from the spec's field examples decodes`, () =>
      Effect.gen(function*() {
        const decoded = yield* Schema.decodeUnknown(schemaOf(name))(specExamples[name])
        expect(decoded).toBeInstanceOf(models[name])
        expect(decoded.id).toBe("1")
      }))
  }

  it.effect("keeps the values as sent, quirks included", () =>
    Effect.gen(function*() {
      const phase = yield* Schema.decodeUnknown(ApplicationPhase)(specExamples.ApplicationPhase)
      expect(phase.phase_type).toBe("Screening")
      const candidate = yield* Schema.decodeUnknown(Candidate)(specExamples.Candidate)
      expect(candidate.phone_number).toBe("645786980")
      expect(candidate.ats_job_posting_ids).toEqual(["1", "2", "3"])
      expect(candidate.score).toBe(7)
      const reason = yield* Schema.decodeUnknown(RejectionReason)(specExamples.RejectionReason)
      expect(DateTime.formatIso(reason.created_at!)).toBe("2024-08-22T21:30:00.000Z")
      const application = yield* Schema.decodeUnknown(Application)(specExamples.Application)
      expect(application.cv).toBeInstanceOf(ApplicationCv)
      expect(application.cv?.byte_size).toBe(1024)
      const job = yield* Schema.decodeUnknown(JobPosting)(specExamples.JobPosting)
      expect(job.category).toBe("engineering")
      expect(job.personal_url_requirement).toBe("do_not_ask")
      expect(job.salary_from_amount_in_cents).toBe(3000000)
      const form = yield* Schema.decodeUnknown(EvaluationForm)(specExamples.EvaluationForm)
      expect(form.questions).toEqual(specExamples.EvaluationForm.questions)
    }))

  for (const name of modelNames) {
    it(`${name}: every field of the model appears in the spec example or the Python example`, () => {
      const known = new Set([...Object.keys(specExamples[name]), ...Object.keys(pythonExamples[name])])
      const missing = wireFields(name).map((p) => String(p.name)).filter((key) => !known.has(key))
      expect(missing).toEqual([])
    })
  }
})

describe("Python library examples (API 2026-04-01: integer ids, nulls)", () => {
  for (const name of modelNames) {
    it.effect(`${name}: decodes, ids become strings, nulls become absent`, () =>
      Effect.gen(function*() {
        const example: Record<string, unknown> = pythonExamples[name]
        const decoded: Record<string, unknown> = yield* Schema.decodeUnknown(schemaOf(name))(example)
        expect(decoded["id"]).toBe(String(example["id"]))
        for (const [key, value] of Object.entries(example)) {
          if (value === null) expect(decoded[key]).toBeUndefined()
          else if (isIdKey(key) && typeof value === "number") expect(decoded[key]).toBe(String(value))
        }
        const encoded: Record<string, unknown> = yield* Schema.encode(schemaOf(name))(decoded)
        expect(encoded["id"]).toBe(String(example["id"]))
      }))
  }

  it.effect("a date-only value and integer id arrays decode", () =>
    Effect.gen(function*() {
      const candidate = yield* Schema.decodeUnknown(Candidate)(pythonExamples.Candidate)
      expect(candidate.ats_job_posting_ids).toEqual(["31", "32"])
      expect(candidate.consent_expiration_date && DateTime.formatIso(candidate.consent_expiration_date)).toBe(
        "2027-03-01T00:00:00.000Z"
      )
      expect(candidate.score).toBe(6.5)
    }))
})

describe("round trips", () => {
  for (const name of modelNames) {
    const schema = schemaOf(name)
    it.prop(`${name}: encode then decode gives the same value`, { value: Arbitrary.make(schema) }, ({ value }) => {
      const encoded = Schema.encodeSync(schema)(value)
      expect(Schema.decodeUnknownSync(schema)(encoded)).toStrictEqual(value)
    }, { fastCheck: { numRuns: 50 } })

    it.prop(`${name}: integer ids and string ids decode to equal values`, { value: Arbitrary.make(schema) }, ({ value }) => {
      const stringIds: Record<string, unknown> = Schema.encodeSync(schema)(value)
      const integerIds = withIntegerIds(stringIds)
      const decode = Schema.decodeUnknownSync(schema)
      expect(decode(integerIds)).toStrictEqual(decode(stringIds))
    }, { fastCheck: { numRuns: 50 } })
  }

  it("the integer-id rewrite really produces integers (the property above is not vacuous)", () => {
    const rewritten = withIntegerIds({ id: "5", ats_job_posting_ids: ["1", "36893488147419103"], title: "7" })
    expect(rewritten).toEqual({ id: 5, ats_job_posting_ids: [1, "36893488147419103"], title: "7" })
  })
})

describe("leniency", () => {
  for (const name of modelNames) {
    const nullable = wireFields(name).filter(acceptsNull).map((p) => String(p.name))

    it(`${name}: null in each optional or null-tolerant field decodes to undefined`, () => {
      expect(nullable.length).toBeGreaterThan(0)
      for (const key of nullable) {
        const decoded: Record<string, unknown> = Schema.decodeUnknownSync(schemaOf(name))({
          ...specExamples[name],
          [key]: null
        })
        expect(decoded[key], key).toBeUndefined()
      }
    })

    it(`${name}: null in all of them at once decodes, and absent optional fields too`, () => {
      const allNull = { ...specExamples[name], ...Object.fromEntries(nullable.map((key) => [key, null])) }
      expect(Either.isRight(Schema.decodeUnknownEither(schemaOf(name))(allNull))).toBe(true)
      const optionalKeys = new Set(wireFields(name).filter((p) => p.isOptional).map((p) => String(p.name)))
      const minimal = Object.fromEntries(Object.entries(specExamples[name]).filter(([key]) => !optionalKeys.has(key)))
      expect(Either.isRight(Schema.decodeUnknownEither(schemaOf(name))(minimal))).toBe(true)
    })

    it(`${name}: unknown extra fields are ignored`, () => {
      const decoded = Schema.decodeUnknownSync(schemaOf(name))({
        ...specExamples[name],
        brand_new_field: { nested: [1, 2] },
        another_one: null
      })
      expect(decoded).not.toHaveProperty("brand_new_field")
      expect(decoded).not.toHaveProperty("another_one")
    })

    it(`${name}: a missing required field fails with its path`, () => {
      const requiredKeys = wireFields(name).filter((p) => !p.isOptional).map((p) => String(p.name))
      expect(requiredKeys).toContain("id")
      for (const key of requiredKeys) {
        const { [key]: _removed, ...rest } = specExamples[name] as Record<string, unknown>
        const issues = issuesOf(name, rest)
        expect(issues, key).toEqual([{ _tag: "Missing", path: [key], message: "is missing" }])
      }
    })
  }

  const enumFields: ReadonlyArray<readonly [ModelName, string]> = [
    ["Answer", "original_question_type"],
    ["ApplicationPhase", "phase_type"],
    ["Candidate", "gender"],
    ["CandidateSource", "category"],
    ["HiringStage", "name"],
    ["JobPosting", "contract_type"],
    ["JobPosting", "category"],
    ["JobPosting", "workplace_type"],
    ["JobPosting", "status"],
    ["JobPosting", "schedule_type"],
    ["JobPosting", "salary_format"],
    ["JobPosting", "cv_requirement"],
    ["JobPosting", "cover_letter_requirement"],
    ["JobPosting", "phone_requirement"],
    ["JobPosting", "photo_requirement"],
    ["JobPosting", "personal_url_requirement"],
    ["JobPosting", "salary_period"],
    ["Question", "question_type"],
    ["RejectionReason", "decision_maker"]
  ]
  for (const [name, key] of enumFields) {
    it(`${name}.${key}: a value the SDK does not know decodes to the raw string`, () => {
      const decoded: Record<string, unknown> = Schema.decodeUnknownSync(schemaOf(name))({
        ...specExamples[name],
        [key]: "introduced_next_quarter"
      })
      expect(decoded[key]).toBe("introduced_next_quarter")
    })
  }

  it("a spec-required enum sent as null decodes to undefined and encodes back to null", () => {
    const job = Schema.decodeUnknownSync(JobPosting)({ ...specExamples.JobPosting, status: null, salary_period: null })
    expect(job.status).toBeUndefined()
    expect(job.salary_period).toBeUndefined()
    const wire = Schema.encodeSync(JobPosting)(job)
    expect(wire.status).toBeNull()
    expect(wire.salary_period).toBeNull()
  })

  it("ids above 2^53 sent as strings keep every digit", () => {
    const candidate = Schema.decodeUnknownSync(Candidate)({
      ...specExamples.Candidate,
      id: "36893488147419103",
      source_id: "18446744073709551615",
      ats_job_posting_ids: ["18446744073709550001", "36893488147419100123"]
    })
    expect(candidate.id).toBe("36893488147419103")
    expect(candidate.source_id).toBe("18446744073709551615")
    expect(candidate.ats_job_posting_ids).toEqual(["18446744073709550001", "36893488147419100123"])
    expect(Schema.encodeSync(Candidate)(candidate).id).toBe("36893488147419103")
  })

  it("timestamps in every format the API uses decode in one record", () => {
    const message = Schema.decodeUnknownSync(Message)({
      ...specExamples.Message,
      created_at: "2024-07-10T13:30:02Z",
      delayed_until: "2024-07-10T13:30:02.250Z",
      sent_at: "2024-07-10T15:30:02+02:00",
      delivered_at: "2024-07-10T06:30:02.5-07:00",
      opened_at: "2024-07-10"
    })
    expect(DateTime.formatIso(message.created_at!)).toBe("2024-07-10T13:30:02.000Z")
    expect(message.delayed_until && DateTime.formatIso(message.delayed_until)).toBe("2024-07-10T13:30:02.250Z")
    expect(message.sent_at && DateTime.formatIso(message.sent_at)).toBe("2024-07-10T13:30:02.000Z")
    expect(message.delivered_at && DateTime.formatIso(message.delivered_at)).toBe("2024-07-10T13:30:02.500Z")
    expect(message.opened_at && DateTime.formatIso(message.opened_at)).toBe("2024-07-10T00:00:00.000Z")
  })
})

describe("strictness", () => {
  it("a value of the wrong type fails with its path", () => {
    // A required field tolerates null, so the wrong type also reports the null alternative it did not match.
    const wrong = issuesOf("Candidate", { ...specExamples.Candidate, talent_pool: "yes" })
    expect(wrong).toContainEqual({ _tag: "Type", path: ["talent_pool"], message: "Expected boolean, actual \"yes\"" })
    expect(wrong.every((issue) => issue.path[0] === "talent_pool")).toBe(true)
    const nested = issuesOf("Candidate", { ...specExamples.Candidate, ats_job_posting_ids: ["1", "x"] })
    // an optional field also reports the null/undefined alternatives it did not match
    expect(nested.map((issue) => issue.path)).toContainEqual(["ats_job_posting_ids", 1])
    expect(nested.every((issue) => issue.path[0] === "ats_job_posting_ids")).toBe(true)
    const cv = issuesOf("Application", { ...specExamples.Application, cv: { byte_size: "big" } })
    expect(cv.map((issue) => issue.path)).toContainEqual(["cv", "byte_size"])
  })

  it("a required field sent as null decodes to undefined (the API sends nulls where the spec says required)", () => {
    const posting = Schema.decodeUnknownSync(JobPosting)({ ...specExamples.JobPosting, title: null, remote: null })
    expect(posting.title).toBeUndefined()
    expect(posting.remote).toBeUndefined()
    const candidate = Schema.decodeUnknownSync(Candidate)({
      ...specExamples.Candidate,
      first_name: null,
      created_at: null
    })
    expect(candidate.first_name).toBeUndefined()
    expect(candidate.created_at).toBeUndefined()
    expect(candidate.last_name).toBe(specExamples.Candidate.last_name)
  })

  it("ids stay strict: a null id or link id fails with its path", () => {
    expect(issuesOf("Candidate", { ...specExamples.Candidate, id: null }).map((issue) => issue.path)).toEqual([["id"]])
    const link = issuesOf("Application", { ...specExamples.Application, ats_candidate_id: null })
    expect(link.map((issue) => issue.path)).toEqual([["ats_candidate_id"]])
  })

  it("a required key that is missing still fails (a renamed field is not a null)", () => {
    const { title: _title, ...withoutTitle } = specExamples.JobPosting
    expect(issuesOf("JobPosting", withoutTitle).map((issue) => issue.path)).toEqual([["title"]])
  })

  it("an invalid timestamp fails with its path", () => {
    const issues = issuesOf("Feedback", { ...specExamples.Feedback, created_at: "yesterday" })
    expect(issues.every((issue) => issue.path.length === 1 && issue.path[0] === "created_at")).toBe(true)
    expect(issues.some((issue) => issue.message.includes("ISO-8601"))).toBe(true)
  })

  it("an integer id above 2^53 fails instead of losing digits", () => {
    const issues = issuesOf("Question", { ...specExamples.Question, id: 36893488147419103 })
    expect(issues.map((issue) => issue.path)).toEqual([["id"]])
    expect(issues[0]?.message).toContain("2^53")
  })
})

describe("package root", () => {
  it("re-exports every model, enum, id and the timestamp by name", async () => {
    const root: Record<string, unknown> = await import("../src/index.js")
    const names = [
      ...modelNames,
      "ApplicationCv",
      "Timestamp",
      "CandidateId",
      "JobPostingId",
      "AtsCompanyId",
      "JobPostingStatus",
      "JobPostingCategory",
      "DecisionMaker"
    ]
    expect(names.filter((name) => root[name] === undefined)).toEqual([])
    expect(root["Candidate"]).toBe(Candidate)
  })
})
