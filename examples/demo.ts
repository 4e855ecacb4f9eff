/**
 * `pnpm demo`: the usage example of Factorial's Python library, written with effect-factorial.
 *
 * 1. list the job postings with their title and status;
 * 2. list ten candidates;
 * 3. stream every candidate, one page in memory at a time, with a progress line;
 * 4. summarise one posting: how many applications sit in each phase of its pipeline.
 *
 * Without credentials it starts the sandbox (`@effect-factorial/sandbox`) on a free port of 127.0.0.1 and talks to
 * it over real HTTP, exactly as it would talk to Factorial. With `FACTORIAL_API_KEY` or `FACTORIAL_TOKEN` set it
 * talks to `FACTORIAL_BASE_URL` (default the real API) instead. `--size <n>` sets the sandbox's candidate count.
 */
import { ApplicationPhases, Applications, Ats, Candidates, JobPostings } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Sandbox, SandboxServer } from "@effect-factorial/sandbox"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** A progress line every this many candidates. */
const progressEvery = 1_000

/** Candidates in the demo's sandbox: enough for a few progress lines, little enough to finish in a second or two. */
const sandboxSize = (): number => {
  const index = process.argv.indexOf("--size")
  const size = index === -1 ? Number.NaN : Number(process.argv[index + 1])
  return Number.isInteger(size) && size > 0 ? size : 3_000
}

const program = Effect.gen(function*() {
  // 1. Job postings, with their title and status.
  const jobPostings = yield* JobPostings
  const postings = yield* jobPostings.all()
  yield* Console.log(`\n${postings.length} job postings:`)
  for (const posting of postings) yield* Console.log(`  ${posting.title} (${posting.status ?? "no status"})`)

  // 2. Ten candidates: one page.
  const candidates = yield* Candidates
  const page = yield* candidates.list({ limit: 10 })
  yield* Console.log(`\nTen candidates (of ${page.meta.total ?? "?"}):`)
  for (const candidate of page.data) {
    yield* Console.log(`  ${candidate.first_name} ${candidate.last_name} <${candidate.email ?? "no email"}>`)
  }

  // 3. Every candidate, streamed: memory holds one page, whatever the company's size.
  yield* Console.log("\nStreaming every candidate:")
  const started = Date.now()
  const { inTalentPool, seen } = yield* candidates.stream().pipe(
    Stream.runFoldEffect({ seen: 0, inTalentPool: 0 }, (totals, candidate) => {
      const next = { seen: totals.seen + 1, inTalentPool: totals.inTalentPool + (candidate.talent_pool ? 1 : 0) }
      return next.seen % progressEvery === 0
        ? Effect.as(Console.log(`  ${next.seen.toLocaleString("en")} candidates…`), next)
        : Effect.succeed(next)
    })
  )
  const seconds = (Date.now() - started) / 1_000
  yield* Console.log(
    `  done: ${seen.toLocaleString("en")} candidates in ${seconds.toFixed(2)} s, ${inTalentPool} in the talent pool`
  )

  // 4. One posting's pipeline: applications per phase, from the phases and the applications themselves.
  const posting = postings.find((p) => p.status === "published") ?? postings[0]
  if (posting === undefined) return yield* Console.log("\nNo job posting to summarise.")
  const phases = yield* (yield* ApplicationPhases).all({ ats_job_posting_ids: [posting.id] })
  const perPhase = new Map<string, number>()
  yield* (yield* Applications).stream({ ats_job_posting_id: posting.id }).pipe(
    Stream.runForEach((application) =>
      Effect.sync(() => {
        const phase = application.ats_application_phase_id ?? "none"
        perPhase.set(phase, (perPhase.get(phase) ?? 0) + 1)
      })
    )
  )
  yield* Console.log(`\nApplications per phase of "${posting.title}":`)
  for (const phase of [...phases].sort((a, b) => (a.position ?? 0) - (b.position ?? 0))) {
    yield* Console.log(`  ${(phase.name ?? "(unnamed)").padEnd(24)} ${String(perPhase.get(phase.id) ?? 0).padStart(5)}`)
  }
  const unphased = perPhase.get("none")
  if (unphased !== undefined) yield* Console.log(`  ${"(no phase)".padEnd(24)} ${String(unphased).padStart(5)}`)
})

/** The real API (or `FACTORIAL_BASE_URL`), configured from the environment. */
const Live = Ats.layer.pipe(
  Layer.provideMerge(FactorialClient.layerConfig()),
  Layer.provide(FetchHttpClient.layer)
)

/** The sandbox on a free loopback port, and a client pointed at it over real HTTP. */
const OnSandbox = (size: number) =>
  Ats.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Sandbox.layerServer({ size, seed: 42, jobPostings: 8 }))
  )

const hasCredentials = Effect.map(
  Config.all([Config.option(Config.string("FACTORIAL_API_KEY")), Config.option(Config.string("FACTORIAL_TOKEN"))]),
  (values) => values.some((value) => Option.isSome(value) && value.value.trim() !== "")
)

const main = Effect.gen(function*() {
  const live = yield* hasCredentials
  const size = sandboxSize()
  if (!live) {
    yield* Console.log(
      `No FACTORIAL_API_KEY or FACTORIAL_TOKEN: starting the sandbox (${size.toLocaleString("en")} candidates).`
    )
  }
  yield* Effect.gen(function*() {
    const client = yield* FactorialClient
    yield* Console.log(
      live
        ? `Using the Factorial API at ${client.baseUrl} (version ${client.apiVersion}), credentials from the environment.`
        : `Using the sandbox at ${client.baseUrl} (version ${client.apiVersion}), over HTTP.`
    )
    yield* program
    yield* Console.log("\nDone.")
  }).pipe(Effect.provide(live ? Live : OnSandbox(size)))
})

Effect.runPromiseExit(main).then((exit) => {
  if (Exit.isFailure(exit)) {
    console.error(`\nThe demo failed:\n${Cause.pretty(exit.cause)}`)
    process.exitCode = 1
  }
})
