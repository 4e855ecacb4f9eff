import { Candidates } from "@effect-factorial/ats"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// Every candidate, one page in memory at a time, consistent while others write.
export const syncAll = Effect.flatMap(Candidates, (candidates) =>
  candidates.stream().pipe(
    Stream.grouped(500),
    Stream.runForEach((batch) => Console.log(`storing ${batch.length} candidates`))
  ))

// The fastest full scan: eight pages in flight, records still in order.
export const snapshot = Effect.flatMap(Candidates, (candidates) => candidates.all({}, { concurrency: 8 }))

// The first 250 talent-pool candidates: three requests, no more.
export const sample = Effect.flatMap(Candidates, (candidates) =>
  candidates.all({ talent_pool: true }, { maxItems: 250 }))

// The second page, by hand.
export const secondPage = Effect.gen(function*() {
  const candidates = yield* Candidates
  const first = yield* candidates.list({ limit: 100 })
  if (!first.meta.has_next_page || first.meta.end_cursor === undefined) return first
  return yield* candidates.list({ limit: 100, after_id: first.meta.end_cursor })
})
