import { StoredTokens, TokenStoreError } from "@effect-factorial/core/TokenStore"
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { SqlTokenStore } from "../src/index.js"
import { engines, uniqueTable } from "./support/engines.js"
import { describeWith } from "./support/suite.js"

const tokens = (n: number) =>
  new StoredTokens({
    refreshToken: Redacted.make(`refresh-SECRET-${n}`),
    accessToken: Redacted.make(`access-SECRET-${n}`),
    tokenType: "Bearer",
    createdAt: 1_777_885_200 + n,
    expiresIn: 3600,
    scope: "recruitment",
    clientId: "client-id",
    clientSecret: Redacted.make("client-SECRET"),
    baseUrl: "https://api.factorialhr.com"
  })

const refreshOf = (stored: Option.Option<StoredTokens>) =>
  Option.map(stored, (t) => Redacted.value(t.refreshToken)).pipe(Option.getOrUndefined)

const key = Redacted.make("0123456789abcdef0123456789abcdef-current")
const oldKey = Redacted.make("0123456789abcdef0123456789abcdef-previous")

for (const engine of engines) {
  describeWith(engine.availability, `SqlTokenStore on ${engine.name}`, () => {
    /** Runs `body` with a client on a database shared by every `client()` of the same test. */
    const withDatabase = <A, E>(
      body: (
        client: () => Layer.Layer<SqlClient.SqlClient, unknown>,
        table: string
      ) => Effect.Effect<A, E, Scope.Scope>
    ) => {
      const client = engine.database()
      const table = uniqueTable("tokens")
      const drop = Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.zipRight(
          sql`DROP TABLE IF EXISTS ${sql(table)}`,
          sql`DROP TABLE IF EXISTS ${sql(`${table}_migrations`)}`
        )).pipe(Effect.provide(client()), Effect.orDie)
      return Effect.ensuring(Effect.scoped(body(client, table)), drop)
    }

    const storeOn = (
      client: () => Layer.Layer<SqlClient.SqlClient, unknown>,
      table: string,
      options: SqlTokenStore.Options = {}
    ) =>
      // A client that lives as long as the test, like a replica's connection pool.
      Effect.flatMap(Layer.build(client()), (context) =>
        SqlTokenStore.make({ table, migrationsTable: `${table}_migrations`, ...options }).pipe(
          Effect.provide(context)
        )).pipe(Effect.orDie)

    it.live("loads nothing, then the latest save; lists and removes tenants", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const store = yield* storeOn(client, table)
          const acme = store.forTenant("acme")
          expect(yield* acme.load).toEqual(Option.none())
          yield* acme.save(tokens(1))
          yield* acme.save(tokens(2))
          yield* store.forTenant("globex").save(tokens(3))
          const loaded = yield* acme.load
          expect(refreshOf(loaded)).toBe("refresh-SECRET-2")
          expect(Option.map(loaded, (t) => [t.createdAt, t.expiresIn, t.scope, t.clientId, t.baseUrl])).toEqual(
            Option.some([1_777_885_202, 3600, "recruitment", "client-id", "https://api.factorialhr.com"])
          )
          expect(yield* store.tenants).toEqual(["acme", "globex"])
          yield* store.remove("acme")
          expect(yield* acme.load).toEqual(Option.none())
          expect(yield* store.tenants).toEqual(["globex"])
          // A second build (another replica starting) finds the migrations done and the rows in place.
          const again = yield* storeOn(client, table)
          expect(refreshOf(yield* again.forTenant("globex").load)).toBe("refresh-SECRET-3")
        })
      ))

    it.live("encrypts rows: the secrets are not in the table, the key and the tenant are checked", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const encrypted = yield* storeOn(client, table, { encryptionKey: key })
          yield* encrypted.forTenant("acme").save(tokens(1))
          const rows = yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
            sql<{ tenant: string; tokens: string }>`SELECT tenant, tokens FROM ${sql(table)}`).pipe(
              Effect.provide(client()),
              Effect.orDie
            )
          expect(rows).toHaveLength(1)
          expect(rows[0]!.tokens.startsWith("aesgcm1:")).toBe(true)
          expect(rows[0]!.tokens).not.toContain("SECRET")
          expect(refreshOf(yield* encrypted.forTenant("acme").load)).toBe("refresh-SECRET-1")

          // Without the key, or with another one, the row does not load; the error says why, holding no secret.
          const plain = yield* storeOn(client, table)
          const noKey = yield* Effect.flip(plain.forTenant("acme").load)
          expect(noKey).toBeInstanceOf(TokenStoreError)
          expect(noKey.message).toContain("encrypted")
          const other = yield* storeOn(client, table, { encryptionKey: oldKey })
          expect((yield* Effect.flip(other.forTenant("acme").load)).message).toContain("not configured")

          // A ciphertext copied to another tenant's row is refused.
          yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
            sql`INSERT INTO ${sql(table)} (tenant, tokens, version, updated_at) VALUES (${"globex"}, ${
              rows[0]!.tokens
            }, 1, 0)`).pipe(Effect.provide(client()), Effect.orDie)
          const copied = yield* Effect.flip(encrypted.forTenant("globex").load)
          expect(copied.message).toContain("another tenant")
          for (const rendering of [copied.message, String(copied), JSON.stringify(copied), Cause.pretty(Cause.fail(copied))]) {
            expect(rendering).not.toContain("SECRET")
          }
        })
      ))

    it.live("rotates keys: previous keys read, saves re-encrypt; plain rows read and get encrypted", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const before = yield* storeOn(client, table, { encryptionKey: oldKey })
          yield* before.forTenant("acme").save(tokens(1))
          const plain = yield* storeOn(client, table)
          yield* plain.forTenant("globex").save(tokens(2))

          const after = yield* storeOn(client, table, { encryptionKey: key, previousEncryptionKeys: [oldKey] })
          expect(refreshOf(yield* after.forTenant("acme").load)).toBe("refresh-SECRET-1")
          expect(refreshOf(yield* after.forTenant("globex").load)).toBe("refresh-SECRET-2")
          yield* after.forTenant("acme").save(tokens(3))
          yield* after.forTenant("globex").save(tokens(4))

          const currentOnly = yield* storeOn(client, table, { encryptionKey: key })
          expect(refreshOf(yield* currentOnly.forTenant("acme").load)).toBe("refresh-SECRET-3")
          expect(refreshOf(yield* currentOnly.forTenant("globex").load)).toBe("refresh-SECRET-4")
        })
      ))

    it.live("withLock: one holder at a time across clients; nested calls do not wait", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          // Three clients of one database: three replicas, as far as the lease is concerned.
          const replicas = yield* Effect.all([storeOn(client, table), storeOn(client, table), storeOn(client, table)])
          let inside = 0
          let most = 0
          let entered = 0
          const critical = Effect.gen(function*() {
            inside++
            most = Math.max(most, inside)
            entered++
            yield* Effect.sleep("5 millis")
            inside--
          })
          yield* Effect.forEach(
            Array.from({ length: 12 }, (_, i) => replicas[i % 3]!.forTenant("acme")),
            (store) => store.withLock(store.withLock(critical)),
            { concurrency: "unbounded" }
          )
          expect(entered).toBe(12)
          expect(most).toBe(1)
          // Other tenants are not held up by a lease on acme.
          const acme = replicas[0]!.forTenant("acme")
          const globex = replicas[1]!.forTenant("globex")
          const both = yield* acme.withLock(globex.withLock(Effect.succeed("both")))
          expect(both).toBe("both")
        })
      ))

    it.live("a lease left by a crashed holder expires; a live one times out the waiter", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const store = yield* storeOn(client, table, { lockTimeout: "300 millis" })
          yield* store.forTenant("acme").save(tokens(1))
          const plant = (millis: number) =>
            Effect.flatMap(SqlClient.SqlClient, (sql) =>
              sql`UPDATE ${sql(table)} SET lease_owner = ${"crashed-replica"}, lease_until = ${
                Date.now() + millis
              } WHERE tenant = ${"acme"}`).pipe(Effect.provide(client()), Effect.orDie)

          // A lease that outlives the waiter's patience: the waiter fails with a lock error.
          yield* plant(60_000)
          const timedOut = yield* Effect.flip(store.forTenant("acme").withLock(Effect.void))
          expect(timedOut).toBeInstanceOf(TokenStoreError)
          expect(timedOut.operation).toBe("lock")

          // A lease about to expire: the waiter gets in after it, and warns that the holder never released it.
          yield* plant(100)
          const patient = yield* storeOn(client, table, { lockTimeout: "10 seconds" })
          const warnings: Array<unknown> = []
          const recorded = Logger.add(
            Logger.make(({ logLevel, message }) => logLevel._tag === "Warning" && warnings.push(message))
          )
          const exit = yield* Effect.exit(patient.forTenant("acme").withLock(Effect.succeed("in"))).pipe(
            Effect.provide(recorded)
          )
          expect(exit).toEqual(Exit.succeed("in"))
          expect(String(warnings)).toContain("did not release")
          // A lease released as it should be is taken without a warning.
          yield* patient.forTenant("acme").withLock(Effect.void).pipe(Effect.provide(recorded))
          expect(warnings).toHaveLength(1)
          const owners = yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
            sql<{ lease_owner: string | null }>`SELECT lease_owner FROM ${sql(table)}`).pipe(
              Effect.provide(client()),
              Effect.orDie
            )
          expect(owners).toEqual([{ lease_owner: null }])
        })
      ))

    it.live("the holder renews its lease while it works, so a slow holder keeps it", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const options = { leaseDuration: "1 second", lockTimeout: "20 seconds" } as const
          const [a, b] = yield* Effect.all([storeOn(client, table, options), storeOn(client, table, options)])
          const events: Array<string> = []
          const slow = a.forTenant("acme").withLock(
            Effect.zipRight(Effect.sync(() => events.push("a in")), Effect.sleep("2500 millis")).pipe(
              Effect.zipRight(Effect.sync(() => events.push("a out")))
            )
          )
          const fast = Effect.zipRight(
            Effect.sleep("50 millis"),
            b.forTenant("acme").withLock(Effect.sync(() => events.push("b in")))
          )
          yield* Effect.all([slow, fast], { concurrency: 2 })
          expect(events).toEqual(["a in", "a out", "b in"])
        })
      ))

    it.live("rejects bad options with a ConfigError", () =>
      withDatabase((client, table) =>
        Effect.gen(function*() {
          const invalid = (options: SqlTokenStore.Options) =>
            SqlTokenStore.make(options).pipe(
              Effect.provide(client()),
              Effect.flip,
              Effect.map((error) => ConfigError.isConfigError(error) && ConfigError.isInvalidData(error)),
              Effect.orDie
            )
          expect(yield* invalid({ table: "tokens; DROP TABLE x" })).toBe(true)
          expect(yield* invalid({ table, encryptionKey: Redacted.make("short") })).toBe(true)
          expect(yield* invalid({ table, leaseDuration: "0 millis" })).toBe(true)
        })
      ))
  })
}
