/**
 * Query parameters of `GET ats/hiring_stages`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApplicationPhaseId, HiringStageId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListHiringStagesParamsStruct = Schema.Struct({
  /** Only these hiring stages. */
  ids: optionalField(Schema.Array(HiringStageId)),
  /** Only the stage this application phase maps to. */
  ats_application_phase_id: optionalField(ApplicationPhaseId),
  ...PageParams.fields
}).annotations(outbound("ListHiringStagesParams", "Query parameters of GET ats/hiring_stages."))

/**
 * The value `ListHiringStagesParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListHiringStagesParams extends Schema.Schema.Type<typeof ListHiringStagesParamsStruct> {}

/**
 * Filters of `GET ats/hiring_stages` (exactly the spec's) plus the `PageParams`: which hiring stages to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListHiringStagesParams: Outbound<typeof ListHiringStagesParamsStruct, ListHiringStagesParams> = ListHiringStagesParamsStruct
