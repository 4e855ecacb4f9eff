/**
 * (1) A full scan of 20,000 candidates with 20 ms of latency per request: the SDK's cursor stream, its offset
 * stream with 4 and 8 pages in flight, and a hand-written `fetch` loop, each against its floor
 * `pages × latency / concurrency`.
 */
import { Candidates } from "@effect-factorial/ats"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { apiKey, atsLayer, best, formatMs, formatRatio, type Row, startSandbox, time } from "./support.js"

const size = 20_000
const latencyMs = 20
const pageSize = 100
const rounds = 2

/** What a user writes without an SDK: follow `end_cursor` until the last page, counting records. */
const plainFetchLoop = async (url: string): Promise<number> => {
  let count = 0
  let cursor: string | undefined
  for (;;) {
    const query = `limit=${pageSize}${cursor === undefined ? "" : `&after_id=${encodeURIComponent(cursor)}`}`
    const response = await fetch(`${url}/api/2026-07-01/resources/ats/candidates?${query}`, {
      headers: { "x-api-key": apiKey, accept: "application/json" }
    })
    if (!response.ok) throw new Error(`GET candidates answered ${response.status}`)
    const page = JSON.parse(await response.text()) as { data: Array<unknown>; meta: { has_next_page: boolean; end_cursor?: string } }
    count += page.data.length
    if (!page.meta.has_next_page || page.meta.end_cursor === undefined) return count
    cursor = page.meta.end_cursor
  }
}

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const sandbox = await startSandbox(["--size", String(size), "--latency", String(latencyMs), "--seed", "1"])
  const runtime = ManagedRuntime.make(Layer.orDie(atsLayer(sandbox.url)))
  try {
    const sdkScan = (concurrency?: number) => () =>
      runtime.runPromise(Effect.flatMap(Candidates, (candidates) =>
        Stream.runCount(concurrency === undefined ? candidates.stream() : candidates.stream({}, { concurrency }))))
    const count = (name: string, seen: number) => {
      if (seen !== size) throw new Error(`${name} saw ${seen} candidates, expected ${size}`)
    }
    const variants: ReadonlyArray<{ name: string; concurrency: number; run: () => Promise<number> }> = [
      { name: "SDK cursor stream", concurrency: 1, run: sdkScan() },
      { name: "SDK offset stream, concurrency 4", concurrency: 4, run: sdkScan(4) },
      { name: "SDK offset stream, concurrency 8", concurrency: 8, run: sdkScan(8) },
      { name: "plain fetch cursor loop", concurrency: 1, run: () => plainFetchLoop(sandbox.url) }
    ]
    // Warm up the code paths (JIT, keep-alive sockets) on a few pages, then alternate the order between rounds.
    await runtime.runPromise(Effect.flatMap(Candidates, (candidates) =>
      Stream.runDrain(candidates.stream({}, { concurrency: 8, maxItems: 2_000 }))))
    await runtime.runPromise(Effect.flatMap(Candidates, (candidates) => Stream.runDrain(candidates.stream({}, { maxItems: 2_000 }))))
    const samples = new Map<string, Array<number>>(variants.map((v) => [v.name, []]))
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse()
      for (const variant of order) {
        let seen = 0
        samples.get(variant.name)!.push(await time(async () => (seen = await variant.run())))
        count(variant.name, seen)
      }
      process.stdout.write(`  (1) round ${round + 1}/${rounds} done\n`)
    }
    const pages = size / pageSize
    return variants.map((variant) => {
      const floor = (pages * latencyMs) / variant.concurrency
      const measured = best(samples.get(variant.name)!)
      return {
        benchmark: "(1) scan 20k, 20 ms latency",
        variant: variant.name,
        result: formatMs(measured),
        ratio: formatRatio(measured / floor),
        note: `floor ${formatMs(floor)} (${pages} pages × ${latencyMs} ms / ${variant.concurrency}); runs ${
          samples.get(variant.name)!.map(formatMs).join(", ")
        }`
      }
    })
  } finally {
    await runtime.dispose()
    await sandbox.stop()
  }
}
