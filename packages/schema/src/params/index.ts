/**
 * List filters: one params schema per list endpoint, each with exactly the spec's filters plus the
 * paging parameters (`PageParams`). Array filters drop the API's `[]` suffix (`ids`, `emails`, ...);
 * the core client adds it back when it builds the query string.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * from "./PageParams.js"
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
export * from "./WebhookSubscription.js"
