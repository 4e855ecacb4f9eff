import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import {
  ApplicationId,
  ApplicationPhaseId,
  ApplyToJobPosting,
  CandidateId,
  CompanyId,
  ContractType,
  CreateAnswer,
  CreateApplication,
  CreateCandidate,
  CreateFeedback,
  CreateJobPosting,
  CreateMessage,
  createMessageFormData,
  CreateQuestion,
  DuplicateJobPosting,
  EvaluationFormId,
  JobPostingCategory,
  JobPostingId,
  MentionId,
  MoveApplicationToPhase,
  QuestionId,
  SaveEvaluationFormAsTemplate,
  SenderId,
  TeamId,
  UpdateApplication,
  UpdateCandidate,
  UpdateFeedback,
  UpdateJobPosting,
  UpdateQuestion
} from "../src/index.js"

const payloads = {
  CreateAnswer,
  CreateApplication,
  UpdateApplication,
  ApplyToJobPosting,
  MoveApplicationToPhase,
  CreateCandidate,
  UpdateCandidate,
  SaveEvaluationFormAsTemplate,
  CreateFeedback,
  UpdateFeedback,
  CreateJobPosting,
  UpdateJobPosting,
  DuplicateJobPosting,
  CreateMessage,
  CreateQuestion,
  UpdateQuestion
}
type PayloadName = keyof typeof payloads
const payloadNames = Object.keys(payloads) as Array<PayloadName>
const schemaOf = (name: PayloadName): Schema.Schema<any, any> => payloads[name]

/** The required fields of each body, as the spec lists them (update bodies without their `id`). */
const specRequired: Record<PayloadName, ReadonlyArray<string>> = {
  CreateAnswer: ["ats_question_id", "ats_application_id", "value", "original_question_label", "original_question_type"],
  CreateApplication: ["ats_job_posting_id"],
  UpdateApplication: [],
  ApplyToJobPosting: ["first_name", "last_name", "ats_job_posting_id", "email"],
  MoveApplicationToPhase: ["id", "ats_application_phase_id"],
  CreateCandidate: ["first_name", "last_name", "company_id"],
  UpdateCandidate: [],
  SaveEvaluationFormAsTemplate: ["id"],
  CreateFeedback: ["ats_candidate_id"],
  UpdateFeedback: [],
  CreateJobPosting: [
    "title",
    "status",
    "cv_requirement",
    "cover_letter_requirement",
    "phone_requirement",
    "photo_requirement",
    "personal_url_requirement"
  ],
  UpdateJobPosting: [],
  DuplicateJobPosting: ["id"],
  CreateMessage: [
    "content",
    "sent_by_id",
    "sent_by_type",
    "ats_application_id",
    "attachments",
    "topic",
    "send_as_corporate_email"
  ],
  CreateQuestion: ["ats_job_posting_id", "company_id", "label", "position", "question_type"],
  UpdateQuestion: []
}

/** Every field of each body in the spec (update bodies without their `id`). */
const specFieldCount: Record<PayloadName, number> = {
  CreateAnswer: 5,
  CreateApplication: 11,
  UpdateApplication: 9,
  ApplyToJobPosting: 12,
  MoveApplicationToPhase: 2,
  CreateCandidate: 11,
  UpdateCandidate: 7,
  SaveEvaluationFormAsTemplate: 1,
  CreateFeedback: 7,
  UpdateFeedback: 3,
  CreateJobPosting: 18,
  UpdateJobPosting: 18,
  DuplicateJobPosting: 1,
  CreateMessage: 8,
  CreateQuestion: 8,
  UpdateQuestion: 5
}

const fieldsOf = (name: PayloadName) => AST.getPropertySignatures(schemaOf(name).ast)

const jobPosting: CreateJobPosting = {
  title: "Backend engineer",
  status: "draft",
  cv_requirement: "mandatory",
  cover_letter_requirement: "optional",
  phone_requirement: "do_not_ask",
  photo_requirement: "do_not_ask",
  personal_url_requirement: "optional"
}

const message: CreateMessage = {
  content: "Thanks for applying",
  sent_by_id: SenderId.make("9"),
  sent_by_type: "user",
  ats_application_id: ApplicationId.make("36893488147419103"),
  attachments: [],
  topic: "Your application",
  send_as_corporate_email: false
}

/** A valid value of every payload, with every required field set. */
const valid: Record<PayloadName, Record<string, unknown>> = {
  CreateAnswer: {
    ats_question_id: QuestionId.make("1"),
    ats_application_id: ApplicationId.make("2"),
    value: "Yes",
    original_question_label: "Are you open to relocate?",
    original_question_type: "single_choice"
  },
  CreateApplication: { ats_job_posting_id: JobPostingId.make("3") },
  UpdateApplication: { qualified: true },
  ApplyToJobPosting: {
    first_name: "Jane",
    last_name: "Doe",
    email: "jane@example.com",
    ats_job_posting_id: JobPostingId.make("3")
  },
  MoveApplicationToPhase: { id: ApplicationId.make("4"), ats_application_phase_id: ApplicationPhaseId.make("5") },
  CreateCandidate: { first_name: "Ana", last_name: "Perez", company_id: CompanyId.make("6") },
  UpdateCandidate: { email: "ana@example.com" },
  SaveEvaluationFormAsTemplate: { id: EvaluationFormId.make("7") },
  CreateFeedback: { ats_candidate_id: CandidateId.make("8") },
  UpdateFeedback: { rating: 5 },
  CreateJobPosting: jobPosting,
  UpdateJobPosting: { title: "Senior backend engineer" },
  DuplicateJobPosting: { id: JobPostingId.make("9") },
  CreateMessage: message,
  CreateQuestion: {
    ats_job_posting_id: JobPostingId.make("3"),
    company_id: CompanyId.make("6"),
    label: "Are you open to relocate?",
    position: 1,
    question_type: "single_choice"
  },
  UpdateQuestion: { position: 2 }
}

/** The issues of a failed encode, flattened, plus the message the SDK shows users. */
const encodeFailure = (name: PayloadName, input: unknown) => {
  const result = Schema.encodeUnknownEither(schemaOf(name), { errors: "all" })(input)
  if (Either.isRight(result)) throw new Error(`expected ${name} to refuse ${JSON.stringify(input)}`)
  return {
    issues: ParseResult.ArrayFormatter.formatErrorSync(result.left),
    message: ParseResult.TreeFormatter.formatErrorSync(result.left)
  }
}

describe("shape", () => {
  for (const name of payloadNames) {
    it(`${name}: requires exactly the spec's required fields and has all its fields`, () => {
      const required = fieldsOf(name).filter((p) => !p.isOptional).map((p) => String(p.name))
      expect(required.sort()).toEqual([...specRequired[name]].sort())
      expect(fieldsOf(name)).toHaveLength(specFieldCount[name])
    })
  }

  it("update bodies carry no id; action bodies keep theirs", () => {
    for (const schema of [UpdateApplication, UpdateCandidate, UpdateFeedback, UpdateJobPosting, UpdateQuestion]) {
      expect(Object.keys(schema.fields)).not.toContain("id")
    }
    for (const schema of [MoveApplicationToPhase, DuplicateJobPosting, SaveEvaluationFormAsTemplate]) {
      expect(Object.keys(schema.fields)).toContain("id")
    }
  })

  it("update bodies of job postings have the create body's fields", () => {
    expect(Object.keys(UpdateJobPosting.fields).sort()).toEqual(Object.keys(CreateJobPosting.fields).sort())
  })
})

describe("refused before sending", () => {
  const wrongEnums: ReadonlyArray<readonly [PayloadName, string, unknown]> = [
    ["CreateJobPosting", "status", "drafts"],
    ["CreateJobPosting", "cv_requirement", "required"],
    ["CreateJobPosting", "contract_type", "full-time"],
    ["CreateJobPosting", "category", "engineering "],
    ["UpdateJobPosting", "workplace_type", "office"],
    ["UpdateJobPosting", "salary_period", "weekly"],
    ["UpdateJobPosting", "schedule_type", "FULL_TIME"],
    ["UpdateJobPosting", "salary_format", "exact"],
    ["CreateQuestion", "question_type", "dropdown"],
    ["CreateMessage", "sent_by_type", "admin"],
    ["CreateApplication", "author_type", "robot"],
    ["UpdateApplication", "author_type", "employee"],
    ["CreateCandidate", "gender", "f"],
    ["ApplyToJobPosting", "gender", "woman"],
    // The create-answer body of the spec does not list `file` (answers are sent as text).
    ["CreateAnswer", "original_question_type", "file"]
  ]
  for (const [name, field, value] of wrongEnums) {
    it(`${name}: ${field} = ${JSON.stringify(value)} fails with one readable line naming the field`, () => {
      const { issues, message } = encodeFailure(name, { ...valid[name], [field]: value })
      expect(issues).toHaveLength(1)
      expect(issues[0].path).toEqual([field])
      expect(issues[0].message).toMatch(/^Expected one of ".+" \| ".+", actual /)
      expect(issues[0].message).toContain(JSON.stringify(value))
      expect(message).toContain(`["${field}"]`)
    })
  }

  for (const name of payloadNames) {
    for (const field of specRequired[name]) {
      it(`${name}: without ${field} fails with "is missing" at ["${field}"]`, () => {
        const { [field]: _removed, ...rest } = valid[name]
        const { issues, message } = encodeFailure(name, rest)
        expect(issues).toEqual([{ _tag: "Missing", path: [field], message: "is missing" }])
        expect(message).toContain(name)
        expect(message).toContain(`["${field}"]\n`)
      })
    }
  }

  it("a value of the wrong type, a malformed id or an out-of-range rating names its field", () => {
    expect(encodeFailure("CreateQuestion", { ...valid.CreateQuestion, position: 1.5 }).issues[0].path).toEqual([
      "position"
    ])
    expect(encodeFailure("CreateMessage", { ...message, send_as_corporate_email: "yes" }).issues[0].path).toEqual([
      "send_as_corporate_email"
    ])
    expect(encodeFailure("CreateApplication", { ats_job_posting_id: "job-1" }).issues[0].path).toEqual([
      "ats_job_posting_id"
    ])
    expect(encodeFailure("CreateFeedback", { ...valid.CreateFeedback, mention_ids: ["1", "x"] }).issues[0].path)
      .toEqual(["mention_ids", 1])
    expect(encodeFailure("UpdateFeedback", { rating: 6 }).issues[0].path).toEqual(["rating"])
    expect(encodeFailure("CreateMessage", { ...message, attachments: ["not a file"] }).issues[0].path).toEqual([
      "attachments",
      0
    ])
  })

  it("null is not a value for an optional field", () => {
    expect(encodeFailure("UpdateCandidate", { email: null }).issues[0].path).toEqual(["email"])
  })
})

describe("wire form", () => {
  it.effect("ids encode as strings and dates as ISO-8601 strings", () =>
    Effect.gen(function*() {
      const encoded = yield* Schema.encode(CreateCandidate)({
        first_name: "Ana",
        last_name: "Perez",
        company_id: CompanyId.make(42),
        consent_given_at: DateTime.unsafeMake("2024-08-22T14:30:00-07:00"),
        gender: "female"
      })
      expect(encoded).toStrictEqual({
        first_name: "Ana",
        last_name: "Perez",
        company_id: "42",
        consent_given_at: "2024-08-22T21:30:00.000Z",
        gender: "female"
      })

      const feedback = yield* Schema.encode(CreateFeedback)({
        ats_candidate_id: CandidateId.make("18446744073709551615"),
        mention_ids: [MentionId.make(1), MentionId.make("36893488147419103")],
        ats_evaluation_forms_id: EvaluationFormId.make(3),
        rating: 4
      })
      expect(feedback).toStrictEqual({
        ats_candidate_id: "18446744073709551615",
        mention_ids: ["1", "36893488147419103"],
        ats_evaluation_forms_id: "3",
        rating: 4
      })
    }))

  it.effect("the encoded body keeps the caller's key order", () =>
    Effect.gen(function*() {
      const encoded = yield* Schema.encodeUnknown(CreateFeedback)({
        rating: 3,
        ats_candidate_id: CandidateId.make("8"),
        description: "Good",
        mention_ids: [MentionId.make("2")]
      })
      expect(Object.keys(encoded)).toEqual(["rating", "ats_candidate_id", "description", "mention_ids"])
    }))

  it.effect("job posting bodies keep every given field and nothing else", () =>
    Effect.gen(function*() {
      const body = { ...jobPosting, team_id: TeamId.make(12), salary_from_amount_in_cents: 3_000_000, category: "it" } as const
      expect(yield* Schema.encode(CreateJobPosting)(body)).toStrictEqual({ ...body, team_id: "12" })
      expect(yield* Schema.encode(UpdateJobPosting)({ status: "archived" })).toStrictEqual({ status: "archived" })
    }))

  it.effect("free-form arrays are sent as given", () =>
    Effect.gen(function*() {
      const options = [{ text: "Yes", disqualifies: false }, { text: "No", disqualifies: true }]
      const encoded = yield* Schema.encode(UpdateQuestion)({ options })
      expect(encoded.options).toEqual(options)
      const apply = yield* Schema.encode(ApplyToJobPosting)({
        ...valid.ApplyToJobPosting as ApplyToJobPosting,
        answers: [{ question_id: "1", value: "yes" }]
      })
      expect(apply.answers).toEqual([{ question_id: "1", value: "yes" }])
    }))
})

describe("spec examples", () => {
  // The request bodies of ats-paths.yaml (API 2026-07-01) have no whole-body examples; each field has its own.
  // These are those field examples, assembled into one wire body per operation (update bodies without `id`;
  // CreateMessage has no examples). Two examples contradict their own field type and are corrected here:
  // `phone_number` (a JSON number for a string field) and `ats_evaluation_forms_id` ("[1, 2, 3]" for one id).
  const applicationExample = {
    author_id: "1",
    author_type: "company",
    phone: "34612345678",
    source: "source"
  }
  const jobPostingExample = {
    title: "My job title",
    description: "My job description",
    contract_type: "indefinite",
    category: "engineering",
    workplace_type: "onsite",
    status: "draft",
    schedule_type: "full_time",
    team_id: "1",
    location_id: "1",
    salary_format: "range",
    salary_from_amount_in_cents: 3000000,
    salary_to_amount_in_cents: 5000000,
    cv_requirement: "mandatory",
    cover_letter_requirement: "optional",
    phone_requirement: "do_not_ask",
    photo_requirement: "do_not_ask",
    personal_url_requirement: "do_not_ask",
    salary_period: "annual"
  }
  const questionExample = {
    label: "Are you open to relocate?",
    position: 1,
    mandatory: true,
    auto_disqualify: false,
    options: [{ text: "Yes", disqualifies: false }, { text: "No", disqualifies: false }]
  }
  const candidateExample = {
    email: "ana@factorial.com",
    first_name: "Ana",
    last_name: "Fernandez Perez",
    talent_pool: true,
    consent_given_at: "2021-01-01T00:00:00.000Z",
    phone_number: "645786980",
    personal_url: "https://anaperez.factorial.com"
  }
  const examples: Record<Exclude<PayloadName, "CreateMessage">, Record<string, unknown>> = {
    CreateAnswer: {
      ats_question_id: "1",
      ats_application_id: "1",
      value: "One of the best I have ever seen",
      original_question_label: "How was your application ranked?",
      original_question_type: "text"
    },
    CreateApplication: {
      ...applicationExample,
      ats_candidate_id: "1",
      ats_job_posting_id: "1",
      ats_application_phase_id: "1",
      consent_to_talent_pool: true,
      cover_letter: "This is my cover letter for the position",
      medium: "medium"
    },
    UpdateApplication: {
      ...applicationExample,
      qualified: true,
      ats_application_phase_id: "1",
      disqualified_reason: "Unfit for the role",
      ats_rejection_reason_id: "1",
      source_id: "1"
    },
    ApplyToJobPosting: {
      company_id: "1",
      first_name: "Jane",
      last_name: "Doe",
      ats_job_posting_id: "1",
      email: "jane.doe@service.com",
      phone: "34612345678",
      source: "source",
      medium: "medium",
      cover_letter: "This is my cover letter for the position",
      gender: "female",
      consent_to_talent_pool: true
    },
    MoveApplicationToPhase: { id: "1", ats_application_phase_id: "1" },
    CreateCandidate: { ...candidateExample, company_id: "1", source: "referred", medium: "email", gender: "female" },
    UpdateCandidate: candidateExample,
    SaveEvaluationFormAsTemplate: { id: "1" },
    CreateFeedback: {
      ats_candidate_id: "1",
      rating: 4,
      ats_application_id: "1",
      ats_application_phase_id: "1",
      description: "The candidate has a great attitude and is a good fit for the team.",
      mention_ids: ["1", "2", "3"],
      ats_evaluation_forms_id: "1"
    },
    UpdateFeedback: {
      rating: 5,
      description: "The candidate has a great attitude and is a good fit for the team.",
      ats_application_phase_id: "1"
    },
    CreateJobPosting: jobPostingExample,
    UpdateJobPosting: jobPostingExample,
    DuplicateJobPosting: { id: "1" },
    CreateQuestion: { ...questionExample, ats_job_posting_id: "1", company_id: "1", question_type: "text" },
    UpdateQuestion: questionExample
  }

  for (const [name, example] of Object.entries(examples) as Array<[PayloadName, Record<string, unknown>]>) {
    it(`${name}: the spec's example body is accepted and encodes back to itself`, () => {
      const schema = schemaOf(name)
      // Every field of the body has an example, except the free-form `answers` arrays.
      const missing = fieldsOf(name).map((p) => String(p.name)).filter((field) => !(field in example))
      expect(missing).toEqual(name === "CreateApplication" || name === "ApplyToJobPosting" ? ["answers"] : [])
      expect(Schema.encodeSync(schema)(Schema.decodeUnknownSync(schema)(example))).toStrictEqual(example)
    })
  }

  it("the two self-contradicting examples are refused as the spec writes them", () => {
    expect(Schema.decodeUnknownEither(UpdateCandidate)({ phone_number: 645786980 })._tag).toBe("Left")
    expect(
      Schema.decodeUnknownEither(CreateFeedback)({ ats_candidate_id: "1", ats_evaluation_forms_id: "[1, 2, 3]" })._tag
    ).toBe("Left")
  })
})

describe("closed enums accept exactly the spec's request values", () => {
  /** The literals a field accepts (its `X | undefined` union unwrapped). */
  const literalsOf = (schema: { readonly fields: Record<string, unknown> }, field: string) => {
    const signature = AST.getPropertySignatures((schema as unknown as Schema.Schema<any, any>).ast)
      .find((p) => p.name === field)!
    const flatten = (ast: AST.AST): ReadonlyArray<AST.AST> => AST.isUnion(ast) ? ast.types.flatMap(flatten) : [ast]
    return flatten(AST.typeAST(signature.type)).filter(AST.isLiteral).map((literal) => literal.literal)
  }
  const requirement = ["mandatory", "optional", "do_not_ask"]
  const cases: ReadonlyArray<readonly [string, { readonly fields: Record<string, unknown> }, string, ReadonlyArray<string>]> = [
    ["CreateAnswer", CreateAnswer, "original_question_type", ["text", "long_text", "single_choice", "multiple_choice"]],
    ["CreateApplication", CreateApplication, "author_type", ["company", "access", "user"]],
    ["UpdateApplication", UpdateApplication, "author_type", ["company", "access", "user"]],
    ["CreateMessage", CreateMessage, "sent_by_type", ["candidate", "user"]],
    ["CreateQuestion", CreateQuestion, "question_type", ["text", "long_text", "single_choice", "multiple_choice", "file"]],
    ...[CreateJobPosting, UpdateJobPosting].flatMap((schema, i) => {
      const name = i === 0 ? "CreateJobPosting" : "UpdateJobPosting"
      return [
        [name, schema, "status", ["draft", "published", "unlisted", "archived", "cancelled", "deleted"]],
        [name, schema, "workplace_type", ["onsite", "remote", "hybrid"]],
        [name, schema, "schedule_type", ["full_time", "part_time"]],
        [name, schema, "salary_format", ["fixed_amount", "range"]],
        [name, schema, "salary_period", ["annual", "monthly", "daily"]],
        [name, schema, "contract_type", ContractType.values],
        [name, schema, "category", JobPostingCategory.values],
        ...["cv", "cover_letter", "phone", "photo", "personal_url"].map((kind) =>
          [name, schema, `${kind}_requirement`, requirement] as const
        )
      ] as const
    })
  ]
  for (const [name, schema, field, values] of cases) {
    it(`${name}.${field}`, () => {
      expect([...literalsOf(schema, field)].sort()).toEqual([...values].sort())
    })
  }

  it("the job posting enums with many values have the spec's counts", () => {
    expect(literalsOf(CreateJobPosting, "contract_type")).toHaveLength(32)
    expect(literalsOf(CreateJobPosting, "category")).toHaveLength(19)
  })
})

describe("createMessageFormData", () => {
  it("writes every field under its API name and each file under attachments[]", async () => {
    const form = createMessageFormData({
      ...message,
      send_as_corporate_email: true,
      delayed_until: DateTime.unsafeMake("2030-01-02T03:04:05Z"),
      attachments: [
        new File(["hello"], "cv.txt", { type: "text/plain" }),
        new File(["%PDF-1.4"], "offer.pdf", { type: "application/pdf" })
      ]
    })
    expect([...form.keys()]).toEqual([
      "content",
      "sent_by_id",
      "sent_by_type",
      "ats_application_id",
      "topic",
      "send_as_corporate_email",
      "delayed_until",
      "attachments[]",
      "attachments[]"
    ])
    expect(form.get("content")).toBe("Thanks for applying")
    expect(form.get("sent_by_id")).toBe("9")
    expect(form.get("sent_by_type")).toBe("user")
    expect(form.get("ats_application_id")).toBe("36893488147419103")
    expect(form.get("topic")).toBe("Your application")
    expect(form.get("send_as_corporate_email")).toBe("true")
    expect(form.get("delayed_until")).toBe("2030-01-02T03:04:05.000Z")

    const files = form.getAll("attachments[]")
    expect(files.map((file) => (file as File).name)).toEqual(["cv.txt", "offer.pdf"])
    expect(await (files[0] as File).text()).toBe("hello")
    expect(await (files[1] as File).text()).toBe("%PDF-1.4")
    expect((files[1] as File).type).toBe("application/pdf")
  })

  it("sends false as \"false\", leaves out an absent delayed_until and accepts a bare Blob", async () => {
    const form = createMessageFormData({ ...message, attachments: [new Blob(["raw bytes"])] })
    expect(form.get("send_as_corporate_email")).toBe("false")
    expect(form.has("delayed_until")).toBe(false)
    const [file] = form.getAll("attachments[]")
    expect(file).toBeInstanceOf(Blob)
    expect(await (file as Blob).text()).toBe("raw bytes")
  })

  it("sends no file part when there are no attachments", () => {
    const form = createMessageFormData(message)
    expect(form.has("attachments[]")).toBe(false)
    expect(form.get("content")).toBe("Thanks for applying")
  })

  it("refuses an invalid payload instead of sending it", () => {
    expect(() => createMessageFormData({ ...message, sent_by_type: "bot" as "user" })).toThrow(/sent_by_type/)
  })
})

describe("arbitrary payloads (as the ats and sandbox tests generate them)", () => {
  for (const name of payloadNames) {
    it(`${name}: Arbitrary.make samples encode and decode back`, () => {
      const schema = schemaOf(name)
      const samples = FastCheck.sample(Arbitrary.make(schema), 25)
      expect(samples).toHaveLength(25)
      for (const sample of samples) {
        const encoded = Schema.encodeSync(schema)(sample)
        for (const field of specRequired[name]) expect(encoded).toHaveProperty(field)
        expect(Schema.decodeUnknownSync(schema)(encoded)).toStrictEqual(sample)
      }
    })
  }

  it("sampled messages become forms with one file part per attachment", async () => {
    for (const sample of FastCheck.sample(Arbitrary.make(CreateMessage), 10)) {
      const form = createMessageFormData(sample)
      const files = form.getAll("attachments[]")
      expect(files).toHaveLength(sample.attachments.length)
      for (const [i, file] of files.entries()) {
        expect(await (file as File).text()).toBe(await sample.attachments[i].text())
      }
      expect(form.get("ats_application_id")).toBe(sample.ats_application_id)
    }
  })
})
