/**
 * A candidate's application to a job posting.
 *
 * @since 0.1.0
 */
import { Application, ApplicationId, ApplyToJobPosting, CreateApplication, ListApplicationsParams, MoveApplicationToPhase, UpdateApplication } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Applications.definition`). */
const definition = Resource.define({
  name: "Applications",
  path: "applications",
  model: Application,
  id: ApplicationId,
  listParams: ListApplicationsParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateApplication),
    update: Resource.Op.update(UpdateApplication),
    delete: Resource.Op.delete,
    apply: Resource.Op.action("apply", ApplyToJobPosting),
    moveToPhase: Resource.Op.action("move_to_phase", MoveApplicationToPhase)
  }
})

/**
 * The operations of `Applications`.
 *
 * @since 0.2.0
 */
export interface ApplicationsService extends Resource.Service<typeof definition> {}

/**
 * A candidate's application to a job posting.
 *
 * @example
 * ```ts
 * import { Applications } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Applications, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Applications extends Resource.Tag(definition)<Applications, ApplicationsService>() {}
