import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type { RateLimitBudget } from "../RateLimit.js"

/** What a client needs of a limiter (the shape of `RateLimiter.Service`). */
export interface Limiter {
  readonly acquire: (method: string) => Effect.Effect<void>
  readonly pauseUntil: (epochMillis: number) => Effect.Effect<void>
  readonly pausedUntil: Effect.Effect<number>
}

/** Factorial's documented POST budget: 200 per minute. */
export const defaultPostBudget: RateLimitBudget = { limit: 200, window: "1 minute" }

/** Waiters released by the gate come back spread over up to this share of their wait (never earlier). */
const gateJitter = 0.2

/**
 * A sliding-window limiter: at most `limit` slots handed out in any `window`. Callers queue on a semaphore,
 * so they are served in order and one waiter sleeps at a time.
 */
const slidingWindow = (budget: RateLimitBudget) =>
  Effect.map(Effect.makeSemaphore(1), (semaphore) => {
    const windowMillis = Duration.toMillis(Duration.decode(budget.window))
    // Start times of the slots handed out in the current window, oldest first; only touched under the semaphore.
    const taken: Array<number> = []
    const takeSlot: Effect.Effect<void> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      while (taken.length > 0 && taken[0]! <= now - windowMillis) taken.shift()
      if (taken.length < budget.limit) {
        taken.push(now)
        return Effect.void
      }
      return Effect.zipRight(Effect.sleep(Duration.millis(taken[0]! + windowMillis - now)), takeSlot)
    })
    return semaphore.withPermits(1)(takeSlot)
  })

/**
 * The in-memory limiter: a sliding window per budgeted method, and the 429 gate. Every `acquire` first waits for
 * the gate (with up to 20% jitter past it, so the released requests do not all return in the same millisecond),
 * then for a slot, then checks the gate again (a 429 may have closed it meanwhile).
 */
export const memory = (
  budgets: Partial<Record<string, RateLimitBudget>>
): Effect.Effect<Limiter> =>
  Effect.gen(function*() {
    const slots = new Map<string, Effect.Effect<void>>()
    for (const [method, budget] of Object.entries(budgets)) {
      if (budget !== undefined) slots.set(method, yield* slidingWindow(budget))
    }
    // The epoch millis the gate is closed until; 0 while no 429 ever closed it (the common case costs a read).
    let gate = 0
    const waitForGate: Effect.Effect<void> = Effect.suspend(() => (gate === 0 ? Effect.void : waitForClosedGate))
    const waitForClosedGate: Effect.Effect<void> = Effect.gen(function*() {
      // Bounded: each round waits until the gate it saw; a gate pushed further away is waited for again.
      for (let round = 0; round < 100; round++) {
        const until = gate
        const now = yield* Clock.currentTimeMillis
        if (until <= now) return
        const jitter = 1 + gateJitter * (yield* Random.next)
        yield* Effect.sleep(Duration.millis(Math.ceil((until - now) * jitter)))
      }
    })
    const acquire = (method: string) => {
      const slot = slots.get(method.toUpperCase())
      return slot === undefined ? waitForGate : Effect.zipRight(waitForGate, Effect.zipRight(slot, waitForGate))
    }
    return {
      acquire,
      pauseUntil: (epochMillis) =>
        Effect.sync(() => {
          gate = Math.max(gate, epochMillis)
        }),
      pausedUntil: Effect.map(Clock.currentTimeMillis, (now) => (gate > now ? gate : 0))
    }
  })
