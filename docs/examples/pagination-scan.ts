import { FactorialClient, Pagination } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

// Only the fields this program reads; the rest of each record is ignored.
const Candidate = Schema.Struct({ id: Schema.String, email: Schema.NullOr(Schema.String) })
const CandidatePage = Pagination.Page(Candidate)

// One page of GET /ats/candidates?talent_pool=true. The scan supplies `limit` and `after_id` or `page`.
const fetchCandidates = (request: Pagination.PageRequest) =>
  Effect.flatMap(FactorialClient, (client) =>
    client.execute(
      { method: "GET", path: ["ats", "candidates"], query: { ...request, talent_pool: true } },
      CandidatePage
    ))

// Every candidate, one page in memory at a time, consistent while others write.
export const syncAll = Pagination.stream(fetchCandidates).pipe(
  Stream.grouped(500),
  Stream.runForEach((batch) => Console.log(`storing ${batch.length} candidates`))
)

// The fastest full scan: eight pages in flight, records still in page order.
export const snapshot = Pagination.all(fetchCandidates, { concurrency: 8 })

// The first 250 candidates: three requests of 100, no fourth.
export const sample = Pagination.all(fetchCandidates, { maxItems: 250 })
