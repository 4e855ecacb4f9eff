/**
 * (6) Where a scan's CPU goes: the client's CPU time for the 200 pages of a 20,000-candidate scan, measured in
 * process against a transport that answers pre-rendered page bodies at once (no server, no socket, no latency), so
 * that every millisecond is the client's own. Each row adds one stage to the one before:
 *
 * - `JSON.parse` of the page bodies;
 * - plus decoding every record as a scan does (`Decoder.response` per record);
 * - the request pipeline (`FactorialClient.raw` of every page: building the request, auth, retry and rate-limit
 *   bookkeeping, the transport's `Response`, reading and parsing the body), against a bare `Response` read + parse;
 * - the whole scan (`Candidates.stream`), cursor and exact with 16 ranges.
 *
 * The sum per page bounds how fast a scan can go on one core whatever the latency: section 1's exact scan cannot
 * beat `pages × CPU per page`, while its all-at-once floor spends only the parse.
 */
import { Ats, Candidates } from "@effect-factorial/ats"
import { Decoder, FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Candidate } from "@effect-factorial/schema"
import { SandboxState } from "@effect-factorial/sandbox"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import type { Row } from "./support.js"

const size = 20_000
const pageSize = 100
const pages = size / pageSize
const rounds = 5

/** A seeded record as the sandbox stores it; only its id matters here. */
interface Seeded {
  readonly id: string
}

/** The API's answer for a list URL (cursor, offset or probe), rendered once per distinct query. */
const makeServer = (rows: ReadonlyArray<Seeded>) => {
  const position = new Map(rows.map((row, index) => [row.id, index]))
  const bodies = new Map<string, string>()
  return (url: URL): string => {
    const known = bodies.get(url.search)
    if (known !== undefined) return known
    const limit = Number(url.searchParams.get("limit") ?? pageSize)
    const after = url.searchParams.get("after_id")
    const page = url.searchParams.get("page")
    const start = after !== null
      ? position.get(Buffer.from(after, "base64").toString())! + 1
      : page !== null
      ? (Number(page) - 1) * limit
      : 0
    const data = rows.slice(start, start + limit)
    const last = data[data.length - 1]
    const body = JSON.stringify({
      data,
      meta: {
        has_next_page: start + limit < rows.length,
        has_previous_page: start > 0,
        total: rows.length,
        limit,
        ...(last === undefined ? {} : { end_cursor: Buffer.from(last.id).toString("base64") })
      }
    })
    bodies.set(url.search, body)
    return body
  }
}

/** CPU milliseconds (user + system) of `run`. */
const cpu = async (run: () => Promise<unknown>): Promise<number> => {
  const before = process.cpuUsage()
  await run()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1_000
}

export const run = async (): Promise<ReadonlyArray<Row>> => {
  const state = Effect.runSync(SandboxState.make({ seed: { seed: 1, candidates: size } }))
  const rows = Array.from(state.scan("candidates"), (row) => row as unknown as Seeded)
  const answer = makeServer(rows)
  const headers = { "content-type": "application/json" }
  // With its length declared, as the sandbox and the API send it.
  const http = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const body = answer(url)
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, { headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } })
      )
    })
  )
  const layer = Ats.layer.pipe(
    Layer.provideMerge(FactorialClient.layer({ baseUrl: "http://localhost", auth: FactorialAuth.apiKey("key") })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, http))
  )
  const runtime = ManagedRuntime.make(Layer.orDie(layer))
  const queries = Array.from({ length: pages }, (_, index) => ({ limit: pageSize, page: index + 1 }))
  const bodies = queries.map((query) => answer(new URL(`http://localhost/?limit=${query.limit}&page=${query.page}`)))
  const decodeRecord = Decoder.response(Candidate)
  const scan = (options: { readonly concurrency?: number }) => () =>
    runtime.runPromise(Effect.flatMap(Candidates, (candidates) => Stream.runCount(candidates.stream({}, options))))
  const stages = {
    parse: async () => {
      for (const body of bodies) JSON.parse(body)
    },
    decode: async () => {
      for (const body of bodies) {
        for (const record of (JSON.parse(body) as { data: Array<unknown> }).data) Either.getOrThrow(decodeRecord(record))
      }
    },
    response: async () => {
      for (const body of bodies) JSON.parse(await new Response(body, { headers }).text())
    },
    pipeline: () =>
      runtime.runPromise(Effect.flatMap(FactorialClient, (client) =>
        Effect.forEach(queries, (query) => client.raw({ method: "GET", path: ["ats", "candidates"], query }), {
          discard: true
        }))),
    cursor: scan({}),
    exact: scan({ concurrency: 16 })
  }
  type Stage = keyof typeof stages
  const samples = Object.fromEntries(Object.keys(stages).map((name) => [name, [] as Array<number>])) as Record<
    Stage,
    Array<number>
  >
  try {
    for (const stage of Object.values(stages)) await stage() // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const [name, stage] of Object.entries(stages)) samples[name as Stage].push(await cpu(stage))
    }
  } finally {
    await runtime.dispose()
  }
  // The median round: CPU time is less disturbed by other processes than wall time, but not immune.
  const median = (name: Stage) => [...samples[name]].sort((a, b) => a - b)[Math.floor(rounds / 2)]!
  const perPage = (ms: number) => `${((ms * 1_000) / pages).toFixed(0)} µs/page`
  const row = (variant: string, ms: number, note: string): Row => ({
    benchmark: "(6) client CPU per page, 20k scan",
    variant,
    result: perPage(ms),
    ratio: `${(ms / median("parse")).toFixed(2)}×`,
    note
  })
  const parse = median("parse")
  return [
    row("JSON.parse of the page", parse, "baseline: all the all-at-once floor spends"),
    row("+ decoding its 100 records", median("decode"), `decode ≈ ${perPage(median("decode") - parse)}`),
    row("bare Response read + JSON.parse", median("response"), "what any fetch-based client pays per page"),
    row("FactorialClient.raw of the page", median("pipeline"), `pipeline ≈ ${perPage(median("pipeline") - median("response"))} over a bare Response`),
    row("SDK cursor scan (Candidates.stream)", median("cursor"), `scan machinery ≈ ${perPage(median("cursor") - median("pipeline") - (median("decode") - parse))}`),
    row("SDK exact scan, 16 ranges", median("exact"), `scan machinery ≈ ${perPage(median("exact") - median("pipeline") - (median("decode") - parse))}; + ${pages / 16 | 0} probes`)
  ]
}
