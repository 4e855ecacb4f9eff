/**
 * Every operation of every resource, derived from the same descriptions the services are: the request sent
 * (method, path, body) and the decoded answer.
 */
import { describe, expect, it } from "@effect/vitest"
import { Ats, Resource } from "@effect-factorial/ats"
import { Pagination } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { json, mockClientLayer, sentRequests } from "@effect-factorial/core/test-support/MockHttp"
import { sample, sampleEncoded } from "./support/sample.js"

const meta = { has_next_page: false, has_previous_page: false, total: 1, limit: 100 }

const expectedOperations: Record<string, ReadonlyArray<string>> = {
  Answers: ["list", "stream", "all", "get", "create"],
  Applications: ["list", "stream", "all", "get", "create", "update", "delete", "apply", "moveToPhase"],
  ApplicationPhases: ["list", "stream", "all", "get"],
  Candidates: ["list", "stream", "all", "get", "create", "update", "delete"],
  CandidateSources: ["list", "stream", "all", "get"],
  EvaluationForms: ["list", "stream", "all", "get", "saveAsTemplate"],
  Feedbacks: ["list", "stream", "all", "get", "create", "update", "delete"],
  HiringStages: ["list", "stream", "all", "get"],
  JobPostings: ["list", "stream", "all", "get", "create", "update", "delete", "duplicate"],
  Messages: ["list", "stream", "all", "get", "create"],
  Questions: ["list", "stream", "all", "get", "create", "update", "delete"],
  RejectionReasons: ["list", "stream", "all", "get"]
}

describe("the operation matrix", () => {
  it("has the spec's 45 operations over 12 resources", () => {
    const byName = Object.fromEntries(Ats.resources.map((resource) => [resource.name, Resource.operations(resource)]))
    expect(byName).toEqual(expectedOperations)
    // list, get, create, update, delete and actions are the spec's operations; stream and all are ours.
    const specOperations = Object.values(byName).flatMap((ops) => ops.filter((op) => op !== "stream" && op !== "all"))
    expect(specOperations).toHaveLength(45)
  })
})

for (const resource of Ats.resources) {
  const definition: Resource.Definition = resource
  const record = sampleEncoded(definition.model)
  const decoded = Schema.decodeUnknownSync(definition.model)(record)
  const run = <A, E>(respond: Parameters<typeof mockClientLayer>[0], f: (service: Record<string, any>) => Effect.Effect<A, E>) =>
    Effect.gen(function*() {
      const layer = mockClientLayer(respond)
      return yield* Effect.gen(function*() {
        const svc = (yield* Resource.make(definition)) as Record<string, any>
        const result = yield* f(svc)
        return { result, sent: yield* sentRequests }
      }).pipe(Effect.provide(layer))
    })

  describe(definition.name, () => {
    const listParams = definition.name === "Messages" ? { last_per_conversation: true } : {}

    it.effect("list sends GET and decodes the page", () =>
      Effect.gen(function*() {
        const { result, sent } = yield* run(() => json({ data: [record], meta }), (s) => s.list(listParams))
        expect(sent).toHaveLength(1)
        expect(sent[0]!.method).toBe("GET")
        expect(sent[0]!.path).toBe(`ats/${definition.path}`)
        expect(sent[0]!.spans).toContain(`${definition.name}.list`)
        expect(result).toEqual(Schema.decodeUnknownSync(Pagination.Page(definition.model))({ data: [record], meta }))
      }))

    it.effect("get sends GET /<id> and decodes the record", () =>
      Effect.gen(function*() {
        const { result, sent } = yield* run(() => json(record), (s) => s.get("123"))
        expect(sent.map((r) => [r.method, r.path])).toEqual([["GET", `ats/${definition.path}/123`]])
        expect(sent[0]!.spans).toContain(`${definition.name}.get`)
        expect(result).toEqual(decoded)
      }))

    for (const [method, operation] of Object.entries(definition.operations)) {
      switch (operation._tag) {
        case "Create": {
          const create = operation.payload
          it.effect(`${method} sends POST with the encoded payload`, () =>
            Effect.gen(function*() {
              const payload = sample(create, 7)
              const { result, sent } = yield* run(() => json(record, 201), (s) => s[method](payload))
              expect(sent.map((r) => [r.method, r.path])).toEqual([["POST", `ats/${definition.path}`]])
              if (operation.formData) {
                expect(sent[0]!.body).toBeInstanceOf(FormData)
              } else {
                expect(sent[0]!.body).toEqual(JSON.parse(JSON.stringify(Schema.encodeSync(create)(payload))))
              }
              expect(sent[0]!.spans).toContain(`${definition.name}.${method}`)
              expect(result).toEqual(decoded)
            }))
          break
        }
        case "Update": {
          const update = operation.payload
          it.effect(`${method} sends PUT /<id> with the id repeated in the body`, () =>
            Effect.gen(function*() {
              const payload = sample(update, 7)
              const { result, sent } = yield* run(() => json(record), (s) => s[method]("987", payload))
              expect(sent.map((r) => [r.method, r.path])).toEqual([["PUT", `ats/${definition.path}/987`]])
              expect(sent[0]!.body).toEqual({ ...JSON.parse(JSON.stringify(Schema.encodeSync(update)(payload))), id: "987" })
              expect(result).toEqual(decoded)
            }))
          break
        }
        case "Delete": {
          it.effect(`${method} sends DELETE /<id> and answers the deleted record`, () =>
            Effect.gen(function*() {
              const { result, sent } = yield* run(() => json(record), (s) => s[method](55))
              expect(sent.map((r) => [r.method, r.path])).toEqual([["DELETE", `ats/${definition.path}/55`]])
              expect(result).toEqual(decoded)
            }))
          break
        }
        case "Action": {
          const action = operation
          it.effect(`${method} sends POST /${action.path} with the encoded payload`, () =>
            Effect.gen(function*() {
              const payload = sample(action.payload, 11)
              const { result, sent } = yield* run(() => json(record), (s) => s[method](payload))
              expect(sent.map((r) => [r.method, r.path])).toEqual([["POST", `ats/${definition.path}/${action.path}`]])
              expect(sent[0]!.spans).toContain(`${definition.name}.${method}`)
              expect(sent[0]!.body).toEqual(JSON.parse(JSON.stringify(Schema.encodeSync(action.payload)(payload))))
              expect(result).toEqual(decoded)
            }))
          break
        }
      }
    }
  })
}
