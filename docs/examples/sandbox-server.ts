// Testing your own code against the sandbox over real HTTP on 127.0.0.1.
import { Ats, Candidates, JobPostings } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Sandbox, SandboxServer, SandboxState } from "@effect-factorial/sandbox"
import { FetchHttpClient } from "@effect/platform"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// The code under test: the titles of the published postings and the size of the first page of candidates.
export const report = Effect.gen(function*() {
  const postings = yield* (yield* JobPostings).all({ status: "published" })
  const page = yield* (yield* Candidates).list({ limit: 10 })
  return { titles: postings.map((posting) => posting.title), firstPage: page.data.length }
})

// A FactorialClient pointed at whatever URL the sandbox listens on.
const ClientOnSandbox = Layer.unwrapEffect(
  Effect.map(SandboxServer, (server) =>
    FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) }))
)

// Ats services → client → fetch, on a sandbox of 500 candidates that lives as long as the layer.
export const TestAts = Ats.layer.pipe(
  Layer.provide(ClientOnSandbox),
  Layer.provide(FetchHttpClient.layer),
  Layer.provideMerge(Sandbox.layerServer({ size: 500, seed: 42 }))
)

// A test compares what the code returns with what the sandbox holds.
export const check = Effect.gen(function*() {
  const result = yield* report
  const state = yield* SandboxState
  const published = [...state.scan("job_postings")].filter((posting) => posting.status === "published")
  return result.titles.length === published.length && result.firstPage === 10
}).pipe(Effect.provide(TestAts))
