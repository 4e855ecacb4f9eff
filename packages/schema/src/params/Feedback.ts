/**
 * Query parameters of `GET ats/feedbacks`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, CandidateId, FeedbackId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListFeedbacksParamsStruct = Schema.Struct({
  /** Only these feedbacks. */
  ids: optionalField(Schema.Array(FeedbackId)),
  /** Only feedbacks on these applications. */
  ats_application_ids: optionalField(Schema.Array(ApplicationId)),
  /** Only feedbacks about this candidate (a single id, not an array). */
  ats_candidate_id: optionalField(CandidateId),
  ...PageParams.fields
}).annotations(outbound("ListFeedbacksParams", "Query parameters of GET ats/feedbacks."))

/**
 * The value `ListFeedbacksParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListFeedbacksParams extends Schema.Schema.Type<typeof ListFeedbacksParamsStruct> {}

/**
 * Filters of `GET ats/feedbacks` (exactly the spec's) plus the `PageParams`: which feedbacks to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListFeedbacksParams: Outbound<typeof ListFeedbacksParamsStruct, ListFeedbacksParams> = ListFeedbacksParamsStruct
