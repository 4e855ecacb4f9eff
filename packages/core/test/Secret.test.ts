import { describe, expect, it } from "@effect/vitest"
import { Secret } from "@effect-factorial/core"
import * as FastCheck from "effect/FastCheck"
import * as Redacted from "effect/Redacted"

const SECRET = "s3cr3t-challenge-value"

describe("Secret.matches", () => {
  it("is string equality, byte for byte, for a plain or a redacted secret", () => {
    expect(Secret.matches(SECRET, SECRET)).toBe(true)
    expect(Secret.matches(Redacted.make(SECRET), SECRET)).toBe(true)
    expect(Secret.matches(SECRET, "s3cr3t-challenge-valuX")).toBe(false)
    expect(Secret.matches(SECRET, "X3cr3t-challenge-value")).toBe(false)
    // Same length in UTF-16 code units, different bytes; and canonically equivalent but different bytes.
    expect(Secret.matches("é", "e")).toBe(false)
    expect(Secret.matches("clé", "cle\u0301")).toBe(false)
    expect(Secret.matches("clé-ñ-🔑", "clé-ñ-🔑")).toBe(true)
    expect(Secret.matches("🔑", "🔒")).toBe(false)
  })

  it("a prefix, an extension or a repetition of the secret does not match", () => {
    // The received value is compared with the secret read cyclically: the lengths must decide these.
    expect(Secret.matches(SECRET, SECRET.slice(0, 10))).toBe(false)
    expect(Secret.matches(SECRET, `${SECRET}x`)).toBe(false)
    expect(Secret.matches(SECRET, SECRET + SECRET)).toBe(false)
    expect(Secret.matches("ab", "aba")).toBe(false)
    expect(Secret.matches("abc", "abc\u0000")).toBe(false)
    expect(Secret.matches(`${SECRET}x`, SECRET)).toBe(false)
  })

  it("missing or empty values never match, and nothing matches an empty secret", () => {
    expect(Secret.matches(SECRET, undefined)).toBe(false)
    expect(Secret.matches(SECRET, null)).toBe(false)
    expect(Secret.matches(SECRET, "")).toBe(false)
    expect(Secret.matches("", "")).toBe(false)
    expect(Secret.matches(Redacted.make(""), "")).toBe(false)
    expect(Secret.matches("", "anything")).toBe(false)
  })

  it.prop(
    "equals `===` on non-empty strings, including near misses",
    {
      secret: FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
      other: FastCheck.string({ unit: "grapheme", maxLength: 12 }),
      edit: FastCheck.constantFrom("same", "other", "repeat", "truncate", "append")
    },
    ({ edit, other, secret }) => {
      const received = edit === "same"
        ? secret
        : edit === "other"
        ? other
        : edit === "repeat"
        ? secret + secret
        : edit === "truncate"
        ? secret.slice(0, -1)
        : secret + other
      expect(Secret.matches(secret, received)).toBe(received !== "" && received === secret)
    },
    { fastCheck: { numRuns: 2000 } }
  )
})
