/**
 * Request body of the evaluation forms' `save_as_template` action (`ats/evaluation_forms`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { EvaluationFormId } from "../Ids.js"
import { outbound, type Outbound } from "../internal/fields.js"

const SaveEvaluationFormAsTemplateStruct = Schema.Struct({
  /** Id of the evaluation form to save as a template. */
  id: EvaluationFormId
}).annotations(outbound("SaveEvaluationFormAsTemplate", "Body of POST ats/evaluation_forms/save_as_template."))

/**
 * The value `SaveEvaluationFormAsTemplate` accepts.
 *
 * @since 0.1.0
 */
export interface SaveEvaluationFormAsTemplate extends Schema.Schema.Type<typeof SaveEvaluationFormAsTemplateStruct> {}

/**
 * Body of the `POST ats/evaluation_forms/save_as_template` action: turns an evaluation form into a
 * template other job postings can reuse.
 *
 * @since 0.1.0
 */
export const SaveEvaluationFormAsTemplate: Outbound<typeof SaveEvaluationFormAsTemplateStruct, SaveEvaluationFormAsTemplate> = SaveEvaluationFormAsTemplateStruct
