import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Sandbox, SandboxState } from "../src/index.js"
import { call, sandbox, transports } from "./support.js"

const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64").toString("utf8")

describe.each(transports)("pagination over %s", (transport) => {
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>, options: Sandbox.ServerOptions = { size: 250 }) =>
    Effect.provide(self, sandbox(transport, options))

  it.effect("cursor pages return every record once, sorted by id, with opaque cursors", () =>
    provide(Effect.gen(function*() {
      const seen: Array<string> = []
      let after: string | undefined
      let pages = 0
      for (;;) {
        const page = yield* call("GET", "candidates", { query: after === undefined ? {} : { after_id: after } })
        expect(page.status).toBe(200)
        pages++
        seen.push(...page.json.data.map((row: { id: string }) => row.id))
        expect(page.json.meta.total).toBe(250)
        expect(page.json.meta.limit).toBe(100)
        expect(page.json.meta.has_previous_page).toBe(after !== undefined)
        expect(decodeCursor(page.json.meta.end_cursor)).toBe(page.json.data.at(-1).id)
        expect(decodeCursor(page.json.meta.start_cursor)).toBe(page.json.data[0].id)
        if (!page.json.meta.has_next_page) break
        after = page.json.meta.end_cursor
      }
      expect(pages).toBe(3)
      expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => String(i + 1)))
    })))

  it.effect("a limit above 100 is clamped and meta.limit says 100", () =>
    provide(Effect.gen(function*() {
      const page = yield* call("GET", "candidates", { query: { limit: "500" } })
      expect(page.json.data).toHaveLength(100)
      expect(page.json.meta.limit).toBe(100)
      const small = yield* call("GET", "candidates", { query: { limit: "7" } })
      expect(small.json.data).toHaveLength(7)
      expect(small.json.meta.limit).toBe(7)
    })))

  it.effect("before_id walks backwards; the empty page after the last record has no cursors", () =>
    provide(Effect.gen(function*() {
      const before = yield* call("GET", "candidates", { query: { before_id: Buffer.from("51").toString("base64"), limit: "10" } })
      expect(before.json.data.map((row: { id: string }) => row.id)).toEqual(
        ["41", "42", "43", "44", "45", "46", "47", "48", "49", "50"]
      )
      expect(before.json.meta.has_previous_page).toBe(true)
      expect(before.json.meta.has_next_page).toBe(true)
      const empty = yield* call("GET", "candidates", { query: { after_id: Buffer.from("250").toString("base64") } })
      expect(empty.json.data).toEqual([])
      expect(empty.json.meta).toEqual({ has_next_page: false, has_previous_page: true, limit: 100, total: 250 })
    })))

  it.effect("offset pages: 1-based page + limit, total, no cursors", () =>
    provide(Effect.gen(function*() {
      const third = yield* call("GET", "candidates", { query: { page: "3", limit: "100" } })
      expect(third.json.data).toHaveLength(50)
      expect(third.json.data[0].id).toBe("201")
      expect(third.json.meta).toEqual({ has_next_page: false, has_previous_page: true, limit: 100, total: 250 })
      const first = yield* call("GET", "candidates", { query: { page: "1", limit: "100" } })
      expect(first.json.meta.has_next_page).toBe(true)
      expect("end_cursor" in first.json.meta).toBe(false)
    })))

  it.effect("offset pages shift when a record is deleted during the scan; cursor pages do not", () =>
    provide(Effect.gen(function*() {
      const page1 = yield* call("GET", "candidates", { query: { page: "1", limit: "10" } })
      const cursor1 = yield* call("GET", "candidates", { query: { limit: "10" } })
      yield* call("DELETE", "candidates/3")
      const page2 = yield* call("GET", "candidates", { query: { page: "2", limit: "10" } })
      const cursor2 = yield* call("GET", "candidates", { query: { limit: "10", after_id: cursor1.json.meta.end_cursor } })
      expect(page1.json.data.at(-1).id).toBe("10")
      expect(page2.json.data[0].id).toBe("12") // "11" slid onto page 1: the offset scan skips it
      expect(cursor2.json.data[0].id).toBe("11")
      expect(page2.json.meta.total).toBe(249)
    })))

  it.effect("ids are strings from 2026-07-01 and integers before, with every digit above 2^53", () =>
    provide(
      Effect.gen(function*() {
        const current = yield* call("GET", "candidates", { query: { limit: "1" } })
        expect(current.text).toContain(`"id":"18446744073709550001"`)
        expect(current.json.data[0].ats_job_posting_ids.every((id: unknown) => typeof id === "string")).toBe(true)
        const old = yield* call("GET", "candidates", { query: { limit: "1" }, version: "2026-04-01" })
        expect(old.text).toMatch(/"id":18446744073709550001[,}]/)
        expect(old.text).toMatch(/"ats_job_posting_ids":\[18446744073709\d+/)
        expect(old.text).toContain(`"company_id":18446744073709550001`)
        const got = yield* call("GET", "candidates/18446744073709550002", { version: "2026-04-01" })
        expect(got.text).toMatch(/^\{"id":18446744073709550002,/)
        const cursorPage = yield* call("GET", "candidates", {
          query: { after_id: current.json.meta.end_cursor, limit: "1" }
        })
        expect(cursorPage.json.data[0].id).toBe("18446744073709550002")
      }),
      { size: 250, bigIds: true }
    ))

  it.effect("meta.limit can be null (quirk)", () =>
    provide(
      Effect.gen(function*() {
        const page = yield* call("GET", "candidates", { query: { limit: "5" } })
        expect(page.json.meta.limit).toBeNull()
        expect(page.json.data).toHaveLength(5)
      }),
      { size: 10, quirks: { nullMetaLimit: true } }
    ))

  it.effect("filters: ids[], foreign keys, emails; unknown parameters are ignored", () =>
    provide(Effect.gen(function*() {
      const some = yield* call("GET", "candidates", { query: { "ids[]": ["3", "5", "999"] } })
      expect(some.json.data.map((row: { id: string }) => row.id)).toEqual(["3", "5"])
      expect(some.json.meta.total).toBe(2)
      const email = some.json.data[1].email
      const byEmail = yield* call("GET", "candidates", { query: { "emails[]": [email] } })
      expect(byEmail.json.data.map((row: { id: string }) => row.id)).toEqual(["5"])
      const apps = yield* call("GET", "applications", { query: { ats_job_posting_id: "2", limit: "100" } })
      expect(apps.json.data.length).toBeGreaterThan(0)
      expect(apps.json.data.every((row: { ats_job_posting_id: string }) => row.ats_job_posting_id === "2")).toBe(true)
      const ignored = yield* call("GET", "candidates", { query: { misspelt_filter: "x", limit: "3" } })
      expect(ignored.json.meta.total).toBe(250)
    })))

  it.effect("a filtered scan across pages returns exactly the matching records, and follows writes", () =>
    provide(Effect.gen(function*() {
      const state = yield* SandboxState
      const expected = [...state.scan("applications")].filter((app) => app.ats_job_posting_id === "3").map((app) => app.id)
      expect(expected.length).toBeGreaterThan(5)
      const seen: Array<string> = []
      let after: string | undefined
      for (;;) {
        const query: Record<string, string> = { ats_job_posting_id: "3", limit: "4" }
        if (after !== undefined) query.after_id = after
        const page = yield* call("GET", "applications", { query })
        expect(page.json.meta.total).toBe(expected.length)
        seen.push(...page.json.data.map((row: { id: string }) => row.id))
        if (!page.json.meta.has_next_page) break
        after = page.json.meta.end_cursor
      }
      expect(seen).toEqual(expected)
      yield* call("DELETE", `applications/${expected[0]}`)
      const again = yield* call("GET", "applications", { query: { ats_job_posting_id: "3", limit: "4" } })
      expect(again.json.meta.total).toBe(expected.length - 1)
      expect(again.json.data[0].id).toBe(expected[1])
    })))
})
