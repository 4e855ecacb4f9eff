/**
 * (4) Peak memory while streaming N candidates (`--memory-count 1000000` for a million), against collecting them:
 * each in its own Node process (`--expose-gc`, so retained heap can be read after a full collection), both at once
 * to halve the wall time. The child runs as one esbuild bundle under plain `node`, as an application would ship:
 * run through the TypeScript loader, its RSS would mostly be the loader's (about 180 MB before the first record).
 * A third process streams with V8's young generation capped (`--max-semi-space-size=8`): most of a stream's peak
 * RSS is short-lived garbage in the young generation, which V8 grows to 16 MB per semi-space by default.
 */
import * as esbuild from "esbuild"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Row, runChild } from "./support.js"

export interface MemoryResult {
  readonly mode: "stream" | "collect"
  readonly count: number
  readonly seconds: number
  readonly baselineMB: number
  readonly checkpointsMB: ReadonlyArray<number>
  readonly peakHeapMB: number
  readonly peakRssMB: number
  readonly endRetainedMB: number
}

export const run = async (count: number): Promise<ReadonlyArray<Row>> => {
  const flags = ["--expose-gc", "--max-old-space-size=8192"]
  const dir = mkdtempSync(join(tmpdir(), "effect-factorial-bench-"))
  const bundle = join(dir, "memory-child.mjs")
  let stream: MemoryResult, collect: MemoryResult, smallYoung: MemoryResult
  try {
    await esbuild.build({
      entryPoints: ["bench/memory-child.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: bundle,
      logLevel: "warning"
    })
    ;[stream, collect, smallYoung] = await Promise.all([
      runChild<MemoryResult>(bundle, flags, ["stream", String(count)], { loader: false }),
      runChild<MemoryResult>(bundle, flags, ["collect", String(count)], { loader: false }),
      runChild<MemoryResult>(bundle, [...flags, "--max-semi-space-size=8"], ["stream", String(count)], { loader: false })
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const label = `(4) ${count.toLocaleString("en")} candidates, memory`
  const row = (variant: string, result: MemoryResult): Row => ({
    benchmark: label,
    variant,
    result: `${result.peakHeapMB} MB heap`,
    ratio: `${(result.peakHeapMB / stream.peakHeapMB).toFixed(1)}×`,
    note: `peak RSS ${result.peakRssMB} MB; retained after GC at each 10%: ${
      result.checkpointsMB.map((mb) => Math.round(mb)).join(", ")
    } MB (start ${result.baselineMB}); ${result.seconds} s`
  })
  const perRecord = ((collect.endRetainedMB - collect.baselineMB) * 1_048_576) / collect.count
  return [
    { ...row("SDK stream (cursor)", stream), target: "peak RSS ≤ 150 MB", met: stream.peakRssMB <= 150 },
    row("SDK stream, node --max-semi-space-size=8", smallYoung),
    { ...row("SDK all() (collect)", collect), note: `${row("", collect).note}; ≈ ${Math.round(perRecord)} bytes per candidate held` }
  ]
}
