import { FactorialClient, Pagination } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

// Only the fields this program reads; the rest of each record is ignored.
const Candidate = Schema.Struct({ id: Schema.String, email: Schema.NullOr(Schema.String) })

// GET /ats/candidates?talent_pool=true, one page at a time, records left undecoded: the scan decodes them one by
// one. The scan supplies `limit` and `after_id` (or `page`).
const candidates = Effect.map(FactorialClient, (client): Pagination.Source<typeof Candidate.Type, unknown, never> => {
  const request = (page: Pagination.PageRequest) =>
    ({ method: "GET", path: ["ats", "candidates"], query: { ...page, talent_pool: true } }) as const
  return {
    fetch: (page) => client.execute(request(page), Pagination.RawPage),
    schema: Candidate,
    url: (page) => client.url(request(page))
  }
})

// Every candidate, one page ahead of the consumer, exact while others write. A record that does not decode is
// skipped with a warning (id and field path, no values) and counted in the summary.
export const syncAll = Effect.flatMap(candidates, (source) =>
  Pagination.stream(source, {
    onInvalidRecord: "skip",
    onSummary: (summary) => Console.log(`${summary.records} stored, ${summary.invalid} invalid: ${summary.invalidIds}`)
  }).pipe(
    Stream.grouped(500),
    Stream.runForEach((batch) => Console.log(`storing ${batch.length} candidates`))
  ))

// The fastest exact scan: eight cursors over eight id ranges at once. Invalid records go to a dead-letter queue.
export const snapshot = Effect.gen(function*() {
  const deadLetters = yield* Queue.unbounded<Pagination.InvalidRecord>()
  const records = yield* Pagination.all(yield* candidates, {
    concurrency: 8,
    onInvalidRecord: (invalid) => Queue.offer(deadLetters, invalid)
  })
  return { records, invalid: yield* Queue.takeAll(deadLetters) }
})

// As fast as the server allows: the number of requests in flight adapts (AIMD), up to 16.
export const polite = Effect.flatMap(candidates, (source) => Pagination.all(source, { concurrency: "auto" }))

// The first 250 candidates: three requests of 100, no fourth.
export const sample = Effect.flatMap(candidates, (source) => Pagination.all(source, { maxItems: 250 }))
