/**
 * Interviewers' feedback on a candidate or an application.
 *
 * @since 0.1.0
 */
import { CreateFeedback, Feedback, FeedbackId, ListFeedbacksParams, UpdateFeedback } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `feedbacks` resource.
 *
 * @since 0.1.0
 */
const feedbackResource = Resource.define({
  name: "Feedbacks",
  path: "feedbacks",
  model: Feedback,
  id: FeedbackId,
  listParams: ListFeedbacksParams,
  create: CreateFeedback,
  update: UpdateFeedback,
  delete: true
})

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
export class Feedbacks extends Resource.Tag(feedbackResource)<Feedbacks>() {}
