// Fixtures for mock-layer tests: generated records with the fields the test cares about, and a page whose meta
// matches its data.
import { Candidates, Testing } from "@effect-factorial/ats"
import { Candidate } from "@effect-factorial/schema"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// The code under test: the names of the talent-pool candidates on the first page.
const talentPool = Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 3 })).pipe(
  Effect.map((page) => page.data.filter((c) => c.talent_pool === true).map((c) => c.first_name))
)

// Every field of a generated record holds a value the model accepts; the same seed gives the same records.
const ada = Testing.record(Candidate, { first_name: "Ada", talent_pool: true })
const grace = Testing.record(Candidate, { first_name: "Grace", talent_pool: false }, { seed: 2 })
const more = Testing.records(Candidate, 8, { seed: 3 })

const CandidatesTest = Candidates.layerMock({
  // `meta.total` 10, `has_next_page` true, cursors at the first and last ids: what the API would send.
  list: () => Effect.succeed(Testing.page([ada, grace], { total: 10 })),
  stream: () => Stream.fromIterable([ada, grace, ...more])
})

export const test = talentPool.pipe(Effect.provide(CandidatesTest)) // Effect<["Ada"]>
