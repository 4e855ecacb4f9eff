/**
 * Query parameters of `GET ats/candidate_sources`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CandidateSourceId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListCandidateSourcesParamsStruct = Schema.Struct({
  /** Only these sources. */
  ids: optionalField(Schema.Array(CandidateSourceId)),
  ...PageParams.fields
}).annotations(outbound("ListCandidateSourcesParams", "Query parameters of GET ats/candidate_sources."))

/**
 * The value `ListCandidateSourcesParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListCandidateSourcesParams extends Schema.Schema.Type<typeof ListCandidateSourcesParamsStruct> {}

/**
 * Filters of `GET ats/candidate_sources` (exactly the spec's) plus the `PageParams`: which candidate sources to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListCandidateSourcesParams: Outbound<typeof ListCandidateSourcesParamsStruct, ListCandidateSourcesParams> = ListCandidateSourcesParamsStruct
