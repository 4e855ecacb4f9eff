/**
 * The receiver decodes with core's compiled decoder (`Decoder.responseEffect`). Its results must be the ones the
 * plain Schema decoder gave before: the same event for a valid body, the same `WebhookDecodeError` (reason, issues,
 * message) for every drifted one. The oracle below is that former decoding, kept here verbatim in behaviour.
 */
import { Decoder, Mismatches } from "@effect-factorial/core"
import { specExamples } from "@effect-factorial/schema/test-support/fixtures"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Webhooks from "../src/Webhooks.js"

const fixtures = {
  Application: specExamples.Application,
  Candidate: specExamples.Candidate,
  EvaluationForm: specExamples.EvaluationForm,
  JobPosting: specExamples.JobPosting
} as const

const fixtureOf = (type: Webhooks.SubscriptionType): Record<string, unknown> => {
  const name = (Webhooks.payloadSchemas[type] as unknown as { readonly identifier: string }).identifier
  const found = Object.entries(fixtures).find(([model]) => name.endsWith(model))
  if (found === undefined) throw new Error(`no fixture for ${type}`)
  return found[1] as Record<string, unknown>
}

/** What `Webhooks.decode` answered before it used the compiled decoder: Schema's decoder, every error. */
const oracle = (type: Webhooks.SubscriptionType, body: unknown) => {
  const schema = Webhooks.payloadSchemas[type] as Schema.Schema<unknown, unknown>
  return Either.mapLeft(Schema.decodeUnknownEither(schema)(body, { errors: "all" }), (error) => {
    const all = Mismatches.lines(error)
    return all.length <= 8 ? all : [...all.slice(0, 8), `... and ${all.length - 8} more`]
  })
}

const drifts: ReadonlyArray<unknown> = [null, true, 1.5, -1, "", "x", "2024-02-30", [], {}, ["1", 2, null]]

/** The fixture, and a copy of it per top-level key and drift value (the key replaced, or removed). */
const bodies = (fixture: Record<string, unknown>): ReadonlyArray<unknown> => [
  fixture,
  { ...fixture, unknown_new_field: "ignored" },
  {},
  [],
  null,
  Object.fromEntries(Object.keys(fixture).map((key) => [key, [[]]])),
  ...Object.keys(fixture).flatMap((key) => {
    const { [key]: _, ...without } = fixture
    return [without, ...drifts.map((value) => ({ ...fixture, [key]: value }))]
  })
]

describe("webhook payload decoding", () => {
  it("every payload schema takes the compiled path", () => {
    for (const type of Webhooks.subscriptionTypes) {
      expect([type, Decoder.isCompiled(Webhooks.payloadSchemas[type])]).toEqual([type, true])
    }
  })

  it("gives the event or the WebhookDecodeError the Schema decoder gave, on valid and drifted bodies", () => {
    const seen = { success: 0, failure: 0, truncated: 0 }
    for (const type of Webhooks.subscriptionTypes) {
      for (const body of bodies(fixtureOf(type))) {
        const expected = oracle(type, structuredClone(body))
        const actual = Effect.runSync(Effect.either(Webhooks.decode(type, structuredClone(body), { authorId: "7" })))
        if (Either.isRight(expected)) {
          seen.success++
          expect(actual).toStrictEqual(Either.right({ type, payload: expected.right, authorId: "7" }))
        } else {
          seen.failure++
          if (expected.left.at(-1)?.startsWith("... and ")) seen.truncated++
          expect(Either.isLeft(actual)).toBe(true)
          const error = (actual as Either.Left<Webhooks.WebhookDecodeError, unknown>).left
          expect(error).toBeInstanceOf(Webhooks.WebhookDecodeError)
          const { _tag, issues, message, reason, subscriptionType } = error
          expect({ _tag, subscriptionType, reason, issues, message }).toEqual({
            _tag: "WebhookDecodeError",
            subscriptionType: type,
            reason: "SchemaMismatch",
            issues: expected.left,
            message: `The body is not a valid ${type} payload: ${expected.left.join("; ")}`
          })
        }
      }
    }
    // Both outcomes were exercised, and bodies with more than eight mismatches (the list cut short) were among them.
    expect(seen.success).toBeGreaterThan(13)
    expect(seen.failure).toBeGreaterThan(13)
    expect(seen.truncated).toBeGreaterThan(0)
  })
})
