/**
 * One replica of the cluster simulation (run by `cluster.test.ts` as a child process with `node --import tsx`):
 * many fibers per tenant sending requests through `FactorialTenants`, over the shared token table (SQLite or
 * PostgreSQL) and, when given, the shared Redis budget. Prints one JSON line of counts when done.
 */
import { FactorialClient, type FactorialRequest } from "@effect-factorial/core"
import { FetchHttpClient } from "@effect/platform"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
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
  /** Dies (SIGKILL) on taking this tenant's refresh lease after this many milliseconds: a crash mid-refresh. */
  readonly die?: { readonly tenant: string; readonly afterMillis: number } | undefined
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

const program = Effect.gen(function*() {
  const tokens = yield* SqlTokenStore
  const redis = yield* Effect.serviceOption(RedisRateLimiter)
  const die = config.die
  const tenants = yield* FactorialTenants.make({
    store: (key) => {
      const store = tokens.forTenant(key)
      if (die === undefined || key !== die.tenant) return store
      return {
        ...store,
        withLock: (effect) =>
          store.withLock(Effect.suspend(() => {
            if (Date.now() < startAt + die.afterMillis) return effect
            // Holding the lease, before the token call: the worst moment that can be recovered from.
            process.kill(process.pid, "SIGKILL")
            return Effect.never
          }))
      }
    },
    rateLimiter: Option.match(redis, { onNone: () => undefined, onSome: (limiter) => limiter.forTenant })
  })
  const report = { ok: 0, posts: 0, failures: {} as Record<string, number> }
  // Ready: the parent answers with the start time once every replica is (start-up takes seconds under tsx).
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
    budgets: { post: { limit: config.redis.limit, window: config.redis.windowMillis } }
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
    FetchHttpClient.layer
  )),
  Effect.runPromise
).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
