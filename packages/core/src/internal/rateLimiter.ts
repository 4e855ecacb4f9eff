import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { RequestMethod } from "../FactorialRequest.js"
import type { RateLimitBudget } from "../RateLimit.js"

/** Waits for a free slot before each request of a limited method. */
export interface RateLimiter {
  readonly take: (method: RequestMethod) => Effect.Effect<void>
}

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

/** A limiter with a budget per method; methods without one pass straight through. */
export const make = (
  budgets: Partial<Record<RequestMethod, RateLimitBudget>>
): Effect.Effect<RateLimiter> =>
  Effect.gen(function*() {
    const slots = new Map<RequestMethod, Effect.Effect<void>>()
    const entries = Object.entries(budgets) as Array<[RequestMethod, RateLimitBudget | undefined]>
    for (const [method, budget] of entries) {
      if (budget !== undefined) slots.set(method, yield* slidingWindow(budget))
    }
    return { take: (method) => slots.get(method) ?? Effect.void }
  })
