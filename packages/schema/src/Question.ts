/**
 * A question applicants answer when applying to a job posting (`ats/questions`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OriginalQuestionType } from "./Enums.js"
import { JobPostingId, QuestionId } from "./Ids.js"
import { FreeFormArray, model, nullTolerant, optional } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A job posting question. Decodes what the API sends (see the package README for the null, id,
 * enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class Question extends Schema.Class<Question>("@effect-factorial/schema/Question")({
  /** Id of the question. */
  id: QuestionId,
  /** Id of the job posting asking the question. */
  ats_job_posting_id: JobPostingId,
  /** Text of the question. */
  label: nullTolerant(Schema.String),
  /** Place of the question in the form. */
  position: nullTolerant(Schema.Int),
  /** Whether an answer is mandatory. */
  mandatory: nullTolerant(Schema.Boolean),
  /** Whether some answers disqualify the candidate automatically. */
  auto_disqualify: nullTolerant(Schema.Boolean),
  /** Kind of question. */
  question_type: nullTolerant(OriginalQuestionType),
  /** When the question was created. */
  created_at: nullTolerant(Timestamp),
  /** When the question was last changed. */
  updated_at: nullTolerant(Timestamp),
  /** Choices of a choice question; the spec's example items are `{text, disqualifies}`. */
  options: optional(FreeFormArray)
}, model("A question applicants answer when applying to a job posting.")) {}
