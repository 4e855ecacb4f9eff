/**
 * A phase of a job posting's hiring pipeline (`ats/application_phases`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { PhaseType } from "./Enums.js"
import { ApplicationPhaseId, HiringStageId, JobPostingId } from "./Ids.js"
import { model, nullTolerant, optional } from "./internal/fields.js"

/**
 * A phase of a job posting's hiring pipeline. Decodes what the API sends (see the package
 * README for the null, id, enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class ApplicationPhase extends Schema.Class<ApplicationPhase>("@effect-factorial/schema/ApplicationPhase")({
  /** Id of the phase. */
  id: ApplicationPhaseId,
  /** Id of the job posting whose pipeline holds the phase. */
  ats_job_posting_id: JobPostingId,
  /** Display name of the phase. */
  name: nullTolerant(Schema.String),
  /** Place of the phase in the pipeline. */
  position: nullTolerant(Schema.Int),
  /** Whether users may edit the phase. */
  editable: nullTolerant(Schema.Boolean),
  /** Kind of phase. The spec's own example (`Screening`) is outside its enum: kept as sent. */
  phase_type: nullTolerant(PhaseType),
  /** Number of applications in the phase. */
  applications_count: optional(Schema.Int),
  /** Number of active applications in the phase. */
  active_applications_count: optional(Schema.Int),
  /** Id of the company-wide hiring stage the phase maps to. */
  ats_hiring_stage_id: optional(HiringStageId)
}, model("A phase of a job posting's hiring pipeline.")) {}
