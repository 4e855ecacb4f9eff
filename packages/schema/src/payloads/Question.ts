/**
 * Request bodies of the questions resource: create and update (`ats/questions`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OriginalQuestionType } from "../Enums.js"
import { CompanyId, JobPostingId } from "../Ids.js"
import { closed, FreeFormArray, optionalField, type Outbound, outbound } from "../internal/fields.js"

const CreateQuestionStruct = Schema.Struct({
  /** Id of the job posting the question belongs to. */
  ats_job_posting_id: JobPostingId,
  /** Id of the company (the one `/core/me` reports). */
  company_id: CompanyId,
  /** Text of the question. */
  label: Schema.String,
  /** Place of the question in the form. */
  position: Schema.Int,
  /** Whether applicants must answer. */
  mandatory: optionalField(Schema.Boolean),
  /** Kind of question. */
  question_type: closed(OriginalQuestionType.Strict),
  /** Whether some answers disqualify the applicant. */
  auto_disqualify: optionalField(Schema.Boolean),
  /** Choices of a choice question, e.g. `{ text: "Yes", disqualifies: false }` (shape not specified). */
  options: optionalField(FreeFormArray)
}).annotations(outbound("CreateQuestion", "Body of POST ats/questions."))

/**
 * The value `CreateQuestion` accepts.
 *
 * @since 0.1.0
 */
export interface CreateQuestion extends Schema.Schema.Type<typeof CreateQuestionStruct> {}

/**
 * Body of `POST ats/questions`: adds a question to a job posting's application form. Required:
 * `ats_job_posting_id`, `company_id`, `label`, `position` and `question_type` (closed).
 *
 * @since 0.1.0
 */
export const CreateQuestion: Outbound<typeof CreateQuestionStruct, CreateQuestion> = CreateQuestionStruct

const UpdateQuestionStruct = Schema.Struct({
  /** Text of the question. */
  label: optionalField(Schema.String),
  /** Place of the question in the form. */
  position: optionalField(Schema.Int),
  /** Whether applicants must answer. */
  mandatory: optionalField(Schema.Boolean),
  /** Whether some answers disqualify the applicant. */
  auto_disqualify: optionalField(Schema.Boolean),
  /** Choices of a choice question (shape not specified). */
  options: optionalField(FreeFormArray)
}).annotations(outbound("UpdateQuestion", "Body of PUT ats/questions/{id}, without id."))

/**
 * The value `UpdateQuestion` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateQuestion extends Schema.Schema.Type<typeof UpdateQuestionStruct> {}

/**
 * Body of `PUT ats/questions/{id}` without the `id` (the service adds it from its argument). Every
 * field is optional; only the given ones are sent. The spec's update body has no `question_type`.
 *
 * @since 0.1.0
 */
export const UpdateQuestion: Outbound<typeof UpdateQuestionStruct, UpdateQuestion> = UpdateQuestionStruct
