/**
 * Where candidates come from.
 *
 * @since 0.1.0
 */
import { CandidateSource, CandidateSourceId, ListCandidateSourcesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `candidate_sources` resource.
 *
 * @since 0.1.0
 */
const candidateSourceResource = Resource.define({
  name: "CandidateSources",
  path: "candidate_sources",
  model: CandidateSource,
  id: CandidateSourceId,
  listParams: ListCandidateSourcesParams
})

/**
 * Where candidates come from.
 *
 * @example
 * ```ts
 * import { CandidateSources } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(CandidateSources, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class CandidateSources extends Resource.Tag(candidateSourceResource)<CandidateSources>() {}
