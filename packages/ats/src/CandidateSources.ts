/**
 * Where candidates come from.
 *
 * @since 0.1.0
 */
import { CandidateSource, CandidateSourceId, ListCandidateSourcesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `CandidateSources.definition`). */
const definition = Resource.define({
  name: "CandidateSources",
  path: "candidate_sources",
  model: CandidateSource,
  id: CandidateSourceId,
  listParams: ListCandidateSourcesParams,
  operations: {
    ...Resource.reads
  }
})

/**
 * The operations of `CandidateSources`.
 *
 * @since 0.2.0
 */
export interface CandidateSourcesService extends Resource.Service<typeof definition> {}

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
export class CandidateSources extends Resource.Tag(definition)<CandidateSources, CandidateSourcesService>() {}
