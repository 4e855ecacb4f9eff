/**
 * Waiting for the next turn of the event loop: after every pending microtask (Effect's scheduler runs fibers in
 * microtasks) and, on Node, after pending I/O callbacks.
 *
 * `Effect.yieldNow` only requeues the fiber behind the fibers already scheduled: a fiber those fibers fork, or wake,
 * runs after it. Waiting for the next turn lets everything that was made runnable go as far as it can first (a
 * request reaches the socket), and only then goes on with synchronous work (decoding a page).
 */
import * as Effect from "effect/Effect"

type Schedule = (run: () => void) => () => void

const schedule: Schedule = typeof globalThis.setImmediate === "function"
  ? (run) => {
    const handle = globalThis.setImmediate(run)
    return () => globalThis.clearImmediate(handle)
  }
  : (run) => {
    // Browsers and edge runtimes: a zero-delay timer is the portable next turn.
    const handle = globalThis.setTimeout(run, 0)
    return () => globalThis.clearTimeout(handle)
  }

/** Resumes on the next turn of the event loop; interruptible. */
export const nextTurn: Effect.Effect<void> = Effect.async<void>((resume) => {
  const cancel = schedule(() => resume(Effect.void))
  return Effect.sync(cancel)
})
