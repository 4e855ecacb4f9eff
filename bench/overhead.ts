/**
 * (2) Per-request overhead: 2,000 `get(id)` calls with no injected latency, through the SDK and through plain
 * `fetch` + `JSON.parse`; plus the SDK's `FactorialClient.raw` (same pipeline, no schema) to split the cost.
 */
import { Candidates } from "@effect-factorial/ats"
import { FactorialClient } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { apiKey, atsLayer, formatRatio, type Row, startSandbox, time } from "./support.js"

const calls = 2_000
const block = 250
const candidates = 1_000

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const sandbox = await startSandbox(["--size", String(candidates), "--seed", "1"])
  const runtime = ManagedRuntime.make(Layer.orDie(atsLayer(sandbox.url)))
  try {
    const idOf = (i: number) => String((i % candidates) + 1)
    const sdkGet = (from: number, count: number) =>
      runtime.runPromise(Effect.gen(function*() {
        const service = yield* Candidates
        for (let i = from; i < from + count; i++) yield* service.get(idOf(i))
      }))
    const rawGet = (from: number, count: number) =>
      runtime.runPromise(Effect.gen(function*() {
        const client = yield* FactorialClient
        for (let i = from; i < from + count; i++) yield* client.raw({ method: "GET", path: ["ats", "candidates", idOf(i)] })
      }))
    const fetchGet = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const response = await fetch(`${sandbox.url}/api/2026-07-01/resources/ats/candidates/${idOf(i)}`, {
          headers: { "x-api-key": apiKey, accept: "application/json" }
        })
        if (!response.ok) throw new Error(`GET candidate answered ${response.status}`)
        JSON.parse(await response.text())
      }
    }
    const variants = [
      { name: "SDK Candidates.get", run: sdkGet },
      { name: "SDK FactorialClient.raw (no schema)", run: rawGet },
      { name: "plain fetch + JSON.parse", run: fetchGet }
    ]
    for (const variant of variants) await variant.run(0, 200) // warm-up
    // Blocks of 250 calls, each variant in turn, the order rotating: the machine's noise is shared out evenly.
    const totals = new Map<string, number>(variants.map((v) => [v.name, 0]))
    for (let b = 0; b < calls / block; b++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(b + k) % variants.length]!
        totals.set(variant.name, totals.get(variant.name)! + await time(() => variant.run(b * block, block)))
      }
    }
    const plain = totals.get("plain fetch + JSON.parse")! / calls
    return variants.map((variant) => {
      const perCall = totals.get(variant.name)! / calls
      return {
        benchmark: "(2) 2,000 get(id), no latency",
        variant: variant.name,
        result: `${(perCall * 1_000).toFixed(0)} µs/call`,
        ratio: formatRatio(perCall / plain),
        note: variant.run === fetchGet
          ? "baseline"
          : `vs plain fetch: +${((perCall - plain) * 1_000).toFixed(0)} µs per call`,
        ...(variant.run === sdkGet ? { target: "≤ 1.3×", met: perCall / plain <= 1.3 } : {})
      }
    })
  } finally {
    await runtime.dispose()
    await sandbox.stop()
  }
}
