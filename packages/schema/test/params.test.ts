import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import {
  ApplicationId,
  CandidateId,
  ConversationId,
  JobPostingId,
  LegalEntityId,
  ListAnswersParams,
  ListApplicationPhasesParams,
  ListApplicationsParams,
  ListCandidateSourcesParams,
  ListCandidatesParams,
  ListEvaluationFormsParams,
  ListFeedbacksParams,
  ListHiringStagesParams,
  ListJobPostingsParams,
  ListMessagesParams,
  ListQuestionsParams,
  ListRejectionReasonsParams,
  LocationId,
  PageParams,
  TagId,
  TeamId
} from "../src/index.js"

const paramsSchemas = {
  ListAnswersParams,
  ListApplicationsParams,
  ListApplicationPhasesParams,
  ListCandidatesParams,
  ListCandidateSourcesParams,
  ListEvaluationFormsParams,
  ListFeedbacksParams,
  ListHiringStagesParams,
  ListJobPostingsParams,
  ListMessagesParams,
  ListQuestionsParams,
  ListRejectionReasonsParams
}
type ParamsName = keyof typeof paramsSchemas
const paramsNames = Object.keys(paramsSchemas) as Array<ParamsName>
const schemaOf = (name: ParamsName): Schema.Schema<any, any> => paramsSchemas[name]

/** The spec's query parameter names of each list endpoint, brackets included. */
const specFilters: Record<ParamsName, ReadonlyArray<string>> = {
  ListAnswersParams: ["ids[]", "ats_application_ids[]"],
  ListApplicationsParams: [
    "ids[]",
    "ats_job_posting_id",
    "qualified",
    "ats_application_phase_id",
    "ats_candidate_ids[]",
    "ats_rejection_reason_ids[]",
    "search",
    "ats_tags_ids[]"
  ],
  ListApplicationPhasesParams: ["ids[]", "ats_job_posting_ids[]"],
  ListCandidatesParams: [
    "ids[]",
    "emails[]",
    "team_ids[]",
    "location_ids[]",
    "source[]",
    "remote",
    "job_posting_ids[]",
    "minimum_average_rating",
    "active",
    "talent_pool",
    "archived"
  ],
  ListCandidateSourcesParams: ["ids[]"],
  ListEvaluationFormsParams: ["ids[]", "ats_job_posting_ids[]", "template"],
  ListFeedbacksParams: ["ids[]", "ats_application_ids[]", "ats_candidate_id"],
  ListHiringStagesParams: ["ids[]", "ats_application_phase_id"],
  ListJobPostingsParams: ["ids[]", "status", "team_id", "location_id", "legal_entity_id"],
  ListMessagesParams: ["id", "ids[]", "ats_conversation_id", "ats_conversation_ids[]", "last_per_conversation"],
  ListQuestionsParams: ["ids[]", "ats_job_posting_ids[]"],
  ListRejectionReasonsParams: ["ids[]", "ats_application_ids[]"]
}

const pageKeys = ["limit", "after_id", "before_id", "page"]

/** Whether a field holds an array (its type, or a member of its `X | undefined` union, is a tuple type). */
const isArrayField = (field: AST.PropertySignature): boolean => {
  const type = AST.typeAST(field.type)
  return (AST.isUnion(type) ? type.types : [type]).some(AST.isTupleType)
}

const fieldsOf = (name: ParamsName) => AST.getPropertySignatures(schemaOf(name).ast)

const encodeFailure = (schema: Schema.Schema<any, any>, input: unknown) => {
  const result = Schema.encodeUnknownEither(schema)(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return {
    issues: ParseResult.ArrayFormatter.formatErrorSync(result.left),
    message: ParseResult.TreeFormatter.formatErrorSync(result.left)
  }
}

/** What the core query encoder accepts: scalars, or arrays of scalars. */
const isQueryValue = (value: unknown): boolean => {
  const scalar = (v: unknown) => ["string", "number", "boolean"].includes(typeof v)
  return Array.isArray(value) ? value.every(scalar) : scalar(value)
}

describe("shape", () => {
  for (const name of paramsNames) {
    it(`${name}: exactly the spec's filters (without "[]") plus the paging parameters`, () => {
      const expected = [...specFilters[name].map((filter) => filter.replace(/\[\]$/, "")), ...pageKeys]
      expect(fieldsOf(name).map((p) => String(p.name)).sort()).toEqual(expected.sort())
    })

    it(`${name}: array filters are exactly the spec's "[]" parameters`, () => {
      const arrays = fieldsOf(name)
        .filter(isArrayField)
        .map((p) => `${String(p.name)}[]`)
      expect(arrays.sort()).toEqual(specFilters[name].filter((filter) => filter.endsWith("[]")).sort())
    })
  }

  it("only last_per_conversation of messages is required", () => {
    for (const name of paramsNames) {
      const required = fieldsOf(name).filter((p) => !p.isOptional).map((p) => String(p.name))
      expect(required).toEqual(name === "ListMessagesParams" ? ["last_per_conversation"] : [])
    }
  })
})

describe("encoding", () => {
  it.effect("candidates: arrays stay arrays, ids become strings, booleans and numbers stay as they are", () =>
    Effect.gen(function*() {
      const encoded = yield* Schema.encode(ListCandidatesParams)({
        ids: [CandidateId.make(1), CandidateId.make("36893488147419103")],
        emails: ["ana@example.com", "juan@example.com"],
        team_ids: [TeamId.make("4")],
        location_ids: [LocationId.make(5)],
        source: ["referral", "linkedin"],
        job_posting_ids: [JobPostingId.make("6")],
        remote: false,
        minimum_average_rating: 3.5,
        talent_pool: true,
        limit: 50,
        after_id: "MTc="
      })
      expect(encoded).toStrictEqual({
        ids: ["1", "36893488147419103"],
        emails: ["ana@example.com", "juan@example.com"],
        team_ids: ["4"],
        location_ids: ["5"],
        source: ["referral", "linkedin"],
        job_posting_ids: ["6"],
        remote: false,
        minimum_average_rating: 3.5,
        talent_pool: true,
        limit: 50,
        after_id: "MTc="
      })
    }))

  it.effect("the encoded filters keep the caller's order (query strings are stable)", () =>
    Effect.gen(function*() {
      const input = { ids: [CandidateId.make("1"), CandidateId.make("2")], talent_pool: true, limit: 10 }
      expect(Object.keys(yield* Schema.encodeUnknown(ListCandidatesParams)(input))).toEqual(["ids", "talent_pool", "limit"])
      const reversed = { limit: 10, talent_pool: true, ids: [CandidateId.make("1")] }
      expect(Object.keys(yield* Schema.encodeUnknown(ListCandidatesParams)(reversed))).toEqual(["limit", "talent_pool", "ids"])
    }))

  it.effect("filters that are not given are not in the encoded object", () =>
    Effect.gen(function*() {
      expect(yield* Schema.encode(ListApplicationsParams)({})).toStrictEqual({})
      expect(yield* Schema.encode(ListMessagesParams)({ last_per_conversation: false })).toStrictEqual({
        last_per_conversation: false
      })
      expect(
        yield* Schema.encode(ListApplicationsParams)({
          ats_job_posting_id: JobPostingId.make(3),
          ats_tags_ids: [TagId.make(8)],
          qualified: true,
          search: "ana",
          page: 2
        })
      ).toStrictEqual({ ats_job_posting_id: "3", ats_tags_ids: ["8"], qualified: true, search: "ana", page: 2 })
    }))

  it.effect("job postings: the single-value filters and a closed status", () =>
    Effect.gen(function*() {
      const encoded = yield* Schema.encode(ListJobPostingsParams)({
        status: "published",
        team_id: TeamId.make(1),
        location_id: LocationId.make(2),
        legal_entity_id: LegalEntityId.make(3)
      })
      expect(encoded).toStrictEqual({ status: "published", team_id: "1", location_id: "2", legal_entity_id: "3" })
      const { issues } = encodeFailure(ListJobPostingsParams, { status: "open" })
      expect(issues).toHaveLength(1)
      expect(issues[0].path).toEqual(["status"])
      expect(issues[0].message).toContain(`actual "open"`)
      expect(issues[0].message).toContain(`"deleted"`)
    }))

  it.effect("messages and feedbacks: single ids next to id arrays", () =>
    Effect.gen(function*() {
      expect(
        yield* Schema.encode(ListMessagesParams)({
          last_per_conversation: true,
          ats_conversation_ids: [ConversationId.make(1), ConversationId.make(2)]
        })
      ).toStrictEqual({ last_per_conversation: true, ats_conversation_ids: ["1", "2"] })
      expect(
        yield* Schema.encode(ListFeedbacksParams)({
          ats_candidate_id: CandidateId.make(9),
          ats_application_ids: [ApplicationId.make(10)]
        })
      ).toStrictEqual({ ats_candidate_id: "9", ats_application_ids: ["10"] })
    }))
})

describe("spec examples", () => {
  // The query parameter examples of ats-paths.yaml (API 2026-07-01), one query per list endpoint (job postings
  // and messages have none). Two examples contradict their own type and are corrected here: `source[]`
  // ("email" for an array) and the feedbacks' `ats_candidate_id` ("[1, 2, 3]" for one id).
  const pair = ["1", "2"]
  const three = ["1", "2", "3"]
  const examples: Partial<Record<ParamsName, Record<string, unknown>>> = {
    ListAnswersParams: { ids: pair, ats_application_ids: pair },
    ListApplicationsParams: {
      ids: pair,
      ats_job_posting_id: "1",
      qualified: true,
      ats_application_phase_id: "1",
      ats_candidate_ids: ["1"],
      ats_rejection_reason_ids: ["1"],
      search: "application",
      ats_tags_ids: ["1"]
    },
    ListApplicationPhasesParams: { ids: pair, ats_job_posting_ids: pair },
    ListCandidatesParams: {
      ids: three,
      emails: ["ana@factorial.com", "juan@factorial.com"],
      team_ids: three,
      location_ids: three,
      source: ["email"],
      remote: true,
      job_posting_ids: three,
      minimum_average_rating: 4,
      active: true,
      talent_pool: true,
      archived: true
    },
    ListCandidateSourcesParams: { ids: three },
    ListEvaluationFormsParams: { ids: three, ats_job_posting_ids: three, template: true },
    ListFeedbacksParams: { ids: three, ats_application_ids: three, ats_candidate_id: "1" },
    ListHiringStagesParams: { ids: pair, ats_application_phase_id: "1" },
    ListQuestionsParams: { ids: pair, ats_job_posting_ids: pair },
    ListRejectionReasonsParams: { ids: pair, ats_application_ids: pair }
  }

  for (const [name, example] of Object.entries(examples) as Array<[ParamsName, Record<string, unknown>]>) {
    it(`${name}: the spec's example filters are accepted and encode back to themselves`, () => {
      // Every filter of the endpoint has an example.
      expect(Object.keys(example).sort()).toEqual(specFilters[name].map((f) => f.replace(/\[\]$/, "")).sort())
      const schema = schemaOf(name)
      expect(Schema.encodeSync(schema)(Schema.decodeUnknownSync(schema)(example))).toStrictEqual(example)
    })
  }

  it("the two self-contradicting examples are refused as the spec writes them", () => {
    expect(Schema.decodeUnknownEither(ListCandidatesParams)({ source: "email" })._tag).toBe("Left")
    expect(Schema.decodeUnknownEither(ListFeedbacksParams)({ ats_candidate_id: "[1, 2, 3]" })._tag).toBe("Left")
  })
})

describe("refused before sending", () => {
  it("messages without last_per_conversation", () => {
    const { issues, message } = encodeFailure(ListMessagesParams, { limit: 10 })
    expect(issues).toEqual([{ _tag: "Missing", path: ["last_per_conversation"], message: "is missing" }])
    expect(message).toContain("ListMessagesParams")
    expect(message).toContain(`["last_per_conversation"]`)
  })

  it("a malformed id inside an id filter names its index", () => {
    expect(encodeFailure(ListCandidatesParams, { ids: ["1", "ana"] }).issues[0].path).toEqual(["ids", 1])
    expect(encodeFailure(ListApplicationsParams, { ats_job_posting_id: "job-1" }).issues[0].path).toEqual([
      "ats_job_posting_id"
    ])
  })

  it("a boolean filter given as a string", () => {
    expect(encodeFailure(ListEvaluationFormsParams, { template: "true" }).issues[0].path).toEqual(["template"])
  })
})

describe("PageParams", () => {
  it.effect("accepts any positive limit (the API clamps to 100) and opaque cursors", () =>
    Effect.gen(function*() {
      expect(yield* Schema.encode(PageParams)({ limit: 500, before_id: "Mjc=" })).toStrictEqual({
        limit: 500,
        before_id: "Mjc="
      })
      expect(yield* Schema.encode(PageParams)({ limit: 1, page: 1 })).toStrictEqual({ limit: 1, page: 1 })
    }))

  it("refuses a limit or page below 1 and a fractional limit", () => {
    expect(encodeFailure(PageParams, { limit: 0 }).issues[0].path).toEqual(["limit"])
    expect(encodeFailure(PageParams, { limit: 2.5 }).issues[0].path).toEqual(["limit"])
    expect(encodeFailure(PageParams, { page: 0 }).issues[0].path).toEqual(["page"])
  })

  it("is part of every list params schema", () => {
    for (const name of paramsNames) {
      const fields = paramsSchemas[name].fields as Record<string, unknown>
      for (const key of pageKeys) {
        expect(fields[key], `${name}.${key}`).toBe((PageParams.fields as Record<string, unknown>)[key])
      }
    }
  })
})

describe("arbitrary params", () => {
  for (const name of paramsNames) {
    it(`${name}: Arbitrary.make samples encode to query-ready values and decode back`, () => {
      const schema = schemaOf(name)
      for (const sample of FastCheck.sample(Arbitrary.make(schema), 25)) {
        const encoded: Record<string, unknown> = Schema.encodeSync(schema)(sample)
        for (const [key, value] of Object.entries(encoded)) {
          if (value !== undefined) expect(isQueryValue(value), `${name}.${key}`).toBe(true)
        }
        expect(Schema.decodeUnknownSync(schema)(encoded)).toStrictEqual(sample)
      }
    })
  }
})
