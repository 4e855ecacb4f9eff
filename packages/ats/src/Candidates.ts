/**
 * People who applied or were added to the talent pool.
 *
 * @since 0.1.0
 */
import { Candidate, CandidateId, CreateCandidate, ListCandidatesParams, UpdateCandidate } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `candidates` resource.
 *
 * @since 0.1.0
 */
const candidateResource = Resource.define({
  name: "Candidates",
  path: "candidates",
  model: Candidate,
  id: CandidateId,
  listParams: ListCandidatesParams,
  create: CreateCandidate,
  update: UpdateCandidate,
  delete: true
})

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
export class Candidates extends Resource.Tag(candidateResource)<Candidates>() {}
