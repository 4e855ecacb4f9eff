/**
 * A phase of a job posting's hiring pipeline (`ats/application_phases`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { PhaseType } from "./Enums.js"
import { ApplicationPhaseId, HiringStageId, JobPostingId } from "./Ids.js"
import { nullTolerant, optional, required } from "./internal/fields.js"

/**
 * A phase of a job posting's hiring pipeline. Decodes what the API sends (see the package
 * README for the null, id, enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class ApplicationPhase extends Schema.Class<ApplicationPhase>("@effect-factorial/schema/ApplicationPhase")({
  /** Id of the phase. */
  id: required(ApplicationPhaseId, "Id of the phase."),
  /** Id of the job posting whose pipeline holds the phase. */
  ats_job_posting_id: required(JobPostingId, "Id of the job posting whose pipeline holds the phase."),
  /** Display name of the phase. */
  name: required(Schema.String, "Display name of the phase."),
  /** Place of the phase in the pipeline. */
  position: required(Schema.Int, "Place of the phase in the pipeline."),
  /** Whether users may edit the phase. */
  editable: required(Schema.Boolean, "Whether users may edit the phase."),
  /** Kind of phase. The spec's own example (`Screening`) is outside its enum: kept as sent. */
  phase_type: nullTolerant(PhaseType, "Kind of phase."),
  /** Number of applications in the phase. */
  applications_count: optional(Schema.Int, "Number of applications in the phase."),
  /** Number of active applications in the phase. */
  active_applications_count: optional(Schema.Int, "Number of active applications in the phase."),
  /** Id of the company-wide hiring stage the phase maps to. */
  ats_hiring_stage_id: optional(HiringStageId, "Id of the hiring stage the phase maps to.")
}, {
  description: "A phase of a job posting's hiring pipeline."
}) {}
