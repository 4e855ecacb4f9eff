/**
 * `@effect-factorial/schema`: Effect Schemas for every Factorial ATS model, enum, id, request
 * body and list filter. Decoding rules are in the package README.
 *
 * @example
 * ```ts
 * import { Candidate } from "@effect-factorial/schema"
 * import * as Schema from "effect/Schema"
 *
 * const candidate = Schema.decodeUnknownSync(Candidate)({
 *   id: "36893488147419103",
 *   first_name: "Ana",
 *   last_name: "Perez",
 *   full_name: "Ana Perez",
 *   talent_pool: true,
 *   email: null,
 *   created_at: "2021-01-01T00:00:00Z",
 *   updated_at: "2021-01-01T00:00:00.000Z"
 * })
 * ```
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * from "./Ids.js"
/** @since 0.1.0 */
export * from "./Enums.js"
/** @since 0.1.0 */
export * from "./Timestamp.js"

/** @since 0.1.0 */
export * from "./Answer.js"
/** @since 0.1.0 */
export * from "./Application.js"
/** @since 0.1.0 */
export * from "./ApplicationPhase.js"
/** @since 0.1.0 */
export * from "./Candidate.js"
/** @since 0.1.0 */
export * from "./CandidateSource.js"
/** @since 0.1.0 */
export * from "./EvaluationForm.js"
/** @since 0.1.0 */
export * from "./Feedback.js"
/** @since 0.1.0 */
export * from "./HiringStage.js"
/** @since 0.1.0 */
export * from "./JobPosting.js"
/** @since 0.1.0 */
export * from "./Message.js"
/** @since 0.1.0 */
export * from "./Question.js"
/** @since 0.1.0 */
export * from "./RejectionReason.js"
/** @since 0.1.0 */
export * from "./WebhookSubscription.js"

/** @since 0.1.0 */
export * from "./payloads/index.js"
/** @since 0.1.0 */
export * from "./params/index.js"
