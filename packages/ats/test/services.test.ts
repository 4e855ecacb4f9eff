/**
 * The services as users call them: errors, input validation, query encoding, streaming, multipart, mocks.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Ats, Candidates, type CandidatesService, JobPostings, Messages } from "@effect-factorial/ats"
import type { NotFound, Pagination } from "@effect-factorial/core"
import { ApplicationId, Candidate, CandidateId, CompanyId, JobPostingId, SenderId } from "@effect-factorial/schema"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { json, mockClientLayer, sentRequests, type SentRequest } from "@effect-factorial/core/test-support/MockHttp"
import { sampleEncoded } from "./support/sample.js"

const candidate = (id: number) => ({ ...sampleEncoded(Candidate, id), id: String(id) })

const withAts = (respond: (request: SentRequest) => Response) => {
  const api = mockClientLayer(respond)
  return Layer.merge(Ats.layer.pipe(Layer.provide(api)), api)
}

/** A list endpoint over `total` candidates with ids 1..total, paginated by cursor or by page like the API. */
const candidatesApi = (total: number) => (request: SentRequest) => {
  const query = new Map(request.query)
  const limit = Math.min(Number(query.get("limit") ?? 100), 100)
  const all = Array.from({ length: total }, (_, i) => i + 1)
  if (query.has("page")) {
    const page = Number(query.get("page"))
    const data = all.slice((page - 1) * limit, page * limit)
    return json({
      data: data.map(candidate),
      meta: { has_next_page: page * limit < total, has_previous_page: page > 1, total, limit }
    })
  }
  const after = query.has("after_id") ? Number(atob(query.get("after_id")!)) : 0
  const data = all.filter((id) => id > after).slice(0, limit)
  const last = data.at(-1)
  return json({
    data: data.map(candidate),
    meta: {
      has_next_page: last !== undefined && last < total,
      has_previous_page: after > 0,
      total,
      limit,
      ...(last === undefined ? {} : { start_cursor: btoa(String(data[0])), end_cursor: btoa(String(last)) })
    }
  })
}

describe("errors", () => {
  it.effect("a 404 on get is NotFound", () =>
    Effect.gen(function*() {
      const error = yield* Candidates.pipe(
        Effect.flatMap((c) => c.get("404")),
        Effect.flip,
        Effect.provide(withAts(() => json({ error: "not found" }, 404)))
      )
      expect(error._tag).toBe("NotFound")
      expect(error._tag === "NotFound" && error.status).toBe(404)
    }))

  it.effect("a 422 on create is UnprocessableEntity with the field errors", () =>
    Effect.gen(function*() {
      const error = yield* Candidates.pipe(
        Effect.flatMap((c) => c.create({ first_name: "Ada", last_name: "Lovelace", company_id: CompanyId.make("1") })),
        Effect.flip,
        Effect.provide(withAts(() => json({ errors: { email: ["is invalid"] } }, 422)))
      )
      expect(error._tag).toBe("UnprocessableEntity")
      if (error._tag === "UnprocessableEntity") expect(error.fieldErrors).toEqual({ email: ["is invalid"] })
    }))

  it.effect("a 401 on list is Unauthorized", () =>
    Effect.gen(function*() {
      const error = yield* JobPostings.pipe(
        Effect.flatMap((c) => c.list()),
        Effect.flip,
        Effect.provide(withAts(() => json({ errors: null }, 401)))
      )
      expect(error._tag).toBe("Unauthorized")
    }))
})

describe("input validation happens before anything is sent", () => {
  it.effect("a payload missing a required field fails with InvalidRequest naming it", () =>
    Effect.gen(function*() {
      const layer = withAts(() => json({}, 201))
      const result = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        // @ts-expect-error first_name is required
        const error = yield* Effect.flip(candidates.create({ last_name: "Lovelace", company_id: "1" }))
        return { error, sent: yield* sentRequests }
      }).pipe(Effect.provide(layer))
      expect(result.error._tag).toBe("InvalidRequest")
      if (result.error._tag === "InvalidRequest") {
        expect(result.error.operation).toBe("Candidates.create")
        expect(result.error.path).toEqual(["first_name"])
      }
      expect(result.sent).toEqual([])
    }))

  it.effect("a closed enum catches a typo", () =>
    Effect.gen(function*() {
      const error = yield* JobPostings.pipe(
        Effect.flatMap((jobs) =>
          // @ts-expect-error "publshed" is not a status
          jobs.update("1", { status: "publshed" })
        ),
        Effect.flip,
        Effect.provide(withAts(() => json({})))
      )
      expect(error._tag).toBe("InvalidRequest")
    }))

  it.effect("ids that cannot be sent faithfully are rejected", () =>
    Effect.gen(function*() {
      const layer = withAts(() => json(candidate(1)))
      const errors = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        return [
          yield* Effect.flip(candidates.get(2 ** 53 + 2)),
          yield* Effect.flip(candidates.get("")),
          yield* Effect.flip(candidates.delete(-1))
        ]
      }).pipe(Effect.provide(layer))
      expect(errors.map((e) => e._tag)).toEqual(["InvalidRequest", "InvalidRequest", "InvalidRequest"])
    }))
})

describe("requests", () => {
  it.effect("list filters are encoded with brackets for arrays", () =>
    Effect.gen(function*() {
      const sent = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        yield* candidates.list({ ids: [CandidateId.make("1"), CandidateId.make("2")], talent_pool: true, limit: 10 })
        return yield* sentRequests
      }).pipe(Effect.provide(withAts(() => json({ data: [], meta: { has_next_page: false, has_previous_page: false, total: 0, limit: 10 } }))))
      expect(sent[0]!.query).toEqual([["ids[]", "1"], ["ids[]", "2"], ["talent_pool", "true"], ["limit", "10"]])
    }))

  it.effect("ids above 2^53 pass through as strings with every digit", () =>
    Effect.gen(function*() {
      const big = "18446744073709551615"
      const found = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        const record = yield* candidates.get(big)
        return { record, sent: yield* sentRequests }
      }).pipe(Effect.provide(withAts(() => json({ ...sampleEncoded(Candidate), id: big }))))
      expect(found.sent[0]!.path).toBe(`ats/candidates/${big}`)
      expect(found.record.id).toBe(big)
    }))

  it.effect("Messages.create sends multipart/form-data with the attachments as files", () =>
    Effect.gen(function*() {
      const sent = yield* Effect.gen(function*() {
        const messages = yield* Messages
        yield* messages.create({
          content: "Hello",
          sent_by_id: SenderId.make("1"),
          sent_by_type: "user",
          ats_application_id: ApplicationId.make("2"),
          topic: "interview",
          send_as_corporate_email: false,
          attachments: [new File(["cv"], "cv.txt", { type: "text/plain" })]
        })
        return yield* sentRequests
      }).pipe(Effect.provide(withAts(() => json(sampleEncoded(Messages.definition.model), 201))))
      const body = sent[0]!.body as FormData
      expect(body).toBeInstanceOf(FormData)
      expect(body.get("content")).toBe("Hello")
      const file = body.getAll("attachments[]")[0] as File
      expect(file.name).toBe("cv.txt")
      expect(yield* Effect.promise(() => file.text())).toBe("cv")
    }))
})

describe("streaming", () => {
  for (const total of [0, 1, 100, 101, 250]) {
    it.effect(`cursor stream returns all ${total} candidates once, in order`, () =>
      Effect.gen(function*() {
        const { ids, sent } = yield* Effect.gen(function*() {
          const candidates = yield* Candidates
          const ids = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.map(candidates.stream(), (c) => c.id)))
          return { ids, sent: yield* sentRequests }
        }).pipe(Effect.provide(withAts(candidatesApi(total))))
        expect(ids).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)))
        expect(sent.length).toBe(Math.max(1, Math.ceil(total / 100)))
      }))

    it.effect(`offset stream with concurrency 4 returns all ${total} candidates once, in order`, () =>
      Effect.gen(function*() {
        const ids = yield* Effect.gen(function*() {
          const candidates = yield* Candidates
          return (yield* candidates.all({}, { concurrency: 4 })).map((c) => c.id)
        }).pipe(Effect.provide(withAts(candidatesApi(total))))
        expect(ids).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)))
      }))
  }

  it.effect("only the scan options set the page size; paging keys among the filters are not sent", () =>
    Effect.gen(function*() {
      const sent = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        expect(yield* candidates.all({}, { limit: 40 })).toHaveLength(100)
        // Paging keys are not filters: the type refuses them, and a caller who passes them anyway (from untyped
        // code) does not move the scan.
        const untyped = { page: 2, before_id: "x", limit: 7, talent_pool: true } as {}
        expect(yield* candidates.all(untyped, { limit: 50 })).toHaveLength(100)
        return yield* sentRequests
      }).pipe(Effect.provide(withAts(candidatesApi(100))))
      const queries = sent.map((r) => new Map(r.query))
      expect(queries.map((q) => q.get("limit"))).toEqual(["40", "40", "40", "50", "50"])
      expect(queries.every((q) => !q.has("page") && !q.has("before_id"))).toBe(true)
      expect(queries.slice(3).every((q) => q.get("talent_pool") === "true")).toBe(true)
    }))

  it("the scan's filters have no paging keys", () => {
    type Filters = Parameters<CandidatesService["stream"]>[0]
    expectTypeOf<Extract<keyof NonNullable<Filters>, "page" | "after_id" | "before_id" | "limit">>().toEqualTypeOf<never>()
    expectTypeOf<Extract<keyof NonNullable<Filters>, "talent_pool">>().toEqualTypeOf<"talent_pool">()
    expectTypeOf<Parameters<CandidatesService["all"]>[1]>().toEqualTypeOf<Pagination.StreamOptions | undefined>()
  })

  it.effect("maxItems stops without fetching further pages", () =>
    Effect.gen(function*() {
      const { items, sent } = yield* Effect.gen(function*() {
        const candidates = yield* Candidates
        const items = yield* candidates.all({}, { maxItems: 150 })
        return { items, sent: yield* sentRequests }
      }).pipe(Effect.provide(withAts(candidatesApi(1000))))
      expect(items).toHaveLength(150)
      expect(sent).toHaveLength(2)
    }))
})

describe("mock layers", () => {
  it.effect("a partial mock answers what it implements", () =>
    Effect.gen(function*() {
      const ada = Schema.decodeSync(Candidate)({ ...sampleEncoded(Candidate), id: "7", first_name: "Ada" })
      const mock = Candidates.layerMock({ get: () => Effect.succeed(ada) })
      const name = yield* Candidates.pipe(
        Effect.flatMap((c) => c.get("7")),
        Effect.map((c) => c.first_name),
        Effect.provide(mock)
      )
      expect(name).toBe("Ada")
    }))

  it.effect("an unimplemented method dies with a message naming it", () =>
    Effect.gen(function*() {
      const exit = yield* Candidates.pipe(
        Effect.flatMap((c) => c.delete("1")),
        Effect.exit,
        Effect.provide(Candidates.layerMock({}))
      )
      expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
      expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toContain("Candidates.delete is not implemented in this mock")
    }))
})

describe("types", () => {
  it("Candidates.get can fail with NotFound but not PaginationError", () => {
    type GetError = Effect.Effect.Error<ReturnType<Candidates["Type"]["get"]>>
    expectTypeOf<NotFound>().toMatchTypeOf<GetError>()
    expectTypeOf<Pagination.PaginationError>().not.toMatchTypeOf<GetError>()
  })

  it("a JobPostingId is not accepted where a CandidateId is", () => {
    const check = (candidates: Candidates["Type"]) => {
      candidates.get(CandidateId.make("1"))
      candidates.get("1")
      candidates.get(1)
      // @ts-expect-error a JobPostingId is not a CandidateId
      candidates.get(JobPostingId.make("1"))
    }
    expect(typeof check).toBe("function")
  })

  it("Messages.list requires last_per_conversation", () => {
    const check = (messages: Messages["Type"]) => {
      messages.list({ last_per_conversation: true })
      // @ts-expect-error last_per_conversation is required
      messages.list()
    }
    expect(typeof check).toBe("function")
  })
})
