/**
 * A reviewer's feedback on a candidate (`ats/feedbacks`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, ApplicationPhaseId, CandidateId, EvaluationFormId, FeedbackId } from "./Ids.js"
import { FreeFormArray, optional, required } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A feedback entry. Decodes what the API sends (see the package README for the null, id, enum
 * and timestamp rules).
 *
 * @since 0.1.0
 */
export class Feedback extends Schema.Class<Feedback>("@effect-factorial/schema/Feedback")({
  /** Id of the feedback. */
  id: required(FeedbackId, "Id of the feedback."),
  /** Overall rating of the application, 1 to 5. */
  rating: optional(Schema.Int, "Overall rating of the application, from 1 to 5."),
  /** Written feedback. */
  description: optional(Schema.String, "Written feedback."),
  /** Id of the application the feedback is about. */
  ats_application_id: optional(ApplicationId, "Id of the application the feedback is about."),
  /** Id of the application phase the feedback was given in. */
  ats_application_phase_id: optional(ApplicationPhaseId, "Id of the phase the feedback was given in."),
  /** When the feedback was created. */
  created_at: required(Timestamp, "When the feedback was created."),
  /** Id of the candidate the feedback is about. */
  ats_candidate_id: required(CandidateId, "Id of the candidate the feedback is about."),
  /** Id of the evaluation form used, when that feature is on (the API names it with a plural). */
  ats_evaluation_forms_id: optional(EvaluationFormId, "Id of the evaluation form used, when that feature is on."),
  /** Answers to the evaluation form; the spec's example items are `{id, score, note}`. */
  evaluation_form_answers: optional(FreeFormArray, "Answers to the evaluation form (shape not specified).")
}, {
  description: "A reviewer's feedback on a candidate."
}) {}
