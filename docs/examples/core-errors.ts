import { FactorialClient, type FactorialRequestError } from "@effect-factorial/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

const getCandidate = (id: string) =>
  Effect.flatMap(FactorialClient, (client) => client.raw({ method: "GET", path: ["ats", "candidates", id] }))

// Handle the failures this program can act on; everything else stays in the error channel, typed.
export const describeCandidate = (id: string) =>
  getCandidate(id).pipe(
    Effect.map((candidate) => `found: ${JSON.stringify(candidate)}`),
    Effect.catchTags({
      NotFound: () => Effect.succeed(`no candidate ${id} (or not visible to these credentials)`),
      UnprocessableEntity: (error) => Effect.succeed(`refused: ${JSON.stringify(error.fieldErrors ?? {})}`),
      RateLimited: (error) =>
        Effect.succeed(`rate limited; the server asked to wait ${error.retryAfter ? String(error.retryAfter) : "?"}`)
    })
  )

// Every error has a readable message; HTTP errors also carry status, url, requestId, body and headers.
export const logFailure = (error: FactorialRequestError) =>
  "requestId" in error && error.requestId !== undefined
    ? Console.error(`${error.message} — quote request id ${error.requestId} to Factorial support`)
    : Console.error(error.message)
