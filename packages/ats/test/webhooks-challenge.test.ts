/**
 * The receiver checks the challenge with the constant-time comparison, and with nothing else: the comparison is
 * spied on (its module is replaced by one that records each call and forwards it to the real function).
 */
import { beforeEach, describe, expect, it } from "@effect/vitest"
import * as HttpApp from "@effect/platform/HttpApp"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Compare from "../src/internal/webhookCompare.js"
import * as Webhooks from "../src/Webhooks.js"
// The mocks API must come from `vitest` itself for `vi.mock` to be hoisted.
import { vi } from "vitest"

vi.mock("../src/internal/webhookCompare.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/internal/webhookCompare.js")>()
  return { ...original, constantTimeEqual: vi.fn(original.constantTimeEqual) }
})

const compare = vi.mocked(Compare.constantTimeEqual)
const SECRET = "s3cr3t-challenge-value"

const candidate = {
  id: "1",
  first_name: "Ana",
  last_name: "Perez",
  full_name: "Ana Perez",
  talent_pool: false,
  created_at: "2021-01-01T00:00:00Z",
  updated_at: "2021-01-01T00:00:00Z"
}

const deliver = (handler: (request: Request) => Promise<Response>, challenge: string) =>
  Effect.promise(() =>
    handler(
      new Request("http://receiver.test/ats/candidate/create", {
        method: "POST",
        headers: { [Webhooks.challengeHeader]: challenge },
        body: JSON.stringify(candidate)
      })
    )
  )

describe("challenge comparison", () => {
  beforeEach(() => {
    compare.mockClear()
  })

  it.effect("the receiver compares the header with the secret in constant time, once per delivery", () =>
    Effect.gen(function*() {
      const calls = yield* Ref.make(0)
      const handler = HttpApp.toWebHandler(Webhooks.httpApp({
        challenge: Redacted.make(SECRET),
        handler: () => Ref.update(calls, (n) => n + 1)
      }))

      expect((yield* deliver(handler, SECRET)).status).toBe(200)
      expect(compare.mock.calls).toEqual([[SECRET, SECRET]])
      expect(compare.mock.results[0]?.value).toBe(true)

      expect((yield* deliver(handler, "s3cr3t-challenge-valuX")).status).toBe(401)
      expect(compare.mock.calls).toHaveLength(2)
      expect(compare.mock.calls[1]).toEqual([SECRET, "s3cr3t-challenge-valuX"])
      expect(compare.mock.results[1]?.value).toBe(false)
      expect(yield* Ref.get(calls)).toBe(1)
    }))

  it("verifyChallenge goes through the same comparison", () => {
    expect(Webhooks.verifyChallenge(Redacted.make(SECRET), SECRET)).toBe(true)
    expect(compare).toHaveBeenCalledWith(SECRET, SECRET)
  })
})
