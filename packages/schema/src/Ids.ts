/**
 * Branded ids, one per ATS resource and per foreign key the models carry.
 *
 * Every id decodes from a JSON string of digits (API 2026-07-01 and later) or from an exact JSON
 * integer (API 2026-04-01 and earlier) and is always a `string` once decoded and when encoded.
 * Ids above 2^53 must travel as strings: `JSON.parse` rounds larger integers to the nearest
 * double before any schema sees them, so an integer id that is not a safe integer is refused
 * rather than accepted with wrong digits. Each brand is distinct: a `JobPostingId` is not
 * assignable to a `CandidateId`.
 *
 * @example
 * ```ts
 * import { CandidateId } from "@effect-factorial/schema/Ids"
 *
 * const id: CandidateId = CandidateId.make("36893488147419103")
 * const old: CandidateId = CandidateId.make(42) // "42"
 * ```
 *
 * @since 0.1.0
 */
import { makeIdSchema } from "./internal/id.js"

export type {
  /**
   * The interface every id schema implements: a schema plus `brand` and `make`.
   *
   * @since 0.1.0
   */
  IdSchema
} from "./internal/id.js"

/**
 * Id of an answer to an application question (`ats/answers`). Decodes a digits string or an exact integer; use `AnswerId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const AnswerId = makeIdSchema("AnswerId", "id of an answer to an application question")

/**
 * Id of an answer to an application question: a string of digits branded `"AnswerId"`.
 *
 * @since 0.1.0
 */
export type AnswerId = typeof AnswerId.Type

/**
 * Id of an application of a candidate to a job posting (`ats/applications`). Decodes a digits string or an exact integer; use `ApplicationId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const ApplicationId = makeIdSchema("ApplicationId", "id of an application of a candidate to a job posting")

/**
 * Id of an application of a candidate to a job posting: a string of digits branded `"ApplicationId"`.
 *
 * @since 0.1.0
 */
export type ApplicationId = typeof ApplicationId.Type

/**
 * Id of a phase of a job posting's hiring pipeline (`ats/application_phases`). Decodes a digits string or an exact integer; use `ApplicationPhaseId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const ApplicationPhaseId = makeIdSchema("ApplicationPhaseId", "id of a phase of a job posting's hiring pipeline")

/**
 * Id of a phase of a job posting's hiring pipeline: a string of digits branded `"ApplicationPhaseId"`.
 *
 * @since 0.1.0
 */
export type ApplicationPhaseId = typeof ApplicationPhaseId.Type

/**
 * Id of a candidate (`ats/candidates`). Decodes a digits string or an exact integer; use `CandidateId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const CandidateId = makeIdSchema("CandidateId", "id of a candidate")

/**
 * Id of a candidate: a string of digits branded `"CandidateId"`.
 *
 * @since 0.1.0
 */
export type CandidateId = typeof CandidateId.Type

/**
 * Id of a candidate source (where a candidate came from) (`ats/candidate_sources`). Decodes a digits string or an exact integer; use `CandidateSourceId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const CandidateSourceId = makeIdSchema("CandidateSourceId", "id of a candidate source (where a candidate came from)")

/**
 * Id of a candidate source (where a candidate came from): a string of digits branded `"CandidateSourceId"`.
 *
 * @since 0.1.0
 */
export type CandidateSourceId = typeof CandidateSourceId.Type

/**
 * Id of an evaluation form (`ats/evaluation_forms`). Decodes a digits string or an exact integer; use `EvaluationFormId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const EvaluationFormId = makeIdSchema("EvaluationFormId", "id of an evaluation form")

/**
 * Id of an evaluation form: a string of digits branded `"EvaluationFormId"`.
 *
 * @since 0.1.0
 */
export type EvaluationFormId = typeof EvaluationFormId.Type

/**
 * Id of a feedback entry on a candidate (`ats/feedbacks`). Decodes a digits string or an exact integer; use `FeedbackId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const FeedbackId = makeIdSchema("FeedbackId", "id of a feedback entry on a candidate")

/**
 * Id of a feedback entry on a candidate: a string of digits branded `"FeedbackId"`.
 *
 * @since 0.1.0
 */
export type FeedbackId = typeof FeedbackId.Type

/**
 * Id of a company-wide hiring stage (`ats/hiring_stages`). Decodes a digits string or an exact integer; use `HiringStageId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const HiringStageId = makeIdSchema("HiringStageId", "id of a company-wide hiring stage")

/**
 * Id of a company-wide hiring stage: a string of digits branded `"HiringStageId"`.
 *
 * @since 0.1.0
 */
export type HiringStageId = typeof HiringStageId.Type

/**
 * Id of a job posting (`ats/job_postings`). Decodes a digits string or an exact integer; use `JobPostingId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const JobPostingId = makeIdSchema("JobPostingId", "id of a job posting")

/**
 * Id of a job posting: a string of digits branded `"JobPostingId"`.
 *
 * @since 0.1.0
 */
export type JobPostingId = typeof JobPostingId.Type

/**
 * Id of a message of an ATS conversation (`ats/messages`). Decodes a digits string or an exact integer; use `MessageId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const MessageId = makeIdSchema("MessageId", "id of a message of an ATS conversation")

/**
 * Id of a message of an ATS conversation: a string of digits branded `"MessageId"`.
 *
 * @since 0.1.0
 */
export type MessageId = typeof MessageId.Type

/**
 * Id of a job posting question (`ats/questions`). Decodes a digits string or an exact integer; use `QuestionId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const QuestionId = makeIdSchema("QuestionId", "id of a job posting question")

/**
 * Id of a job posting question: a string of digits branded `"QuestionId"`.
 *
 * @since 0.1.0
 */
export type QuestionId = typeof QuestionId.Type

/**
 * Id of a rejection reason (`ats/rejection_reasons`). Decodes a digits string or an exact integer; use `RejectionReasonId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const RejectionReasonId = makeIdSchema("RejectionReasonId", "id of a rejection reason")

/**
 * Id of a rejection reason: a string of digits branded `"RejectionReasonId"`.
 *
 * @since 0.1.0
 */
export type RejectionReasonId = typeof RejectionReasonId.Type

/**
 * Id of an ATS conversation (the message thread of an application). Decodes a digits string or an exact integer; use `ConversationId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const ConversationId = makeIdSchema("ConversationId", "id of an ATS conversation (the message thread of an application)")

/**
 * Id of an ATS conversation (the message thread of an application): a string of digits branded `"ConversationId"`.
 *
 * @since 0.1.0
 */
export type ConversationId = typeof ConversationId.Type

/**
 * Id of a Factorial company. Decodes a digits string or an exact integer; use `CompanyId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const CompanyId = makeIdSchema("CompanyId", "id of a Factorial company")

/**
 * Id of a Factorial company: a string of digits branded `"CompanyId"`.
 *
 * @since 0.1.0
 */
export type CompanyId = typeof CompanyId.Type

/**
 * Id of the ATS profile of a company (distinct from the company id). Decodes a digits string or an exact integer; use `AtsCompanyId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const AtsCompanyId = makeIdSchema("AtsCompanyId", "id of the ATS profile of a company (distinct from the company id)")

/**
 * Id of the ATS profile of a company (distinct from the company id): a string of digits branded `"AtsCompanyId"`.
 *
 * @since 0.1.0
 */
export type AtsCompanyId = typeof AtsCompanyId.Type

/**
 * Id of an employee (set on applications of internal candidates). Decodes a digits string or an exact integer; use `EmployeeId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const EmployeeId = makeIdSchema("EmployeeId", "id of an employee (set on applications of internal candidates)")

/**
 * Id of an employee (set on applications of internal candidates): a string of digits branded `"EmployeeId"`.
 *
 * @since 0.1.0
 */
export type EmployeeId = typeof EmployeeId.Type

/**
 * Id of a team. Decodes a digits string or an exact integer; use `TeamId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const TeamId = makeIdSchema("TeamId", "id of a team")

/**
 * Id of a team: a string of digits branded `"TeamId"`.
 *
 * @since 0.1.0
 */
export type TeamId = typeof TeamId.Type

/**
 * Id of a work location. Decodes a digits string or an exact integer; use `LocationId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const LocationId = makeIdSchema("LocationId", "id of a work location")

/**
 * Id of a work location: a string of digits branded `"LocationId"`.
 *
 * @since 0.1.0
 */
export type LocationId = typeof LocationId.Type

/**
 * Id of a legal entity. Decodes a digits string or an exact integer; use `LegalEntityId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const LegalEntityId = makeIdSchema("LegalEntityId", "id of a legal entity")

/**
 * Id of a legal entity: a string of digits branded `"LegalEntityId"`.
 *
 * @since 0.1.0
 */
export type LegalEntityId = typeof LegalEntityId.Type

/**
 * Id of the sender of a message: a candidate or a user, as told by `sent_by_type`. Decodes a digits string or an exact integer; use `SenderId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const SenderId = makeIdSchema("SenderId", "id of the sender of a message: a candidate or a user, as told by `sent_by_type`")

/**
 * Id of the sender of a message: a candidate or a user, as told by `sent_by_type`: a string of digits branded `"SenderId"`.
 *
 * @since 0.1.0
 */
export type SenderId = typeof SenderId.Type

/**
 * Id of the author of a change: a company, an access or a user, as told by `author_type`. Decodes a digits string or an exact integer; use `AuthorId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const AuthorId = makeIdSchema("AuthorId", "id of the author of a change: a company, an access or a user, as told by `author_type`")

/**
 * Id of the author of a change: a company, an access or a user, as told by `author_type`: a string of digits branded `"AuthorId"`.
 *
 * @since 0.1.0
 */
export type AuthorId = typeof AuthorId.Type

/**
 * Id of someone mentioned in a feedback. Decodes a digits string or an exact integer; use `MentionId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const MentionId = makeIdSchema("MentionId", "id of someone mentioned in a feedback")

/**
 * Id of someone mentioned in a feedback: a string of digits branded `"MentionId"`.
 *
 * @since 0.1.0
 */
export type MentionId = typeof MentionId.Type

/**
 * Id of an ATS tag. Decodes a digits string or an exact integer; use `TagId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const TagId = makeIdSchema("TagId", "id of an ATS tag")

/**
 * Id of an ATS tag: a string of digits branded `"TagId"`.
 *
 * @since 0.1.0
 */
export type TagId = typeof TagId.Type

/**
 * Id of a webhook subscription (`api_public/webhook_subscriptions`). Decodes a digits string or an exact integer;
 * use `WebhookSubscriptionId.make(x)` to build one.
 *
 * @since 0.1.0
 */
export const WebhookSubscriptionId = makeIdSchema("WebhookSubscriptionId", "id of a webhook subscription")

/**
 * Id of a webhook subscription: a string of digits branded `"WebhookSubscriptionId"`.
 *
 * @since 0.1.0
 */
export type WebhookSubscriptionId = typeof WebhookSubscriptionId.Type
