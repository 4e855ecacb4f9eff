/** Questions: the booleans a create may leave out default to `false`, as the model always carries them. */
import * as Effect from "effect/Effect"
import type { Semantics } from "./Semantics.js"

export const questions: Semantics = {
  create: (payload) =>
    Effect.succeed({ mandatory: payload.mandatory ?? false, auto_disqualify: payload.auto_disqualify ?? false })
}
