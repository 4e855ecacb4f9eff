/**
 * Query parameters of `GET ats/application_phases`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationPhaseId, JobPostingId } from "../Ids.js"
import { optionalField, outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

/**
 * Filters of `GET ats/application_phases` (exactly the spec's) plus the `PageParams`: which application phases to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListApplicationPhasesParams = Schema.Struct({
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
export type ListApplicationPhasesParams = typeof ListApplicationPhasesParams.Type
