/**
 * Query parameters of `GET ats/rejection_reasons`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationId, RejectionReasonId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListRejectionReasonsParamsStruct = Schema.Struct({
  /** Only these rejection reasons. */
  ids: optionalField(Schema.Array(RejectionReasonId)),
  /** Only the reasons given for these applications. */
  ats_application_ids: optionalField(Schema.Array(ApplicationId)),
  ...PageParams.fields
}).annotations(outbound("ListRejectionReasonsParams", "Query parameters of GET ats/rejection_reasons."))

/**
 * The value `ListRejectionReasonsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListRejectionReasonsParams extends Schema.Schema.Type<typeof ListRejectionReasonsParamsStruct> {}

/**
 * Filters of `GET ats/rejection_reasons` (exactly the spec's) plus the `PageParams`: which rejection reasons to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListRejectionReasonsParams: Outbound<typeof ListRejectionReasonsParamsStruct, ListRejectionReasonsParams> = ListRejectionReasonsParamsStruct
