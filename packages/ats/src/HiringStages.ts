/**
 * The company-wide stages application phases map to.
 *
 * @since 0.1.0
 */
import { HiringStage, HiringStageId, ListHiringStagesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `HiringStages.definition`). */
const definition = Resource.define({
  name: "HiringStages",
  path: "hiring_stages",
  model: HiringStage,
  id: HiringStageId,
  listParams: ListHiringStagesParams,
  operations: {
    ...Resource.reads
  }
})

/**
 * The operations of `HiringStages`.
 *
 * @since 0.2.0
 */
export interface HiringStagesService extends Resource.Service<typeof definition> {}

/**
 * The company-wide stages application phases map to.
 *
 * @example
 * ```ts
 * import { HiringStages } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(HiringStages, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class HiringStages extends Resource.Tag(definition)<HiringStages, HiringStagesService>() {}
