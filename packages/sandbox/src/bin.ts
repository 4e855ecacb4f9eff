#!/usr/bin/env node
/**
 * `pnpm sandbox`: serves the sandbox on 127.0.0.1 until interrupted.
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { parseArgs } from "node:util"
import * as Faults from "./Faults.js"
import * as Sandbox from "./Sandbox.js"
import { SandboxOAuth } from "./SandboxOAuth.js"
import { SandboxServer } from "./SandboxServer.js"
import { SandboxState } from "./SandboxState.js"

const usage = `Usage: pnpm sandbox [options]

  --port <n>                 port to listen on (default 4010; 0 picks a free one)
  --host <addr>              interface (default 127.0.0.1)
  --seed <n>                 data seed (default 1)
  --size <n>                 number of candidates (default 50)
  --job-postings <n>         number of job postings (default size / 25)
  --api-key <key>            accepted API key, repeatable (default sandbox-api-key)
  --token <token>            accepted bearer token, repeatable (default sandbox-token)
  --big-ids                  start ids above 2^53
  --fault-rate <p>           probability of a fault per request, spread over --faults (default 0)
  --faults <k1,k2,...>       fault kinds: ${Faults.kinds.join(", ")}
  --fault-seed <n>           seed of the fault sequence (default 1)
  --stall <ms>               how long a stall holds the answer (default 30000)
  --latency <ms|min-max>     latency per request
  --write-then-fail <p>      probability that a write is applied and then answered 500
  --posts-per-minute <n>     POST rate limit (default 200; 0 for none)
  --gets-per-minute <n>      GET rate limit (default none)
  --no-retry-after           answer 429 without Retry-After
  --bucket <n>[/<burst>]     token bucket per credential: n requests per second, bursts of up to burst (default n)
  --drift <p>                share of records with one field null or of the wrong type
  --churn <every>            every <every>-th candidates list request deletes one record and creates one
  --omit-nulls               leave out null fields instead of sending them
  --null-meta-limit          send meta.limit as null
  --optional-last-per-conversation   do not require last_per_conversation on GET messages
  --client-id <id>           OAuth client id (default sandbox-client)
  --client-secret <secret>   OAuth client secret (default sandbox-secret)
  --refresh-token <token>    a refresh token the client holds from the start, usable once; repeatable
                             (default sandbox-refresh-token)
  --access-token-lifetime <s>    seconds an OAuth access token works (default 3600)
  --refresh-token-lifetime <s>   seconds an unused OAuth refresh token works (default 604800, a week)
`

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string" },
    size: { type: "string" },
    "job-postings": { type: "string" },
    "api-key": { type: "string", multiple: true },
    token: { type: "string", multiple: true },
    "big-ids": { type: "boolean", default: false },
    "fault-rate": { type: "string" },
    faults: { type: "string" },
    "fault-seed": { type: "string" },
    stall: { type: "string" },
    latency: { type: "string" },
    "write-then-fail": { type: "string" },
    "posts-per-minute": { type: "string" },
    "gets-per-minute": { type: "string" },
    "no-retry-after": { type: "boolean", default: false },
    bucket: { type: "string" },
    drift: { type: "string" },
    churn: { type: "string" },
    "omit-nulls": { type: "boolean", default: false },
    "null-meta-limit": { type: "boolean", default: false },
    "optional-last-per-conversation": { type: "boolean", default: false },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "refresh-token": { type: "string", multiple: true },
    "access-token-lifetime": { type: "string" },
    "refresh-token-lifetime": { type: "string" },
    help: { type: "boolean", short: "h", default: false }
  }
})

if (values.help) {
  process.stdout.write(usage)
  process.exit(0)
}

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isFinite(n)) {
    process.stderr.write(`--${name}: expected a number, got ${text}\n\n${usage}`)
    process.exit(2)
  }
  return n
}

const latency = (): Faults.Latency | undefined => {
  if (values.latency === undefined) return undefined
  const [min = "0", max] = values.latency.split("-")
  const millis = (text: string) => Duration.millis(number("latency", text) ?? 0)
  return max === undefined ? millis(min) : { min: millis(min), max: millis(max) }
}

const kinds = values.faults === undefined ? undefined : values.faults.split(",").map((k) => k.trim()) as Array<Faults.Kind>
for (const kind of kinds ?? []) {
  if (!Faults.kinds.includes(kind)) {
    process.stderr.write(`--faults: unknown kind ${kind}\n\n${usage}`)
    process.exit(2)
  }
}
const rate = number("fault-rate", values["fault-rate"]) ?? 0
const [bucketRate, bucketBurst] = (values.bucket ?? "").split("/")
const bucket = values.bucket === undefined
  ? undefined
  : { perSecond: number("bucket", bucketRate) ?? 0, burst: number("bucket", bucketBurst) }
const drift = number("drift", values.drift)
const churnEvery = number("churn", values.churn)
const posts = number("posts-per-minute", values["posts-per-minute"])
const stall = number("stall", values.stall)
const seconds = (name: string) => {
  const n = number(name, values[name as "access-token-lifetime" | "refresh-token-lifetime"])
  return n === undefined ? undefined : Duration.seconds(n)
}

const options: Sandbox.ServerOptions = {
  port: number("port", values.port),
  host: values.host,
  seed: number("seed", values.seed),
  size: number("size", values.size),
  jobPostings: number("job-postings", values["job-postings"]),
  apiKeys: values["api-key"],
  tokens: values.token,
  bigIds: values["big-ids"],
  quirks: {
    explicitNulls: !values["omit-nulls"],
    nullMetaLimit: values["null-meta-limit"],
    requireLastPerConversation: !values["optional-last-per-conversation"]
  },
  rateLimit: {
    postsPerMinute: posts === 0 ? null : posts,
    getsPerMinute: number("gets-per-minute", values["gets-per-minute"]),
    retryAfter: !values["no-retry-after"],
    bucket
  },
  drift: drift === undefined ? undefined : { rate: drift },
  churn: churnEvery === undefined ? undefined : { every: churnEvery },
  faults: {
    seed: number("fault-seed", values["fault-seed"]),
    probabilities: rate > 0 ? Faults.uniform(rate, kinds) : undefined,
    stall: stall === undefined ? undefined : Duration.millis(stall),
    latency: latency(),
    writeThenFail: number("write-then-fail", values["write-then-fail"])
  },
  oauth: {
    clients: [{
      id: values["client-id"] ?? SandboxOAuth.defaultClientId,
      secret: values["client-secret"] ?? SandboxOAuth.defaultClientSecret
    }],
    refreshTokens: values["refresh-token"] ?? [SandboxOAuth.defaultRefreshToken],
    accessTokenLifetime: seconds("access-token-lifetime"),
    refreshTokenLifetime: seconds("refresh-token-lifetime")
  }
}

const main = Effect.gen(function*() {
  const server = yield* SandboxServer
  const state = yield* SandboxState
  const oauth = yield* SandboxOAuth
  const [client] = oauth.clients
  yield* Console.log(
    `Factorial sandbox listening on ${server.url} (${state.count("candidates")} candidates) — ` +
      `use x-api-key: ${server.apiKey} or Authorization: Bearer ${server.token}`
  )
  yield* Console.log(
    `OAuth: client_id ${client?.id} client_secret ${client?.secret}, ` +
      `refresh token ${options.oauth?.refreshTokens?.join(", ") ?? "none"} (each works once); ` +
      `${server.url}/oauth/authorize approves at once, then ${server.url}/oauth/token; ` +
      `access tokens last ${Duration.toSeconds(oauth.accessTokenLifetime)} s, ` +
      `refresh tokens ${Duration.toSeconds(oauth.refreshTokenLifetime)} s`
  )
  return yield* Effect.never
}).pipe(Effect.provide(Sandbox.layerServer(options)))

// Loaded here rather than imported so that a missing optional peer says what to install.
const NodeRuntime = await import("@effect/platform-node/NodeRuntime").catch(() => {
  process.stderr.write(
    "effect-factorial-sandbox serves over Node and needs the optional peer dependency @effect/platform-node:\n" +
      "  npm install @effect/platform-node@^0.108.2\n"
  )
  return process.exit(1)
})
NodeRuntime.runMain(main)
