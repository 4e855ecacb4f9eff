/**
 * Request bodies of the applications resource: create, update and the `apply` and `move_to_phase`
 * actions (`ats/applications`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Gender } from "../Enums.js"
import {
  ApplicationId,
  ApplicationPhaseId,
  AuthorId,
  CandidateId,
  CandidateSourceId,
  CompanyId,
  JobPostingId,
  RejectionReasonId
} from "../Ids.js"
import { closed, FreeFormArray, optionalField, type Outbound, outbound } from "../internal/fields.js"

/**
 * Who is recorded as the author of a change; closed, as in the spec's request bodies.
 */
const AuthorType = closed(Schema.Literal("company", "access", "user")).annotations({
  identifier: "AuthorType",
  description: "Kind of author: company, access or user."
})

const CreateApplicationStruct = Schema.Struct({
  /** Id of the author recorded for the creation; `author_type` says what kind of author it is. */
  author_id: optionalField(AuthorId),
  /** Kind of author: `company`, `access` or `user`. */
  author_type: optionalField(AuthorType),
  /** Phone number of the candidate for this application. */
  phone: optionalField(Schema.String),
  /** Id of the candidate who applies. */
  ats_candidate_id: optionalField(CandidateId),
  /** Id of the job posting applied to. */
  ats_job_posting_id: JobPostingId,
  /** Id of the pipeline phase the application starts in. */
  ats_application_phase_id: optionalField(ApplicationPhaseId),
  /** Whether the candidate agrees to be kept in the talent pool. */
  consent_to_talent_pool: optionalField(Schema.Boolean),
  /** Cover letter text. */
  cover_letter: optionalField(Schema.String),
  /** Where the application came from (free text). */
  source: optionalField(Schema.String),
  /** Detail about the source, e.g. who referred the candidate. */
  medium: optionalField(Schema.String),
  /** Answers to the posting's questions (shape not specified). */
  answers: optionalField(FreeFormArray)
}).annotations(outbound("CreateApplication", "Body of POST ats/applications."))

/**
 * The value `CreateApplication` accepts.
 *
 * @since 0.1.0
 */
export interface CreateApplication extends Schema.Schema.Type<typeof CreateApplicationStruct> {}

/**
 * Body of `POST ats/applications`: creates an application to a job posting, for an existing candidate
 * (`ats_candidate_id`). Only `ats_job_posting_id` is required. To apply with a new candidate's
 * details instead, use `ApplyToJobPosting`.
 *
 * @since 0.1.0
 */
export const CreateApplication: Outbound<typeof CreateApplicationStruct, CreateApplication> = CreateApplicationStruct

const UpdateApplicationStruct = Schema.Struct({
  /** Id of the author recorded for the change; `author_type` says what kind of author it is. */
  author_id: optionalField(AuthorId),
  /** Kind of author: `company`, `access` or `user`. */
  author_type: optionalField(AuthorType),
  /** Whether the application is qualified. */
  qualified: optionalField(Schema.Boolean),
  /** Id of the pipeline phase to put the application in (`MoveApplicationToPhase` is the action documented to run the phase's automations). */
  ats_application_phase_id: optionalField(ApplicationPhaseId),
  /** Why the application was disqualified (free text). */
  disqualified_reason: optionalField(Schema.String),
  /** Phone number of the candidate for this application. */
  phone: optionalField(Schema.String),
  /** Id of the rejection reason. */
  ats_rejection_reason_id: optionalField(RejectionReasonId),
  /** Where the application came from (free text). */
  source: optionalField(Schema.String),
  /** Id of the candidate source of the application. */
  source_id: optionalField(CandidateSourceId)
}).annotations(outbound("UpdateApplication", "Body of PUT ats/applications/{id}, without id."))

/**
 * The value `UpdateApplication` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateApplication extends Schema.Schema.Type<typeof UpdateApplicationStruct> {}

/**
 * Body of `PUT ats/applications/{id}` without the `id` (the service adds it from its argument). Every
 * field is optional; only the given ones are sent.
 *
 * @since 0.1.0
 */
export const UpdateApplication: Outbound<typeof UpdateApplicationStruct, UpdateApplication> = UpdateApplicationStruct

const ApplyToJobPostingStruct = Schema.Struct({
  /** Id of the company that owns the job posting. */
  company_id: optionalField(CompanyId),
  /** First name of the applicant. */
  first_name: Schema.String,
  /** Last name of the applicant. */
  last_name: Schema.String,
  /** Id of the job posting applied to. */
  ats_job_posting_id: JobPostingId,
  /** Email address of the applicant. */
  email: Schema.String,
  /** Phone number of the applicant. */
  phone: optionalField(Schema.String),
  /** Where the application came from (free text). */
  source: optionalField(Schema.String),
  /** Detail about the source, e.g. who referred the applicant. */
  medium: optionalField(Schema.String),
  /** Cover letter text. */
  cover_letter: optionalField(Schema.String),
  /** Gender the applicant declares. */
  gender: optionalField(closed(Gender.Strict)),
  /** Whether the applicant agrees to be kept in the talent pool. */
  consent_to_talent_pool: optionalField(Schema.Boolean),
  /** Answers to the posting's questions (shape not specified). */
  answers: optionalField(FreeFormArray)
}).annotations(outbound("ApplyToJobPosting", "Body of POST ats/applications/apply."))

/**
 * The value `ApplyToJobPosting` accepts.
 *
 * @since 0.1.0
 */
export interface ApplyToJobPosting extends Schema.Schema.Type<typeof ApplyToJobPostingStruct> {}

/**
 * Body of the `POST ats/applications/apply` action: applies to a job posting with the candidate's
 * details, as the public job page does. `first_name`, `last_name`, `ats_job_posting_id` and `email` are
 * required. `gender` is closed to the `Gender` values (the spec types it as free text, but the
 * candidate model only knows those).
 *
 * @example
 * ```ts
 * import { ApplyToJobPosting, JobPostingId } from "@effect-factorial/schema"
 *
 * const application: ApplyToJobPosting = {
 *   first_name: "Jane",
 *   last_name: "Doe",
 *   email: "jane.doe@example.com",
 *   ats_job_posting_id: JobPostingId.make("1")
 * }
 * ```
 *
 * @since 0.1.0
 */
export const ApplyToJobPosting: Outbound<typeof ApplyToJobPostingStruct, ApplyToJobPosting> = ApplyToJobPostingStruct

const MoveApplicationToPhaseStruct = Schema.Struct({
  /** Id of the application to move. */
  id: ApplicationId,
  /** Id of the target phase; it must belong to the application's job posting. */
  ats_application_phase_id: ApplicationPhaseId
}).annotations(outbound("MoveApplicationToPhase", "Body of POST ats/applications/move_to_phase."))

/**
 * The value `MoveApplicationToPhase` accepts.
 *
 * @since 0.1.0
 */
export interface MoveApplicationToPhase extends Schema.Schema.Type<typeof MoveApplicationToPhaseStruct> {}

/**
 * Body of the `POST ats/applications/move_to_phase` action (API 2026-07-01 and later): moves an
 * application to another phase of the same job posting and runs that phase's automations and emails.
 *
 * @since 0.1.0
 */
export const MoveApplicationToPhase: Outbound<typeof MoveApplicationToPhaseStruct, MoveApplicationToPhase> = MoveApplicationToPhaseStruct
