/**
 * Answers given by candidates to a job posting's questions.
 *
 * @since 0.1.0
 */
import { Answer, AnswerId, CreateAnswer, ListAnswersParams } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Answers.definition`). */
const definition = Resource.define({
  name: "Answers",
  path: "answers",
  model: Answer,
  id: AnswerId,
  listParams: ListAnswersParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateAnswer)
  }
})

/**
 * The operations of `Answers`.
 *
 * @since 0.2.0
 */
export interface AnswersService extends Resource.Service<typeof definition> {}

/**
 * Answers given by candidates to a job posting's questions.
 *
 * @example
 * ```ts
 * import { Answers } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Answers, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Answers extends Resource.Tag(definition)<Answers, AnswersService>() {}
