/**
 * Query parameters of `GET ats/application_phases`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationPhaseId, JobPostingId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListApplicationPhasesParamsStruct = Schema.Struct({
  /** Only these phases. */
  ids: optionalField(Schema.Array(ApplicationPhaseId)),
  /** Only phases of these job postings. */
  ats_job_posting_ids: optionalField(Schema.Array(JobPostingId)),
  ...PageParams.fields
}).annotations(outbound("ListApplicationPhasesParams", "Query parameters of GET ats/application_phases."))

/**
 * The value `ListApplicationPhasesParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListApplicationPhasesParams extends Schema.Schema.Type<typeof ListApplicationPhasesParamsStruct> {}

/**
 * Filters of `GET ats/application_phases` (exactly the spec's) plus the `PageParams`: which application phases to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListApplicationPhasesParams: Outbound<typeof ListApplicationPhasesParamsStruct, ListApplicationPhasesParams> = ListApplicationPhasesParamsStruct
