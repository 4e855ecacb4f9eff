/**
 * Fault injection: seeded, reproducible failures and latency, decided per request before anything is written.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * A kind of injected failure.
 *
 * - `rateLimited`: 429 (with `Retry-After` unless the sandbox's rate limit says otherwise);
 * - `serverError`: 500 with an empty body;
 * - `badGateway`: 502 with an HTML body, as a gateway sends it;
 * - `serviceUnavailable`: 503 with an HTML body;
 * - `dropConnection`: the socket is destroyed without an answer (in-process: a transport error);
 * - `stall`: the answer is held for `stall` before being sent normally;
 * - `truncatedJson`: a 200 whose JSON body is cut in half;
 * - `malformedJson`: a 200 whose body is not JSON at all.
 *
 * @since 0.1.0
 */
export type Kind =
  | "rateLimited"
  | "serverError"
  | "badGateway"
  | "serviceUnavailable"
  | "dropConnection"
  | "stall"
  | "truncatedJson"
  | "malformedJson"

/**
 * Every fault kind, in the order they are drawn.
 *
 * @since 0.1.0
 */
export const kinds: ReadonlyArray<Kind> = [
  "rateLimited",
  "serverError",
  "badGateway",
  "serviceUnavailable",
  "dropConnection",
  "stall",
  "truncatedJson",
  "malformedJson"
]

/**
 * Latency added to every request: a fixed duration, or a uniform draw between `min` and `max`.
 *
 * @since 0.1.0
 */
export type Latency = Duration.DurationInput | { readonly min: Duration.DurationInput; readonly max: Duration.DurationInput }

/**
 * How faults are injected.
 *
 * @since 0.1.0
 */
export interface Options {
  /** The seed of the fault sequence (independent of the data seed). Default `1`. */
  readonly seed?: number | undefined
  /** The probability per request of each kind; their sum must stay at or below 1. Default: none. */
  readonly probabilities?: Partial<Record<Kind, number>> | undefined
  /** How long a `stall` holds the answer. Default 30 seconds. */
  readonly stall?: Duration.DurationInput | undefined
  /** Latency per request. Default none. */
  readonly latency?: Latency | undefined
  /**
   * The probability that a write (POST / PUT / DELETE) is applied and then answered with a 500 anyway, as real
   * servers sometimes do. Off by default: every other fault is decided before the write and leaves state untouched.
   */
  readonly writeThenFail?: number | undefined
  /** Which methods faults apply to. Default all. */
  readonly methods?: ReadonlyArray<"GET" | "POST" | "PUT" | "DELETE"> | undefined
}

/**
 * Spreads a total fault rate evenly over some kinds, e.g. `uniform(0.2)` for 20% failures of every kind but
 * `stall`.
 *
 * @example
 * ```ts
 * import { Faults } from "@effect-factorial/sandbox"
 *
 * const options: Faults.Options = { seed: 7, probabilities: Faults.uniform(0.2, ["serverError", "badGateway"]) }
 * ```
 *
 * @since 0.1.0
 */
export const uniform = (
  rate: number,
  among: ReadonlyArray<Kind> = kinds.filter((kind) => kind !== "stall")
): Partial<Record<Kind, number>> => {
  const out: Partial<Record<Kind, number>> = {}
  for (const kind of among) out[kind] = rate / among.length
  return out
}
