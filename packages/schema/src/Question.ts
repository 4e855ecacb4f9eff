/**
 * A question applicants answer when applying to a job posting (`ats/questions`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OriginalQuestionType } from "./Enums.js"
import { JobPostingId, QuestionId } from "./Ids.js"
import { FreeFormArray, nullTolerant, optional, required } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A job posting question. Decodes what the API sends (see the package README for the null, id,
 * enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class Question extends Schema.Class<Question>("@effect-factorial/schema/Question")({
  /** Id of the question. */
  id: required(QuestionId, "Id of the question."),
  /** Id of the job posting asking the question. */
  ats_job_posting_id: required(JobPostingId, "Id of the job posting asking the question."),
  /** Text of the question. */
  label: required(Schema.String, "Text of the question."),
  /** Place of the question in the form. */
  position: required(Schema.Int, "Place of the question in the form."),
  /** Whether an answer is mandatory. */
  mandatory: required(Schema.Boolean, "Whether an answer is mandatory."),
  /** Whether some answers disqualify the candidate automatically. */
  auto_disqualify: required(Schema.Boolean, "Whether some answers disqualify the candidate automatically."),
  /** Kind of question. */
  question_type: nullTolerant(OriginalQuestionType, "Kind of question."),
  /** When the question was created. */
  created_at: required(Timestamp, "When the question was created."),
  /** When the question was last changed. */
  updated_at: required(Timestamp, "When the question was last changed."),
  /** Choices of a choice question; the spec's example items are `{text, disqualifies}`. */
  options: optional(FreeFormArray, "Choices of a choice question (shape not specified).")
}, {
  description: "A question applicants answer when applying to a job posting."
}) {}
