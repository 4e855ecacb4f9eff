/**
 * Shared pieces of the benchmarks: a sandbox server in a child process, an SDK client pointed at it, timing and
 * the result table.
 */
import { Ats } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Layer from "effect/Layer"
import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"

/** The credential the sandbox accepts by default. */
export const apiKey = "sandbox-api-key"

/** The repository root: children run from there so `--import tsx` resolves. */
export const root = new URL("../", import.meta.url)

/** A running sandbox server, in its own process so that its CPU time is not charged to the client measured here. */
export interface SandboxProcess {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** Starts `pnpm sandbox` (the sandbox's CLI) on a free loopback port and waits for the line that gives its URL. */
export const startSandbox = (args: ReadonlyArray<string>): Promise<SandboxProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "packages/sandbox/src/bin.ts", "--port", "0", ...args],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] }
    )
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`the sandbox exited early (code ${code})`)))
    createInterface({ input: child.stdout! }).once("line", (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1]
      if (url === undefined) return reject(new Error(`unexpected sandbox output: ${line}`))
      child.removeAllListeners("exit")
      resolve({ url, stop: () => stopChild(child) })
    })
  })

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })

/** Runs a benchmark script in a fresh Node process (through tsx unless `loader: false`) and answers the JSON it prints last. */
export const runChild = <A>(
  script: string,
  nodeFlags: ReadonlyArray<string>,
  args: ReadonlyArray<string>,
  options: { readonly loader?: boolean } = {}
): Promise<A> =>
  new Promise((resolve, reject) => {
    const loader = options.loader === false ? [] : ["--import", "tsx"]
    const child = spawn(process.execPath, [...nodeFlags, ...loader, script, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"]
    })
    let output = ""
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.once("error", reject)
    child.once("exit", (code) => {
      const last = output.trim().split("\n").at(-1) ?? ""
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`))
      try {
        resolve(JSON.parse(last) as A)
      } catch {
        reject(new Error(`${script} printed no result: ${last}`))
      }
    })
  })

/** The twelve ATS services over fetch, on the sandbox at `url`; everything else at the SDK's defaults. */
export const atsLayer = (url: string) =>
  Ats.layer.pipe(
    Layer.provideMerge(FactorialClient.layer({ baseUrl: url, auth: FactorialAuth.apiKey(apiKey) })),
    Layer.provide(FetchHttpClient.layer)
  )

/** Milliseconds taken by `run`. */
export const time = async (run: () => Promise<unknown>): Promise<number> => {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** Smallest of the samples: the run least disturbed by the rest of the machine. */
export const best = (samples: ReadonlyArray<number>): number => Math.min(...samples)

/** One line of the final table. */
export interface Row {
  readonly benchmark: string
  readonly variant: string
  readonly result: string
  readonly ratio: string
  /** The goal this row is measured against, e.g. `≤ 1.15×`, and whether this run met it. */
  readonly target?: string
  readonly met?: boolean
  readonly note?: string
}

export const formatMs = (ms: number): string => (ms >= 1_000 ? `${(ms / 1_000).toFixed(2)} s` : `${ms.toFixed(1)} ms`)

export const formatRatio = (ratio: number): string => `${ratio.toFixed(2)}×`

/** Prints rows as an aligned table. */
export const printTable = (rows: ReadonlyArray<Row>): void => {
  const goal = (row: Row) => (row.target === undefined ? "" : `${row.target}: ${row.met ? "met" : "NOT MET"}`)
  const header: Row = { benchmark: "benchmark", variant: "variant", result: "result", ratio: "ratio", note: "vs / note" }
  const all = [header, ...rows]
  const width = (key: "benchmark" | "variant" | "result" | "ratio") => Math.max(...all.map((row) => row[key].length))
  const goalWidth = Math.max("target".length, ...rows.map((row) => goal(row).length))
  const line = (row: Row) =>
    [
      row.benchmark.padEnd(width("benchmark")),
      row.variant.padEnd(width("variant")),
      row.result.padStart(width("result")),
      row.ratio.padStart(width("ratio")),
      (row === header ? "target" : goal(row)).padEnd(goalWidth),
      row.note ?? ""
    ].join("  ")
  console.log(line(header))
  console.log("-".repeat(line(header).length + 10))
  for (const row of rows) console.log(line(row))
}
