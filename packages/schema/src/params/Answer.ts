/**
 * Query parameters of `GET ats/answers`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AnswerId, ApplicationId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListAnswersParamsStruct = Schema.Struct({
  /** Only these answers. */
  ids: optionalField(Schema.Array(AnswerId)),
  /** Only answers of these applications. */
  ats_application_ids: optionalField(Schema.Array(ApplicationId)),
  ...PageParams.fields
}).annotations(outbound("ListAnswersParams", "Query parameters of GET ats/answers."))

/**
 * The value `ListAnswersParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListAnswersParams extends Schema.Schema.Type<typeof ListAnswersParamsStruct> {}

/**
 * Filters of `GET ats/answers` (exactly the spec's) plus the `PageParams`: which answers to job posting questions to list.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListAnswersParams: Outbound<typeof ListAnswersParamsStruct, ListAnswersParams> = ListAnswersParamsStruct
