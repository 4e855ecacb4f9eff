/**
 * The phases of a job posting's hiring pipeline.
 *
 * @since 0.1.0
 */
import { ApplicationPhase, ApplicationPhaseId, ListApplicationPhasesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `application_phases` resource.
 *
 * @since 0.1.0
 */
const applicationPhaseResource = Resource.define({
  name: "ApplicationPhases",
  path: "application_phases",
  model: ApplicationPhase,
  id: ApplicationPhaseId,
  listParams: ListApplicationPhasesParams
})

/**
 * The phases of a job posting's hiring pipeline.
 *
 * @example
 * ```ts
 * import { ApplicationPhases } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(ApplicationPhases, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class ApplicationPhases extends Resource.Tag(applicationPhaseResource)<ApplicationPhases>() {}
