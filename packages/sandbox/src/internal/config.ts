/** The resolved options of one sandbox instance, and its mutable runtime (fault sequence, rate windows). */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import type * as Faults from "../Faults.js"
import type { Options } from "../Sandbox.js"
import * as Prng from "./prng.js"
import type * as RateWindow from "./rateWindow.js"
import type * as Switches from "./scanSwitches.js"

/** Options with every default filled in. */
export interface Resolved {
  readonly explicitNulls: boolean
  readonly nullMetaLimit: boolean
  readonly requireLastPerConversation: boolean
  readonly postsPerMinute: number | undefined
  readonly getsPerMinute: number | undefined
  readonly retryAfter: boolean
  readonly probabilities: ReadonlyArray<readonly [Faults.Kind, number]>
  readonly stall: Duration.Duration
  readonly latency: { readonly min: number; readonly max: number } | undefined
  readonly writeThenFail: number
  readonly faultMethods: ReadonlySet<string> | undefined
  /** Draws the fault of the next request (seeded). */
  readonly faultPrng: Prng.Prng
  /** Draws latencies (seeded, separately so latency settings do not change the fault sequence). */
  readonly latencyPrng: Prng.Prng
  /** The requests that count against the per-minute budgets (see `rateWindow.ts`). */
  readonly windows: RateWindow.Windows
  /** Records rendered with drift, if switched on. */
  readonly drift: Switches.Drift | undefined
  /** Records created and deleted during list requests, if switched on. */
  readonly churn: Switches.Churn | undefined
  /** A token bucket per credential for API requests, if switched on. */
  readonly bucket: Switches.Bucket | undefined
}

/** The resolved options of the running sandbox. */
export class SandboxConfig extends Context.Tag("@effect-factorial/sandbox/internal/SandboxConfig")<
  SandboxConfig,
  Resolved
>() {}

/** What `resolve` reads (the relevant part of `Sandbox.Options`). */
export type Input = Pick<Options, "quirks" | "rateLimit" | "faults" | "drift" | "churn">

const millis = (input: Duration.DurationInput) => Duration.toMillis(Duration.decode(input))

/** Fills in the defaults. */
export const resolve = (input: Input): Resolved => {
  const faults = input.faults ?? {}
  const latency = faults.latency === undefined
    ? undefined
    : typeof faults.latency === "object" && faults.latency !== null && "min" in faults.latency
    ? { min: millis(faults.latency.min), max: millis(faults.latency.max) }
    : { min: millis(faults.latency as Duration.DurationInput), max: millis(faults.latency as Duration.DurationInput) }
  const seed = faults.seed ?? 1
  const posts = input.rateLimit?.postsPerMinute
  return {
    explicitNulls: input.quirks?.explicitNulls ?? true,
    nullMetaLimit: input.quirks?.nullMetaLimit ?? false,
    requireLastPerConversation: input.quirks?.requireLastPerConversation ?? true,
    postsPerMinute: posts === null ? undefined : posts ?? 200,
    getsPerMinute: input.rateLimit?.getsPerMinute ?? undefined,
    retryAfter: input.rateLimit?.retryAfter ?? true,
    probabilities: Object.entries(faults.probabilities ?? {})
      .filter((entry): entry is [Faults.Kind, number] => typeof entry[1] === "number" && entry[1] > 0),
    stall: Duration.decode(faults.stall ?? "30 seconds"),
    latency: latency !== undefined && latency.max > 0 ? latency : undefined,
    writeThenFail: faults.writeThenFail ?? 0,
    faultMethods: faults.methods === undefined ? undefined : new Set(faults.methods),
    faultPrng: Prng.make(seed),
    latencyPrng: Prng.make(seed ^ 0x1a7e),
    windows: new Map(),
    drift: input.drift === undefined || !(input.drift.rate > 0)
      ? undefined
      : { rate: input.drift.rate, seed: input.drift.seed ?? 1, kinds: input.drift.kinds ?? ["null", "wrongType"] },
    churn: input.churn === undefined
      ? undefined
      : {
        resource: input.churn.resource ?? "candidates",
        every: Math.max(1, Math.floor(input.churn.every ?? 3)),
        deletes: Math.max(0, Math.floor(input.churn.deletes ?? 1)),
        creates: Math.max(0, Math.floor(input.churn.creates ?? 1)),
        prng: Prng.make(input.churn.seed ?? 1),
        seen: 0
      },
    bucket: input.rateLimit?.bucket === undefined
      ? undefined
      : {
        perSecond: input.rateLimit.bucket.perSecond,
        burst: input.rateLimit.bucket.burst ?? input.rateLimit.bucket.perSecond,
        byCredential: new Map()
      }
  }
}
