/**
 * Query parameters of `GET ats/questions`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { JobPostingId, QuestionId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListQuestionsParamsStruct = Schema.Struct({
  /** Only these questions. */
  ids: optionalField(Schema.Array(QuestionId)),
  /** Only questions of these job postings. */
  ats_job_posting_ids: optionalField(Schema.Array(JobPostingId)),
  ...PageParams.fields
}).annotations(outbound("ListQuestionsParams", "Query parameters of GET ats/questions."))

/**
 * The value `ListQuestionsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListQuestionsParams extends Schema.Schema.Type<typeof ListQuestionsParamsStruct> {}

/**
 * Filters of `GET ats/questions` (exactly the spec's) plus the `PageParams`: which job posting questions to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListQuestionsParams: Outbound<typeof ListQuestionsParamsStruct, ListQuestionsParams> = ListQuestionsParamsStruct
