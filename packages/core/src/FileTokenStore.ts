/**
 * A `TokenStore` in a JSON file, shared safely by several processes on one machine. Node-only (it uses `node:fs`;
 * Bun and Deno have it too): import it from `@effect-factorial/core/node`, so that the package root stays usable
 * in browsers and edge runtimes.
 *
 * @since 0.2.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as FileStore from "./internal/fileStore.js"
import * as StoreLock from "./internal/storeLock.js"
import * as TokenFile from "./internal/tokenFile.js"
import { StoredTokens, TokenStore, TokenStoreError } from "./TokenStore.js"

/**
 * How the file store locks.
 *
 * @since 0.2.0
 */
export interface Options {
  /**
   * A lock file whose holder stopped refreshing it for this long (the process crashed or was killed) is taken
   * over. The holder refreshes it every third of this. Default 30 seconds.
   */
  readonly staleLockTimeout?: Duration.DurationInput | undefined
  /** How long `withLock` (and `save`) waits for the lock before failing with `TokenStoreError`. Default 1 minute. */
  readonly lockTimeout?: Duration.DurationInput | undefined
}

const defaults = { staleLockTimeout: Duration.seconds(30), lockTimeout: Duration.minutes(1) }

/** The option in milliseconds; `undefined` when it is not a positive duration. */
const millis = (input: Duration.DurationInput | undefined, fallback: Duration.Duration): number | undefined => {
  const decoded = input === undefined ? Option.some(fallback) : Duration.decodeUnknown(input)
  const value = Option.isSome(decoded) ? Duration.toMillis(decoded.value) : Number.NaN
  return Number.isFinite(value) && value > 0 ? value : undefined
}

/**
 * A JSON file, compatible with the Python library's `RefreshTokenAuthFile`.
 *
 * - **Atomic, private writes.** Each save writes a new file (mode 0600, created exclusively) in the same
 *   directory, flushes it and renames it over the old one: a crash leaves the old or the new content. Temporary
 *   files a crash left behind are removed by the next save (and, once a lock timeout old, by the next load).
 * - **Refused files.** A token file that group or others may access (mode other than 0600/0400...) is refused
 *   with a `TokenStoreError` that says to `chmod 600` it and to revoke the tokens if others may have read them:
 *   it is not fixed silently, because its secrets may already have leaked. A symbolic link is refused on load
 *   and on save (never followed, never replaced).
 * - **A lock shared by processes.** `withLock` takes `<path>.lock` (created exclusively; refreshed while held;
 *   taken over once `staleLockTimeout` old), so processes sharing the file refresh one at a time and each adopts
 *   what the previous one saved. `save` takes the lock too unless the fiber already holds it.
 *
 * @example
 * ```ts
 * import { FactorialAuth } from "@effect-factorial/core"
 * import { FileTokenStore } from "@effect-factorial/core/node"
 *
 * // Loads client id, secret and tokens from the file, and saves every rotation back to it.
 * const auth = FactorialAuth.oauthFromStore(FileTokenStore.make("factorial-tokens.json"))
 * ```
 *
 * @since 0.2.0
 */
export const make = (path: string, options: Options = {}): TokenStore.Service => {
  const store = `file ${path}`
  const failed = (operation: "load" | "save" | "lock") => (failure: FileStore.FileFailure | string) =>
    new TokenStoreError({ operation, store, detail: typeof failure === "string" ? failure : failure.detail })
  const staleAfter = millis(options.staleLockTimeout, defaults.staleLockTimeout)
  const timeout = millis(options.lockTimeout, defaults.lockTimeout)
  if (staleAfter === undefined || timeout === undefined) {
    // A store that cannot work says why on every use, rather than throwing where it is built.
    const detail = `${staleAfter === undefined ? "staleLockTimeout" : "lockTimeout"} is not a positive duration`
    return TokenStore.make({
      load: Effect.fail(failed("load")(detail)),
      save: () => Effect.fail(failed("save")(detail)),
      withLock: () => Effect.fail(failed("lock")(detail))
    })
  }

  const key = {}
  const semaphore = Effect.unsafeMakeSemaphore(1)
  const fileLock = FileStore.withFileLock(path, { staleAfter, timeout })
  // Fibers of this process queue on the semaphore; the lock file is for the other processes.
  const withLock = StoreLock.reentrant<TokenStoreError>(key, (effect) =>
    semaphore.withPermits(1)(
      Effect.catchIf(
        fileLock(effect),
        (error): error is FileStore.FileFailure => error instanceof FileStore.FileFailure,
        (error) => Effect.fail(failed("lock")(error))
      )
    ))

  const load = Effect.zipRight(
    FileStore.removeLeftovers(path, timeout),
    FileStore.read(path).pipe(
      Effect.mapError(failed("load")),
      Effect.flatMap(Option.match({
        onNone: () => Effect.succeedNone,
        onSome: (text) =>
          TokenFile.decode(text).pipe(
            Effect.mapError(failed("load")),
            Effect.map((tokens) => Option.some(new StoredTokens(tokens)))
          )
      }))
    )
  )

  const save = (tokens: StoredTokens) =>
    withLock(
      // Under the lock no save is running: every temporary file left is a crash's leftover.
      Effect.zipRight(
        FileStore.removeLeftovers(path, 0),
        Effect.mapError(FileStore.writeAtomically(path, TokenFile.encode(tokens)), failed("save"))
      )
    )

  return TokenStore.make({ load, save, withLock })
}

/**
 * `make` as a `TokenStore` layer.
 *
 * @since 0.2.0
 */
export const layer = (path: string, options?: Options): Layer.Layer<TokenStore> =>
  Layer.sync(TokenStore, () => make(path, options))
