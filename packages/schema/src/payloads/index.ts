/**
 * Request bodies: one schema per create, update and action of the ATS API. Outbound rules: required
 * fields must be present, enums are closed, ids encode as strings, dates as ISO-8601 strings, and an
 * optional field left `undefined` is not sent. Update bodies carry no `id` (the service adds it).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * from "./Answer.js"
/** @since 0.1.0 */
export * from "./Application.js"
/** @since 0.1.0 */
export * from "./Candidate.js"
/** @since 0.1.0 */
export * from "./EvaluationForm.js"
/** @since 0.1.0 */
export * from "./Feedback.js"
/** @since 0.1.0 */
export * from "./JobPosting.js"
/** @since 0.1.0 */
export * from "./Message.js"
/** @since 0.1.0 */
export * from "./Question.js"
export * from "./WebhookSubscription.js"

export type {
  /**
   * The static type of every payload and params schema: a schema whose decoded type is a named interface, plus
   * its struct's `fields`. Public so that the declarations of packages built on these schemas can name it.
   *
   * @since 0.2.0
   */
  Outbound
} from "../internal/fields.js"
