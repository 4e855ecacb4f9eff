import { FactorialClient, Pagination } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const JobPosting = Schema.Struct({ id: Schema.String, title: Schema.String })

const fetchJobPostings = (request: Pagination.PageRequest) =>
  Effect.flatMap(FactorialClient, (client) =>
    client.execute({ method: "GET", path: ["ats", "job_postings"], query: request }, Pagination.Page(JobPosting)))

// Try the fast offset scan; if postings were created or deleted meanwhile, rescan with cursors.
export const everyPosting = Pagination.all(fetchJobPostings, { strategy: "offset", concurrency: 4 }).pipe(
  Effect.catchTag("PaginationError", (error) =>
    Console.warn(`offset scan abandoned: ${error.message}`).pipe(
      Effect.zipRight(Pagination.all(fetchJobPostings, { strategy: "cursor" }))
    ))
)

// Walking the pages by hand: the first page, then the next one from its end cursor.
export const firstTwoPages = Effect.gen(function*() {
  const first = yield* fetchJobPostings({ limit: 100 })
  if (!first.meta.has_next_page || first.meta.end_cursor === undefined) return first.data
  const second = yield* fetchJobPostings({ limit: 100, after_id: first.meta.end_cursor })
  return [...first.data, ...second.data]
})
