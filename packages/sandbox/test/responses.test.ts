import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Sandbox, SandboxState } from "../src/index.js"
import { call, sandbox, transports } from "./support.js"

const newCandidate = { first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", company_id: "1" }

describe.each(transports)("responses over %s", (transport) => {
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>, options: Sandbox.ServerOptions = { size: 20 }) =>
    Effect.provide(self, sandbox(transport, options))

  it.effect("create answers 201 with the bare record, filling server-side fields", () =>
    provide(Effect.gen(function*() {
      const created = yield* call("POST", "candidates", { body: newCandidate })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({
        id: "21",
        first_name: "Ada",
        last_name: "Lovelace",
        full_name: "Ada Lovelace",
        email: "ada@example.com",
        company_id: "1",
        talent_pool: false,
        phone_number: null
      })
      expect(typeof created.json.created_at).toBe("string")
      const state = yield* SandboxState
      expect(state.get("candidates", "21")?.full_name).toBe("Ada Lovelace")
      expect(state.count("candidates")).toBe(21)
    })))

  it.effect("get, update (PUT with the id repeated) and delete answer 200 with the bare record", () =>
    provide(Effect.gen(function*() {
      const got = yield* call("GET", "candidates/4")
      expect(got.status).toBe(200)
      expect(got.json.id).toBe("4")
      expect("data" in got.json).toBe(false)
      const updated = yield* call("PUT", "candidates/4", { body: { id: "4", first_name: "Grace" } })
      expect(updated.status).toBe(200)
      expect(updated.json.first_name).toBe("Grace")
      expect(updated.json.full_name).toBe(`Grace ${got.json.last_name}`)
      const deleted = yield* call("DELETE", "candidates/4")
      expect(deleted.status).toBe(200)
      expect(deleted.json.id).toBe("4")
      expect(deleted.json.first_name).toBe("Grace")
      const gone = yield* call("GET", "candidates/4")
      expect(gone.status).toBe(404)
    })))

  it.effect("404 for unknown ids, unknown resources and bad versions", () =>
    provide(Effect.gen(function*() {
      expect((yield* call("GET", "candidates/999999")).status).toBe(404)
      expect((yield* call("GET", "candidates/not-an-id")).status).toBe(404)
      expect((yield* call("PUT", "candidates/999999", { body: { id: "999999" } })).status).toBe(404)
      expect((yield* call("DELETE", "feedbacks/999999")).status).toBe(404)
      expect((yield* call("GET", "employees")).status).toBe(404)
      expect((yield* call("GET", "candidates", { version: "latest" })).status).toBe(404)
    })))

  it.effect("422 with field errors for an invalid body, and nothing is written", () =>
    provide(Effect.gen(function*() {
      const invalid = yield* call("POST", "candidates", { body: { last_name: 42 } })
      expect(invalid.status).toBe(422)
      expect(Object.keys(invalid.json.errors)).toEqual(expect.arrayContaining(["first_name", "last_name"]))
      expect(invalid.json.errors.first_name).toEqual([expect.any(String)])
      const state = yield* SandboxState
      expect(state.count("candidates")).toBe(20)
      const notJson = yield* call("PUT", "candidates/2", { rawBody: "{" })
      expect(notJson.status).toBe(400)
    })))

  it.effect("401 with {\"errors\": null} without credentials", () =>
    provide(Effect.gen(function*() {
      const denied = yield* call("GET", "candidates", { auth: false })
      expect(denied.status).toBe(401)
      expect(denied.text).toBe(`{"errors":null}`)
    })))

  it.effect("optional fields are explicit nulls, or absent with the quirk off", () =>
    Effect.gen(function*() {
      const explicit = yield* provide(call("GET", "candidates/1"))
      expect(Object.values(explicit.json)).toContain(null)
      const omitted = yield* provide(call("GET", "candidates/1"), { size: 5, quirks: { explicitNulls: false } })
      expect(Object.values(omitted.json)).not.toContain(null)
      expect(Object.keys(omitted.json).length).toBeLessThan(Object.keys(explicit.json).length)
    }))

  it.effect("a request body in an old version may carry integer ids, even above 2^53", () =>
    provide(
      Effect.gen(function*() {
        const created = yield* call("POST", "feedbacks", {
          version: "2026-04-01",
          rawBody: `{"ats_candidate_id": 18446744073709550003, "rating": 5, "mention_ids": [18446744073709550004]}`
        })
        expect(created.status).toBe(201)
        expect(created.text).toContain(`"ats_candidate_id":18446744073709550003`)
        const state = yield* SandboxState
        expect(state.get("feedbacks", created.text.match(/"id":(\d+)/)![1]!)?.ats_candidate_id).toBe("18446744073709550003")
        const unknown = yield* call("POST", "feedbacks", { body: { ats_candidate_id: "18446744073709559999" } })
        expect(unknown.status).toBe(422)
        expect(unknown.json.errors.ats_candidate_id).toEqual(["does not exist"])
      }),
      { size: 5, bigIds: true }
    ))
})
