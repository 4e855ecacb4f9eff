/**
 * A reviewer's feedback on a candidate (`ats/feedbacks`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, ApplicationPhaseId, CandidateId, EvaluationFormId, FeedbackId } from "./Ids.js"
import { FreeFormArray, model, nullTolerant, optional } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A feedback entry. Decodes what the API sends (see the package README for the null, id, enum
 * and timestamp rules).
 *
 * @since 0.1.0
 */
export class Feedback extends Schema.Class<Feedback>("@effect-factorial/schema/Feedback")({
  /** Id of the feedback. */
  id: FeedbackId,
  /** Overall rating of the application, 1 to 5. */
  rating: optional(Schema.Int),
  /** Written feedback. */
  description: optional(Schema.String),
  /** Id of the application the feedback is about. */
  ats_application_id: optional(ApplicationId),
  /** Id of the application phase the feedback was given in. */
  ats_application_phase_id: optional(ApplicationPhaseId),
  /** When the feedback was created. */
  created_at: nullTolerant(Timestamp),
  /** Id of the candidate the feedback is about. */
  ats_candidate_id: CandidateId,
  /** Id of the evaluation form used, when that feature is on (the API names it with a plural). */
  ats_evaluation_forms_id: optional(EvaluationFormId),
  /** Answers to the evaluation form; the spec's example items are `{id, score, note}`. */
  evaluation_form_answers: optional(FreeFormArray)
}, model("A reviewer's feedback on a candidate.")) {}
