/**
 * Runs the built `factorial-ats` as a child process, with real argv, stdout, stderr and exit code, against a
 * sandbox served over HTTP on 127.0.0.1.
 */
import { Ats, Resource, WebhookSubscriptions } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Sandbox, SandboxServer } from "@effect-factorial/sandbox"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

export const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

export interface Result {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>
  readonly stdin?: string
  /** Called once the process started, e.g. to signal it. */
  readonly onSpawn?: (child: ChildProcess) => void
  /** Kill after this many ms (a bound, not an expectation). Default 60 s. */
  readonly timeout?: number
}

/** A clean environment: no FACTORIAL_* variables from the developer's shell. */
const baseEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("FACTORIAL_")))

/** Runs a command line (a program and its args) and collects everything. */
export const exec = (command: string, args: ReadonlyArray<string>, options: RunOptions = {}) =>
  Effect.async<Result>((resume) => {
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries({ ...baseEnv(), ...options.env })) if (value !== undefined) env[key] = value
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text))
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 60_000)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      resume(Effect.succeed({ code, signal, stdout, stderr }))
    })
    if (options.stdin !== undefined) child.stdin.end(options.stdin)
    else child.stdin.end()
    options.onSpawn?.(child)
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** Runs `factorial-ats` with the arguments. */
export const cli = (args: ReadonlyArray<string>, options: RunOptions = {}) => exec(process.execPath, [bin, ...args], options)

/** The environment that points the CLI at the sandbox in context. */
export const sandboxEnv = Effect.map(SandboxServer, (server) => ({
  FACTORIAL_BASE_URL: server.url,
  FACTORIAL_API_KEY: server.apiKey
}))

/** A sandbox on 127.0.0.1 and the SDK's services on it, to compare the CLI's output with. */
export const sandbox = (options: Sandbox.ServerOptions = {}) =>
  Layer.merge(Ats.layer, WebhookSubscriptions.layer).pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) })))),
    Layer.provideMerge(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer(options))
  )

/** Every record of a scan through the SDK, encoded by the model as the CLI writes them. */
export const scan = (definition: Resource.Definition, params: Record<string, unknown> = {}) =>
  Effect.gen(function*() {
    const service = (yield* Resource.make(definition)) as unknown as {
      stream: (params: Record<string, unknown>) => Stream.Stream<unknown, unknown>
    }
    const encode = Schema.encodeUnknownSync(definition.model)
    const records = yield* Stream.runCollect(service.stream(params))
    return Array.from(records, (record) => encode(record) as Record<string, unknown>)
  })

/** RFC 4180 CSV, parsed independently of the CLI's writer. */
export const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = false
      else field += c
    } else if (c === "\"") quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else field += c
  }
  if (field !== "" || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
