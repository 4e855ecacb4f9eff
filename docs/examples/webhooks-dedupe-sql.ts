import { Webhooks } from "@effect-factorial/ats"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// The keys of handled deliveries in PostgreSQL, shared by every replica and kept across restarts:
//   CREATE TABLE webhook_deliveries (
//     key text PRIMARY KEY, state text NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now())
export const DedupeOnPostgres = Layer.effect(
  Webhooks.DedupeStore,
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const failed = (operation: "claim" | "complete" | "release") => (cause: unknown) =>
      new Webhooks.DedupeStoreError({ operation, cause })
    return {
      // Atomic: the insert wins for one request only. A key left "handling" for 10 minutes (the process died
      // mid-handler) may be claimed again, so that delivery is not lost.
      claim: (key) =>
        sql`INSERT INTO webhook_deliveries (key, state) VALUES (${key}, 'handling')
            ON CONFLICT (key) DO UPDATE SET claimed_at = now()
            WHERE webhook_deliveries.state = 'handling'
              AND webhook_deliveries.claimed_at < now() - interval '10 minutes'
            RETURNING key`.pipe(Effect.map((rows) => rows.length === 1), Effect.mapError(failed("claim"))),
      complete: (key) =>
        sql`UPDATE webhook_deliveries SET state = 'handled' WHERE key = ${key}`.pipe(
          Effect.asVoid,
          Effect.mapError(failed("complete"))
        ),
      release: (key) =>
        sql`DELETE FROM webhook_deliveries WHERE key = ${key}`.pipe(Effect.asVoid, Effect.mapError(failed("release")))
    }
  })
)
