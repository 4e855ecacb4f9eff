/**
 * Query parameters of `GET ats/evaluation_forms`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { EvaluationFormId, JobPostingId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListEvaluationFormsParamsStruct = Schema.Struct({
  /** Only these evaluation forms. */
  ids: optionalField(Schema.Array(EvaluationFormId)),
  /** Only forms of these job postings. */
  ats_job_posting_ids: optionalField(Schema.Array(JobPostingId)),
  /** `true`: only the forms that are templates. */
  template: optionalField(Schema.Boolean),
  ...PageParams.fields
}).annotations(outbound("ListEvaluationFormsParams", "Query parameters of GET ats/evaluation_forms."))

/**
 * The value `ListEvaluationFormsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListEvaluationFormsParams extends Schema.Schema.Type<typeof ListEvaluationFormsParamsStruct> {}

/**
 * Filters of `GET ats/evaluation_forms` (exactly the spec's) plus the `PageParams`: which evaluation forms to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListEvaluationFormsParams: Outbound<typeof ListEvaluationFormsParamsStruct, ListEvaluationFormsParams> = ListEvaluationFormsParamsStruct
