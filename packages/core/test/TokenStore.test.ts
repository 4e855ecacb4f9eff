import { afterAll, afterEach, describe, expect, it, vi } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  chmodSync,
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

describe("TokenStore.file", () => {
  it.effect("a missing file loads as nothing; a saved file loads back every field", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "nested", "tokens.json")
      const store = TokenStore.file(path)
      expect(Option.isNone(yield* store.load)).toBe(true)
      yield* store.save(tokens(1))
      expect(reveal(Option.getOrThrow(yield* store.load))).toEqual(reveal(tokens(1)))
    }))

  it.effect("writes the Python library's keys, created_at as an ISO date, plus expires_in and scope", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      yield* TokenStore.file(path).save(tokens(0))
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
        writeFileSync(path, JSON.stringify({ ...python, created_at: createdAt }))
        const loaded = reveal(Option.getOrThrow(yield* TokenStore.file(path).load))
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
        writeFileSync(path, content)
        const error = yield* Effect.flip(TokenStore.file(path).load)
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
      const store = TokenStore.file(path)
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
      const store = TokenStore.file(path)
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
      const store = TokenStore.file(path)
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
    }))

  it.effect("a save that fails while writing leaves the old content and no temporary file", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = TokenStore.file(path)
      yield* store.save(tokens(1))
      const before = readFileSync(path, "utf8")
      vi.spyOn(fsPromises, "chmod").mockRejectedValueOnce(systemError("EPERM", "chmod"))
      const error = yield* Effect.flip(store.save(tokens(2)))
      expect(error.detail).toBe("EPERM chmod")
      expect(readFileSync(path, "utf8")).toBe(before)
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))

  it.effect("concurrent saves each replace the whole file", () =>
    Effect.gen(function*() {
      const directory = freshDirectory()
      const path = join(directory, "tokens.json")
      const store = TokenStore.file(path)
      yield* Effect.all(Array.from({ length: 20 }, (_, n) => store.save(tokens(n))), { concurrency: "unbounded" })
      const loaded = reveal(Option.getOrThrow(yield* store.load))
      const n = Number(loaded.refreshToken.replace("refresh-SECRET-", ""))
      expect(loaded).toEqual(reveal(tokens(n)))
      expect(readdirSync(directory)).toEqual(["tokens.json"])
    }))
})

describe("TokenStore as a service", () => {
  it.effect("layerFile and layerMemory provide the Tag; make plugs your own load and save", () =>
    Effect.gen(function*() {
      const path = join(freshDirectory(), "tokens.json")
      yield* Effect.flatMap(TokenStore, (store) => store.save(tokens(4))).pipe(
        Effect.provide(TokenStore.layerFile(path))
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
