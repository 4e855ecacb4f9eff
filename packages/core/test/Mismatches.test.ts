import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Mismatches } from "../src/index.js"

const Person = Schema.Struct({ id: Schema.String, email: Schema.String, tags: Schema.Array(Schema.String) })

describe("Mismatches", () => {
  it("names each mismatch by path and kind, never by value", () => {
    const result = Schema.decodeUnknownEither(Person)(
      { email: 42, tags: ["ok", { secret: "Zyxwv-marker" }] },
      { errors: "all" }
    )
    if (Either.isRight(result)) return expect.fail("expected a mismatch")
    const lines = Mismatches.lines(result.left)
    expect(lines).toEqual(["id: is missing", "email: expected string, got an integer", "tags[1]: expected string, got an object"])
    expect(Mismatches.of(result.left).map((mismatch) => mismatch.path)).toEqual([["id"], ["email"], ["tags", 1]])
    expect(lines.join("\n")).not.toContain("Zyxwv-marker")
  })
})
