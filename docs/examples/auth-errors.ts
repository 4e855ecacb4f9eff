import { FactorialClient } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

export const program = Effect.gen(function*() {
  const client = yield* FactorialClient
  return yield* client.raw({ method: "GET", path: ["ats", "job_postings"] })
}).pipe(
  Effect.catchTag("AuthError", (error) => {
    switch (error.reason) {
      // The refresh token is gone (expired, revoked, or used twice): only a new login helps.
      case "InvalidGrant":
      case "RefreshTokenExpired":
        return Effect.zipRight(Console.error(error.message), Effect.fail(error))
      // The token endpoint could not be reached or refused for another reason; the next call tries again.
      default:
        return Effect.fail(error)
    }
  })
)
