/**
 * A scorecard interviewers fill in about a candidate (`ats/evaluation_forms`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CompanyId, EvaluationFormId, JobPostingId } from "./Ids.js"
import { FreeFormArray, model, nullTolerant, optional } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * An evaluation form. Decodes what the API sends (see the package README for the null, id, enum
 * and timestamp rules).
 *
 * @since 0.1.0
 */
export class EvaluationForm extends Schema.Class<EvaluationForm>("@effect-factorial/schema/EvaluationForm")({
  /** Id of the form. */
  id: EvaluationFormId,
  /** Id of the company owning the form. */
  company_id: CompanyId,
  /** Id of the job posting the form is attached to; absent for templates. */
  ats_job_posting_id: optional(JobPostingId),
  /** Name of the form. */
  name: nullTolerant(Schema.String),
  /** Id of the form this one was derived from. */
  based_on_id: optional(EvaluationFormId),
  /** Questions of the form; the spec leaves their shape open (its example: `{id, text, description}`). */
  questions: nullTolerant(FreeFormArray),
  /** When the form was created. */
  created_at: nullTolerant(Timestamp),
  /** When the form was last changed. */
  updated_at: nullTolerant(Timestamp)
}, model("A scorecard interviewers fill in about a candidate.")) {}
