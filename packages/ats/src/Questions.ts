/**
 * Questions a job posting asks its applicants.
 *
 * @since 0.1.0
 */
import { CreateQuestion, ListQuestionsParams, Question, QuestionId, UpdateQuestion } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Questions.definition`). */
const definition = Resource.define({
  name: "Questions",
  path: "questions",
  model: Question,
  id: QuestionId,
  listParams: ListQuestionsParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateQuestion),
    update: Resource.Op.update(UpdateQuestion),
    delete: Resource.Op.delete
  }
})

/**
 * The operations of `Questions`.
 *
 * @since 0.2.0
 */
export interface QuestionsService extends Resource.Service<typeof definition> {}

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
export class Questions extends Resource.Tag(definition)<Questions, QuestionsService>() {}
