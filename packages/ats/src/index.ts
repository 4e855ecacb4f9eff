/**
 * `@effect-factorial/ats`: one Effect service per ATS resource of the Factorial API.
 *
 * @since 0.1.0
 */
export * from "./Answers.js"
export * from "./ApplicationPhases.js"
export * from "./Applications.js"
export * as Ats from "./Ats.js"
export * from "./Candidates.js"
export * from "./CandidateSources.js"
export * from "./EvaluationForms.js"
export * from "./Feedbacks.js"
export * from "./HiringStages.js"
export * from "./JobPostings.js"
export * from "./Messages.js"
export * from "./Questions.js"
export * from "./RejectionReasons.js"
export * as Resource from "./Resource.js"
/**
 * Helpers for tests: generated records of any model and pages with a consistent `meta`, for mock layers.
 *
 * @since 0.1.0
 */
export * as Testing from "./Testing.js"

export * from "./WebhookSubscriptions.js"
export * as Webhooks from "./Webhooks.js"
