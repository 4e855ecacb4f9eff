/**
 * Request bodies of the feedbacks resource: create and update (`ats/feedbacks`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, ApplicationPhaseId, CandidateId, EvaluationFormId, MentionId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"

/**
 * An overall rating: the spec describes it as an integer from 1 to 5, so other values are refused
 * before sending.
 */
const Rating = Schema.Int.pipe(Schema.between(1, 5)).annotations({
  identifier: "Rating",
  description: "Overall rating, an integer from 1 to 5."
})

const CreateFeedbackStruct = Schema.Struct({
  /** Id of the candidate the feedback is about. */
  ats_candidate_id: CandidateId,
  /** Overall rating of the application, 1 to 5. */
  rating: optionalField(Rating),
  /** Id of the application the feedback refers to. */
  ats_application_id: optionalField(ApplicationId),
  /** Id of the pipeline phase the feedback refers to. */
  ats_application_phase_id: optionalField(ApplicationPhaseId),
  /** The feedback text. */
  description: optionalField(Schema.String),
  /** Ids of the people to notify; they must be allowed to see the application. */
  mention_ids: optionalField(Schema.Array(MentionId)),
  /** Id of the evaluation form the feedback fills in, when evaluation forms are enabled (note the plural `forms`). */
  ats_evaluation_forms_id: optionalField(EvaluationFormId)
}).annotations(outbound("CreateFeedback", "Body of POST ats/feedbacks."))

/**
 * The value `CreateFeedback` accepts.
 *
 * @since 0.1.0
 */
export interface CreateFeedback extends Schema.Schema.Type<typeof CreateFeedbackStruct> {}

/**
 * Body of `POST ats/feedbacks`: a reviewer's feedback on a candidate, optionally tied to an
 * application, a phase and an evaluation form. Only `ats_candidate_id` is required.
 *
 * @since 0.1.0
 */
export const CreateFeedback: Outbound<typeof CreateFeedbackStruct, CreateFeedback> = CreateFeedbackStruct

const UpdateFeedbackStruct = Schema.Struct({
  /** Overall rating of the application, 1 to 5. */
  rating: optionalField(Rating),
  /** The feedback text. */
  description: optionalField(Schema.String),
  /** Id of the pipeline phase the feedback refers to. */
  ats_application_phase_id: optionalField(ApplicationPhaseId)
}).annotations(outbound("UpdateFeedback", "Body of PUT ats/feedbacks/{id}, without id."))

/**
 * The value `UpdateFeedback` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateFeedback extends Schema.Schema.Type<typeof UpdateFeedbackStruct> {}

/**
 * Body of `PUT ats/feedbacks/{id}` without the `id` (the service adds it from its argument). Every
 * field is optional; only the given ones are sent.
 *
 * @since 0.1.0
 */
export const UpdateFeedback: Outbound<typeof UpdateFeedbackStruct, UpdateFeedback> = UpdateFeedbackStruct
