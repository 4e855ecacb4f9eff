/**
 * How many page requests a scan keeps in flight: a fixed number, or an AIMD controller (`concurrency: "auto"`)
 * that grows while answers come back as fast as before and halves when the server pushes back.
 *
 * AIMD as TCP does it: slow start (one more slot per answer, so the window doubles per round trip) until the first
 * push-back, then one more slot per window's worth of answers; a push-back (a 429, a 503, or an answer much slower
 * than the fastest seen, which is what a 429 retried after `Retry-After` looks like from here) halves the window,
 * at most once per round trip: the requests that were already in flight when it shrank do not shrink it again.
 *
 * One slot can still be too fast for a server that allows fewer requests per second than one connection makes.
 * So a push-back with a single slot also spaces request starts (a pace, starting at the fastest answer time and
 * doubling on each further push-back), and every answer after that shortens the pace by 2%: the same AIMD, on the
 * rate instead of the window.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

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

interface State {
  window: number
  inFlight: number
  peak: number
  decreases: number
  /** Bumped by each decrease: a request started in an older epoch cannot shrink the window again. */
  epoch: number
  slowStart: boolean
  fastest: number
  /** Milliseconds between request starts; 0 when not pacing. */
  pace: number
  /** When the next request may start (pacing). */
  nextStart: number
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
    pace: 0,
    nextStart: 0,
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
  const learn = (outcome: Outcome, startedIn: number) => {
    if (!adaptive) return
    const pushedBack = outcome._tag === "PushedBack" ||
      (outcome._tag === "Answered" && Number.isFinite(state.fastest) &&
        outcome.millis > state.fastest * slowFactor + slackMillis)
    if (pushedBack) {
      if (startedIn !== state.epoch) return
      state.epoch++
      state.decreases++
      state.slowStart = false
      if (state.window < 2) {
        const floor = Number.isFinite(state.fastest) ? Math.max(state.fastest, 10) : 50
        state.pace = Math.min(Math.max(state.pace * 2, floor), 10_000)
      }
      state.window = Math.max(1, state.window / 2)
      return
    }
    if (outcome._tag !== "Answered") return
    state.fastest = Math.min(state.fastest, outcome.millis)
    if (state.pace > 0) {
      state.pace = state.pace < 1 ? 0 : state.pace * 0.98
      return
    }
    state.window = Math.min(settings.cap, state.window + (state.slowStart ? 1 : 1 / state.window))
  }
  /** Waits for the pace, if any, and answers when the request starts. */
  const paced = (restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (state.pace === 0) return Effect.succeed(now)
      const start = Math.max(now, state.nextStart)
      state.nextStart = start + state.pace
      return start === now ? Effect.succeed(now) : Effect.as(restore(Effect.sleep(start - now)), start)
    })
  const release = (outcome: Outcome, startedIn: number) =>
    Effect.sync(() => {
      state.inFlight--
      learn(outcome, startedIn)
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
              return release(outcome, startedIn)
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
