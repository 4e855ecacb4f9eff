import { JobPostings } from "@effect-factorial/ats"
import { FactorialTenants, SqlTokenStore } from "@effect-factorial/scale"
import { FetchHttpClient, HttpRouter, HttpServerResponse } from "@effect/platform"
import { SqliteClient } from "@effect/sql-sqlite-node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

// GET /companies/:companyId/job-postings, answered with that company's own client: its tokens (refreshed
// once across every process sharing factorial.db), its rate budget, its retry gate.
export const routes = HttpRouter.empty.pipe(
  HttpRouter.get(
    "/companies/:companyId/job-postings",
    Effect.gen(function*() {
      const { companyId } = yield* HttpRouter.schemaPathParams(Schema.Struct({ companyId: Schema.String }))
      const postings = yield* Effect.flatMap(JobPostings, (jobPostings) => jobPostings.all()).pipe(
        Effect.provide(JobPostings.layer),
        // The client of this company: built on its first request, reused until it has been idle 10 minutes.
        Effect.provide(FactorialTenants.layerFor(companyId))
      )
      return yield* HttpServerResponse.json(postings.map((posting) => ({ id: posting.id, title: posting.title })))
    }).pipe(
      Effect.catchTags({
        AuthError: (error) => HttpServerResponse.json({ error: error.reason }, { status: 409 })
      })
    )
  )
)

// Built once for the server: the cache of tenants over the token table.
export const TenantsLive = FactorialTenants.layerFromSql().pipe(
  Layer.provide(SqlTokenStore.layer()),
  Layer.provide(SqliteClient.layer({ filename: "factorial.db" })),
  Layer.provide(FetchHttpClient.layer)
)
