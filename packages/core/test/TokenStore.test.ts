import { afterAll, afterEach, describe, expect, it, vi } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  chmodSync,
  existsSync,
  mkdirSync,
  lstatSync,
  symlinkSync,
  utimesSync,
  mkdtempSync,
  promises as fsPromises,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { StoredTokens, TokenStore } from "../src/index.js"
import { FileTokenStore } from "../src/node.js"

const scratch = mkdtempSync(join(tmpdir(), "effect-factorial-tokens-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
afterEach(() => {
  vi.restoreAllMocks()
})

let counter = 0
/** A fresh directory per test, so its listing shows any leftover temporary file. */
const freshDirectory = () => join(scratch, `case-${++counter}`)

const tokens = (n: number) =>
  new StoredTokens({
    refreshToken: Redacted.make(`refresh-SECRET-${n}`),
    accessToken: Redacted.make(`access-SECRET-${n}`),
    tokenType: "Bearer",
    createdAt: 1_777_885_200 + n,
    expiresIn: 3600,
    scope: "recruitment",
    clientId: "client-id",
    clientSecret: Redacted.make("client-SECRET"),
    baseUrl: "https://api.factorialhr.com"
  })

const reveal = (stored: StoredTokens) => ({
  refreshToken: Redacted.value(stored.refreshToken),
  accessToken: stored.accessToken && Redacted.value(stored.accessToken),
  tokenType: stored.tokenType,
  createdAt: stored.createdAt,
  expiresIn: stored.expiresIn,
  scope: stored.scope,
  clientId: stored.clientId,
  clientSecret: stored.clientSecret && Redacted.value(stored.clientSecret),
  baseUrl: stored.baseUrl
})

const systemError = (code: string, syscall: string) =>
  Object.assign(new Error(`${code}: simulated failure, ${syscall} '/secret/path'`), { code, syscall })

describe("TokenStore.memory", () => {
  it.effect("loads nothing until something is saved, then the latest save", () =>
    Effect.gen(function*() {
      const store = yield* TokenStore.memory()
      expect(Option.isNone(yield* store.load)).toBe(true)
      yield* store.save(tokens(1))
      yield* store.save(tokens(2))
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-2")
      const seeded = yield* TokenStore.memory(tokens(7))
      expect(reveal(Option.getOrThrow(yield* seeded.load)).refreshToken).toBe("refresh-SECRET-7")
    }))
})

describe("FileTokenStore", () => {
  it.effect("a missing file loads as nothing; a saved file loads back every field", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "nested", "tokens.json")
      const store = FileTokenStore.make(path)
      expect(Option.isNone(yield* store.load)).toBe(true)
      yield* store.save(tokens(1))
      expect(reveal(Option.getOrThrow(yield* store.load))).toEqual(reveal(tokens(1)))
    }))

  it.effect("writes the Python library's keys, created_at as an ISO date, plus expires_in and scope", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      yield* FileTokenStore.make(path).save(tokens(0))
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
        refresh_token: "refresh-SECRET-0",
        client_id: "client-id",
        client_secret: "client-SECRET",
        access_token: "access-SECRET-0",
        created_at: "2026-05-04T09:00:00+00:00",
        token_type: "Bearer",
        target_url: "https://api.factorialhr.com",
        expires_in: 3600,
        scope: "recruitment"
      })
    }))

  it.effect("reads files the Python library wrote (ISO dates with an offset, naive dates, Unix seconds)", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      yield* Effect.promise(() => fsPromises.mkdir(directory, { recursive: true }))
      const python = {
        refresh_token: "refresh-SECRET-py",
        client_id: "client-id",
        client_secret: "client-SECRET",
        access_token: "access-SECRET-py",
        token_type: "Bearer",
        target_url: "https://api.eu2.demo.factorial.dev"
      }
      const cases: Array<[unknown, number]> = [
        ["2026-05-04T09:00:00+00:00", 1_777_885_200],
        ["2026-05-04T11:00:00+02:00", 1_777_885_200],
        ["2026-05-04T09:00:00", 1_777_885_200],
        ["2026-05-04T09:00:00.500000+00:00", 1_777_885_200.5],
        [1_777_885_200, 1_777_885_200]
      ]
      for (const [createdAt, seconds] of cases) {
        const path = join(directory, "python.json")
        writeFileSync(path, JSON.stringify({ ...python, created_at: createdAt }), { mode: 0o600 })
        const loaded = reveal(Option.getOrThrow(yield* FileTokenStore.make(path).load))
        expect(loaded).toEqual({
          refreshToken: "refresh-SECRET-py",
          accessToken: "access-SECRET-py",
          tokenType: "Bearer",
          createdAt: seconds,
          expiresIn: undefined,
          scope: undefined,
          clientId: "client-id",
          clientSecret: "client-SECRET",
          baseUrl: "https://api.eu2.demo.factorial.dev"
        })
      }
    }))

  it.effect("a file that is not JSON, or misses the refresh token, fails without echoing its content", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      yield* Effect.promise(() => fsPromises.mkdir(directory, { recursive: true }))
      const path = join(directory, "broken.json")
      const contents = [
        `{"refresh_token": "refresh-SECRET-torn`,
        JSON.stringify({ access_token: "access-SECRET-orphan", created_at: "yesterday" }),
        JSON.stringify({ refresh_token: "refresh-SECRET-ok", created_at: "not a date" })
      ]
      const details: Array<string> = []
      for (const content of contents) {
        writeFileSync(path, content, { mode: 0o600 })
        const error = yield* Effect.flip(FileTokenStore.make(path).load)
        expect(error._tag).toBe("TokenStoreError")
        expect(error.operation).toBe("load")
        details.push(error.detail)
        for (const rendering of [String(error), JSON.stringify(error), Cause.pretty(Cause.fail(error))]) {
          expect(rendering).not.toContain("SECRET")
        }
      }
      expect(details).toEqual([
        "the file is not valid JSON",
        "missing or invalid: refresh_token",
        "invalid: created_at"
      ])
    }))

  it.effect("the file has mode 0600, also when it replaces a more open one", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      yield* Effect.promise(() => fsPromises.mkdir(directory, { recursive: true }))
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* store.save(tokens(1))
      expect(statSync(path).mode & 0o777).toBe(0o600)
      chmodSync(path, 0o644)
      yield* store.save(tokens(2))
      expect(statSync(path).mode & 0o777).toBe(0o600)
    }))

  it.effect("a save that fails before the rename leaves the old content and no temporary file", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* store.save(tokens(1))
      const before = readFileSync(path, "utf8")
      const rename = vi.spyOn(fsPromises, "rename").mockRejectedValueOnce(systemError("EIO", "rename"))
      const error = yield* Effect.flip(store.save(tokens(2)))
      expect(rename).toHaveBeenCalledTimes(1)
      // The new content was complete in the temporary file when the rename failed.
      const [temporary] = rename.mock.calls[0]!
      expect(String(temporary)).toMatch(/\/\.tokens\.json\.[^/]+\.tmp$/)
      expect([error._tag, error.operation, error.detail]).toEqual(["TokenStoreError", "save", "EIO rename"])
      expect(String(error)).not.toContain("SECRET")
      expect(readFileSync(path, "utf8")).toBe(before)
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-1")
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))

  it.effect("a crash between writing and renaming (no clean-up) leaves the old file whole; the next save works", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* store.save(tokens(1))
      // The process dies after the temporary file is written: neither the rename nor the clean-up happen.
      vi.spyOn(fsPromises, "rename").mockRejectedValueOnce(systemError("EINTR", "rename"))
      vi.spyOn(fsPromises, "rm").mockRejectedValueOnce(systemError("EINTR", "rm"))
      yield* Effect.flip(store.save(tokens(2)))
      const leftovers = readdirSync(directory).filter((name) => name !== "tokens.json")
      expect(leftovers).toHaveLength(1)
      // The leftover is complete (it was flushed before the rename) and ignored by the store.
      expect(JSON.parse(readFileSync(join(directory, leftovers[0]!), "utf8")).refresh_token).toBe("refresh-SECRET-2")
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-1")
      vi.restoreAllMocks()
      yield* store.save(tokens(3))
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-3")
      // The save (under the lock, so no other save was running) removed the leftover and its secrets.
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))

  it.effect("a load removes temporary files older than the lock timeout, not younger ones", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path, { lockTimeout: "10 seconds" })
      yield* store.save(tokens(1))
      const old = join(directory, ".tokens.json.999-crashed.tmp")
      const young = join(directory, ".tokens.json.998-writing.tmp")
      writeFileSync(old, "refresh-SECRET-leftover")
      writeFileSync(young, "refresh-SECRET-in-progress")
      const past = new Date(Date.now() - 60_000)
      utimesSync(old, past, past)
      writeFileSync(join(directory, "unrelated.tmp"), "not ours")
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-1")
      expect(readdirSync(directory).sort()).toEqual([".tokens.json.998-writing.tmp", "tokens.json", "unrelated.tmp"])
    }))

  it.effect("a token file that group or others may read is refused with a clear error, until it is chmod 600", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* store.save(tokens(1))
      for (const mode of [0o644, 0o640, 0o604, 0o660]) {
        chmodSync(path, mode)
        const error = yield* Effect.flip(store.load)
        expect([error._tag, error.operation]).toEqual(["TokenStoreError", "load"])
        expect(error.message).toContain(`mode 0${mode.toString(8)}`)
        expect(error.message).toContain(`chmod 600 ${path}`)
        expect(error.message).toContain("revoke")
        expect(String(error)).not.toContain("SECRET")
      }
      chmodSync(path, 0o400)
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-1")
      chmodSync(path, 0o600)
    }))

  it.effect("a symbolic link is refused on load and on save: never followed, never replaced", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const target = join(directory, "real.json")
      const link = join(directory, "tokens.json")
      yield* FileTokenStore.make(target).save(tokens(1))
      symlinkSync(target, link)
      const store = FileTokenStore.make(link)
      const loading = yield* Effect.flip(store.load)
      expect(loading.operation).toBe("load")
      expect(loading.message).toContain("is a symbolic link")
      const saving = yield* Effect.flip(store.save(tokens(2)))
      expect(saving.operation).toBe("save")
      expect(saving.message).toContain("is a symbolic link")
      expect(lstatSync(link).isSymbolicLink()).toBe(true)
      expect(JSON.parse(readFileSync(target, "utf8")).refresh_token).toBe("refresh-SECRET-1")
      expect(readdirSync(directory).sort()).toEqual(["real.json", "tokens.json"])
    }))

  it.effect("a save that fails while writing leaves the old content and no temporary file", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* store.save(tokens(1))
      const before = readFileSync(path, "utf8")
      const open = fsPromises.open
      vi.spyOn(fsPromises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
        const handle = await open(...args)
        if (String(args[0]).endsWith(".tmp")) handle.writeFile = () => Promise.reject(systemError("ENOSPC", "write"))
        return handle
      })
      const error = yield* Effect.flip(store.save(tokens(2)))
      expect(error.detail).toBe("ENOSPC write")
      expect(readFileSync(path, "utf8")).toBe(before)
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))

  it.effect("concurrent saves each replace the whole file", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = FileTokenStore.make(path)
      yield* Effect.all(Array.from({ length: 20 }, (_, n) => store.save(tokens(n))), { concurrency: "unbounded" })
      const loaded = reveal(Option.getOrThrow(yield* store.load))
      const n = Number(loaded.refreshToken.replace("refresh-SECRET-", ""))
      expect(loaded).toEqual(reveal(tokens(n)))
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))
})

describe("TokenStore as a service", () => {
  it.effect("FileTokenStore.layer and layerMemory provide the Tag; make plugs your own load and save", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      yield* Effect.flatMap(TokenStore, (store) => store.save(tokens(4))).pipe(
        Effect.provide(FileTokenStore.layer(path))
      )
      expect(JSON.parse(readFileSync(path, "utf8")).refresh_token).toBe("refresh-SECRET-4")
      const fromLayer = yield* Effect.flatMap(TokenStore, (store) => store.load).pipe(
        Effect.provide(TokenStore.layerMemory(tokens(5)))
      )
      expect(reveal(Option.getOrThrow(fromLayer)).refreshToken).toBe("refresh-SECRET-5")
      const rows: Array<string> = []
      const custom = TokenStore.make({
        load: Effect.succeed(Option.none()),
        save: (stored) => Effect.sync(() => rows.push(Redacted.value(stored.refreshToken)))
      })
      yield* custom.save(tokens(6))
      expect(rows).toEqual(["refresh-SECRET-6"])
    }))

  it("stored tokens print no secret", () => {
    const stored = tokens(1)
    for (const rendering of [String(stored), JSON.stringify(stored), Cause.pretty(Cause.fail(stored))]) {
      expect(rendering).not.toContain("SECRET")
    }
  })
})

describe("FileTokenStore.withLock", () => {
  it.effect("two stores on one file (as two processes would) hold the lock one at a time", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      const first = FileTokenStore.make(path)
      const second = FileTokenStore.make(path)
      const events: Array<string> = []
      const entered = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(first.withLock!(Effect.gen(function*() {
        events.push("first in")
        expect(readFileSync(`${path}.lock`, "utf8")).toContain(`"pid":${process.pid}`)
        yield* Deferred.succeed(entered, undefined)
        yield* Deferred.await(release)
        events.push("first out")
      })))
      yield* Deferred.await(entered)
      const waiter = yield* Effect.fork(second.withLock!(Effect.sync(() => events.push("second in"))))
      // The waiter polls the lock file for a while, and does not get in.
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
      expect(events).toEqual(["first in"])
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(holder)
      yield* Fiber.join(waiter)
      expect(events).toEqual(["first in", "first out", "second in"])
      expect(existsSync(`${path}.lock`)).toBe(false)
    }))

  it.effect("reentrant: save and withLock inside withLock do not wait for themselves", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      const store = FileTokenStore.make(path, { lockTimeout: "1 second" })
      yield* store.withLock!(Effect.zipRight(store.save(tokens(1)), store.withLock!(store.save(tokens(2)))))
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-2")
    }))

  it.effect("a lock held by a live process times out with a TokenStoreError naming the holder", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      mkdirSync(directory, { recursive: true })
      const path = join(directory, "tokens.json")
      writeFileSync(`${path}.lock`, JSON.stringify({ pid: 4242, host: "elsewhere", token: "t" }))
      const store = FileTokenStore.make(path, { lockTimeout: "300 millis", staleLockTimeout: "1 minute" })
      const error = yield* Effect.flip(store.withLock!(Effect.void))
      expect([error._tag, error.operation]).toEqual(["TokenStoreError", "lock"])
      expect(error.message).toContain("held by process 4242 on elsewhere")
      // Saving needs the lock too.
      expect((yield* Effect.flip(store.save(tokens(1)))).operation).toBe("lock")
      expect(existsSync(`${path}.lock`)).toBe(true)
    }))

  it.effect("a stale lock (its holder died and stopped refreshing it) is taken over", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      mkdirSync(directory, { recursive: true })
      const path = join(directory, "tokens.json")
      writeFileSync(`${path}.lock`, JSON.stringify({ pid: 4242, host: "crashed", token: "t" }))
      const past = new Date(Date.now() - 120_000)
      utimesSync(`${path}.lock`, past, past)
      const store = FileTokenStore.make(path, { lockTimeout: "5 seconds", staleLockTimeout: "1 minute" })
      yield* store.save(tokens(1))
      expect(reveal(Option.getOrThrow(yield* store.load)).refreshToken).toBe("refresh-SECRET-1")
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))

  it.effect("the holder refreshes its lock, so a long hold is not taken for stale", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      const options = { staleLockTimeout: "300 millis", lockTimeout: "5 seconds" } as const
      const first = FileTokenStore.make(path, options)
      const second = FileTokenStore.make(path, options)
      const events: Array<string> = []
      const entered = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(first.withLock!(Effect.gen(function*() {
        events.push("first in")
        yield* Deferred.succeed(entered, undefined)
        // Held for three stale periods.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 900)))
        events.push("first out")
      })))
      yield* Deferred.await(entered)
      yield* second.withLock!(Effect.sync(() => events.push("second in")))
      yield* Fiber.join(holder)
      expect(events).toEqual(["first in", "first out", "second in"])
    }))
})

describe("FileTokenStore options", () => {
  it.effect("a lock timeout that is not a positive duration fails every operation with a TokenStoreError", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      for (const options of [{ lockTimeout: "soon" as never }, { staleLockTimeout: 0 }, { lockTimeout: -5 }]) {
        const store = FileTokenStore.make(path, options)
        const errors = [
          yield* Effect.flip(store.load),
          yield* Effect.flip(store.save(tokens(1))),
          yield* Effect.flip(store.withLock!(Effect.void))
        ]
        expect(errors.map((error) => error.operation)).toEqual(["load", "save", "lock"])
        expect(errors[0]!.detail).toMatch(/(staleLockTimeout|lockTimeout) is not a positive duration/)
      }
      expect(existsSync(path)).toBe(false)
    }))
})
