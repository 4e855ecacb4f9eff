/**
 * (4), one side: streams or collects N candidates through the SDK in this process and prints its memory figures as
 * JSON. Run by `memory.ts` with `--expose-gc`; arguments: `stream|collect <count>`.
 *
 * The pages come from an in-process `HttpClient` without latency: 100 of the sandbox's seed candidates, rendered
 * once, with their ids shifted page by page (so a million distinct, ordered ids cost no server time and hold no
 * server state in this heap). Everything after the `HttpClient` is the SDK, as a user runs it.
 */
import { Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Ats } from "@effect-factorial/ats"
import { SandboxState } from "@effect-factorial/sandbox"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

const mode = process.argv[2] === "collect" ? "collect" : "stream"
const total = Number(process.argv[3] ?? 1_000_000)
const pageSize = 100
const checkpointEvery = total / 10

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with --expose-gc")

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10

/** Heap in use after a full collection: what is really retained. */
const retained = () => {
  gc()
  return process.memoryUsage().heapUsed
}

const sample = { peakHeap: 0, peakRss: 0, checkpoints: [] as Array<number> }
const observe = (served: number) => {
  const usage = process.memoryUsage()
  sample.peakHeap = Math.max(sample.peakHeap, usage.heapUsed)
  sample.peakRss = Math.max(sample.peakRss, usage.rss)
  if (served > 0 && served % checkpointEvery === 0) sample.checkpoints.push(retained())
}

// One page of real seed records; `"id":"n"` is shifted to `"id":"<after + n>"` for each page.
const template = JSON.stringify(Array.from(Effect.runSync(SandboxState.make({ seed: { seed: 1, candidates: pageSize } })).scan("candidates")))

const pages = HttpClient.make((request) =>
  Effect.sync(() => {
    const after = Number(new Map(request.urlParams).get("after_id") ?? "0")
    observe(after)
    const data = template.replace(/"id":"(\d+)"/g, (_, id: string) => `"id":"${after + Number(id)}"`)
    const end = Math.min(after + pageSize, total)
    const meta = `{"has_next_page":${end < total},"has_previous_page":${after > 0},"total":${total},"limit":${pageSize},` +
      `"start_cursor":"${after + 1}","end_cursor":"${end}"}`
    return HttpClientResponse.fromWeb(
      request,
      new Response(`{"data":${data},"meta":${meta}}`, { headers: { "content-type": "application/json" } })
    )
  })
)

const AtsInProcess = Ats.layer.pipe(
  Layer.provide(FactorialClient.layer({ baseUrl: "http://localhost", auth: FactorialAuth.apiKey("bench") })),
  Layer.provide(Layer.succeed(HttpClient.HttpClient, pages)),
  Layer.orDie
)

const main = Effect.gen(function*() {
  const candidates = yield* Candidates
  const baseline = retained()
  const start = performance.now()
  let count: number
  let end: number
  if (mode === "stream") {
    count = yield* Stream.runCount(candidates.stream())
    observe(total)
    end = retained()
  } else {
    const all = yield* candidates.all()
    count = all.length
    observe(total)
    end = retained() // `all` is still referenced below: this is what holding the collection costs
    if (all[count - 1]?.id !== String(total)) throw new Error("the last candidate is not the expected one")
  }
  const seconds = (performance.now() - start) / 1_000
  return {
    mode,
    count,
    seconds: Math.round(seconds * 10) / 10,
    baselineMB: mb(baseline),
    checkpointsMB: sample.checkpoints.map(mb),
    peakHeapMB: mb(sample.peakHeap),
    peakRssMB: mb(sample.peakRss),
    endRetainedMB: mb(end)
  }
})

Effect.runPromise(Effect.provide(main, AtsInProcess)).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)
