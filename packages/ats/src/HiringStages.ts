/**
 * The company-wide stages application phases map to.
 *
 * @since 0.1.0
 */
import { HiringStage, HiringStageId, ListHiringStagesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `hiring_stages` resource.
 *
 * @since 0.1.0
 */
const hiringStageResource = Resource.define({
  name: "HiringStages",
  path: "hiring_stages",
  model: HiringStage,
  id: HiringStageId,
  listParams: ListHiringStagesParams
})

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
export class HiringStages extends Resource.Tag(hiringStageResource)<HiringStages>() {}
