/**
 * (3) Decoding 100,000 candidates: `JSON.parse` alone, against `JSON.parse` plus Schema's decoder alone and plus the
 * SDK's `Decoder.response` (the compiled path the client uses) of a list page, on the sandbox's own seed records.
 */
import { Decoder, Pagination } from "@effect-factorial/core"
import { Candidate } from "@effect-factorial/schema"
import { SandboxState } from "@effect-factorial/sandbox"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { best, formatMs, formatRatio, type Row } from "./support.js"

const records = 100_000
const pageSize = 100
const rounds = 2

/** The bodies the API would send for every page of the scan, rendered once. */
const renderPages = (): ReadonlyArray<string> => {
  const rows = Array.from(Effect.runSync(SandboxState.make({ seed: { seed: 1, candidates: records } })).scan("candidates"))
  const pages: Array<string> = []
  for (let start = 0; start < rows.length; start += pageSize) {
    const meta = { has_next_page: start + pageSize < rows.length, has_previous_page: start > 0, total: rows.length, limit: pageSize }
    pages.push(JSON.stringify({ data: rows.slice(start, start + pageSize), meta }))
  }
  return pages
}

// The decoder the client uses for a 2xx body (core's `Decoder.response`), and Schema's own decoder alone.
const decodePage = Decoder.response(Pagination.Page(Candidate))
const schemaDecodePage = Schema.decodeUnknownEither(Pagination.Page(Candidate), Decoder.responseOptions)

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const pages = renderPages()
  const parseOnly = (bodies = pages) => {
    let count = 0
    for (const text of bodies) count += (JSON.parse(text) as { data: Array<unknown> }).data.length
    return count
  }
  const parseAndDecodeWith = (decode: typeof decodePage) => (bodies = pages) => {
    let count = 0
    for (const text of bodies) count += Either.getOrThrow(decode(JSON.parse(text))).data.length
    return count
  }
  const parseAndDecode = parseAndDecodeWith(decodePage)
  const parseAndSchemaDecode = parseAndDecodeWith(schemaDecodePage)
  // Warm-up on a tenth of the pages (JIT), not measured.
  parseOnly(pages.slice(0, 100))
  parseAndDecode(pages.slice(0, 100))
  parseAndSchemaDecode(pages.slice(0, 100))
  const samples = { parse: [] as Array<number>, decode: [] as Array<number>, schema: [] as Array<number> }
  const measure = (run: () => number, into: Array<number>) => {
    const start = performance.now()
    const count = run()
    into.push(performance.now() - start)
    if (count !== records) throw new Error(`decoded ${count} records, expected ${records}`)
  }
  for (let round = 0; round < rounds; round++) {
    measure(parseOnly, samples.parse)
    measure(parseAndDecode, samples.decode)
    measure(parseAndSchemaDecode, samples.schema)
    process.stdout.write(`  (3) round ${round + 1}/${rounds} done\n`)
  }
  const parse = best(samples.parse)
  const decode = best(samples.decode)
  const schemaOnly = best(samples.schema)
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
      variant: "JSON.parse + Schema.decodeUnknown alone",
      result: formatMs(schemaOnly),
      ratio: formatRatio(schemaOnly / parse),
      note: `${perRecord(schemaOnly)}; decode alone ≈ ${perRecord(schemaOnly - parse)}`
    },
    {
      benchmark: "(3) decode 100k candidates",
      variant: "JSON.parse + SDK decode (Decoder.response)",
      result: formatMs(decode),
      ratio: formatRatio(decode / parse),
      note: `${perRecord(decode)}; decode alone ≈ ${perRecord(decode - parse)}`,
      target: "≤ 3×",
      met: decode / parse <= 3
    }
  ]
}
