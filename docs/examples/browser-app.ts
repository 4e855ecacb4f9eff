// A browser (or edge) program: the ATS services over `fetch`, with an access token the page already holds.
// `pnpm bundle:browser` bundles exactly this file for the browser, without externals, on every CI run.
import { Ats, Candidates, JobPostings } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { FetchHttpClient } from "@effect/platform"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

const AtsInBrowser = (token: string) =>
  Ats.layer.pipe(
    Layer.provide(FactorialClient.layer({ auth: FactorialAuth.accessToken(token) })),
    Layer.provide(FetchHttpClient.layer)
  )

// The published job postings and the first ten candidates' names, for a dashboard.
export const dashboard = (token: string) =>
  Effect.gen(function*() {
    const postings = yield* (yield* JobPostings).all({ status: "published" })
    const names = yield* (yield* Candidates).stream().pipe(
      Stream.take(10),
      Stream.map((candidate) => `${candidate.first_name} ${candidate.last_name}`),
      Stream.runCollect
    )
    return { postings: postings.map((posting) => posting.title), candidates: Array.from(names) }
  }).pipe(Effect.provide(AtsInBrowser(token)))

// What the page calls.
export const loadDashboard = (token: string) => Effect.runPromise(dashboard(token))
