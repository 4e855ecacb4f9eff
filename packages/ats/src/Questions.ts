/**
 * Questions a job posting asks its applicants.
 *
 * @since 0.1.0
 */
import { CreateQuestion, ListQuestionsParams, Question, QuestionId, UpdateQuestion } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `questions` resource.
 *
 * @since 0.1.0
 */
const questionResource = Resource.define({
  name: "Questions",
  path: "questions",
  model: Question,
  id: QuestionId,
  listParams: ListQuestionsParams,
  create: CreateQuestion,
  update: UpdateQuestion,
  delete: true
})

/**
 * Questions a job posting asks its applicants.
 *
 * @example
 * ```ts
 * import { Questions } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Questions, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Questions extends Resource.Tag(questionResource)<Questions>() {}
