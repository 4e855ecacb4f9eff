// A sandbox that fails on purpose: seeded, so the same requests fail on every run.
import { Sandbox } from "@effect-factorial/sandbox"

export const FlakyServer = Sandbox.layerServer({
  size: 200,
  faults: {
    seed: 7, // same seed + same requests = same failures
    probabilities: { serverError: 0.05, dropConnection: 0.02, rateLimited: 0.05 },
    latency: { min: "5 millis", max: "40 millis" },
    stall: "10 seconds" // how long a `stall` holds its answer
  },
  rateLimit: { postsPerMinute: 50, retryAfter: false }
})
