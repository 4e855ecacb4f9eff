/**
 * Where command output goes: a file (created or truncated) or stdout. Every write is awaited before the next one
 * and cannot be cut by an interruption, so what is on disk always ends at a whole write.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as fs from "node:fs"
import { OutputError } from "./errors.js"

/** A place to write text to. */
export interface Output {
  /** The file path, or `stdout`. */
  readonly target: string
  /** Writes the text completely, or fails. */
  readonly write: (text: string) => Effect.Effect<void, OutputError>
}

const describe = (error: unknown): { readonly code: string | undefined; readonly detail: string } => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined
  return { code, detail: error instanceof Error ? error.message : String(error) }
}

const failure = (target: string) => (error: unknown) => {
  const { code, detail } = describe(error)
  return new OutputError({ target, reason: code === "EPIPE" ? "Closed" : "Failed", detail })
}

/** stdout, waiting for each write to be handed to the OS (so a pipe's back pressure holds the producer back). */
export const stdout: Output = {
  target: "stdout",
  write: (text) =>
    Effect.uninterruptible(Effect.async<void, OutputError>((resume) => {
      process.stdout.write(text, (error) => resume(error ? Effect.fail(failure("stdout")(error)) : Effect.void))
    }))
}

/** A file, truncated when opened and closed with the scope. */
export const file = (path: string): Effect.Effect<Output, OutputError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({ try: () => fs.promises.open(path, "w"), catch: failure(path) }),
    (handle) => Effect.promise(() => handle.close().catch(() => undefined))
  ).pipe(Effect.map((handle): Output => ({
    target: path,
    write: (text) =>
      Effect.uninterruptible(Effect.tryPromise({ try: () => handle.writeFile(text), catch: failure(path) }))
  })))

/** The file when a path is given, else stdout. */
export const open = (path: string | undefined): Effect.Effect<Output, OutputError, Scope.Scope> =>
  path === undefined || path === "-" ? Effect.succeed(stdout) : file(path)

/** Writes a status line (not data) to stderr. */
export const status = (text: string): Effect.Effect<void> => Effect.sync(() => void process.stderr.write(text + "\n"))
