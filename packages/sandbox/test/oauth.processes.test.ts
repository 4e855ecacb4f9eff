/**
 * Two real OS processes share one token file (`FileTokenStore`) against the sandbox over HTTP, with access tokens
 * that live 4 seconds and refresh tokens that rotate on every refresh. The lock file makes them refresh one at a
 * time and each adopts what the other saved: every token call is a successful rotation, and no request fails.
 */
import { StoredTokens } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Sandbox, SandboxOAuth, SandboxServer } from "../src/index.js"

const here = dirname(fileURLToPath(import.meta.url))
const tsx = join(here, "..", "..", "..", "node_modules", ".bin", "tsx")
const worker = join(here, "fixtures", "tokenFileWorker.ts")

interface WorkerResult {
  readonly ok: number
  readonly failures: Record<string, number>
}

/** Runs the worker script in a child process; bounded by a kill after `limitMillis`. */
const runWorker = (args: ReadonlyArray<string>, limitMillis: number) =>
  Effect.async<WorkerResult, Error>((resume) => {
    const child = spawn(tsx, [worker, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += String(chunk)))
    child.stderr.on("data", (chunk) => (stderr += String(chunk)))
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMillis)
    child.on("close", (code) => {
      clearTimeout(timer)
      if (code !== 0) {
        resume(Effect.fail(new Error(`worker exited with ${code}: ${stderr.slice(0, 2000)}`)))
        return
      }
      resume(Effect.try(() => JSON.parse(stdout.trim().split("\n").at(-1)!) as WorkerResult))
    })
    return Effect.sync(() => child.kill("SIGKILL"))
  })

describe("two processes sharing one token file", () => {
  it.live("refresh one at a time: token calls equal rotations, no InvalidGrant, no failed request", () =>
    Effect.gen(function*() {
      const directory = mkdtempSync(join(tmpdir(), "token-file-processes-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(directory, { recursive: true, force: true })))
      const file = join(directory, "tokens.json")
      const server = yield* SandboxServer
      const oauth = yield* SandboxOAuth
      const tokens = yield* oauth.issueTokens()
      yield* FileTokenStore.make(file).save(
        new StoredTokens({
          refreshToken: Redacted.make(tokens.refresh_token),
          accessToken: Redacted.make(tokens.access_token),
          createdAt: tokens.created_at,
          expiresIn: tokens.expires_in,
          clientId: SandboxOAuth.defaultClientId,
          clientSecret: Redacted.make(SandboxOAuth.defaultClientSecret),
          baseUrl: server.url
        })
      )
      // Both run 8 s of calls (4 fibers each), across several expiries of the 4-second access tokens.
      const args = [server.url, file, "8000", "4"]
      const results = yield* Effect.all([runWorker(args, 90_000), runWorker(args, 90_000)], {
        concurrency: "unbounded"
      })
      const refreshes = (yield* oauth.calls).filter((call) => call.grantType === "refresh_token")
      console.log(
        `two processes: ${results.map((result) => result.ok).join(" + ")} calls succeeded; ` +
          `${refreshes.length} token calls, statuses ${JSON.stringify(refreshes.map((call) => call.status))}`
      )
      for (const result of results) {
        expect(result.failures).toEqual({})
        expect(result.ok).toBeGreaterThan(0)
      }
      // Every token call rotated (none was refused because the other process had used the refresh token).
      expect(refreshes.length).toBeGreaterThan(0)
      expect(refreshes.filter((call) => call.status !== 200)).toEqual([])
      // Nothing left behind: the lock and temporary files are gone.
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }).pipe(
      Effect.provide(Sandbox.layerServer({ size: 5, seed: 1, oauth: { accessTokenLifetime: "4 seconds" } })),
      Effect.scoped
    ), 120_000)
})
