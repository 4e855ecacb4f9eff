/**
 * (5) `factorial-ats export` of 100,000 candidates from the sandbox over loopback (no added latency), run as a user
 * runs it (the built bin, a child process under `/usr/bin/time -v` for its peak RSS), next to the SDK's own scan of
 * the same records in this process. The CLI also encodes and writes every record (NDJSON to a file).
 */
import { Candidates } from "@effect-factorial/ats"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import { apiKey, atsLayer, formatMs, type Row, root, startSandbox, time } from "./support.js"

const size = 100_000

interface CliRun {
  readonly ms: number
  readonly peakRssMB: number | undefined
  readonly lines: number
}

/** Runs the built CLI under `/usr/bin/time -v` (when present) and reads the peak RSS it reports. */
const exportWithCli = (url: string, args: ReadonlyArray<string>): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const out = `${fs.mkdtempSync(`${os.tmpdir()}/bench-cli-`)}/candidates.ndjson`
    const bin = fileURLToPath(new URL("packages/cli/dist/bin.js", root))
    const timed = fs.existsSync("/usr/bin/time")
    const command = timed ? "/usr/bin/time" : process.execPath
    const argv = [...(timed ? ["-v", process.execPath] : []), bin, "export", "candidates", "--quiet", "--out", out, ...args]
    const started = performance.now()
    const child = spawn(command, argv, {
      env: { ...process.env, FACTORIAL_BASE_URL: url, FACTORIAL_API_KEY: apiKey },
      stdio: ["ignore", "ignore", "pipe"]
    })
    let stderr = ""
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.once("error", reject)
    child.once("exit", (code) => {
      const ms = performance.now() - started
      if (code !== 0) return reject(new Error(`factorial-ats exited with ${code}: ${stderr}`))
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
      const lines = fs.readFileSync(out, "utf8").split("\n").length - 1
      fs.rmSync(out)
      resolve({ ms, peakRssMB: kb === undefined ? undefined : Math.round(Number(kb) / 1024), lines })
    })
  })

export const run = async (): Promise<ReadonlyArray<Row>> => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: new URL("packages/cli/", root), stdio: "inherit" })
  const sandbox = await startSandbox(["--size", String(size), "--seed", "1"])
  const runtime = ManagedRuntime.make(Layer.orDie(atsLayer(sandbox.url)))
  try {
    let seen = 0
    const sdkMs = await time(async () => {
      seen = await runtime.runPromise(Effect.flatMap(Candidates, (candidates) => Stream.runCount(candidates.stream())))
    })
    if (seen !== size) throw new Error(`the SDK saw ${seen} candidates, expected ${size}`)
    const cursor = await exportWithCli(sandbox.url, [])
    const auto = await exportWithCli(sandbox.url, ["--concurrency", "auto"])
    for (const result of [cursor, auto]) {
      if (result.lines !== size) throw new Error(`the CLI wrote ${result.lines} records, expected ${size}`)
    }
    const rate = (ms: number) => `${Math.round((size * 1000) / ms).toLocaleString("en")} records/s`
    const label = `(5) export ${size.toLocaleString("en")} candidates`
    const rss = (result: CliRun) => result.peakRssMB === undefined ? "peak RSS not measured (no /usr/bin/time)" : `peak RSS ${result.peakRssMB} MB`
    return [
      { benchmark: label, variant: "SDK stream (cursor), count only", result: formatMs(sdkMs), ratio: "1.00×", note: rate(sdkMs) },
      {
        benchmark: label,
        variant: "factorial-ats export (cursor) → NDJSON file",
        result: formatMs(cursor.ms),
        ratio: `${(cursor.ms / sdkMs).toFixed(2)}×`,
        note: `${rate(cursor.ms)}; ${rss(cursor)}; includes process start, encoding and writing`
      },
      {
        benchmark: label,
        variant: "factorial-ats export --concurrency auto",
        result: formatMs(auto.ms),
        ratio: `${(auto.ms / sdkMs).toFixed(2)}×`,
        note: `${rate(auto.ms)}; ${rss(auto)}`
      }
    ]
  } finally {
    await runtime.dispose()
    await sandbox.stop()
  }
}
