/**
 * Interviewers' feedback on a candidate or an application.
 *
 * @since 0.1.0
 */
import { CreateFeedback, Feedback, FeedbackId, ListFeedbacksParams, UpdateFeedback } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Feedbacks.definition`). */
const definition = Resource.define({
  name: "Feedbacks",
  path: "feedbacks",
  model: Feedback,
  id: FeedbackId,
  listParams: ListFeedbacksParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateFeedback),
    update: Resource.Op.update(UpdateFeedback),
    delete: Resource.Op.delete
  }
})

/**
 * The operations of `Feedbacks`.
 *
 * @since 0.2.0
 */
export interface FeedbacksService extends Resource.Service<typeof definition> {}

/**
 * Interviewers' feedback on a candidate or an application.
 *
 * @example
 * ```ts
 * import { Feedbacks } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Feedbacks, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Feedbacks extends Resource.Tag(definition)<Feedbacks, FeedbacksService>() {}
