/**
 * Query parameters of `GET ats/applications`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, ApplicationPhaseId, CandidateId, JobPostingId, RejectionReasonId, TagId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListApplicationsParamsStruct = Schema.Struct({
  /** Only these applications. */
  ids: optionalField(Schema.Array(ApplicationId)),
  /** Only applications to this job posting. */
  ats_job_posting_id: optionalField(JobPostingId),
  /** Only qualified (`true`) or unqualified (`false`) applications. */
  qualified: optionalField(Schema.Boolean),
  /** Only applications in this pipeline phase. */
  ats_application_phase_id: optionalField(ApplicationPhaseId),
  /** Only applications of these candidates. */
  ats_candidate_ids: optionalField(Schema.Array(CandidateId)),
  /** Only applications rejected for these reasons. */
  ats_rejection_reason_ids: optionalField(Schema.Array(RejectionReasonId)),
  /** Free-text search. */
  search: optionalField(Schema.String),
  /** Only applications with these tags (the API spells it `ats_tags_ids`). */
  ats_tags_ids: optionalField(Schema.Array(TagId)),
  ...PageParams.fields
}).annotations(outbound("ListApplicationsParams", "Query parameters of GET ats/applications."))

/**
 * The value `ListApplicationsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListApplicationsParams extends Schema.Schema.Type<typeof ListApplicationsParamsStruct> {}

/**
 * Filters of `GET ats/applications` (exactly the spec's) plus the `PageParams`: which applications to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListApplicationsParams: Outbound<typeof ListApplicationsParamsStruct, ListApplicationsParams> = ListApplicationsParamsStruct
