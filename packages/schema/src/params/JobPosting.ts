/**
 * Query parameters of `GET ats/job_postings`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { JobPostingStatus } from "../Enums.js"
import { JobPostingId, LegalEntityId, LocationId, TeamId } from "../Ids.js"
import { closed, optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListJobPostingsParamsStruct = Schema.Struct({
  /** Only these job postings. */
  ids: optionalField(Schema.Array(JobPostingId)),
  /** Only postings in this state (closed: a misspelt state fails before sending, instead of silently matching nothing). */
  status: optionalField(closed(JobPostingStatus.Strict)),
  /** Only postings of this team (a single id). */
  team_id: optionalField(TeamId),
  /** Only postings at this location (a single id). */
  location_id: optionalField(LocationId),
  /** Only postings of this legal entity (a single id). */
  legal_entity_id: optionalField(LegalEntityId),
  ...PageParams.fields
}).annotations(outbound("ListJobPostingsParams", "Query parameters of GET ats/job_postings."))

/**
 * The value `ListJobPostingsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListJobPostingsParams extends Schema.Schema.Type<typeof ListJobPostingsParamsStruct> {}

/**
 * Filters of `GET ats/job_postings` (exactly the spec's) plus the `PageParams`: which job postings to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListJobPostingsParams: Outbound<typeof ListJobPostingsParamsStruct, ListJobPostingsParams> = ListJobPostingsParamsStruct
