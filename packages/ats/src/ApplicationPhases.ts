/**
 * The phases of a job posting's hiring pipeline.
 *
 * @since 0.1.0
 */
import { ApplicationPhase, ApplicationPhaseId, ListApplicationPhasesParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `ApplicationPhases.definition`). */
const definition = Resource.define({
  name: "ApplicationPhases",
  path: "application_phases",
  model: ApplicationPhase,
  id: ApplicationPhaseId,
  listParams: ListApplicationPhasesParams,
  operations: {
    ...Resource.reads
  }
})

/**
 * The operations of `ApplicationPhases`.
 *
 * @since 0.2.0
 */
export interface ApplicationPhasesService extends Resource.Service<typeof definition> {}

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
export class ApplicationPhases extends Resource.Tag(definition)<ApplicationPhases, ApplicationPhasesService>() {}
