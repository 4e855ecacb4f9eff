import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"

/** The locks the current fiber (and the fibers it forks) already holds, by store. */
const held = globalValue(
  Symbol.for("@effect-factorial/core/TokenStore/heldLocks"),
  () => FiberRef.unsafeMake<ReadonlySet<object>>(new Set())
)

/** Whether the current fiber holds the lock identified by `key`. */
export const isHeld = (key: object): Effect.Effect<boolean> => Effect.map(FiberRef.get(held), (set) => set.has(key))

/**
 * A reentrant version of `acquire`: a fiber that already holds the lock runs the effect at once (a store's own
 * `save` inside `withLock`, a nested `withLock`), any other fiber goes through `acquire`.
 */
export const reentrant = <E0>(
  key: object,
  acquire: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | E0, R>
) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | E0, R> =>
  Effect.flatMap(
    FiberRef.get(held),
    (set) => set.has(key) ? effect : acquire(Effect.locally(effect, held, new Set([...set, key])))
  )

/** An in-process lock: a semaphore of one permit, reentrant for the fiber holding it. */
export const inProcess = () => {
  const key = {}
  const semaphore = Effect.unsafeMakeSemaphore(1)
  return reentrant<never>(key, (effect) => semaphore.withPermits(1)(effect))
}
