import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

export const Tuned = FactorialClient.layer({
  auth: FactorialAuth.apiKey(Redacted.make("your-api-key")),
  // At most 4 retries, backoff from 1 s to 10 s; wait for a Retry-After of up to 2 minutes.
  retry: { times: 4, baseDelay: "1 second", maxDelay: "10 seconds", maxRetryAfter: "2 minutes" },
  // Each attempt gets 10 seconds.
  timeout: "10 seconds",
  // 100 POST per minute (leave room for other integrations on the same account) and 600 GET per minute.
  rateLimit: {
    post: { limit: 100, window: "1 minute" },
    get: { limit: 600, window: "1 minute" }
  }
})

export const NoRetriesNoLimit = FactorialClient.layer({
  auth: FactorialAuth.apiKey(Redacted.make("your-api-key")),
  retry: false,
  rateLimit: false
})

// Per call: no retries for this health check, and a short timeout.
export const ping = Effect.flatMap(FactorialClient, (client) =>
  client.raw({
    method: "GET",
    path: ["ats", "hiring_stages"],
    query: { limit: 1 },
    retry: false,
    timeout: "3 seconds"
  }))
