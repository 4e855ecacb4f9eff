/**
 * Query parameters of `GET ats/candidates`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CandidateId, JobPostingId, LocationId, TeamId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListCandidatesParamsStruct = Schema.Struct({
  /** Only these candidates. */
  ids: optionalField(Schema.Array(CandidateId)),
  /** Only candidates with these email addresses. */
  emails: optionalField(Schema.Array(Schema.String)),
  /** Only candidates related to these teams. */
  team_ids: optionalField(Schema.Array(TeamId)),
  /** Only candidates related to these locations. */
  location_ids: optionalField(Schema.Array(LocationId)),
  /** Only candidates from these sources (sent as `source[]`). */
  source: optionalField(Schema.Array(Schema.String)),
  /** Only remote (`true`) or non-remote (`false`) candidates. */
  remote: optionalField(Schema.Boolean),
  /** Only candidates of these job postings. */
  job_posting_ids: optionalField(Schema.Array(JobPostingId)),
  /** Only candidates whose average rating is at least this. */
  minimum_average_rating: optionalField(Schema.Finite),
  /** Only active (`true`) or inactive (`false`) candidates. */
  active: optionalField(Schema.Boolean),
  /** Only candidates in (`true`) or out of (`false`) the talent pool. */
  talent_pool: optionalField(Schema.Boolean),
  /** Only archived (`true`) or non-archived (`false`) candidates. */
  archived: optionalField(Schema.Boolean),
  ...PageParams.fields
}).annotations(outbound("ListCandidatesParams", "Query parameters of GET ats/candidates."))

/**
 * The value `ListCandidatesParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListCandidatesParams extends Schema.Schema.Type<typeof ListCandidatesParamsStruct> {}

/**
 * Filters of `GET ats/candidates` (exactly the spec's) plus the `PageParams`: which candidates to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListCandidatesParams: Outbound<typeof ListCandidatesParamsStruct, ListCandidatesParams> = ListCandidatesParamsStruct
