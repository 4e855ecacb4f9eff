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
import { closed, optionalField, outbound, type Outbound } from "../internal/fields.js"

/** Closed enums with one-line failure messages. */
const Status = closed(JobPostingStatus.Strict)
const Requirement = closed(RequirementLevel.Strict)

/** The fields that are optional in both the create and the update body. */
const details = {
  /** Description of the position. */
  description: optionalField(Schema.String),
  /** Kind of contract offered. */
  contract_type: optionalField(closed(ContractType.Strict)),
  /** Professional field of the position (API 2026-07-01 and later). */
  category: optionalField(closed(JobPostingCategory.Strict)),
  /** On site, remote or hybrid. */
  workplace_type: optionalField(closed(WorkplaceType.Strict)),
  /** Full or part time. */
  schedule_type: optionalField(closed(ScheduleType.Strict)),
  /** Id of the team the position belongs to. */
  team_id: optionalField(TeamId),
  /** Id of the work location. */
  location_id: optionalField(LocationId),
  /** Whether the salary is one amount or a range. */
  salary_format: optionalField(closed(SalaryFormat.Strict)),
  /** Lowest salary (or the fixed amount), in cents. */
  salary_from_amount_in_cents: optionalField(Schema.Int),
  /** Highest salary, in cents. */
  salary_to_amount_in_cents: optionalField(Schema.Int),
  /** Period the salary amounts refer to. */
  salary_period: optionalField(closed(SalaryPeriod.Strict))
}

const CreateJobPostingStruct = Schema.Struct({
  /** Title of the position. */
  title: Schema.String,
  /** Lifecycle state of the posting. */
  status: Status,
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: Requirement,
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: Requirement,
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: Requirement,
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: Requirement,
  /** Whether applicants must, may or are not asked to give a personal URL. */
  personal_url_requirement: Requirement,
  ...details
}).annotations(outbound("CreateJobPosting", "Body of POST ats/job_postings."))

/**
 * The value `CreateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export interface CreateJobPosting extends Schema.Schema.Type<typeof CreateJobPostingStruct> {}

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
export const CreateJobPosting: Outbound<typeof CreateJobPostingStruct, CreateJobPosting> = CreateJobPostingStruct

const UpdateJobPostingStruct = Schema.Struct({
  /** Title of the position. */
  title: optionalField(Schema.String),
  /** Lifecycle state of the posting. */
  status: optionalField(Status),
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: optionalField(Requirement),
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: optionalField(Requirement),
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: optionalField(Requirement),
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: optionalField(Requirement),
  /** Whether applicants must, may or are not asked to give a personal URL. */
  personal_url_requirement: optionalField(Requirement),
  ...details
}).annotations(outbound("UpdateJobPosting", "Body of PUT ats/job_postings/{id}, without id."))

/**
 * The value `UpdateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateJobPosting extends Schema.Schema.Type<typeof UpdateJobPostingStruct> {}

/**
 * Body of `PUT ats/job_postings/{id}` without the `id` (the service adds it from its argument). The
 * fields of `CreateJobPosting`, all optional; only the given ones are sent.
 *
 * @since 0.1.0
 */
export const UpdateJobPosting: Outbound<typeof UpdateJobPostingStruct, UpdateJobPosting> = UpdateJobPostingStruct

const DuplicateJobPostingStruct = Schema.Struct({
  /** Id of the job posting to copy. */
  id: JobPostingId
}).annotations(outbound("DuplicateJobPosting", "Body of POST ats/job_postings/duplicate."))

/**
 * The value `DuplicateJobPosting` accepts.
 *
 * @since 0.1.0
 */
export interface DuplicateJobPosting extends Schema.Schema.Type<typeof DuplicateJobPostingStruct> {}

/**
 * Body of the `POST ats/job_postings/duplicate` action: copies an existing job posting.
 *
 * @since 0.1.0
 */
export const DuplicateJobPosting: Outbound<typeof DuplicateJobPostingStruct, DuplicateJobPosting> = DuplicateJobPostingStruct
