/**
 * The consumer program of the pack-and-install smoke test (`pnpm smoke`): it is copied into a project outside the
 * workspace, type-checked there against the installed tarballs, and run. `SMOKE_MODE=in-process` runs it on the
 * in-process sandbox; `SMOKE_MODE=over-http` on the installed sandbox bin, reached with the `FACTORIAL_*` variables.
 */
import { Ats, Candidates, JobPostings } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as Pagination from "@effect-factorial/core/Pagination"
import { Candidate } from "@effect-factorial/schema"
import { Sandbox } from "@effect-factorial/sandbox"
import { FetchHttpClient } from "@effect/platform"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

const expect = (ok: boolean, what: string) => (ok ? Effect.void : Effect.dieMessage(`smoke: ${what}`))

/** What both modes check: a scan, a page, a write read back, a typed failure, decoded models. */
const exercise = (size: number) =>
  Effect.gen(function*() {
    const candidates = yield* Candidates
    const scanned = yield* candidates.stream().pipe(Stream.runCount)
    yield* expect(scanned === size, `a scan saw ${scanned} candidates, expected ${size}`)
    const page = yield* candidates.list({ limit: 5 })
    yield* expect(page.data.length === 5, `a page of 5 had ${page.data.length}`)
    yield* expect(page.data.every(Schema.is(Candidate)), "records decode to Candidate")
    const company_id = page.data[0]?.company_id
    if (company_id === undefined) return yield* Effect.dieMessage("smoke: seeded candidates carry a company_id")
    const created = yield* candidates.create({
      company_id,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com"
    })
    const fetched = yield* candidates.get(created.id)
    yield* expect(fetched.first_name === "Ada" && fetched.email === "ada@example.com", "a created candidate reads back")
    const missing = yield* Effect.flip(candidates.get("987654321"))
    yield* expect(missing._tag === "NotFound", `an unknown id failed with ${missing._tag}, expected NotFound`)
    const postings = yield* (yield* JobPostings).all()
    yield* expect(postings.length > 0, "job postings are listed")
    yield* expect(Pagination.maxLimit === 100, "a subpath import (core/Pagination) works")
    return { scanned, postings: postings.length }
  })

const inProcess = exercise(40).pipe(
  Effect.provide(
    Ats.layer.pipe(
      Layer.provide(
        FactorialClient.layer({ baseUrl: Sandbox.inProcessUrl, auth: FactorialAuth.apiKey("sandbox-api-key") })
      ),
      Layer.provide(Sandbox.layerClient({ size: 40, seed: 3 }))
    )
  )
)

const overHttp = Effect.flatMap(Config.integer("SMOKE_SIZE"), exercise).pipe(
  Effect.provide(Ats.layer.pipe(Layer.provide(FactorialClient.layerConfig()), Layer.provide(FetchHttpClient.layer)))
)

const main = Effect.gen(function*() {
  const mode = yield* Config.literal("in-process", "over-http")("SMOKE_MODE")
  const result = yield* (mode === "in-process" ? inProcess : overHttp)
  yield* Console.log(`consumer ${mode}: ${result.scanned} candidates scanned, ${result.postings} job postings, all checks passed`)
})

// A failure rejects the promise, which makes node exit non-zero with the cause printed.
await Effect.runPromise(main)
