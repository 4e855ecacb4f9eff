/**
 * The per-minute budgets (`postsPerMinute`, `getsPerMinute`) as a sliding window: a request counts for the 60
 * seconds after it was accepted, per credential and method. Not the clock's minute: with a window aligned to it, two
 * requests a moment apart on either side of a minute boundary would both pass a spent budget.
 */

/** How long an accepted request counts against its budget. */
export const windowMillis = 60_000

/** The accepted requests still in the window, oldest first, per `<method> <credential>`. */
export type Windows = Map<string, Array<number>>

/**
 * Counts a request of `credential` at `now` against `limit` requests per window; answers `undefined` when it fits,
 * else the whole seconds until the oldest counted request leaves the window (at least 1, as `Retry-After` carries
 * whole seconds), after which the same request fits. A refused request is not counted.
 */
export const take = (
  windows: Windows,
  method: string,
  credential: string,
  limit: number,
  now: number
): number | undefined => {
  const key = `${method} ${credential}`
  const accepted = windows.get(key) ?? []
  // At most `limit` entries, dropped from the front as they age out.
  while (accepted.length > 0 && accepted[0]! <= now - windowMillis) accepted.shift()
  if (accepted.length >= limit) {
    // A budget of 0 never frees up: a whole window is as good an answer as any.
    const oldest = accepted[0] ?? now
    return Math.max(1, Math.ceil((oldest + windowMillis - now) / 1000))
  }
  accepted.push(now)
  windows.set(key, accepted)
  return undefined
}
