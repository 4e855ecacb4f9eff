/**
 * How many page requests a scan keeps in flight: a fixed number, or an AIMD controller (`concurrency: "auto"`)
 * that grows while answers come back as fast as before and halves when the server pushes back.
 *
 * AIMD as TCP does it: slow start (one more slot per answer, so the window doubles per round trip) until the first
 * push-back, then one more slot per window's worth of answers; a push-back (a 429, a 503, or an answer much slower
 * than the fastest seen, which is what a 429 retried after `Retry-After` looks like from here) halves the window,
 * at most once per round trip: the requests that were already in flight when it shrank do not shrink it again.
 *
 * A server that limits requests per second is not helped by fewer requests in flight, only by fewer starts, and
 * each of its 429s keeps every request waiting for its `Retry-After`. So push-backs also pace request starts
 * (`Pacer`): at the rate the server accepted between the last two push-backs, growing slowly until the next.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Pacer from "./pacer.js"

/** What the controller learns from one request. */
export type Outcome =
  | { readonly _tag: "Answered"; readonly millis: number }
  | { readonly _tag: "PushedBack" }
  | { readonly _tag: "Other" }

/** Bounds the requests of one scan that are in flight. */
export interface Limit {
  /** Runs `effect` in a slot; `classify` says what its result tells the controller. */
  readonly run: <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    classify: (result: { readonly failure: E } | { readonly success: A }) => "ok" | "pushedBack" | "other"
  ) => Effect.Effect<A, E, R>
  /** The current number of slots. */
  readonly current: () => number
  /** The most requests that were in flight at once. */
  readonly peak: () => number
  /** How many times the window shrank. */
  readonly decreases: () => number
}

/** Settings of the adaptive controller. */
export interface AdaptiveSettings {
  /** Slots at the start. */
  readonly initial: number
  /** Never more slots than this. */
  readonly cap: number
}

/** An answer slower than `factor ×` the fastest seen plus `slack` counts as push-back. */
const slowFactor = 3
const slackMillis = 200
/**
 * The pace after a push-back: doubling each second until the server first pushes back on a paced scan (the first
 * measurement may be far too low), then 5% a second; a paced push-back keeps at least 70% of the pace it stopped.
 */
const pacing = { probeGrowth: 2, growth: 1.05, keep: 0.7 }

interface State {
  window: number
  inFlight: number
  peak: number
  decreases: number
  /** Bumped by each decrease: a request started in an older epoch cannot shrink the window again. */
  epoch: number
  slowStart: boolean
  fastest: number
  readonly pacer: Pacer.Pacer
  readonly waiting: Array<() => void>
}

const make = (settings: AdaptiveSettings, adaptive: boolean): Limit => {
  const state: State = {
    window: Math.max(1, Math.min(settings.initial, settings.cap)),
    inFlight: 0,
    peak: 0,
    decreases: 0,
    epoch: 0,
    slowStart: true,
    fastest: Number.POSITIVE_INFINITY,
    pacer: Pacer.make(pacing),
    waiting: []
  }
  const wake = () => {
    while (state.waiting.length > 0 && state.inFlight < Math.floor(state.window)) {
      state.inFlight++
      state.peak = Math.max(state.peak, state.inFlight)
      state.waiting.shift()!()
    }
  }
  const acquire = Effect.async<void>((resume) => {
    if (state.inFlight < Math.floor(state.window)) {
      state.inFlight++
      state.peak = Math.max(state.peak, state.inFlight)
      resume(Effect.void)
      return
    }
    const waiter = () => resume(Effect.void)
    state.waiting.push(waiter)
    return Effect.sync(() => {
      const index = state.waiting.indexOf(waiter)
      if (index !== -1) state.waiting.splice(index, 1)
    })
  })
  /** A push-back: halves the window, at most once per epoch. */
  const shrink = (startedIn: number) => {
    if (startedIn !== state.epoch) return
    state.epoch++
    state.decreases++
    state.slowStart = false
    state.window = Math.max(1, state.window / 2)
  }
  const learn = (outcome: Outcome, startedIn: number, started: number, now: number) => {
    if (!adaptive) return
    const slow = outcome._tag === "Answered" && Number.isFinite(state.fastest) &&
      outcome.millis > state.fastest * slowFactor + slackMillis
    // Every answer spent one of the server's tokens, about when it arrived there.
    if (outcome._tag === "Answered") state.pacer.accepted(now - Math.min(outcome.millis, state.fastest))
    if (outcome._tag === "PushedBack" || slow) {
      // The server refused about when the request started (a slow answer is one it refused, then took after the
      // wait it asked for).
      state.pacer.pushedBack(started, now)
      shrink(startedIn)
      return
    }
    if (outcome._tag !== "Answered") return
    state.fastest = Math.min(state.fastest, outcome.millis)
    state.window = Math.min(settings.cap, state.window + (state.slowStart ? 1 : 1 / state.window))
  }
  /** Waits for the pace, if any, and answers when the request starts. */
  const paced = (restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const wait = state.pacer.reserve(now)
      return wait === 0 ? Effect.succeed(now) : Effect.as(restore(Effect.sleep(wait)), now + wait)
    })
  const release = (outcome: Outcome, startedIn: number, started: number, now: number) =>
    Effect.sync(() => {
      state.inFlight--
      learn(outcome, startedIn, started, now)
      wake()
    })
  return {
    run: (effect, classify) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(restore(acquire), () => {
          const startedIn = state.epoch
          let started = Number.POSITIVE_INFINITY
          // The slot is released on every exit, an interrupted wait for the pace included.
          return Effect.flatMap(paced(restore), (at) => {
            started = at
            return restore(effect)
          }).pipe(
            Effect.onExit((exit) => Effect.flatMap(Clock.currentTimeMillis, (now) => {
              const millis = Math.max(0, now - started)
              const verdict = exit._tag === "Success"
                ? classify({ success: exit.value })
                : exit.cause._tag === "Fail"
                ? classify({ failure: exit.cause.error })
                : "other"
              const outcome: Outcome = verdict === "ok"
                ? { _tag: "Answered", millis }
                : verdict === "pushedBack"
                ? { _tag: "PushedBack" }
                : { _tag: "Other" }
              return release(outcome, startedIn, Math.min(started, now), now)
            }))
          )
        })
      ),
    current: () => Math.floor(state.window),
    peak: () => state.peak,
    decreases: () => state.decreases
  }
}

/** At most `n` requests in flight. */
export const fixed = (n: number): Limit => make({ initial: n, cap: n }, false)

/** AIMD between 1 and `cap` requests in flight. */
export const adaptive = (settings: AdaptiveSettings): Limit => make(settings, true)
