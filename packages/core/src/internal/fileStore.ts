/**
 * The file operations of `FileTokenStore`, on `node:fs` (Node, Bun and Deno have it). Only the Node entry point
 * (`@effect-factorial/core/node`) reaches this module: the package root stays free of `node:*` imports.
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import { constants, promises as fs } from "node:fs"
import type { FileHandle } from "node:fs/promises"
import { hostname } from "node:os"
import * as Path from "node:path"

/** Why a file operation failed, in words that hold no secret and no file content. */
export class FileFailure {
  constructor(readonly detail: string) {}
}

const isWindows = process.platform === "win32"

/** `O_NOFOLLOW` where the platform has it (not on Windows, where the symlink is checked with `lstat` first). */
const noFollow = constants.O_NOFOLLOW ?? 0

const code = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "code") && Predicate.isString(error.code) ? error.code : undefined

/** A Node error's code and system call (`ENOENT open`); its message (which quotes the path) is left out. */
const describe = (error: unknown): string => {
  const syscall = Predicate.hasProperty(error, "syscall") && Predicate.isString(error.syscall)
    ? error.syscall
    : undefined
  const described = [code(error), syscall].filter(Predicate.isString).join(" ")
  return described === "" ? (error instanceof Error ? error.name : "unknown error") : described
}

const attempt = <A>(run: () => Promise<A>): Effect.Effect<A, FileFailure> =>
  Effect.tryPromise({
    try: run,
    catch: (error) => error instanceof FileFailure ? error : new FileFailure(describe(error))
  })

const symlinkRefused = (file: string) =>
  new FileFailure(
    `${file} is a symbolic link; the store does not follow links: give it the path of the file itself`
  )

const mode = (value: number) => `0${(value & 0o777).toString(8)}`

/** Whether `name` is one of the store's temporary files for `file`. */
const temporaryPrefix = (file: string) => `.${Path.basename(file)}.`
const isTemporary = (file: string, name: string) => name.startsWith(temporaryPrefix(file)) && name.endsWith(".tmp")

/**
 * Removes the temporary files a crashed save left beside `file` (they hold secrets). `olderThan`: only those
 * not modified for that long (a save of another process may be writing one now); `0` removes all of them (the
 * caller holds the lock, so no save is running). Best effort: a file that cannot be removed stays.
 */
export const removeLeftovers = (file: string, olderThan: number): Effect.Effect<number> =>
  Effect.promise(async () => {
    const directory = Path.dirname(file)
    let names: Array<string>
    try {
      names = await fs.readdir(directory)
    } catch {
      return 0
    }
    let removed = 0
    for (const name of names) {
      if (!isTemporary(file, name)) continue
      const leftover = Path.join(directory, name)
      try {
        const stat = await fs.lstat(leftover)
        if (olderThan > 0 && Date.now() - stat.mtimeMs < olderThan) continue
        await fs.rm(leftover, { force: true })
        removed++
      } catch {
        // Gone already, or not ours to remove.
      }
    }
    return removed
  })

/**
 * The file's text, or `None` when it does not exist. Refuses a symbolic link (opened with `O_NOFOLLOW`, so
 * the check and the read are about the same file), anything but a regular file, and a file that group or others
 * may access (it holds the refresh token and the client secret).
 */
export const read = (file: string): Effect.Effect<Option.Option<string>, FileFailure> =>
  attempt(async () => {
    if (isWindows) {
      try {
        if ((await fs.lstat(file)).isSymbolicLink()) throw symlinkRefused(file)
      } catch (error) {
        if (code(error) === "ENOENT") return Option.none()
        throw error
      }
    }
    let handle: FileHandle
    try {
      handle = await fs.open(file, constants.O_RDONLY | noFollow)
    } catch (error) {
      if (code(error) === "ENOENT") return Option.none()
      if (code(error) === "ELOOP") throw symlinkRefused(file)
      throw error
    }
    try {
      const stat = await handle.stat()
      if (!stat.isFile()) throw new FileFailure(`${file} is not a regular file`)
      if (!isWindows && (stat.mode & 0o077) !== 0) {
        throw new FileFailure(
          `the token file is accessible to group or others (mode ${mode(stat.mode)}), so its secrets may have been ` +
            `read; it is not used. Run \`chmod 600 ${file}\`, and revoke the tokens if someone else may have read them`
        )
      }
      return Option.some(await handle.readFile("utf8"))
    } finally {
      await handle.close().catch(() => undefined)
    }
  })

/**
 * Replaces the file's content atomically: a new file (mode 0600, created exclusively, never through a link) is
 * written and flushed in the same directory, then renamed over the old one, so a crash leaves the old or the new
 * content, never a mix. A symbolic link at `file` is refused rather than replaced or followed. The temporary file
 * is removed when any step fails.
 */
export const writeAtomically = (file: string, text: string): Effect.Effect<void, FileFailure> =>
  Effect.uninterruptible(attempt(async () => {
    const directory = Path.dirname(file)
    await fs.mkdir(directory, { recursive: true, mode: 0o700 })
    try {
      if ((await fs.lstat(file)).isSymbolicLink()) throw symlinkRefused(file)
    } catch (error) {
      if (code(error) !== "ENOENT") throw error
    }
    const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
    const temporary = Path.join(directory, `${temporaryPrefix(file)}${unique}.tmp`)
    let handle: FileHandle | undefined
    try {
      handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, 0o600)
      // The creation mode is filtered by the umask; set it on the open file.
      await handle.chmod(0o600)
      await handle.writeFile(text, "utf8")
      await handle.sync()
      await handle.close()
      handle = undefined
      await fs.rename(temporary, file)
    } catch (error) {
      await handle?.close().catch(() => undefined)
      await fs.rm(temporary, { force: true }).catch(() => undefined)
      throw error
    }
  }))

/** What a lock file holds: who took it, to tell its owner and to release only one's own lock. */
const lockContent = (token: string) => JSON.stringify({ pid: process.pid, host: hostname(), token })

const holderOf = (text: string): string => {
  try {
    const parsed: unknown = JSON.parse(text)
    if (Predicate.isRecord(parsed)) return `process ${String(parsed.pid)} on ${String(parsed.host)}`
  } catch {
    // An unreadable lock file: its holder is unknown.
  }
  return "an unknown process"
}

/** Creates the lock file if nobody holds it: `true` when taken, `false` when someone else holds it. */
const tryTake = (lock: string, token: string): Effect.Effect<boolean, FileFailure> =>
  attempt(async () => {
    let handle: FileHandle
    try {
      handle = await fs.open(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, 0o600)
    } catch (error) {
      if (code(error) === "EEXIST") return false
      throw error
    }
    try {
      await handle.writeFile(lockContent(token), "utf8")
    } finally {
      await handle.close().catch(() => undefined)
    }
    return true
  })

/**
 * Takes over a lock whose holder stopped refreshing it (crashed, killed). The lock is renamed away first, and
 * only removed if it is still the file judged stale: when two waiters break the same stale lock, the one that
 * renamed a fresh lock (just taken by the other) puts it back.
 */
const breakIfStale = (lock: string, staleAfter: number): Effect.Effect<boolean, FileFailure> =>
  attempt(async () => {
    let judged: Awaited<ReturnType<typeof fs.lstat>>
    try {
      judged = await fs.lstat(lock)
    } catch (error) {
      if (code(error) === "ENOENT") return true
      throw error
    }
    if (Date.now() - judged.mtimeMs < staleAfter) return false
    const aside = `${lock}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.stale`
    try {
      await fs.rename(lock, aside)
    } catch (error) {
      if (code(error) === "ENOENT") return true
      throw error
    }
    const moved = await fs.lstat(aside)
    if (moved.ino !== judged.ino || moved.dev !== judged.dev) {
      // Another waiter broke the stale lock and took a new one in between: give it back.
      await fs.link(aside, lock).catch(() => undefined)
    }
    await fs.rm(aside, { force: true })
    return true
  })

/** Waits on the real clock (file times are real time, whatever clock the program runs on). */
const sleep = (millis: number) =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), millis)
    return Effect.sync(() => clearTimeout(timer))
  })

/** Settings of the lock file beside the token file. */
export interface LockSettings {
  readonly staleAfter: number
  readonly timeout: number
}

/**
 * Runs `effect` holding `<file>.lock`, an exclusive lock file shared by every process on the machine (and on a
 * network file system that honours `O_EXCL`). While held, its modification time is refreshed every third of
 * `staleAfter`; a lock not refreshed for `staleAfter` is taken over. Waiting is interruptible; taking and
 * releasing are not, so an interrupted waiter never leaves a lock behind.
 */
export const withFileLock = (file: string, settings: LockSettings) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | FileFailure, R> => {
  const lock = `${file}.lock`
  const token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
  const acquire = (restore: <X, Y, Z>(self: Effect.Effect<X, Y, Z>) => Effect.Effect<X, Y, Z>) =>
    Effect.gen(function*() {
      yield* attempt(() => fs.mkdir(Path.dirname(file), { recursive: true, mode: 0o700 }))
      const deadline = Date.now() + settings.timeout
      for (let round = 0;; round++) {
        if (yield* tryTake(lock, token)) return
        if (yield* breakIfStale(lock, settings.staleAfter)) continue
        if (Date.now() >= deadline) {
          const holder = yield* Effect.orElseSucceed(attempt(() => fs.readFile(lock, "utf8")), () => "")
          return yield* Effect.fail(
            new FileFailure(
              `the lock ${lock} is held by ${holderOf(holder)}; gave up after ${settings.timeout} ms ` +
                `(a lock not refreshed for ${settings.staleAfter} ms is taken over)`
            )
          )
        }
        // 5 ms, 10 ms, 20 ms... up to 200 ms, jittered, so waiting processes do not retry in step.
        const ceiling = Math.min(200, 5 * 2 ** Math.min(round, 6))
        yield* restore(sleep(ceiling / 2 + Math.random() * (ceiling / 2)))
      }
    })
  const release = attempt(async () => {
    const held = await fs.readFile(lock, "utf8").catch(() => "")
    if (held === lockContent(token)) await fs.rm(lock, { force: true })
  }).pipe(Effect.ignore)
  const heartbeat = Effect.forever(
    Effect.zipRight(
      sleep(Math.max(1, Math.floor(settings.staleAfter / 3))),
      attempt(() => {
        const now = new Date()
        return fs.utimes(lock, now, now)
      }).pipe(Effect.ignore)
    )
  )
  return Effect.uninterruptibleMask((restore) =>
    Effect.zipRight(
      acquire(restore),
      Effect.ensuring(
        Effect.flatMap(Effect.forkDaemon(Effect.interruptible(heartbeat)), (beating) =>
          Effect.ensuring(restore(effect), Fiber.interrupt(beating))),
        release
      )
    )
  )
}
