/**
 * Forms interviewers fill in to evaluate a candidate.
 *
 * @since 0.1.0
 */
import { EvaluationForm, EvaluationFormId, ListEvaluationFormsParams, SaveEvaluationFormAsTemplate } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `evaluation_forms` resource.
 *
 * @since 0.1.0
 */
const evaluationFormResource = Resource.define({
  name: "EvaluationForms",
  path: "evaluation_forms",
  model: EvaluationForm,
  id: EvaluationFormId,
  listParams: ListEvaluationFormsParams,
  actions: {
    saveAsTemplate: { path: "save_as_template", payload: SaveEvaluationFormAsTemplate }
  }
})

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
export class EvaluationForms extends Resource.Tag(evaluationFormResource)<EvaluationForms>() {}
