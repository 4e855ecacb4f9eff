/**
 * The cluster simulation: 4 replicas (child processes) × 5 tenants × several fibers, against one sandbox per
 * tenant (its own OAuth server: 8-second access tokens, refresh tokens that rotate on every use) over HTTP, for
 * several expiries. Exactly one token call per tenant per expiry cluster-wide, no `InvalidGrant`, no failed
 * request; with the Redis budget, no tenant's sandbox sees more POSTs in any window than the budget. One replica is
 * killed while it holds a tenant's refresh lease, before its token call: the others go on once the lease lapses.
 *
 * A kill between the token endpoint's answer and the save loses the only refresh token that still works (the
 * server rotated it), and nothing can recover that: `FACTORIAL_CLUSTER_KILL_MOMENT=unsaved` kills there instead,
 * and the run then fails with `AuthError` `InvalidGrant` for that tenant, as docs/scaling.md describes.
 */
import { StoredTokens } from "@effect-factorial/core"
import { Sandbox, SandboxOAuth } from "@effect-factorial/sandbox"
import { NodeHttpServer } from "@effect/platform-node"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as esbuild from "esbuild"
import { spawn } from "node:child_process"
import { rmSync } from "node:fs"
import { createRequire } from "node:module"
import { createServer } from "node:http"
import { fileURLToPath } from "node:url"
import { SqlTokenStore } from "../../src/index.js"
import { databaseUrl, pg, postgres, redis, redisUrl, sqlite, sqliteFile, uniqueTable } from "../support/engines.js"
import { describeWith } from "../support/suite.js"
import type { WorkerConfig, WorkerReport } from "./worker.js"

const killMoment = (process.env["FACTORIAL_CLUSTER_KILL_MOMENT"] ?? "lease") as "lease" | "unsaved"
const replicas = 4
const tenants = ["acme", "globex", "initech", "umbrella", "hooli"]
const accessTokenSeconds = 8
const budget = { limit: 8, windowMillis: 2000 }

/** One tenant's sandbox over HTTP, recording when each API POST arrives. */
const tenantSandbox = Effect.gen(function*() {
  const options: Sandbox.Options = {
    oauth: { accessTokenLifetime: `${accessTokenSeconds} seconds` },
    rateLimit: { postsPerMinute: null }
  }
  const posts: Array<number> = []
  const tokenCalls: Array<number> = []
  let refused = 0
  const app = yield* Sandbox.makeApp(options)
  const recorded = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const api = request.url.startsWith("/api/")
    if (request.method === "POST" && api) posts.push(Date.now())
    if (request.url.startsWith("/oauth/token")) tokenCalls.push(Date.now())
    return Effect.tap(app, (response) => {
      if (api && response.status === 401) refused++
    })
  }).pipe(Effect.catchTag("DropConnection", () => HttpServerResponse.empty({ status: 500 })))
  const context = yield* Layer.build(
    HttpServer.serve(recorded).pipe(
      Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
      Layer.provideMerge(Sandbox.layerState(options))
    )
  )
  const address = Context.get(context, HttpServer.HttpServer).address
  const url = address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : ""
  return { url, oauth: Context.get(context, SandboxOAuth), posts, tokenCalls, refusals: () => refused }
})

/**
 * The replica program, bundled once into one file: plain `node` then starts it in about a second, where `tsx`
 * (compiling the workspace's sources in each process) took up to half a minute on a busy machine. The native
 * SQLite binding stays outside the bundle, loaded from where the driver resolves it.
 */
const bundleWorker = Effect.promise(async () => {
  const outfile = fileURLToPath(new URL(`../../build/cluster-worker-${process.pid}.mjs`, import.meta.url))
  const fromDriver = createRequire(createRequire(import.meta.url).resolve("@effect/sql-sqlite-node"))
  const native = fromDriver.resolve("better-sqlite3")
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    // CommonJS dependencies (pg, ioredis) call `require` for Node's modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [{
      name: "native-outside",
      setup: (build) => {
        build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: native, external: true }))
        build.onResolve({ filter: /^pg-native$/ }, () => ({ path: "pg-native", external: true }))
      }
    }]
  })
  return outfile
})

/** A running replica: `ready` once it is built, `start(at)` sends it the start time, `done` its report. */
const startWorker = (workerPath: string, config: WorkerConfig) =>
  Effect.gen(function*() {
    const child = spawn(process.execPath, [workerPath], {
      env: { ...process.env, FACTORIAL_CLUSTER_WORKER: JSON.stringify(config) },
      stdio: ["pipe", "pipe", "pipe"]
    })
    yield* Effect.addFinalizer(() => Effect.sync(() => child.kill("SIGKILL")))
    let out = ""
    let err = ""
    child.stderr.on("data", (chunk) => (err += chunk))
    const ready = Effect.async<void, Error>((resume) => {
      child.stdout.on("data", (chunk) => {
        out += chunk
        if (out.startsWith("ready\n")) resume(Effect.void)
      })
      child.on("exit", (code) => resume(Effect.fail(new Error(`replica exited with ${code} before it was ready: ${err.slice(-2000)}`))))
    })
    const done = Effect.async<WorkerReport | string, Error>((resume) => {
      child.on("exit", (code, signal) => {
        // A killed replica's report is the line it wrote before dying.
        if (signal === "SIGKILL" && config.die !== undefined) {
          return resume(Effect.succeed(err.split("\n").find((line) => line.startsWith("killed ")) ?? "killed"))
        }
        if (code !== 0) return resume(Effect.fail(new Error(`replica exited with ${code ?? signal}: ${err.slice(-2000)}`)))
        const line = out.trim().split("\n").pop() ?? ""
        resume(Effect.try(() => JSON.parse(line) as WorkerReport))
      })
    })
    const start = (at: number) => Effect.sync(() => child.stdin.end(`${at}\n`))
    return { ready, start, done }
  })

/** The most POSTs that arrived within any `window` milliseconds. */
const busiestWindow = (times: ReadonlyArray<number>, window: number) => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= window) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

interface Scenario {
  readonly database: "sqlite" | "pg"
  readonly withRedis: boolean
  readonly kill: boolean
}

const simulate = (scenario: Scenario) =>
  Effect.gen(function*() {
    const table = uniqueTable("cluster")
    const file = sqliteFile()
    const client = scenario.database === "sqlite" ? sqlite(file) : pg()
    const sql = yield* Effect.orDie(Effect.map(Layer.build(client), Context.get(SqlClient.SqlClient)))
    yield* Effect.addFinalizer(() =>
      Effect.ignore(Effect.zipRight(
        sql`DROP TABLE IF EXISTS ${sql(table)}`,
        sql`DROP TABLE IF EXISTS ${sql(`${table}_migrations`)}`
      ))
    )
    const leaseMillis = 5000
    const store = yield* SqlTokenStore.make({ table, migrationsTable: `${table}_migrations`, leaseDuration: leaseMillis })
      .pipe(Effect.provideService(SqlClient.SqlClient, sql), Effect.orDie)

    // Each tenant authorized once: its first tokens saved as the login callback would.
    const sandboxes = yield* Effect.forEach(tenants, (tenant) =>
      Effect.gen(function*() {
        const sandbox = yield* tenantSandbox
        const issued = yield* sandbox.oauth.issueTokens()
        yield* store.forTenant(tenant).save(
          yield* StoredTokens.fromResponse(
            {
              ...issued,
              access_token: Redacted.make(issued.access_token),
              refresh_token: Redacted.make(issued.refresh_token)
            },
            {
              clientId: SandboxOAuth.defaultClientId,
              clientSecret: SandboxOAuth.defaultClientSecret,
              baseUrl: sandbox.url
            }
          )
        )
        return { tenant, ...sandbox }
      }))

    const durationMillis = 14_000
    const base: Omit<WorkerConfig, "die"> = {
      database: scenario.database === "sqlite" ? { kind: "sqlite", file } : { kind: "pg", url: databaseUrl },
      table,
      leaseMillis,
      ...(scenario.withRedis ? { redis: { url: redisUrl, prefix: `${table}:`, ...budget } } : {}),
      tenants,
      fibers: 2,
      durationMillis,
      pauseMillis: 50,
      postEvery: 3
    }
    const workerPath = yield* bundleWorker
    yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(workerPath, { force: true })))
    const started = Date.now()
    // Each replica may be the one killed: the first to reach the moment.
    const die = scenario.kill ? { tenant: "acme", afterMillis: 2500, moment: killMoment, claim: `${file}.kill` } : undefined
    const workers = yield* Effect.forEach(
      Array.from({ length: replicas }),
      () => startWorker(workerPath, { ...base, die })
    )
    // Bounded: replicas that do not get ready or do not finish in time fail the run (and are killed).
    yield* Effect.forEach(workers, (worker) => worker.ready, { concurrency: "unbounded" }).pipe(
      Effect.timeoutFail({ duration: "90 seconds", onTimeout: () => new Error("replicas not ready after 90 s") })
    )
    const bootMillis = Date.now() - started
    const at = Date.now() + 200
    yield* Effect.forEach(workers, (worker) => worker.start(at))
    const reports = yield* Effect.forEach(workers, (worker) => worker.done, { concurrency: "unbounded" }).pipe(
      Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new Error("replicas did not finish") })
    )
    const runMillis = Date.now() - at

    const results = yield* Effect.forEach(sandboxes, (sandbox) =>
      Effect.map(sandbox.oauth.calls, (calls) => {
        const token = calls.filter((call) => call.endpoint === "token")
        return {
          tenant: sandbox.tenant,
          tokenCalls: token.length,
          refused: token.filter((call) => call.status !== 200).length,
          posts: sandbox.posts.length,
          tokenAt: sandbox.tokenCalls.map((t) => t - at),
          unauthorized: sandbox.refusals(),
          busiest: busiestWindow(sandbox.posts, budget.windowMillis)
        }
      }))
    const survivors = reports.filter((report): report is WorkerReport => typeof report !== "string")
    const killed = reports.filter((report): report is string => typeof report === "string")
    const summary = {
      scenario,
      bootMillis,
      runMillis,
      requestsOk: survivors.reduce((n, r) => n + r.ok, 0),
      postsOk: survivors.reduce((n, r) => n + r.posts, 0),
      failures: survivors.map((r) => r.failures),
      killed,
      perTenant: results
    }
    console.log(`cluster simulation ${JSON.stringify(summary)}`)
    return { summary, survivors, killed, results, runMillis }
  }).pipe(Effect.scoped)

/**
 * Token calls the run could need at most. A token is refreshed half its lifetime after its `created_at`, which
 * is in whole seconds: so at the earliest half its lifetime minus one second after it was issued; plus one.
 */
const maxRefreshes = (durationMillis: number) => Math.ceil(durationMillis / ((accessTokenSeconds * 1000) / 2 - 1000)) + 1

// Each run also kills one replica while it holds a tenant's refresh lease: two runs cover both databases, the
// Redis budget and the crash (about 20 s each).
const scenarios: ReadonlyArray<Scenario & { readonly needs: ReadonlyArray<typeof postgres> }> = [
  { database: "sqlite", withRedis: true, kill: true, needs: [redis] },
  { database: "pg", withRedis: true, kill: true, needs: [postgres, redis] }
]

for (const scenario of scenarios) {
  const availability = scenario.needs.includes("fail")
    ? "fail"
    : scenario.needs.includes("skip")
    ? "skip"
    : "run"
  const name = `cluster simulation on ${scenario.database === "pg" ? "PostgreSQL" : "SQLite"}${
    scenario.withRedis ? " with the Redis budget" : ""
  }${scenario.kill ? ", a replica killed holding a refresh lease" : ""}`
  describeWith(availability, name, () => {
    it.live("one token call per tenant per expiry, no InvalidGrant, no failed request", () =>
      Effect.gen(function*() {
        const { killed, results, runMillis, survivors } = yield* simulate(scenario)
        // The killed replica died holding the lease, before its token call, with no rotation of its unsaved.
        expect(killed.map((line) => JSON.parse(line.slice("killed ".length)).unsaved)).toEqual(scenario.kill ? [[]] : [])
        expect(survivors).toHaveLength(scenario.kill ? replicas - 1 : replicas)
        // No failed request of any kind: no InvalidGrant, no Unauthorized (a request whose token another replica's
        // refresh revoked is replayed with the newer one), no timeout waiting for the dead replica's lease.
        expect(survivors.map((report) => report.failures)).toEqual(survivors.map(() => ({})))
        expect(survivors.reduce((n, r) => n + r.ok, 0)).toBeGreaterThan(0)
        for (const result of results) {
          // Every refresh used the latest refresh token: a second refresh of the same expiry would be refused.
          expect({ tenant: result.tenant, refused: result.refused }).toEqual({ tenant: result.tenant, refused: 0 })
          // Several expiries went by, and no more refreshes than expiries (the run, and 1 s for the last requests).
          expect(result.tokenCalls).toBeGreaterThanOrEqual(2)
          expect(result.tokenCalls).toBeLessThanOrEqual(maxRefreshes(runMillis + 1000))
          // Every window of the budget's length, slid over the times the sandbox received POSTs, holds at most the
          // budget: each request holds its slot from before it is sent until its response.
          if (scenario.withRedis) expect(result.busiest).toBeLessThanOrEqual(budget.limit)
        }
      }), 180_000)
  })
}
