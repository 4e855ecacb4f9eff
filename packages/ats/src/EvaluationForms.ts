/**
 * Forms interviewers fill in to evaluate a candidate.
 *
 * @since 0.1.0
 */
import { EvaluationForm, EvaluationFormId, ListEvaluationFormsParams, SaveEvaluationFormAsTemplate } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `EvaluationForms.definition`). */
const definition = Resource.define({
  name: "EvaluationForms",
  path: "evaluation_forms",
  model: EvaluationForm,
  id: EvaluationFormId,
  listParams: ListEvaluationFormsParams,
  operations: {
    ...Resource.reads,
    saveAsTemplate: Resource.Op.action("save_as_template", SaveEvaluationFormAsTemplate)
  }
})

/**
 * The operations of `EvaluationForms`.
 *
 * @since 0.2.0
 */
export interface EvaluationFormsService extends Resource.Service<typeof definition> {}

/**
 * Forms interviewers fill in to evaluate a candidate.
 *
 * @example
 * ```ts
 * import { EvaluationForms } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(EvaluationForms, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class EvaluationForms extends Resource.Tag(definition)<EvaluationForms, EvaluationFormsService>() {}
