/**
 * For profiling (3): decodes the same list pages as `decode.ts` in a loop, in one process, and prints µs per record
 * for each round. Not part of `pnpm bench`. Arguments: `sdk|schema|parse [rounds] [records]`, e.g.
 *
 *     node --import tsx --cpu-prof --cpu-prof-dir=/tmp bench/decode-profile.ts sdk 5
 */
import { Decoder, Pagination } from "@effect-factorial/core"
import { Candidate } from "@effect-factorial/schema"
import { SandboxState } from "@effect-factorial/sandbox"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

const mode = process.argv[2] ?? "sdk"
const rounds = Number(process.argv[3] ?? 5)
const records = Number(process.argv[4] ?? 100_000)
const pageSize = 100

const rows = Array.from(Effect.runSync(SandboxState.make({ seed: { seed: 1, candidates: records } })).scan("candidates"))
const pages: Array<string> = []
for (let start = 0; start < rows.length; start += pageSize) {
  const meta = { has_next_page: start + pageSize < rows.length, has_previous_page: start > 0, total: rows.length, limit: pageSize }
  pages.push(JSON.stringify({ data: rows.slice(start, start + pageSize), meta }))
}

const decode = mode === "schema"
  ? Schema.decodeUnknownEither(Pagination.Page(Candidate), Decoder.responseOptions)
  : Decoder.response(Pagination.Page(Candidate))

for (let round = 1; round <= rounds; round++) {
  const start = performance.now()
  let count = 0
  for (const text of pages) {
    const json = JSON.parse(text) as { data: Array<unknown> }
    count += mode === "parse" ? json.data.length : Either.getOrThrow(decode(json)).data.length
  }
  const perRecord = ((performance.now() - start) * 1_000) / count
  process.stdout.write(`${mode} round ${round}/${rounds}: ${perRecord.toFixed(2)} µs/record\n`)
}
