import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { SqlTokenStore } from "@effect-factorial/scale"
import { FetchHttpClient } from "@effect/platform"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// The tokens of every company you serve, in one table. On one machine a SQLite file is enough: every process
// that opens it shares the tokens and the refresh lease.
export const TokensOnSqlite = SqlTokenStore.layer().pipe(
  Layer.provide(SqliteClient.layer({ filename: "factorial.db" }))
)

// On many machines, PostgreSQL; the rows encrypted under a key only the application holds.
export const TokensOnPostgres = SqlTokenStore.layerConfig({
  encryptionKey: Config.redacted("FACTORIAL_TOKEN_KEY")
}).pipe(
  Layer.provide(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") }))
)

// One company's client: its tokens come from the table, and every rotation is written back under the lease.
export const clientFor = (companyId: string) =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      const tokens = yield* SqlTokenStore
      const auth = yield* FactorialAuth.oauthFromStore(tokens.forTenant(companyId))
      return FactorialClient.layer({ auth })
    })
  ).pipe(Layer.provide(FetchHttpClient.layer))
