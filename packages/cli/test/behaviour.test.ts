/**
 * The CLI as a person meets it, run as a child process against a sandbox over HTTP: the progress line, Ctrl-C in
 * the middle of an export, writes from a file or stdin, and one exit code per error class with no secret printed.
 */
import { describe, expect, layer } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import { cli, exec, bin, sandbox, sandboxEnv } from "./support.js"

const tmp = () => fs.mkdtempSync(`${os.tmpdir()}/factorial-ats-`)

layer(sandbox({ size: 120, seed: 11 }), { excludeTestServices: true })("progress and writes", (it) => {
  describe("progress", () => {
    it.effect("is off when stderr is piped, on with --progress, off with --quiet", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const [piped, forced, quiet] = yield* Effect.all([
          cli(["export", "candidates"], { env }),
          cli(["export", "candidates", "--progress"], { env }),
          cli(["export", "candidates", "--progress", "--quiet"], { env })
        ], { concurrency: 3 })
        expect(piped.stderr).toBe("")
        expect(quiet.stderr).toBe("")
        expect(forced.stderr).toMatch(/^candidates: 120 \/ 120 \(100%\), [\d,]+\/s, ETA \d+s, done in \d+s → stdout\n$/m)
        expect(forced.stdout).toBe(piped.stdout)
        expect(forced.stdout.trim().split("\n").length).toBe(120)
      }))

    it.effect("is drawn in place under a pseudo-terminal (script from util-linux)", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const out = `${tmp()}/candidates.ndjson`
        // `script` gives the CLI a terminal on stdin, stdout and stderr; the output goes to a file.
        const result = yield* exec("script", [
          "-q",
          "-e",
          "-c",
          `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} export candidates --out ${JSON.stringify(out)}`,
          "/dev/null"
        ], { env })
        expect(result.code).toBe(0)
        expect(result.stdout).toContain("\r\x1b[2Kcandidates: 120 / 120 (100%)")
        expect(result.stdout).toContain(`→ ${out}`)
        expect(fs.readFileSync(out, "utf8").trim().split("\n").length).toBe(120)
        // `list` on a terminal: a table of the model's scalar fields, and the cursor of the next page.
        const table = yield* exec("script", [
          "-q",
          "-e",
          "-c",
          `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} list candidates --limit 3`,
          "/dev/null"
        ], { env })
        const rows = table.stdout.split(/\r?\n/)
        expect(rows[0]).toMatch(/^id\s+company_id\s+first_name\s+last_name/)
        expect(rows.slice(2, 5).map((row) => row.split(/\s+/)[0])).toEqual(["1", "2", "3"])
        expect(table.stdout).toMatch(/3 of 120; next page: --after \S+/)
      }))
  })

  describe("create, update, delete", () => {
    it.effect("a payload from stdin or a file is sent, and the record printed; a bad one is refused before sending", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const created = yield* cli(["create", "candidates"], {
          env,
          stdin: JSON.stringify({ first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", company_id: "1" })
        })
        expect(created.stderr).toBe("")
        expect(created.code).toBe(0)
        const record = JSON.parse(created.stdout)
        expect(record).toMatchObject({ first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" })
        expect(typeof record.id).toBe("string")

        const file = `${tmp()}/update.json`
        fs.writeFileSync(file, JSON.stringify({ first_name: "Augusta" }))
        const updated = yield* cli(["update", "candidates", record.id, "--file", file], { env })
        expect(updated.code).toBe(0)
        expect(JSON.parse(updated.stdout)).toMatchObject({ id: record.id, first_name: "Augusta" })

        const got = yield* cli(["get", "candidates", record.id], { env })
        expect(JSON.parse(got.stdout)).toMatchObject({ id: record.id, first_name: "Augusta" })

        const deleted = yield* cli(["delete", "candidates", record.id], { env })
        expect(deleted.code).toBe(0)
        const gone = yield* cli(["get", "candidates", record.id], { env })
        expect(gone.code).toBe(4)

        const invalid = yield* cli(["create", "candidates"], { env, stdin: JSON.stringify({ first_name: "Ada", email: 3 }) })
        expect(invalid.code).toBe(2)
        expect(invalid.stderr).toMatch(/^factorial-ats: InvalidInput: stdin does not match CreateCandidate: .*last_name/)
        expect(invalid.stdout).toBe("")
        const notJson = yield* cli(["create", "candidates"], { env, stdin: "{" })
        expect(notJson.code).toBe(2)
        expect(notJson.stderr).toContain("stdin is not JSON")
      }))

    it.effect("action: a collection action runs with a validated payload; an unknown action names the declared ones", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const original = JSON.parse((yield* cli(["list", "job_postings", "--limit", "1"], { env })).stdout).data[0]
        const copy = yield* cli(["action", "job_postings", "duplicate"], { env, stdin: JSON.stringify({ id: original.id }) })
        expect(copy.stderr).toBe("")
        expect(copy.code).toBe(0)
        const duplicated = JSON.parse(copy.stdout)
        expect(duplicated.id).not.toBe(original.id)
        expect(JSON.parse((yield* cli(["get", "job_postings", duplicated.id], { env })).stdout).id).toBe(duplicated.id)

        const unknown = yield* cli(["action", "applications", "hire"], { env, stdin: "{}" })
        expect(unknown.code).toBe(2)
        expect(unknown.stderr).toContain("applications has no action \"hire\"; it has: apply, move_to_phase")
        const invalid = yield* cli(["action", "job_postings", "duplicate"], { env, stdin: JSON.stringify({ id: "x" }) })
        expect(invalid.code).toBe(2)
        expect(invalid.stderr).toMatch(/^factorial-ats: InvalidInput: stdin does not match DuplicateJobPosting: id/)
        const without = yield* cli(["action", "candidates", "duplicate"], { env, stdin: "{}" })
        expect(without.code).toBe(2)
      }))

    it.effect("only resources with the operation are offered", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const result = yield* cli(["delete", "hiring_stages", "1"], { env })
        expect(result.code).toBe(2)
        expect(result.stderr).toContain("candidates")
      }))
  })

  it.effect("list: JSON when piped, one page", () =>
    Effect.gen(function*() {
      const env = yield* sandboxEnv
      const result = yield* cli(["list", "candidates", "--limit", "5"], { env })
      const page = JSON.parse(result.stdout)
      expect(page.data.length).toBe(5)
      expect(page.meta).toMatchObject({ has_next_page: true, total: 120 })
      const next = JSON.parse((yield* cli(["list", "candidates", "--limit", "5", "--after", page.meta.end_cursor], { env })).stdout)
      expect(next.data[0].id).not.toBe(page.data[0].id)
    }))
})

layer(sandbox({ size: 3000, seed: 5, faults: { latency: Duration.millis(40) } }), { excludeTestServices: true })(
  "Ctrl-C",
  (it) => {
    for (const format of ["ndjson", "json", "csv"] as const) {
      it.effect(`SIGINT mid-export leaves a valid ${format} file and says how many records it holds`, () =>
        Effect.gen(function*() {
          const env = yield* sandboxEnv
          const out = `${tmp()}/candidates.${format}`
          const result = yield* cli(["export", "candidates", "--format", format, "--out", out], {
            env,
            onSpawn: (child) => {
              // Interrupt once some pages are on disk (bounded: at most 30 s of polling).
              const started = Date.now()
              const poll = setInterval(() => {
                const size = fs.existsSync(out) ? fs.statSync(out).size : 0
                if (size > 20_000 || Date.now() - started > 30_000) {
                  clearInterval(poll)
                  child.kill("SIGINT")
                }
              }, 20)
            }
          })
          expect(result.code).toBe(130)
          const said = /Interrupted: (\d+) candidates records written to (.+) \(complete up to the last record\)/.exec(result.stderr)
          expect(said?.[2]).toBe(out)
          const count = Number(said?.[1])
          expect(count).toBeGreaterThan(0)
          expect(count).toBeLessThan(3000)
          const text = fs.readFileSync(out, "utf8")
          const records = format === "json"
            ? JSON.parse(text)
            : format === "ndjson"
            ? text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))
            : text.split("\r\n").filter((line) => line !== "").slice(1)
          expect(records.length).toBe(count)
          if (format === "ndjson") expect(text.endsWith("\n")).toBe(true)
          if (format === "csv") expect(text.endsWith("\r\n")).toBe(true)
        }))
    }
  }
)

const secret = "sk-live-very-secret-0123456789"

layer(sandbox({ size: 10 }), { excludeTestServices: true })("exit codes", (it) => {
  const expectNoSecret = (result: { readonly stdout: string; readonly stderr: string }) => {
    expect(result.stdout).not.toContain(secret)
    expect(result.stderr).not.toContain(secret)
  }

  it.effect("2 usage, 3 auth, 4 not found, 1 otherwise; one line, no secret, the cause only with --verbose", () =>
    Effect.gen(function*() {
      const { FACTORIAL_BASE_URL } = yield* sandboxEnv
      const wrongKey = { FACTORIAL_BASE_URL, FACTORIAL_API_KEY: secret }
      const right = yield* sandboxEnv
      const cases = [
        { args: ["export", "nope"], env: right, code: 2, line: /Usage error/ },
        { args: ["export", "candidates", "--filter", "nope=1"], env: right, code: 2, line: /^factorial-ats: InvalidInput: --filter nope: unknown filter/ },
        { args: ["get", "candidates", "12x"], env: right, code: 2, line: /^factorial-ats: InvalidRequest: .*invalid id/ },
        { args: ["get", "candidates", "1"], env: { FACTORIAL_BASE_URL }, code: 3, line: /^factorial-ats: ConfigError: .*FACTORIAL_API_KEY/ },
        { args: ["get", "candidates", "1"], env: wrongKey, code: 3, line: /^factorial-ats: Unauthorized \(status 401\): .* — check FACTORIAL_API_KEY/ },
        { args: ["get", "candidates", "1", "--verbose"], env: wrongKey, code: 3, line: /^factorial-ats: Unauthorized \(status 401\)/ },
        { args: ["get", "candidates", "999999"], env: right, code: 4, line: /^factorial-ats: NotFound \(status 404\): .* — check the resource and the id/ },
        { args: ["export", "candidates", "--out", "/nonexistent-dir/x.ndjson"], env: right, code: 1, line: /^factorial-ats: OutputError: Could not write to \/nonexistent-dir\/x.ndjson/ }
      ]
      const results = yield* Effect.all(cases.map((c) => cli(c.args, { env: c.env })), { concurrency: 4 })
      results.forEach((result, i) => {
        const c = cases[i]!
        expect({ args: c.args, code: result.code }).toEqual({ args: c.args, code: c.code })
        expect(result.stderr.split("\n").find((line) => line.startsWith("factorial-ats:"))).toMatch(c.line)
        expectNoSecret(result)
        if (!c.args.includes("--verbose")) expect(result.stderr).not.toMatch(/\n\s+at /)
      })
      expect(results[5]!.stderr.split("\n").length).toBeGreaterThan(3)
    }))
})

layer(sandbox({ size: 10, faults: { probabilities: { serverError: 1 } } }), { excludeTestServices: true })(
  "exit code 5",
  (it) => {
    it.effect("a server that keeps failing: 5, after the SDK's retries", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const result = yield* cli(["get", "candidates", "1"], { env: { ...env, FACTORIAL_API_KEY: env.FACTORIAL_API_KEY } })
        expect(result.code).toBe(5)
        expect(result.stderr).toMatch(/^factorial-ats: ServerError \(status 500\): .* — try again later/)
      }))
  }
)

// Every request answered 429: a fault, so that no budget has to be spent first.
layer(
  sandbox({ size: 10, faults: { probabilities: { rateLimited: 1 } }, rateLimit: { retryAfter: false } }),
  { excludeTestServices: true }
)("rate limited", (it) => {
  it.effect("429 beyond the retries: 5", () =>
    Effect.gen(function*() {
      const env = yield* sandboxEnv
      const result = yield* cli(["get", "candidates", "1"], { env })
      expect(result.code).toBe(5)
      expect(result.stderr).toMatch(/^factorial-ats: RateLimited \(status 429\)/)
    }))
})

layer(sandbox({ size: 1 }), { excludeTestServices: true })("help and docs", (it) => {
  it.effect("--help on every command, completions for the shells", () =>
    Effect.gen(function*() {
      const commands = [[], ["export"], ["get"], ["list"], ["create"], ["update"], ["delete"], ["action"], ["login"], ["logout"], ["webhooks", "listen"], ["sandbox"]]
      const helps = yield* Effect.all(commands.map((command) => cli([...command, "--help"])), { concurrency: 4 })
      helps.forEach((help, i) => {
        expect({ command: commands[i], code: help.code }).toEqual({ command: commands[i], code: 0 })
        expect(help.stdout).toContain("USAGE")
      })
      expect(helps[1]!.stdout).toContain("--format")
      expect(helps[0]!.stdout).toContain("webhooks")
      const bash = yield* cli(["--completions", "bash"])
      expect(bash.code).toBe(0)
      expect(bash.stdout).toContain("_factorial-ats_bash_completions")
      expect(bash.stdout).toContain("export")
    }))

  it.effect("docs/cli.md lists exactly the exit codes the CLI uses", () =>
    Effect.gen(function*() {
      const { ExitCode } = yield* Effect.promise(() => import("../src/Cli.js"))
      const page = fs.readFileSync(new URL("../../../docs/cli.md", import.meta.url), "utf8")
      const section = page.slice(page.indexOf("## Errors and exit codes"))
      const documented = Array.from(section.matchAll(/^\| (\d+) \|/gm), (m) => Number(m[1]))
      expect(documented).toEqual(Object.values(ExitCode).sort((a, b) => a - b))
    }))
})
