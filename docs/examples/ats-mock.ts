import { Candidates } from "@effect-factorial/ats"
import { NotFound } from "@effect-factorial/core"
import * as Effect from "effect/Effect"

// The code under test: greets a candidate, or says who is missing.
const greet = (id: string) =>
  Candidates.pipe(
    Effect.flatMap((candidates) => candidates.get(id)),
    Effect.map((candidate) => `Hello, ${candidate.first_name}`),
    Effect.catchTag("NotFound", () => Effect.succeed(`No candidate ${id}`))
  )

// Only `get` is implemented; any other call dies with a message naming it.
const CandidatesTest = Candidates.layerMock({
  get: (id) =>
    Effect.fail(
      new NotFound({ status: 404, method: "GET", url: `https://api.factorialhr.com/…/candidates/${id}`, headers: {} })
    )
})

export const test = greet("42").pipe(Effect.provide(CandidatesTest))
