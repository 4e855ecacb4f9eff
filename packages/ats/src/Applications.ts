/**
 * A candidate's application to a job posting.
 *
 * @since 0.1.0
 */
import { Application, ApplicationId, ApplyToJobPosting, CreateApplication, ListApplicationsParams, MoveApplicationToPhase, UpdateApplication } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `applications` resource.
 *
 * @since 0.1.0
 */
const applicationResource = Resource.define({
  name: "Applications",
  path: "applications",
  model: Application,
  id: ApplicationId,
  listParams: ListApplicationsParams,
  create: CreateApplication,
  update: UpdateApplication,
  delete: true,
  actions: {
    apply: { path: "apply", payload: ApplyToJobPosting },
    moveToPhase: { path: "move_to_phase", payload: MoveApplicationToPhase }
  }
})

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
export class Applications extends Resource.Tag(applicationResource)<Applications>() {}
