import { Candidates, Testing } from "@effect-factorial/ats"
import * as Pagination from "@effect-factorial/core/Pagination"
import { Application, Candidate, JobPosting } from "@effect-factorial/schema"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

describe("Testing", () => {
  it("generates records that are instances of the model and survive an encode/decode round trip", () => {
    const check = <A, I>(model: Schema.Schema<A, I>) => {
      const generated = Testing.records(model, 5)
      expect(generated).toHaveLength(5)
      for (const record of generated) {
        expect(Schema.is(model)(record)).toBe(true)
        expect(Schema.decodeUnknownSync(model)(Schema.encodeSync(model)(record))).toEqual(record)
      }
    }
    check(Candidate)
    check(JobPosting)
    check(Application)
  })

  it("gives the same records for the same seed and others for another", () => {
    const ids = (seed: number) => Testing.records(Candidate, 3, { seed }).map((c) => c.id)
    expect(ids(7)).toEqual(ids(7))
    expect(ids(7)).not.toEqual(ids(8))
  })

  it("sets the overridden fields and keeps the class", () => {
    const ada = Testing.record(Candidate, { first_name: "Ada", last_name: "Lovelace" })
    expect(ada).toBeInstanceOf(Candidate)
    expect([ada.first_name, ada.last_name]).toEqual(["Ada", "Lovelace"])
  })

  it("builds a page whose meta matches its data and decodes as a list response", () => {
    const data = Testing.records(Candidate, 3)
    const page = Testing.page(data, { total: 10 })
    expect(page.meta).toEqual({
      has_next_page: true,
      has_previous_page: false,
      total: 10,
      limit: null,
      start_cursor: data[0]!.id,
      end_cursor: data[2]!.id
    })
    const schema = Pagination.Page(Candidate)
    expect(Schema.decodeUnknownSync(schema)(Schema.encodeSync(schema)(page))).toEqual(page)
    expect(Testing.page([]).meta).toEqual({ has_next_page: false, has_previous_page: false, total: 0, limit: null })
  })

  it.effect("feeds a mock layer", () =>
    Effect.gen(function*() {
      const ada = Testing.record(Candidate, { first_name: "Ada" })
      const page = yield* Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 1 })).pipe(
        Effect.provide(Candidates.layerMock({ list: () => Effect.succeed(Testing.page([ada])) }))
      )
      expect(page.data.map((c) => c.first_name)).toEqual(["Ada"])
      expect(page.meta.has_next_page).toBe(false)
    }))
})
