/**
 * The pace of an adaptive scan against a server that limits requests per second: a token bucket on the client,
 * fitted to what the server let through, so that requests start about as fast as the server refills its own.
 *
 * The server tells nothing of its limit but its push-backs. Between two push-backs its bucket went from empty to
 * empty, so the requests it accepted in between, over the time in between, is at most its rate (less when its
 * bucket was full for part of that time, as it is while a `Retry-After` keeps every request waiting): a lower
 * bound. So after a push-back requests start at that measured rate, which grows with time to find the rest:
 * doubling each second until the server pushes back on a paced scan (the first measurement can be far too low),
 * then 5% a second. A push-back on a paced scan also keeps 70% of the pace it stopped, as the measurement can
 * lag. The client's bucket holds at most as many starts as the server accepted before it first pushed back (its
 * burst, as seen from here) and starts empty after each measurement, so the server keeps its own refill as a
 * cushion while the pace grows past its rate.
 */

/** Starts of requests, paced by push-backs. */
export interface Pacer {
  /** Reserves the next start: how many milliseconds from `now` it may happen (0: now). */
  readonly reserve: (now: number) => number
  /** The server accepted a request at `at`. */
  readonly accepted: (at: number) => void
  /** The server refused a request at `at`; learned at `now`. */
  readonly pushedBack: (at: number, now: number) => void
}

/** Push-backs closer than this to the last measured one are the same episode and measure nothing. */
const minGapMillis = 500
/** The share of the first burst the client's bucket holds: the burst seen also includes what refilled meanwhile. */
const burstShare = 0.9
const maxRemembered = 10_000
/** A stretch is measured this long after its end at the earliest, when the answers of its last requests are in. */
const settleMillis = 100

/** How the measured rate grows, and how much of it a push-back on a paced scan keeps. */
export interface Settings {
  /** Growth a second until the server first pushes back on a paced scan. */
  readonly probeGrowth: number
  /** Growth a second after that. */
  readonly growth: number
  /** The share of the pace at a push-back that the next pace keeps at least. */
  readonly keep: number
}

export const make = ({ growth, keep, probeGrowth }: Settings): Pacer => {
  /** Starts per millisecond at `since`; 0 until a push-back has measured it. */
  let rate = 0
  let since = 0
  let burst = 1
  let tokens = 0
  let tokensAt = 0
  let pushedBackAt: number | undefined
  /** Until the server pushes back on a paced scan, the measured rate may be far too low: it grows fast. */
  let probing = true
  /** When the server accepted the requests answered since the last measured push-back (unordered). */
  let acceptedAt: Array<number> = []

  // Bounded growth: a minute of it no longer paces anything, and the rate stays finite.
  const rateAt = (now: number) => rate * (probing ? probeGrowth : growth) ** Math.min(60, (now - since) / 1000)
  const refill = (now: number) => {
    if (now > tokensAt) tokens = Math.min(burst, tokens + (now - tokensAt) * rateAt(now))
    tokensAt = Math.max(tokensAt, now)
  }
  const countIn = (from: number, to: number) => acceptedAt.reduce((n, t) => (t >= from && t < to ? n + 1 : n), 0)

  /** The stretch between the last two push-backs, measured once its answers are in. */
  let pending: { readonly from: number | undefined; readonly to: number; readonly paced: number } | undefined
  /** Measures the pending stretch, once the requests the server took before it refused have been answered. */
  const settle = (now: number) => {
    if (pending === undefined || now < pending.to + settleMillis) return
    const { from, paced, to } = pending
    pending = undefined
    if (from === undefined) {
      burst = Math.max(1, Math.floor(countIn(Number.NEGATIVE_INFINITY, to) * burstShare))
    } else {
      const measured = countIn(from, to) / (to - from)
      if (paced > 0) probing = false
      rate = Math.max(measured, paced * keep)
      since = now
      tokens = Math.min(tokens, 0)
      tokensAt = Math.max(tokensAt, now)
    }
    acceptedAt = acceptedAt.filter((t) => t >= to)
  }

  return {
    reserve: (now) => {
      settle(now)
      if (rate === 0) return 0
      refill(now)
      // Tokens below zero are starts already promised to earlier requests.
      const wait = tokens >= 1 ? 0 : Math.ceil((1 - tokens) / rateAt(now))
      tokens -= 1
      return wait
    },
    accepted: (at) => {
      // Bounded: a stretch this long without a push-back measures well enough without its oldest half.
      if (acceptedAt.length >= maxRemembered) acceptedAt = acceptedAt.slice(maxRemembered / 2)
      acceptedAt.push(at)
    },
    pushedBack: (at, now) => {
      settle(now)
      if (pending !== undefined) return
      if (pushedBackAt !== undefined && at - pushedBackAt < minGapMillis) return
      pending = { from: pushedBackAt, to: at, paced: rate > 0 ? rateAt(at) : 0 }
      pushedBackAt = at
    }
  }
}
