/**
 * `pnpm bench`: the SDK measured side by side with hand-written code, against the sandbox over loopback.
 *
 * 1. scans of 20,000 candidates with 20 ms latency: the pipelined cursor stream vs its floor, the exact concurrent
 *    scan vs the all-at-once floor, and the adaptive scan against a rate-limited sandbox, each with its target;
 * 2. per-request overhead of 2,000 `get(id)` calls vs plain fetch + JSON.parse;
 * 3. decoding 100,000 candidates vs JSON.parse alone;
 * 4. peak memory streaming candidates vs collecting them (100,000 by default; `--memory-count 1000000` for a million);
 * 5. `factorial-ats export` of 100,000 candidates (the built CLI: wall time, records/s, peak RSS) vs the SDK's scan;
 * 6. where a scan's CPU goes: the client's CPU per page, stage by stage, in process without a server.
 *
 * `--only 1,3` runs some of them; `--memory-count <n>` changes the size of (4). One run takes a few minutes.
 */
import * as Cli from "./cli.js"
import * as Decode from "./decode.js"
import * as Memory from "./memory.js"
import * as Overhead from "./overhead.js"
import * as Scan from "./scan.js"
import * as ScanBudget from "./scanBudget.js"
import { printTable, type Row } from "./support.js"

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

const only = new Set((argument("--only") ?? "1,2,3,4,5,6").split(",").map((s) => s.trim()))
// 100,000 by default to keep a run to a few minutes: the SDK decodes ~7,000 candidates/s per core (see (3)).
const memoryCount = Number(argument("--memory-count") ?? 100_000)

const sections: ReadonlyArray<readonly [string, string, () => Promise<ReadonlyArray<Row>>]> = [
  ["1", "full scan with latency", Scan.run],
  ["2", "per-request overhead", Overhead.run],
  ["3", "decode cost", Decode.run],
  ["4", "memory: stream vs collect", () => Memory.run(memoryCount)],
  ["5", "factorial-ats export", Cli.run],
  ["6", "client CPU per page of a scan", ScanBudget.run]
]

const main = async () => {
  console.log(`effect-factorial benchmarks — Node ${process.version}, ${new Date().toISOString()}`)
  const rows: Array<Row> = []
  const started = performance.now()
  for (const [id, name, run] of sections) {
    if (!only.has(id)) continue
    const start = performance.now()
    console.log(`(${id}) ${name}…`)
    rows.push(...await run())
    console.log(`(${id}) done in ${((performance.now() - start) / 1_000).toFixed(1)} s`)
  }
  console.log(`\nAll done in ${((performance.now() - started) / 1_000).toFixed(0)} s. Best run of each variant:\n`)
  printTable(rows)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
