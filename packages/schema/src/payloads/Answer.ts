/**
 * Request body for creating an answer to a job posting question (`POST ats/answers`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, QuestionId } from "../Ids.js"
import { closed, outbound, type Outbound } from "../internal/fields.js"

/**
 * The question kinds an answer can be created for. Deliberately narrower than
 * `OriginalQuestionType.Strict`: the spec's create-answer body has no `file` (a file answer cannot be
 * written as a text value).
 */
const AnswerQuestionType = closed(Schema.Literal("text", "long_text", "single_choice", "multiple_choice")).annotations({
  identifier: "CreateAnswer.original_question_type",
  description: "Kind of the question answered (file questions cannot be answered through this endpoint)."
})

const CreateAnswerStruct = Schema.Struct({
  /** Id of the question being answered. */
  ats_question_id: QuestionId,
  /** Id of the application the answer belongs to. */
  ats_application_id: ApplicationId,
  /** The answer itself. */
  value: Schema.String,
  /** Label of the question as the candidate saw it. */
  original_question_label: Schema.String,
  /** Kind of the question (`text`, `long_text`, `single_choice` or `multiple_choice`; not `file`). */
  original_question_type: AnswerQuestionType
}).annotations(outbound("CreateAnswer", "Body of POST ats/answers."))

/**
 * The value `CreateAnswer` accepts.
 *
 * @since 0.1.0
 */
export interface CreateAnswer extends Schema.Schema.Type<typeof CreateAnswerStruct> {}

/**
 * Body of `POST ats/answers`: records an application's answer to one question. Every field is required.
 *
 * @example
 * ```ts
 * import { ApplicationId, CreateAnswer, QuestionId } from "@effect-factorial/schema"
 *
 * const answer: CreateAnswer = {
 *   ats_question_id: QuestionId.make("7"),
 *   ats_application_id: ApplicationId.make("42"),
 *   value: "Yes",
 *   original_question_label: "Are you open to relocate?",
 *   original_question_type: "single_choice"
 * }
 * ```
 *
 * @since 0.1.0
 */
export const CreateAnswer: Outbound<typeof CreateAnswerStruct, CreateAnswer> = CreateAnswerStruct
