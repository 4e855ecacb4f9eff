/**
 * People who applied or were added to the talent pool.
 *
 * @since 0.1.0
 */
import { Candidate, CandidateId, CreateCandidate, ListCandidatesParams, UpdateCandidate } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Candidates.definition`). */
const definition = Resource.define({
  name: "Candidates",
  path: "candidates",
  model: Candidate,
  id: CandidateId,
  listParams: ListCandidatesParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateCandidate),
    update: Resource.Op.update(UpdateCandidate),
    delete: Resource.Op.delete
  }
})

/**
 * The operations of `Candidates`.
 *
 * @since 0.2.0
 */
export interface CandidatesService extends Resource.Service<typeof definition> {}

/**
 * People who applied or were added to the talent pool.
 *
 * @example
 * ```ts
 * import { Candidates } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Candidates, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Candidates extends Resource.Tag(definition)<Candidates, CandidatesService>() {}
