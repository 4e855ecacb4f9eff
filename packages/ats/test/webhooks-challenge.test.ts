/**
 * The challenge check: the receiver deciding by the constant-time comparison (`Secret.matches` from core, tested
 * there). The receiver's use of the byte-wise comparison is observed through the UTF-8 encoder it runs on (a spy on
 * `TextEncoder`, no module replaced): every delivery encodes the secret and the received header once each, whatever
 * the verdict.
 */
import { afterEach, describe, expect, it } from "@effect/vitest"
import * as HttpApp from "@effect/platform/HttpApp"
import { specExamples } from "@effect-factorial/schema/test-support/fixtures"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { vi } from "vitest"
import * as Webhooks from "../src/Webhooks.js"

const SECRET = "s3cr3t-challenge-value"

const deliver = (handler: (request: Request) => Promise<Response>, challenge: string) =>
  Effect.promise(() =>
    handler(
      new Request("http://receiver.test/ats/candidate/create", {
        method: "POST",
        headers: { [Webhooks.challengeHeader]: challenge },
        body: JSON.stringify(specExamples.Candidate)
      })
    )
  )

describe("challenge comparison", () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.effect("the receiver compares the header with the secret byte-wise, once per delivery", () =>
    Effect.gen(function*() {
      const calls = yield* Ref.make(0)
      const handler = HttpApp.toWebHandler(Webhooks.httpApp({
        challenge: Redacted.make(SECRET),
        handler: () => Ref.update(calls, (n) => n + 1)
      }))
      const encode = vi.spyOn(TextEncoder.prototype, "encode")
      const compared = () =>
        encode.mock.calls.map(([input]) => input).filter((input) =>
          input === SECRET || input === "s3cr3t-challenge-valuX"
        )

      expect((yield* deliver(handler, SECRET)).status).toBe(200)
      expect(compared()).toEqual([SECRET, SECRET])

      expect((yield* deliver(handler, "s3cr3t-challenge-valuX")).status).toBe(401)
      expect(compared()).toEqual([SECRET, SECRET, SECRET, "s3cr3t-challenge-valuX"])
      expect(yield* Ref.get(calls)).toBe(1)
    }))

  it("verifyChallenge decides as the comparison does, and refuses empty values", () => {
    expect(Webhooks.verifyChallenge(Redacted.make(SECRET), SECRET)).toBe(true)
    expect(Webhooks.verifyChallenge(SECRET, "s3cr3t-challenge-valuX")).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, undefined)).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, null)).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, "")).toBe(false)
    expect(Webhooks.verifyChallenge("", "")).toBe(false)
  })
})
