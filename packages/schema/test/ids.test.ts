import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Ids from "../src/Ids.js"
import { CandidateId, JobPostingId } from "../src/Ids.js"

const expectedIds = [
  "AnswerId",
  "ApplicationId",
  "ApplicationPhaseId",
  "CandidateId",
  "CandidateSourceId",
  "EvaluationFormId",
  "FeedbackId",
  "HiringStageId",
  "JobPostingId",
  "MessageId",
  "QuestionId",
  "RejectionReasonId",
  "ConversationId",
  "CompanyId",
  "AtsCompanyId",
  "EmployeeId",
  "TeamId",
  "LocationId",
  "LegalEntityId",
  "SenderId",
  "AuthorId",
  "MentionId",
  "TagId"
] as const

const decode = Schema.decodeUnknownEither(CandidateId)
const failureMessage = (input: unknown) => {
  const result = decode(input)
  if (Either.isRight(result)) throw new Error(`expected ${String(input)} to fail`)
  return ParseResult.TreeFormatter.formatErrorSync(result.left)
}

describe("ids", () => {
  it("exports one id schema per resource and foreign key, each with its own brand", () => {
    for (const name of expectedIds) {
      const schema = Ids[name]
      expect(schema.brand).toBe(name)
      // the union of 23 distinct brands has no common schema type: widen it for the runtime check
      expect(Schema.decodeUnknownSync(schema as Schema.Schema.AnyNoContext)(12)).toBe("12")
    }
  })

  it("decodes a string of digits and an exact integer to the same string", () => {
    expect(decode("42")).toEqual(Either.right("42"))
    expect(decode(42)).toEqual(Either.right("42"))
    expect(decode(0)).toEqual(Either.right("0"))
  })

  it("keeps every digit of string ids above 2^53", () => {
    for (const big of ["9007199254740993", "18446744073709550001", "36893488147419103232"]) {
      expect(decode(big)).toEqual(Either.right(big))
      expect(Schema.encodeSync(CandidateId)(CandidateId.make(big))).toBe(big)
    }
  })

  it("refuses an integer above 2^53 rather than returning a rounded id", () => {
    // JSON.parse has already rounded this literal: 9007199254740993 arrives as 9007199254740992
    const parsed: unknown = JSON.parse("{\"id\": 9007199254740993}").id
    expect(failureMessage(parsed)).toContain("above 2^53")
  })

  it("refuses what is not an id", () => {
    expect(failureMessage("abc")).toContain("expected an id made of digits")
    expect(failureMessage("")).toContain("expected an id made of digits")
    expect(failureMessage(" 1")).toContain("expected an id made of digits")
    expect(failureMessage(-1)).toContain("non-negative integer")
    expect(failureMessage(1.5)).toContain("non-negative integer")
    expect(failureMessage(null)).toContain("got object")
    expect(failureMessage(true)).toContain("got boolean")
  })

  it("always encodes a string", () => {
    const id = Schema.decodeUnknownSync(JobPostingId)(7)
    expect(Schema.encodeSync(JobPostingId)(id)).toBe("7")
  })

  it("make builds an id from a string or a number, and throws on anything else", () => {
    expect(CandidateId.make("36893488147419103")).toBe("36893488147419103")
    expect(CandidateId.make(5)).toBe("5")
    expect(() => CandidateId.make("12a")).toThrow(/digits/)
    expect(() => CandidateId.make(2 ** 60)).toThrow(/2\^53/)
  })

  it("a brand is not assignable to another brand, nor is a plain string", () => {
    const jobPostingId = JobPostingId.make("1")
    const takesCandidate = (id: CandidateId) => id
    // @ts-expect-error a JobPostingId is not a CandidateId
    takesCandidate(jobPostingId)
    // @ts-expect-error a plain string is not a CandidateId
    takesCandidate("1")
    expect(takesCandidate(CandidateId.make("1"))).toBe("1")
  })

  it.prop("an exact integer and its decimal string decode to the same id", { n: FastCheck.maxSafeNat() }, ({ n }) => {
    expect(decode(n)).toEqual(decode(String(n)))
    expect(decode(n)).toEqual(Either.right(String(n)))
  })

  it.prop(
    "any string of digits survives decode and encode unchanged",
    { digits: FastCheck.stringMatching(/^[0-9]{1,40}$/) },
    ({ digits }) => {
      const id = Schema.decodeUnknownSync(CandidateId)(digits)
      expect(Schema.encodeSync(CandidateId)(id)).toBe(digits)
    }
  )
})
