// The PostgreSQL dedupe store of docs/webhooks.md, run against the database at FACTORIAL_TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test), in a schema of its own that is dropped afterwards.
import { Webhooks } from "@effect-factorial/ats"
import { PgClient } from "@effect/sql-pg"
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { DedupeOnPostgres } from "./webhooks-dedupe-sql.js"

const url = process.env.FACTORIAL_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
const schema = `webhook_dedupe_${process.pid}_${Date.now()}`

/** The URL with `options=-c search_path=<schema>`, which node-postgres sends when it connects. */
const withSearchPath = (base: string, path: string): string => {
  const parsed = new URL(base)
  parsed.searchParams.set("options", `-c search_path=${path}`)
  return parsed.href
}

/** A schema with the table the example expects, first on the search path; dropped when the suite ends. */
const Table = Layer.scopedDiscard(Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`CREATE SCHEMA ${schema}`)
  yield* Effect.addFinalizer(() => Effect.orDie(sql.unsafe(`DROP SCHEMA ${schema} CASCADE`)))
  yield* sql.unsafe(
    `CREATE TABLE ${schema}.webhook_deliveries (key text PRIMARY KEY, state text NOT NULL, ` +
      `claimed_at timestamptz NOT NULL DEFAULT now())`
  )
}))

/** The database, with the suite's schema first on the search path of every connection. */
const Database = PgClient.layer({
  url: Redacted.make(withSearchPath(url, schema))
})

layer(DedupeOnPostgres.pipe(Layer.provideMerge(Table), Layer.provideMerge(Database)), { timeout: "30 seconds" })(
  "DedupeOnPostgres",
  (it) => {
    it.effect("claims a key once, keeps it when handled, forgets it when released", () =>
      Effect.gen(function*() {
        const store = yield* Webhooks.DedupeStore
        expect(yield* store.claim("a")).toBe(true)
        expect(yield* store.claim("a")).toBe(false) // being handled
        yield* store.complete("a")
        expect(yield* store.claim("a")).toBe(false) // handled
        expect(yield* store.claim("b")).toBe(true)
        yield* store.release("b") // the handler failed: the retry runs it again
        expect(yield* store.claim("b")).toBe(true)
      }))

    it.effect("concurrent claims of one key: exactly one wins", () =>
      Effect.gen(function*() {
        const store = yield* Webhooks.DedupeStore
        const claims = yield* Effect.all(Array.from({ length: 10 }, () => store.claim("c")), { concurrency: 10 })
        expect(claims.filter((won) => won)).toHaveLength(1)
      }))

    it.effect("a key left being handled for over 10 minutes may be claimed again; a handled one never", () =>
      Effect.gen(function*() {
        const store = yield* Webhooks.DedupeStore
        const sql = yield* SqlClient.SqlClient
        expect(yield* store.claim("stuck")).toBe(true)
        expect(yield* store.claim("done")).toBe(true)
        yield* store.complete("done")
        yield* sql`UPDATE webhook_deliveries SET claimed_at = now() - interval '11 minutes'`
        expect(yield* store.claim("stuck")).toBe(true)
        expect(yield* store.claim("stuck")).toBe(false)
        expect(yield* store.claim("done")).toBe(false)
      }))
  }
)
