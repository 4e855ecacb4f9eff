/**
 * A candidate's application to a job posting (`ats/applications`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import {
  ApplicationId,
  ApplicationPhaseId,
  CandidateId,
  CandidateSourceId,
  CompanyId,
  ConversationId,
  EmployeeId,
  JobPostingId,
  RejectionReasonId
} from "./Ids.js"
import { model, nullTolerant, optional, TextOrNumber } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * The CV file attached to an application. The spec types it as an object without properties and
 * lists its keys in prose; every key is optional here, and unknown keys are ignored.
 *
 * @since 0.1.0
 */
export class ApplicationCv extends Schema.Class<ApplicationCv>("@effect-factorial/schema/ApplicationCv")({
  /** Name of the uploaded file. */
  filename: optional(Schema.String),
  /** Where the file can be downloaded. */
  url: optional(Schema.String),
  /** Size of the file in bytes. */
  byte_size: optional(Schema.Int),
  /** MIME type of the file. */
  content_type: optional(Schema.String),
  /** When the file was uploaded. */
  created_at: optional(Timestamp)
}, model("CV file of an application (name, download URL, size, MIME type, upload time).")) {}

/**
 * A candidate's application to a job posting. Decodes what the API sends (see the package
 * README for the null, id, enum and timestamp rules).
 *
 * @since 0.1.0
 */
export class Application extends Schema.Class<Application>("@effect-factorial/schema/Application")({
  /** Id of the application. */
  id: ApplicationId,
  /** Id of the company the application belongs to. */
  company_id: CompanyId,
  /** Id of the job posting applied to. */
  ats_job_posting_id: JobPostingId,
  /** Id of the candidate who applied. */
  ats_candidate_id: CandidateId,
  /** Id of the employee, when the candidate is an employee of the company. */
  employee_id: optional(EmployeeId),
  /** Phone number the candidate gave for this application (a JSON number is kept as its digits). */
  phone: optional(TextOrNumber),
  /** Whether the candidate was marked as qualified. */
  qualified: optional(Schema.Boolean),
  /** Id of the pipeline phase the application is in. */
  ats_application_phase_id: optional(ApplicationPhaseId),
  /** When the application was created. */
  created_at: nullTolerant(Timestamp),
  /** Cover letter sent with the application. */
  cover_letter: optional(Schema.String),
  /** CV file attached to the application (API 2026-07-01 and later). */
  cv: optional(ApplicationCv),
  /** Id of the conversation (message thread) of the application. */
  ats_conversation_id: optional(ConversationId),
  /** Free-text detail on how the application arrived. */
  medium: optional(Schema.String),
  /** Average rating given to the application. The spec says integer; kept as any number. */
  rating_average: optional(Schema.Finite),
  /** Id of the reason the application was rejected for, if it was. */
  ats_rejection_reason_id: optional(RejectionReasonId),
  /** Id of the candidate source of the application. */
  source_id: optional(CandidateSourceId)
}, model("A candidate's application to a job posting.")) {}
