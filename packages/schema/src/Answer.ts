/**
 * An answer a candidate gave to a job posting question when applying (`ats/answers`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OriginalQuestionType } from "./Enums.js"
import { AnswerId, ApplicationId, QuestionId } from "./Ids.js"
import { model, nullTolerant, optional } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * An answer to an application question. Decodes what the API sends (see the package README for
 * the null, id, enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class Answer extends Schema.Class<Answer>("@effect-factorial/schema/Answer")({
  /** Id of the answer. */
  id: AnswerId,
  /** Id of the question answered; absent when the question was removed later. */
  ats_question_id: optional(QuestionId),
  /** Id of the application the answer belongs to. */
  ats_application_id: ApplicationId,
  /** The question's label as it read when the candidate answered. */
  original_question_label: nullTolerant(Schema.String),
  /** The answer itself, as text. */
  value: optional(Schema.String),
  /** Type the question had when the candidate answered. */
  original_question_type: nullTolerant(OriginalQuestionType),
  /** When the answer was created. */
  created_at: nullTolerant(Timestamp),
  /** When the answer was last changed. */
  updated_at: nullTolerant(Timestamp)
}, model("An answer a candidate gave to a job posting question.")) {}
