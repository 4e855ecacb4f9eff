/**
 * The per-attempt timeout, at the cost of one fiber instead of `Effect.timeoutFail`'s race of two.
 *
 * `Effect.timeoutFail` forks the effect and a sleeping fiber, then interrupts the loser and merges the winner's
 * fiber refs back: on a request answered in a millisecond over loopback that was a fifth of the client's CPU. On
 * the live clock this forks only the attempt and arms a plain timer; the semantics are the same: the attempt is
 * interrupted (and its interruption awaited) before the timeout error is answered, and interrupting the caller
 * interrupts the attempt. Under any other `Clock` (`TestClock`) it is `Effect.timeoutFail` itself, so tests
 * move time as before.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

/** Beyond this, a JS timer fires at once; Effect's clock treats such a wait as never ending, and so does this. */
const maxTimerMillis = 2 ** 31 - 1

/** The clock of Effect's default services: the one every fiber has unless a layer replaced it. */
const liveClock = Effect.runSync(Effect.clock)

const onLiveClock = <A, E, R, E1>(
  self: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E1
): Effect.Effect<A, E | E1, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.forkDaemon(restore(self)), (attempt) =>
      // Registered before the wait can be interrupted: an interruption of the caller, even one that arrives before
      // the wait begins, interrupts the attempt, and the caller waits for it to end.
      Effect.onInterrupt(
        restore(Effect.async<A, E | E1>((resume) => {
          let settled = false
          const observer = (exit: Exit.Exit<A, E>) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resume(exit)
          }
          const timer = setTimeout(() => {
            if (settled) return
            settled = true
            attempt.removeObserver(observer)
            resume(Effect.zipRight(Fiber.interrupt(attempt), Effect.failSync(onTimeout)))
          }, millis)
          attempt.addObserver(observer)
          return Effect.sync(() => {
            settled = true
            clearTimeout(timer)
            attempt.removeObserver(observer)
          })
        })),
        () => Fiber.interrupt(attempt)
      )))

/**
 * Fails with `onTimeout()` when `self` has not ended within `millis`, after interrupting it.
 */
export const timeoutFail = <A, E, R, E1>(
  self: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E1
): Effect.Effect<A, E | E1, R> =>
  Effect.clockWith((clock) =>
    clock !== liveClock
      ? Effect.timeoutFail(self, { duration: millis, onTimeout })
      : millis > maxTimerMillis
      ? self
      : onLiveClock(self, millis, onTimeout)
  )
