import { FetchHttpClient } from "@effect/platform"
import { FactorialClient } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

// Only the fields this program needs; the rest of the payload is ignored.
const JobPostingPage = Schema.Struct({
  data: Schema.Array(Schema.Struct({ id: Schema.String, title: Schema.String })),
  meta: Schema.Struct({ has_next_page: Schema.Boolean })
})

const program = Effect.gen(function*() {
  const client = yield* FactorialClient

  // GET /api/<version>/resources/ats/job_postings?limit=5&status[]=published, decoded with the schema.
  const page = yield* client.execute(
    { method: "GET", path: ["ats", "job_postings"], query: { limit: 5, status: ["published"] } },
    JobPostingPage
  )
  for (const posting of page.data) {
    yield* Console.log(posting.id, posting.title)
  }

  // The escape hatch: any path, any parameters, the JSON body as `unknown`.
  const stages = yield* client.raw({ method: "GET", path: ["ats", "hiring_stages"] })
  yield* Console.log(stages)
})

const FactorialLive = FactorialClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))

export const main = program.pipe(Effect.provide(FactorialLive))
