/**
 * (1) Scans of 20,000 candidates with 20 ms of latency per request, each against its floor:
 *
 * - the SDK's cursor stream (pipelined: the next page is requested before the current one is decoded) vs
 *   `pages × latency`, the floor of any scan that follows cursors one page at a time (target ≤ 1.15×); a plain
 *   `fetch` loop for reference;
 * - the SDK's exact concurrent scan (8, 16 and 32 cursors over id ranges, and `concurrency: "auto"`) vs the
 *   all-at-once floor: every page fetched at once with plain `fetch` + `JSON.parse` and no decoding (target: the
 *   fastest exact scan ≤ 1.5×);
 * - the adaptive scan against a sandbox that rate-limits with a per-credential token bucket (429 + Retry-After):
 *   it must complete, surface no `RateLimited`, and use ≥ 80% of the requests the bucket allowed over its run.
 */
import { Candidates } from "@effect-factorial/ats"
import type { Pagination } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { apiKey, atsLayer, best, formatMs, formatRatio, type Row, startSandbox, time } from "./support.js"

const size = 20_000
const latencyMs = 20
const pageSize = 100
const rounds = 2
const pages = size / pageSize
const bucket = { perSecond: 50, burst: 50 }

const listUrl = (url: string, query: string) => `${url}/api/2026-07-01/resources/ats/candidates?${query}`
const headers = { "x-api-key": apiKey, accept: "application/json" }

/** What a user writes without an SDK: follow `end_cursor` until the last page, counting records. */
const plainFetchLoop = async (url: string): Promise<number> => {
  let count = 0
  let cursor: string | undefined
  for (let page = 0; page < pages * 2; page++) {
    const query = `limit=${pageSize}${cursor === undefined ? "" : `&after_id=${encodeURIComponent(cursor)}`}`
    const response = await fetch(listUrl(url, query), { headers })
    if (!response.ok) throw new Error(`GET candidates answered ${response.status}`)
    const body = JSON.parse(await response.text()) as { data: Array<unknown>; meta: { has_next_page: boolean; end_cursor?: string } }
    count += body.data.length
    if (!body.meta.has_next_page || body.meta.end_cursor === undefined) return count
    cursor = body.meta.end_cursor
  }
  throw new Error("the plain loop did not end")
}

/** The all-at-once floor: every page at once (offset pages, as the Python library's `all()`), parsed, not decoded. */
const allAtOnce = async (url: string): Promise<number> => {
  const bodies = await Promise.all(Array.from({ length: pages }, async (_, index) => {
    const response = await fetch(listUrl(url, `limit=${pageSize}&page=${index + 1}`), { headers })
    if (!response.ok) throw new Error(`GET candidates answered ${response.status}`)
    return JSON.parse(await response.text()) as { data: Array<unknown> }
  }))
  return bodies.reduce((n, body) => n + body.data.length, 0)
}

const target = (ratio: number, limit: number, text = `≤ ${limit}×`) => ({ target: text, met: ratio <= limit })

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const rows: Array<Row> = []
  const sandbox = await startSandbox(["--size", String(size), "--latency", String(latencyMs), "--seed", "1"])
  const runtime = ManagedRuntime.make(Layer.orDie(atsLayer(sandbox.url)))
  try {
    const scan = (options: Pagination.StreamOptions) => () =>
      runtime.runPromise(Effect.flatMap(Candidates, (candidates) => Stream.runCount(candidates.stream({}, options))))
    const variants: ReadonlyArray<{ name: string; kind: "cursor" | "exact" | "plain" | "floor"; run: () => Promise<number> }> = [
      { name: "SDK cursor stream (pipelined)", kind: "cursor", run: scan({}) },
      { name: "plain fetch cursor loop", kind: "plain", run: () => plainFetchLoop(sandbox.url) },
      { name: "SDK exact scan, concurrency 8", kind: "exact", run: scan({ concurrency: 8 }) },
      { name: "SDK exact scan, concurrency 16", kind: "exact", run: scan({ concurrency: 16 }) },
      { name: "SDK exact scan, concurrency 32", kind: "exact", run: scan({ concurrency: 32, maxConcurrency: 32 }) },
      { name: "SDK exact scan, concurrency auto", kind: "exact", run: scan({ concurrency: "auto", maxConcurrency: 32 }) },
      { name: "plain fetch, every page at once", kind: "floor", run: () => allAtOnce(sandbox.url) }
    ]
    // Warm up the code paths (JIT, keep-alive sockets), then alternate the order between rounds.
    await scan({ concurrency: 8, maxItems: 4_000 })()
    await scan({ maxItems: 2_000 })()
    await allAtOnce(sandbox.url)
    const samples = new Map<string, Array<number>>(variants.map((v) => [v.name, []]))
    for (let round = 0; round < rounds; round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        let seen = 0
        samples.get(variant.name)!.push(await time(async () => (seen = await variant.run())))
        if (seen !== size) throw new Error(`${variant.name} saw ${seen} candidates, expected ${size}`)
      }
      process.stdout.write(`  (1) round ${round + 1}/${rounds} done\n`)
    }
    const runs = (name: string) => samples.get(name)!.map(formatMs).join(", ")
    const cursorFloor = pages * latencyMs
    const floor = best(samples.get("plain fetch, every page at once")!)
    let fastestExact: { name: string; ms: number } | undefined
    for (const variant of variants) {
      const ms = best(samples.get(variant.name)!)
      if (variant.kind === "exact" && (fastestExact === undefined || ms < fastestExact.ms)) fastestExact = { name: variant.name, ms }
      const [vs, ratio] = variant.kind === "cursor" || variant.kind === "plain"
        ? [`cursor floor ${formatMs(cursorFloor)} (${pages} pages × ${latencyMs} ms)`, ms / cursorFloor]
        : [`all-at-once floor ${formatMs(floor)}`, ms / floor]
      rows.push({
        benchmark: "(1) scan 20k, 20 ms latency",
        variant: variant.name,
        result: formatMs(ms),
        ratio: formatRatio(ratio),
        ...(variant.kind === "cursor" ? target(ratio, 1.15) : {}),
        note: `vs ${vs}; runs ${runs(variant.name)}`
      })
    }
    if (fastestExact !== undefined) {
      const ratio = fastestExact.ms / floor
      rows.push({
        benchmark: "(1) scan 20k, 20 ms latency",
        variant: `fastest exact scan (${fastestExact.name.replace("SDK exact scan, ", "")})`,
        result: formatMs(fastestExact.ms),
        ratio: formatRatio(ratio),
        ...target(ratio, 1.5),
        note: `vs the all-at-once floor ${formatMs(floor)}; exact under churn (see e2e-scan-switches.test.ts)`
      })
    }
  } finally {
    await runtime.dispose()
    await sandbox.stop()
  }
  rows.push(await rateLimited())
  return rows
}

/** The adaptive scan against a sandbox answering 429 + Retry-After from a token bucket per credential. */
const rateLimited = async (): Promise<Row> => {
  const sandbox = await startSandbox([
    "--size",
    String(size),
    "--latency",
    String(latencyMs),
    "--seed",
    "1",
    "--bucket",
    `${bucket.perSecond}/${bucket.burst}`
  ])
  const runtime = ManagedRuntime.make(Layer.orDie(atsLayer(sandbox.url)))
  try {
    let summary: Pagination.ScanSummary | undefined
    let failure: string | undefined
    let seen = 0
    const ms = await time(() =>
      runtime.runPromise(Effect.flatMap(Candidates, (candidates) =>
        Stream.runCount(candidates.stream({}, {
          concurrency: "auto",
          onSummary: (s) => Effect.sync(() => (summary = s))
        }))
      ).pipe(Effect.match({
        onFailure: (error) => (failure = error._tag),
        onSuccess: (n) => (seen = n)
      })))
    )
    // Tokens the bucket handed out over the run: the initial burst plus the refill.
    const allowed = bucket.burst + (bucket.perSecond * ms) / 1_000
    const used = summary?.pages ?? 0
    const share = used / allowed
    const completed = failure === undefined && seen === size
    return {
      benchmark: "(1) scan 20k, rate-limited sandbox",
      variant: `SDK exact scan, concurrency auto, bucket ${bucket.perSecond}/s burst ${bucket.burst}`,
      result: formatMs(ms),
      ratio: `${(share * 100).toFixed(0)}%`,
      target: "completes, 0 RateLimited, ≥ 80% of allowed",
      met: completed && share >= 0.8,
      note: `${completed ? `completed, ${seen} records, 0 RateLimited surfaced` : `FAILED with ${failure}`}; ${used} requests ` +
        `answered of ${allowed.toFixed(0)} allowed; window halved ${summary?.throttled ?? 0}×, peak ${summary?.peakConcurrency ?? 0} in flight`
    }
  } finally {
    await runtime.dispose()
    await sandbox.stop()
  }
}
