import { FactorialTenants, RedisRateLimiter, SqlTokenStore } from "@effect-factorial/scale"
import { FetchHttpClient } from "@effect/platform"
import { PgClient } from "@effect/sql-pg"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// Every replica, on every machine: tokens in PostgreSQL (rows encrypted), budgets and the 429 gate in Redis.
// However many replicas run, each company gets one refresh per expiry and at most 200 POST per minute.
export const TenantsLive = Layer.unwrapEffect(
  Effect.map(RedisRateLimiter, (budgets) => FactorialTenants.layerFromSql({ rateLimiter: budgets.forTenant }))
).pipe(
  Layer.provide(SqlTokenStore.layerConfig({ encryptionKey: Config.redacted("FACTORIAL_TOKEN_KEY") })),
  Layer.provide(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") })),
  Layer.provide(RedisRateLimiter.layerConfig({ url: Config.redacted("REDIS_URL") })),
  Layer.provide(FetchHttpClient.layer)
)
