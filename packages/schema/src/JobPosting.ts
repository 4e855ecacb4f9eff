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
import { model, nullTolerant, optional } from "./internal/fields.js"
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
  id: JobPostingId,
  /** Id of the company. */
  company_id: CompanyId,
  /** Id of the company's ATS profile (not the company id). */
  ats_company_id: AtsCompanyId,
  /** Title of the position. */
  title: nullTolerant(Schema.String),
  /** Description of the position. */
  description: optional(Schema.String),
  /** Kind of contract offered. */
  contract_type: optional(ContractType),
  /** Professional field of the position (API 2026-07-01 and later). */
  category: optional(JobPostingCategory),
  /** On site, remote or hybrid. */
  workplace_type: optional(WorkplaceType),
  /** Whether the position is remote. */
  remote: nullTolerant(Schema.Boolean),
  /** Lifecycle state of the posting. */
  status: nullTolerant(JobPostingStatus),
  /** Full or part time. */
  schedule_type: optional(ScheduleType),
  /** Id of the team the position belongs to. */
  team_id: optional(TeamId),
  /** Id of the work location. */
  location_id: optional(LocationId),
  /** Id of the legal entity that hires. */
  legal_entity_id: optional(LegalEntityId),
  /** Whether the salary is one amount or a range. */
  salary_format: optional(SalaryFormat),
  /** Lowest salary, in cents. */
  salary_from_amount_in_cents: optional(Schema.Int),
  /** Highest salary, in cents. */
  salary_to_amount_in_cents: optional(Schema.Int),
  /** Whether applicants are shown the salary. */
  hide_salary: optional(Schema.Boolean),
  /** Whether applicants must, may or are not asked to send a CV. */
  cv_requirement: nullTolerant(RequirementLevel),
  /** Whether applicants must, may or are not asked to send a cover letter. */
  cover_letter_requirement: nullTolerant(RequirementLevel),
  /** Whether applicants must, may or are not asked to give a phone number. */
  phone_requirement: nullTolerant(RequirementLevel),
  /** Whether applicants must, may or are not asked to send a photo. */
  photo_requirement: nullTolerant(RequirementLevel),
  /**
   * Whether applicants must, may or are not asked to give a personal URL. Required by the
   * 2026-07-01 spec but unknown to earlier versions, hence optional here.
   */
  personal_url_requirement: optional(RequirementLevel),
  /** Token for previewing an unpublished posting (Python library field, not in the spec). */
  preview_token: optional(Schema.String),
  /** Public URL of the posting; absent until it is published. */
  url: optional(Schema.String),
  /** Period the salary amounts refer to. */
  salary_period: nullTolerant(SalaryPeriod),
  /** When the posting was published; absent if it never was. */
  published_at: optional(Timestamp),
  /** When the posting was created. */
  created_at: nullTolerant(Timestamp)
}, model("A position the company recruits for.")) {}
