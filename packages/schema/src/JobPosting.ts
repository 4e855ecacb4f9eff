/**
 * An open (or past) position the company recruits for (`ats/job_postings`).
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
} from "./Enums.js"
import { AtsCompanyId, CompanyId, JobPostingId, LegalEntityId, LocationId, TeamId } from "./Ids.js"
import { nullTolerant, optional, required } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A job posting. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules). Carries the fields of both the 2026-07-01 spec (`category`,
 * `personal_url_requirement`) and the Python library (`preview_token`).
 *
 * @since 0.1.0
 */
export class JobPosting extends Schema.Class<JobPosting>("@effect-factorial/schema/JobPosting")({
  /** Id of the job posting. */
  id: required(JobPostingId, "Id of the job posting."),
  /** Id of the company. */
  company_id: required(CompanyId, "Id of the company."),
  /** Id of the company's ATS profile (not the company id). */
  ats_company_id: required(AtsCompanyId, "Id of the company's ATS profile."),
  /** Title of the position. */
  title: required(Schema.String, "Title of the position."),
  /** Description of the position. */
  description: optional(Schema.String, "Description of the position."),
  /** Kind of contract offered. */
  contract_type: optional(ContractType, "Kind of contract offered."),
  /** Professional field of the position (API 2026-07-01 and later). */
  category: optional(JobPostingCategory, "Professional field of the position."),
  /** On site, remote or hybrid. */
  workplace_type: optional(WorkplaceType, "On site, remote or hybrid."),
  /** Whether the position is remote. */
  remote: required(Schema.Boolean, "Whether the position is remote."),
  /** Lifecycle state of the posting. */
  status: nullTolerant(JobPostingStatus, "Lifecycle state of the posting."),
  /** Full or part time. */
  schedule_type: optional(ScheduleType, "Full or part time."),
  /** Id of the team the position belongs to. */
  team_id: optional(TeamId, "Id of the team the position belongs to."),
  /** Id of the work location. */
  location_id: optional(LocationId, "Id of the work location."),
  /** Id of the legal entity that hires. */
  legal_entity_id: optional(LegalEntityId, "Id of the legal entity that hires."),
  /** Whether the salary is one amount or a range. */
  salary_format: optional(SalaryFormat, "Whether the salary is one amount or a range."),
  /** Lowest salary, in cents. */
  salary_from_amount_in_cents: optional(Schema.Int, "Lowest salary, in cents."),
  /** Highest salary, in cents. */
  salary_to_amount_in_cents: optional(Schema.Int, "Highest salary, in cents."),
  /** Whether applicants are shown the salary. */
  hide_salary: optional(Schema.Boolean, "Whether the salary is hidden from applicants."),
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: nullTolerant(RequirementLevel, "Whether a CV is mandatory, optional or not asked."),
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: nullTolerant(RequirementLevel, "Whether a cover letter is mandatory, optional or not asked."),
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: nullTolerant(RequirementLevel, "Whether a phone number is mandatory, optional or not asked."),
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: nullTolerant(RequirementLevel, "Whether a photo is mandatory, optional or not asked."),
  /**
   * Whether applicants must, may or are not asked to give a personal URL. Required by the
   * 2026-07-01 spec but unknown to earlier versions, hence optional here.
   */
  personal_url_requirement: optional(RequirementLevel, "Whether a personal URL is mandatory, optional or not asked."),
  /** Token for previewing an unpublished posting (Python library field, not in the spec). */
  preview_token: optional(Schema.String, "Token for previewing the posting."),
  /** Public URL of the posting; absent until it is published. */
  url: optional(Schema.String, "Public URL of the posting; null until published."),
  /** Period the salary amounts refer to. */
  salary_period: nullTolerant(SalaryPeriod, "Period the salary amounts refer to."),
  /** When the posting was published; absent if it never was. */
  published_at: optional(Timestamp, "When the posting was published; null if it never was."),
  /** When the posting was created. */
  created_at: required(Timestamp, "When the posting was created.")
}, {
  description: "A position the company recruits for."
}) {}
