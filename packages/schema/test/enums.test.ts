import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Enums from "../src/Enums.js"
import { JobPostingStatus, RequirementLevel } from "../src/Enums.js"

/** Known values per enum: the Python library's enums and the 2026-07-01 spec, merged. */
const expected: Record<string, ReadonlyArray<string>> = {
  OriginalQuestionType: ["text", "long_text", "single_choice", "multiple_choice", "file"],
  PhaseType: ["initial", "normal", "hired", "screening", "interview", "assessment", "offer"],
  Gender: ["female", "male", "unanswered", "other"],
  CandidateSourceCategory: [
    "job_board", "agency_or_external_recruiter", "event", "social_media", "referral", "internal",
    "manually_added", "organic", "system"
  ],
  HiringStageName: ["new", "screening", "interview", "assessment", "offer", "hired"],
  ContractType: [
    "indefinite", "temporary", "intern", "training", "freelance", "vendor_contractor", "volunteer", "per_hour",
    "other", "alternant", "interim", "minijob", "werkstudent", "apprenticeship", "pj", "clt", "jovem_aprendiz",
    "a_termo_incerto", "a_termo_certo", "de_curta_duracao", "de_muita_curta_duracao", "promessa_de_trabalho",
    "a_tempo_parcial", "com_pluralidade_de_empregadores", "teletrabalho", "pre_reforma", "recibos_verdes",
    "estagio", "sem_termo", "apprentissage", "fixed_discontinued", "apprendistato"
  ],
  WorkplaceType: ["onsite", "remote", "hybrid"],
  JobPostingStatus: ["draft", "published", "unlisted", "archived", "cancelled", "deleted"],
  ScheduleType: ["full_time", "part_time"],
  SalaryFormat: ["fixed_amount", "range"],
  RequirementLevel: ["mandatory", "optional", "do_not_ask"],
  SalaryPeriod: ["annual", "monthly", "daily"],
  DecisionMaker: ["company", "candidate"],
  JobPostingCategory: [
    "administration_and_secretariat", "design_and_architecture", "education_and_social_policy", "engineering",
    "finance", "hr", "it", "legal", "management_and_consulting", "marketing_and_communication",
    "nursing_and_therapy", "physicians", "public_sector", "purchasing_materials_administration_and_logistics",
    "sales", "sciences_and_research", "service_industry_and_manufacturing", "sports_art_and_creative_jobs", "other"
  ]
}

// each enum has its own literal tuple; widen them to one element type to loop over them
const enums = Object.entries(Enums) as unknown as Array<[string, Enums.LenientEnum<readonly [string, ...Array<string>]>]>

describe("enums", () => {
  it("exports exactly the 14 enums", () => {
    expect(enums.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort())
  })

  for (const [name, schema] of enums) {
    describe(name, () => {
      it("lists its known values", () => {
        expect(schema.values).toEqual(expected[name])
        expect(schema.Strict.literals).toEqual(expected[name])
      })

      it("decodes every known value to itself, leniently and strictly", () => {
        for (const value of schema.values) {
          expect(Schema.decodeUnknownSync(schema)(value)).toBe(value)
          expect(Schema.decodeUnknownSync(schema.Strict)(value)).toBe(value)
        }
      })

      it("decodes an unknown value to the raw string", () => {
        expect(Schema.decodeUnknownSync(schema)("added_in_2027")).toBe("added_in_2027")
        expect(Schema.encodeSync(schema)("added_in_2027")).toBe("added_in_2027")
      })

      it("refuses an unknown value when strict, naming the known ones", () => {
        const result = Schema.encodeEither(schema.Strict)("added_in_2027" as never)
        expect(Either.isLeft(result)).toBe(true)
        if (Either.isLeft(result)) expect(result.left.message).toContain(JSON.stringify(schema.values[0]))
      })

      it("refuses a value that is not a string", () => {
        expect(Either.isLeft(Schema.decodeUnknownEither(schema)(1))).toBe(true)
      })
    })
  }

  it("types the lenient value as the known literals plus any string", () => {
    const fromTheFuture: JobPostingStatus = "on_hold"
    const label = (status: JobPostingStatus): string => {
      switch (status) {
        case "published":
          return "live"
        case "deleted":
          return "gone"
        default:
          return status
      }
    }
    expect(label("published")).toBe("live")
    expect(label(fromTheFuture)).toBe("on_hold")
    // @ts-expect-error the strict type only has the known values
    const typo: typeof RequirementLevel.Strict.Type = "mandatry"
    expect(Either.isLeft(Schema.decodeUnknownEither(RequirementLevel.Strict)(typo))).toBe(true)
  })
})
