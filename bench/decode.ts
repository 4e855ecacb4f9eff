/**
 * (3) Decoding 100,000 candidates: `JSON.parse` alone against `JSON.parse` plus the SDK's decode of a list page
 * (`Pagination.Page(Candidate)`, run with the options the client uses), on the sandbox's own seed records.
 */
import { Pagination } from "@effect-factorial/core"
import { Candidate } from "@effect-factorial/schema"
import { makeState } from "@effect-factorial/sandbox"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { best, formatMs, formatRatio, type Row } from "./support.js"

const records = 100_000
const pageSize = 100
const rounds = 2

/** The bodies the API would send for every page of the scan, rendered once. */
const renderPages = (): ReadonlyArray<string> => {
  const rows = Array.from(makeState({ seed: { seed: 1, candidates: records } }).scan("candidates"))
  const pages: Array<string> = []
  for (let start = 0; start < rows.length; start += pageSize) {
    const meta = { has_next_page: start + pageSize < rows.length, has_previous_page: start > 0, total: rows.length, limit: pageSize }
    pages.push(JSON.stringify({ data: rows.slice(start, start + pageSize), meta }))
  }
  return pages
}

// The same call the client makes for a 2xx body (see core's execute): every error collected, extra fields ignored.
const decodePage = Schema.decodeUnknown(Pagination.Page(Candidate))
const clientOptions = { errors: "all", onExcessProperty: "ignore" } as const

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const pages = renderPages()
  const parseOnly = (bodies = pages) => {
    let count = 0
    for (const text of bodies) count += (JSON.parse(text) as { data: Array<unknown> }).data.length
    return count
  }
  const parseAndDecode = (bodies = pages) => {
    let count = 0
    for (const text of bodies) count += Effect.runSync(decodePage(JSON.parse(text), clientOptions)).data.length
    return count
  }
  // Warm-up on a tenth of the pages (JIT), not measured.
  parseOnly(pages.slice(0, 100))
  parseAndDecode(pages.slice(0, 100))
  const samples = { parse: [] as Array<number>, decode: [] as Array<number> }
  const measure = (run: () => number, into: Array<number>) => {
    const start = performance.now()
    const count = run()
    into.push(performance.now() - start)
    if (count !== records) throw new Error(`decoded ${count} records, expected ${records}`)
  }
  for (let round = 0; round < rounds; round++) {
    measure(parseOnly, samples.parse)
    measure(parseAndDecode, samples.decode)
    process.stdout.write(`  (3) round ${round + 1}/${rounds} done\n`)
  }
  const parse = best(samples.parse)
  const decode = best(samples.decode)
  const perRecord = (ms: number) => `${((ms * 1_000) / records).toFixed(1)} µs/record`
  return [
    {
      benchmark: "(3) decode 100k candidates",
      variant: "JSON.parse alone",
      result: formatMs(parse),
      ratio: formatRatio(1),
      note: `baseline; ${perRecord(parse)}`
    },
    {
      benchmark: "(3) decode 100k candidates",
      variant: "JSON.parse + SDK schema decode",
      result: formatMs(decode),
      ratio: formatRatio(decode / parse),
      note: `${perRecord(decode)}; decode alone ≈ ${perRecord(decode - parse)}`
    }
  ]
}
