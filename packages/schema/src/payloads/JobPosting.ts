/**
 * Request bodies of the job postings resource: create, update and the `duplicate` action
 * (`ats/job_postings`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  ContractType,
  JobPostingCategory,
  JobPostingStatus,
  RequirementLevel,
  SalaryFormat,
  SalaryPeriod,
  ScheduleType,
  WorkplaceType
} from "../Enums.js"
import { JobPostingId, LocationId, TeamId } from "../Ids.js"
import { closed, optionalField, outbound, requiredField } from "./internal/fields.js"

/** Closed enums with one-line failure messages. */
const Status = closed(JobPostingStatus.Strict)
const Requirement = closed(RequirementLevel.Strict)

const descriptions = {
  title: "Title of the position.",
  status: "Lifecycle state of the posting.",
  cv_requirement: "Whether applicants must, may or are not asked to send a CV.",
  cover_letter_requirement: "Whether applicants must, may or are not asked to send a cover letter.",
  phone_requirement: "Whether applicants must, may or are not asked to give a phone number.",
  photo_requirement: "Whether applicants must, may or are not asked to send a photo.",
  personal_url_requirement: "Whether applicants must, may or are not asked to give a personal URL."
} as const

/** The fields that are optional in both the create and the update body. */
const details = {
  /** Description of the position. */
  description: optionalField(Schema.String, "Description of the position."),
  /** Kind of contract offered. */
  contract_type: optionalField(closed(ContractType.Strict), "Kind of contract offered."),
  /** Professional field of the position (API 2026-07-01 and later). */
  category: optionalField(closed(JobPostingCategory.Strict), "Professional field of the position."),
  /** On site, remote or hybrid. */
  workplace_type: optionalField(closed(WorkplaceType.Strict), "On site, remote or hybrid."),
  /** Full or part time. */
  schedule_type: optionalField(closed(ScheduleType.Strict), "Full or part time."),
  /** Id of the team the position belongs to. */
  team_id: optionalField(TeamId, "Id of the team the position belongs to."),
  /** Id of the work location. */
  location_id: optionalField(LocationId, "Id of the work location."),
  /** Whether the salary is one amount or a range. */
  salary_format: optionalField(closed(SalaryFormat.Strict), "Whether the salary is one amount or a range."),
  /** Lowest salary (or the fixed amount), in cents. */
  salary_from_amount_in_cents: optionalField(Schema.Int, "Lowest salary (or the fixed amount), in cents."),
  /** Highest salary, in cents. */
  salary_to_amount_in_cents: optionalField(Schema.Int, "Highest salary, in cents."),
  /** Period the salary amounts refer to. */
  salary_period: optionalField(closed(SalaryPeriod.Strict), "Period the salary amounts refer to.")
}

/**
 * Body of `POST ats/job_postings`. Required: `title`, `status` and the five `*_requirement` fields.
 * Every enum is closed (`X.Strict`), so a misspelt value fails before the request is sent.
 *
 * @example
 * ```ts
 * import { CreateJobPosting } from "@effect-factorial/schema"
 *
 * const posting: CreateJobPosting = {
 *   title: "Backend engineer",
 *   status: "draft",
 *   cv_requirement: "mandatory",
 *   cover_letter_requirement: "optional",
 *   phone_requirement: "do_not_ask",
 *   photo_requirement: "do_not_ask",
 *   personal_url_requirement: "optional",
 *   workplace_type: "remote"
 * }
 * ```
 *
 * @since 0.1.0
 */
export const CreateJobPosting = Schema.Struct({
  /** Title of the position. */
  title: requiredField(Schema.String, descriptions.title),
  /** Lifecycle state of the posting. */
  status: requiredField(Status, descriptions.status),
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: requiredField(Requirement, descriptions.cv_requirement),
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: requiredField(Requirement, descriptions.cover_letter_requirement),
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: requiredField(Requirement, descriptions.phone_requirement),
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: requiredField(Requirement, descriptions.photo_requirement),
  /** Whether applicants must, may or are not asked to give a personal URL. */
  personal_url_requirement: requiredField(Requirement, descriptions.personal_url_requirement),
  ...details
}).annotations(outbound("CreateJobPosting", "Body of POST ats/job_postings."))

/**
 * The value `CreateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export type CreateJobPosting = typeof CreateJobPosting.Type

/**
 * Body of `PUT ats/job_postings/{id}` without the `id` (the service adds it from its argument). The
 * fields of `CreateJobPosting`, all optional; only the given ones are sent.
 *
 * @since 0.1.0
 */
export const UpdateJobPosting = Schema.Struct({
  /** Title of the position. */
  title: optionalField(Schema.String, descriptions.title),
  /** Lifecycle state of the posting. */
  status: optionalField(Status, descriptions.status),
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: optionalField(Requirement, descriptions.cv_requirement),
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: optionalField(Requirement, descriptions.cover_letter_requirement),
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: optionalField(Requirement, descriptions.phone_requirement),
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: optionalField(Requirement, descriptions.photo_requirement),
  /** Whether applicants must, may or are not asked to give a personal URL. */
  personal_url_requirement: optionalField(Requirement, descriptions.personal_url_requirement),
  ...details
}).annotations(outbound("UpdateJobPosting", "Body of PUT ats/job_postings/{id}, without id."))

/**
 * The value `UpdateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export type UpdateJobPosting = typeof UpdateJobPosting.Type

/**
 * Body of the `POST ats/job_postings/duplicate` action: copies an existing job posting.
 *
 * @since 0.1.0
 */
export const DuplicateJobPosting = Schema.Struct({
  /** Id of the job posting to copy. */
  id: requiredField(JobPostingId, "Id of the job posting to copy.")
}).annotations(outbound("DuplicateJobPosting", "Body of POST ats/job_postings/duplicate."))

/**
 * The value `DuplicateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export type DuplicateJobPosting = typeof DuplicateJobPosting.Type
