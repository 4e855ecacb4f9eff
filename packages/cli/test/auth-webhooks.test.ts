/**
 * `login`, `logout` and `webhooks listen`, run as child processes against a sandbox over HTTP on 127.0.0.1: the
 * OAuth code flow through the sandbox's authorization server, and deliveries sent by the sandbox.
 */
import { Candidates, WebhookSubscriptions, Webhooks } from "@effect-factorial/ats"
import { SandboxOAuth, SandboxState, SandboxWebhooks } from "@effect-factorial/sandbox"
import { CompanyId } from "@effect-factorial/schema"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import { cli, sandbox, sandboxEnv } from "./support.js"

/** Resolves with the first match of `pattern` in the child's stderr (bounded by the test timeout). */
const awaitStderr = (child: ChildProcess, pattern: RegExp) =>
  new Promise<RegExpExecArray>((resolve) => {
    let text = ""
    child.stderr!.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8")
      const match = pattern.exec(text)
      if (match) resolve(match)
    })
  })

const started = () => {
  let resolve: (child: ChildProcess) => void = () => {}
  const promise = new Promise<ChildProcess>((r) => (resolve = r))
  return { promise, onSpawn: resolve }
}

layer(sandbox({ size: 5 }), { excludeTestServices: true })("login and logout", (it) => {
  it.effect("login: PKCE code flow through a callback on 127.0.0.1, tokens saved 0600; they authenticate; logout revokes them", () =>
    Effect.gen(function*() {
      const { FACTORIAL_BASE_URL } = yield* sandboxEnv
      const oauth = yield* SandboxOAuth
      const client = oauth.clients[0]!
      const dir = fs.mkdtempSync(`${os.tmpdir()}/factorial-ats-login-`)
      const store = `${dir}/tokens.json`
      const env = { FACTORIAL_BASE_URL, FACTORIAL_CLIENT_ID: client.id, FACTORIAL_CLIENT_SECRET: client.secret }
      const spawned = started()
      const login = yield* Effect.fork(cli(["login", "--port", "0", "--store", store], { env, onSpawn: spawned.onSpawn }))
      const child = yield* Effect.promise(() => spawned.promise)
      const [, url] = yield* Effect.promise(() => awaitStderr(child, /^ {2}(http:\/\/\S+\/oauth\/authorize\?\S+)$/m))
      const query = new URL(url!).searchParams
      expect(query.get("code_challenge_method")).toBe("S256")
      expect(query.get("state")?.length).toBeGreaterThanOrEqual(32)
      // The "browser": the sandbox approves at once and redirects to the CLI's callback.
      const page = yield* Effect.promise(() => fetch(url!).then((r) => r.text()))
      expect(page).toContain("you can close this tab")
      const result = yield* login
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(`Tokens saved to ${store}`)
      expect(fs.statSync(store).mode & 0o777).toBe(0o600)
      const saved = fs.readFileSync(store, "utf8")
      for (const text of [result.stdout, result.stderr]) expect(text).not.toContain(client.secret)

      const got = yield* cli(["get", "candidates", "1", "--store", store], { env: { FACTORIAL_BASE_URL } })
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout).id).toBe("1")

      const copy = `${dir}/copy.json`
      fs.writeFileSync(copy, saved, { mode: 0o600 })
      const logout = yield* cli(["logout", "--store", store], { env: { FACTORIAL_BASE_URL } })
      expect(logout.code).toBe(0)
      expect(fs.existsSync(store)).toBe(false)
      // The revoked tokens no longer work: authentication fails with 3, and no token is printed.
      const revoked = yield* cli(["get", "candidates", "1", "--store", copy], { env: { FACTORIAL_BASE_URL } })
      expect(revoked.code).toBe(3)
      const tokens = JSON.parse(saved) as Record<string, string>
      for (const key of ["refresh_token", "access_token", "client_secret"]) {
        expect(tokens[key]?.length).toBeGreaterThan(5)
        for (const text of [revoked.stdout, revoked.stderr, logout.stdout, logout.stderr]) expect(text).not.toContain(tokens[key])
      }
      const again = yield* cli(["logout", "--store", store], { env: { FACTORIAL_BASE_URL } })
      expect(again.code).toBe(3)
      expect(again.stderr).toMatch(/^factorial-ats: LoginError: no tokens in/)
    }))

  it.effect("login: a callback with another state is refused (exit 3)", () =>
    Effect.gen(function*() {
      const { FACTORIAL_BASE_URL } = yield* sandboxEnv
      const client = (yield* SandboxOAuth).clients[0]!
      const store = `${fs.mkdtempSync(`${os.tmpdir()}/factorial-ats-login-`)}/tokens.json`
      const spawned = started()
      const login = yield* Effect.fork(cli(["login", "--port", "0", "--store", store], {
        env: { FACTORIAL_BASE_URL, FACTORIAL_CLIENT_ID: client.id, FACTORIAL_CLIENT_SECRET: client.secret },
        onSpawn: spawned.onSpawn
      }))
      const child = yield* Effect.promise(() => spawned.promise)
      const [, callback] = yield* Effect.promise(() => awaitStderr(child, /redirect to (http:\/\/127\.0\.0\.1:\d+\/callback)/))
      yield* Effect.promise(() => fetch(`${callback}?code=forged&state=forged`).then((r) => r.text()))
      const result = yield* login
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(/^factorial-ats: LoginError: the callback's state is not the one sent/m)
      expect(fs.existsSync(store)).toBe(false)
    }))
})

layer(sandbox({ size: 5, webhooks: { attempts: 2, initialDelay: "1 millis" } }), { excludeTestServices: true })(
  "webhooks listen",
  (it) => {
    it.effect("prints a delivery the sandbox sends, one line (and JSON with --json); wrong challenge refused", () =>
      Effect.gen(function*() {
        const state = yield* SandboxState
        const spawned = started()
        const listen = yield* Effect.fork(cli(["webhooks", "listen", "--port", "0", "--type", "ats/candidate/create", "--json"], {
          env: { FACTORIAL_WEBHOOK_CHALLENGE: "cli-test-challenge" },
          onSpawn: spawned.onSpawn
        }))
        const child = yield* Effect.promise(() => spawned.promise)
        const [, port] = yield* Effect.promise(() => awaitStderr(child, /Listening on http:\/\/127\.0\.0\.1:(\d+)/))
        const subscriptions = yield* WebhookSubscriptions
        yield* subscriptions.create({
          subscription_type: "ats/candidate/create",
          target_url: `http://127.0.0.1:${port}${Webhooks.path("ats/candidate/create")}`,
          company_id: CompanyId.make(state.companyId),
          challenge: Redacted.make("cli-test-challenge")
        })
        const created = yield* Effect.flatMap(Candidates, (candidates) =>
          candidates.create({ first_name: "Grace", last_name: "Hopper", email: "grace@example.com", company_id: CompanyId.make(state.companyId) }))
        const webhooks = yield* SandboxWebhooks
        yield* webhooks.awaitIdle
        const attempts = yield* webhooks.attempts
        expect(attempts.map((a) => a.status)).toEqual([200])
        // A forged delivery without the challenge is refused with 401 and not printed.
        const forged = yield* Effect.promise(() =>
          fetch(`http://127.0.0.1:${port}/ats/candidate/create`, { method: "POST", body: "{}" }).then((r) => r.status))
        expect(forged).toBe(401)
        child.kill("SIGINT")
        const result = yield* listen
        expect(result.code).toBe(130)
        const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line))
        expect(lines).toHaveLength(1)
        expect(lines[0]).toMatchObject({ type: "ats/candidate/create", payload: { id: created.id, full_name: "Grace Hopper" } })
        expect(result.stderr).not.toContain("cli-test-challenge")
      }))

    it.effect("--subscribe creates the subscriptions, prints deliveries as one line each, deletes them on Ctrl-C", () =>
      Effect.gen(function*() {
        const env = yield* sandboxEnv
        const state = yield* SandboxState
        const port = 20_000 + Math.floor(Math.random() * 20_000)
        const spawned = started()
        const listen = yield* Effect.fork(cli([
          "webhooks", "listen", "--port", String(port), "--type", "ats/candidate/create", "--type", "ats/candidate/update",
          "--subscribe", `http://127.0.0.1:${port}`, "--company-id", state.companyId
        ], { env, onSpawn: spawned.onSpawn }))
        const child = yield* Effect.promise(() => spawned.promise)
        yield* Effect.promise(() => awaitStderr(child, /Subscribed ats\/candidate\/update[\s\S]*Subscribed|Subscribed[\s\S]*Subscribed/))
        const subscriptions = yield* WebhookSubscriptions
        const before = (yield* subscriptions.all()).filter((s) => (s.target_url ?? "").startsWith(`http://127.0.0.1:${port}`))
        expect(before.map((s) => s.type).sort()).toEqual(["ats/candidate/create", "ats/candidate/update"])
        const candidates = yield* Candidates
        const created = yield* candidates.create({ first_name: "Alan", last_name: "Turing", email: "alan@example.com", company_id: CompanyId.make(state.companyId) })
        yield* candidates.update(created.id, { first_name: "Alan M." })
        yield* (yield* SandboxWebhooks).awaitIdle
        child.kill("SIGINT")
        const result = yield* listen
        expect(result.code).toBe(130)
        const lines = result.stdout.trim().split("\n")
        expect(lines).toHaveLength(2)
        expect(lines[0]).toMatch(new RegExp(`^\\S+ ats/candidate/create id=${created.id} "Alan Turing" by Access 1$`))
        expect(lines[1]).toMatch(new RegExp(`^\\S+ ats/candidate/update id=${created.id} "Alan M. Turing" by Access 1$`))
        const after = (yield* subscriptions.all()).filter((s) => (s.target_url ?? "").startsWith(`http://127.0.0.1:${port}`))
        expect(after).toEqual([])
      }))
  }
)
