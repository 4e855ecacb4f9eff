/**
 * One replica of the cluster simulation (bundled and run by `cluster.test.ts` as a child process):
 * many fibers per tenant sending requests through `FactorialTenants`, over the shared token table (SQLite or
 * PostgreSQL) and, when given, the shared Redis budget. Prints one JSON line of counts when done.
 */
import { FactorialClient, type FactorialRequest, type StoredTokens } from "@effect-factorial/core"
import { FetchHttpClient } from "@effect/platform"
import * as HttpClient from "@effect/platform/HttpClient"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { closeSync, openSync, writeSync } from "node:fs"
import { FactorialTenants, RedisRateLimiter, SqlTokenStore } from "../../src/index.js"

/** What the parent asks of this replica. */
export interface WorkerConfig {
  readonly database: { readonly kind: "sqlite"; readonly file: string } | { readonly kind: "pg"; readonly url: string }
  readonly table: string
  readonly leaseMillis: number
  readonly redis?: { readonly url: string; readonly prefix: string; readonly limit: number; readonly windowMillis: number }
  readonly tenants: ReadonlyArray<string>
  readonly fibers: number
  /** How long the replica sends requests, from the start signal. */
  readonly durationMillis: number
  readonly pauseMillis: number
  /** Every n-th request of a fiber is a POST. */
  readonly postEvery: number
  /**
   * Dies (SIGKILL) in the middle of one of this tenant's refreshes, after this many milliseconds: `"lease"` once
   * it holds the refresh lease, before the token call, and once no refresh of this replica (any tenant) is between
   * its token call and its save; `"unsaved"` once the token endpoint rotated the refresh token, before the save
   * (the crash window nothing can recover from).
   */
  readonly die?: {
    readonly tenant: string
    readonly afterMillis: number
    readonly moment: "lease" | "unsaved"
    /** Every replica is given `die`; the first to reach the moment creates this file and is the one to die. */
    readonly claim: string
  } | undefined
}

/** What this replica saw. */
export interface WorkerReport {
  readonly ok: number
  readonly posts: number
  /** Failed requests by error tag and reason. */
  readonly failures: Record<string, number>
}

const config: WorkerConfig = JSON.parse(process.env.FACTORIAL_CLUSTER_WORKER ?? "{}")

const database: Layer.Layer<SqlClient.SqlClient, unknown> = config.database.kind === "sqlite"
  ? SqliteClient.layer({ filename: config.database.file })
  : PgClient.layer({ url: Redacted.make(config.database.url), maxConnections: 4 })

/** When all replicas start sending (epoch milliseconds), as sent by the parent on stdin. */
let startAt = Infinity
const startSignal = Effect.async<number>((resume) => {
  let input = ""
  process.stdin.on("data", (chunk) => {
    input += chunk
    if (input.includes("\n")) resume(Effect.succeed(Number(input.trim())))
  })
})

const request = (post: boolean, n: number): FactorialRequest =>
  post
    ? {
      method: "POST",
      path: ["ats", "candidates"],
      body: { _tag: "Json", value: { company_id: 1, first_name: "Cluster", last_name: `Replica ${process.pid} #${n}` } }
    }
    : { method: "GET", path: ["ats", "job_postings"], query: { limit: 1 } }

/** Tenants whose refresh token the token endpoint may have rotated while the new one is not saved yet. */
const unsaved = new Set<string>()
/** The tenant of each sandbox origin (its tokens' `baseUrl`), to tell whose token call a request is. */
const origins = new Map<string, string>()

/** The transport, noting each tenant's token calls: from the call until the save, its rotation is unsaved. */
const watchedTransport = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) =>
    HttpClient.transform(client, (send, request) => {
      const url = new URL(request.url)
      const tenant = url.pathname === "/oauth/token" ? origins.get(url.origin) : undefined
      if (tenant === undefined) return send
      // A refused call rotated nothing; a call without an answer may have, so it stays unsaved.
      return Effect.zipRight(
        Effect.sync(() => unsaved.add(tenant)),
        Effect.tap(send, (response) => (response.status === 200 ? Effect.void : Effect.sync(() => unsaved.delete(tenant))))
      )
    }))
).pipe(Layer.provide(FetchHttpClient.layer))

/** SIGKILL, after one line on stderr (written synchronously) saying what was unsaved at that moment. */
const kill = (moment: string, waitedFor: ReadonlyArray<string> = []): Effect.Effect<never> =>
  Effect.zipRight(
    Effect.sync(() => {
      writeSync(2, `killed ${JSON.stringify({ moment, at: Date.now() - startAt, unsaved: [...unsaved], waitedFor })}\n`)
      process.kill(process.pid, "SIGKILL")
    }),
    Effect.never
  )

/** Waits until no refresh of this replica is between its token call and its save, then dies at once. */
const killOutsideWindow = (waitedFor: ReadonlyArray<string> = [...unsaved]): Effect.Effect<never> =>
  Effect.suspend(() =>
    unsaved.size === 0 ? kill("lease", waitedFor) : Effect.zipRight(Effect.sleep(1), killOutsideWindow(waitedFor))
  )

const program = Effect.gen(function*() {
  const tokens = yield* SqlTokenStore
  const redis = yield* Effect.serviceOption(RedisRateLimiter)
  for (const tenant of config.tenants) {
    const stored = yield* tokens.forTenant(tenant).load
    const baseUrl = Option.getOrUndefined(stored)?.baseUrl
    if (baseUrl !== undefined) origins.set(new URL(baseUrl).origin, tenant)
  }
  let die = config.die
  let claimed = false
  const dying = () => {
    if (die === undefined || claimed || Date.now() < startAt + die.afterMillis) return claimed
    try {
      closeSync(openSync(die.claim, "wx"))
      claimed = true
    } catch {
      die = undefined
    }
    return claimed
  }
  const tenants = yield* FactorialTenants.make({
    store: (key) => {
      const store = tokens.forTenant(key)
      const saved = { ...store, save: (stored: StoredTokens) => Effect.tap(store.save(stored), () => unsaved.delete(key)) }
      if (die === undefined || key !== die.tenant) return saved
      return die.moment === "unsaved"
        ? { ...saved, save: (stored) => Effect.suspend(() => (dying() ? kill("unsaved") : saved.save(stored))) }
        : { ...saved, withLock: (effect) => store.withLock(Effect.suspend(() => (dying() ? killOutsideWindow() : effect))) }
    },
    rateLimiter: Option.match(redis, { onNone: () => undefined, onSome: (limiter) => limiter.forTenant })
  })
  const report = { ok: 0, posts: 0, failures: {} as Record<string, number> }
  // Ready: the parent answers with the start time once every replica is (start-up takes a second or more).
  process.stdout.write("ready\n")
  startAt = yield* startSignal
  yield* Effect.sleep(Math.max(0, startAt - Date.now()))
  const deadline = startAt + config.durationMillis
  const fiber = (tenant: string) =>
    Effect.gen(function*() {
      // Bounded by the deadline; each round is one request and a pause.
      for (let n = 1; Date.now() < deadline; n++) {
        const post = n % config.postEvery === 0
        const exit = yield* Effect.exit(
          Effect.flatMap(FactorialClient, (client) => client.raw(request(post, n))).pipe(
            Effect.provide(tenants.layer(tenant))
          )
        )
        if (exit._tag === "Success") {
          report.ok++
          if (post) report.posts++
        } else {
          const error = Cause.failureOption(exit.cause)
          const name = Option.match(error, {
            onNone: () => "Defect",
            onSome: (e) => `${e._tag}${"reason" in e ? `:${String(e.reason)}` : ""}`
          })
          report.failures[name] = (report.failures[name] ?? 0) + 1
        }
        yield* Effect.sleep(config.pauseMillis)
      }
    })
  yield* Effect.forEach(
    config.tenants.flatMap((tenant) => Array.from({ length: config.fibers }, () => tenant)),
    fiber,
    { concurrency: "unbounded", discard: true }
  )
  process.stdout.write(`${JSON.stringify(report)}\n`)
})

const budget = config.redis === undefined
  ? Layer.empty
  : RedisRateLimiter.layer({
    url: config.redis.url,
    prefix: config.redis.prefix,
    budgets: { post: { limit: config.redis.limit, window: config.redis.windowMillis } },
    maxRequestDuration: "10 seconds"
  })

program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(
    SqlTokenStore.layer({
      table: config.table,
      migrationsTable: `${config.table}_migrations`,
      leaseDuration: config.leaseMillis
    }).pipe(Layer.provide(database)),
    budget,
    watchedTransport
  )),
  Effect.runPromise
).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
