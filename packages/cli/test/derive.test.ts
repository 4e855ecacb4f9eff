/**
 * What the CLI derives from the SDK's resource descriptions: resource names, the write operations each resource
 * accepts, filter keys and their types, CSV columns.
 */
import { Ats, type Resource } from "@effect-factorial/ats"
import { ListCandidatesParams } from "@effect-factorial/schema"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Filters from "../src/internal/filters.js"
import * as Records from "../src/internal/records.js"
import * as Resources from "../src/internal/resources.js"

const definitions = Ats.resources as ReadonlyArray<Resource.Definition>

describe("derived from Ats.resources", () => {
  it("every resource, under its API path, in the SDK's order", () => {
    expect(Resources.all.map((r) => r.name)).toEqual(definitions.map((d) => d.path))
    expect(Resources.all.map((r) => r.definition)).toEqual(definitions)
  })

  it("create, update and delete accept exactly the resources whose description has the operation", () => {
    expect(Resources.supporting("create").map((r) => r.name)).toEqual(definitions.filter((d) => d.operations.create?._tag === "Create").map((d) => d.path))
    expect(Resources.supporting("update").map((r) => r.name)).toEqual(definitions.filter((d) => d.operations.update?._tag === "Update").map((d) => d.path))
    expect(Resources.supporting("delete").map((r) => r.name)).toEqual(definitions.filter((d) => d.operations.delete?._tag === "Delete").map((d) => d.path))
    expect(Resources.supporting("create").length).toBeLessThan(definitions.length)
  })

  it("actions are the descriptions' collection actions, under their API names", () => {
    const byResource = Object.fromEntries(
      Resources.all.map((resource) => [resource.name, Resources.actions(resource).map((action) => `${action.name}:${action.method}`)])
    )
    expect(byResource["applications"]).toEqual(["apply:apply", "move_to_phase:moveToPhase"])
    expect(byResource["job_postings"]).toEqual(["duplicate:duplicate"])
    expect(byResource["candidates"]).toEqual([])
    const declared = definitions.flatMap((d) => Object.values(d.operations).filter((operation) => operation._tag === "Action"))
    expect(Resources.all.flatMap((resource) => Resources.actions(resource).map((action) => action.payload))).toEqual(
      declared.map((operation) => (operation._tag === "Action" ? operation.payload : undefined))
    )
  })

  it("filter keys and types come from the list-parameter schema; paging keys are not filters", () => {
    const keys = Filters.filterKeys(ListCandidatesParams)
    expect(keys.get("active")).toBe("boolean")
    expect(keys.get("ids")).toBe("array")
    expect(keys.get("minimum_average_rating")).toBe("number")
    expect(keys.has("limit")).toBe(false)
    expect(keys.has("after_id")).toBe(false)
  })

  it.effect("filters are parsed to the schema's types and checked by it", () =>
    Effect.gen(function*() {
      const params = yield* Filters.parse(ListCandidatesParams, ["active=true", "ids=1,2", "ids=3", "minimum_average_rating=3.5"])
      expect(params).toEqual({ active: true, ids: ["1", "2", "3"], minimum_average_rating: 3.5 })
      const wrong = yield* Effect.either(Filters.parse(ListCandidatesParams, ["ids=x1"]))
      expect(Either.isLeft(wrong) && wrong.left._tag).toBe("InvalidInput")
      const twice = yield* Effect.either(Filters.parse(ListCandidatesParams, ["active=true", "active=false"]))
      expect(Either.isLeft(twice) && twice.left.message).toContain("given twice")
    }))

  it("CSV fields: empty for absent and null, JSON for nested values, quoted per RFC 4180", () => {
    expect([undefined, null, "a,b", "say \"hi\"", ["1", "2"], { a: 1 }, 3, false].map((v) => Records.csvField(v))).toEqual([
      "",
      "",
      "\"a,b\"",
      "\"say \"\"hi\"\"\"",
      "\"[\"\"1\"\",\"\"2\"\"]\"",
      "\"{\"\"a\"\":1}\"",
      "3",
      "false"
    ])
  })

  it("CSV fields: text a spreadsheet would run as a formula gets a leading ', unless raw", () => {
    const risky = ["=1+2", "+34 600 000 000", "-2", "@SUM(A1)", "\tx", "\r=1", "=HYPERLINK(\"http://x\",\"a,b\")"]
    expect(risky.map((v) => Records.csvField(v))).toEqual([
      "'=1+2",
      "'+34 600 000 000",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "\"'\r=1\"",
      "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\""
    ])
    expect(risky.map((v) => Records.csvField(v, "raw"))).toEqual([
      "=1+2",
      "+34 600 000 000",
      "-2",
      "@SUM(A1)",
      "\tx",
      "\"\r=1\"",
      "\"=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\""
    ])
    // Only text: numbers and JSON cells are not formulas; a formula character later in the text is harmless.
    expect([-2, -0.5, ["=1"], { a: "=1" }, "a=1", " =1", ""].map((v) => Records.csvField(v))).toEqual([
      "-2",
      "-0.5",
      "\"[\"\"=1\"\"]\"",
      "\"{\"\"a\"\":\"\"=1\"\"}\"",
      "a=1",
      " =1",
      ""
    ])
  })
})
