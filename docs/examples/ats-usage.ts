import { FetchHttpClient } from "@effect/platform"
import { Ats, Candidates, JobPostings } from "@effect-factorial/ats"
import { FactorialClient } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const program = Effect.gen(function*() {
  // List job postings and show open positions
  const jobPostings = yield* JobPostings
  for (const job of yield* jobPostings.all()) {
    yield* Console.log(job.title, job.status)
  }

  // List ten candidates
  const candidates = yield* Candidates
  const page = yield* candidates.list({ limit: 10 })
  for (const candidate of page.data) {
    yield* Console.log(candidate.first_name, candidate.last_name)
  }
})

// Reads FACTORIAL_API_KEY (or FACTORIAL_TOKEN), FACTORIAL_BASE_URL and FACTORIAL_API_VERSION.
const AtsLive = Ats.layer.pipe(
  Layer.provide(FactorialClient.layerConfig()),
  Layer.provide(FetchHttpClient.layer)
)

export const main = program.pipe(Effect.provide(AtsLive))
