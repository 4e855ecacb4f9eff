/**
 * A person in the company's recruiting database (`ats/candidates`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Gender } from "./Enums.js"
import { CandidateId, CandidateSourceId, CompanyId, JobPostingId } from "./Ids.js"
import { optional, required, TextOrNumber } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A candidate. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules). Non-admin credentials only see candidates of job postings they manage.
 *
 * @since 0.1.0
 */
export class Candidate extends Schema.Class<Candidate>("@effect-factorial/schema/Candidate")({
  /** Id of the candidate. */
  id: required(CandidateId, "Id of the candidate."),
  /** Id of the company. */
  company_id: optional(CompanyId, "Id of the company."),
  /** Given name. */
  first_name: required(Schema.String, "Given name of the candidate."),
  /** Family name. */
  last_name: required(Schema.String, "Family name of the candidate."),
  /** Given and family names together. */
  full_name: required(Schema.String, "Full name of the candidate."),
  /** Email address. */
  email: optional(Schema.String, "Email address of the candidate."),
  /** Whether the candidate is in the talent pool. */
  talent_pool: required(Schema.Boolean, "Whether the candidate is in the talent pool."),
  /** Phone number (the spec's example is a JSON number; it is kept as its digits). */
  phone_number: optional(TextOrNumber, "Phone number of the candidate."),
  /** When the candidate was created. */
  created_at: required(Timestamp, "When the candidate was created."),
  /** When the candidate was last changed. */
  updated_at: required(Timestamp, "When the candidate was last changed."),
  /** When the candidate gave consent to data processing. */
  consent_given_at: optional(Timestamp, "When the candidate gave consent."),
  /** Since when the candidate is inactive. */
  inactive_since: optional(Timestamp, "Since when the candidate is inactive."),
  /** Ids of the job postings the candidate is linked to. */
  ats_job_posting_ids: optional(Schema.Array(JobPostingId), "Ids of the job postings the candidate is linked to."),
  /** Personal web page (portfolio, profile). */
  personal_url: optional(Schema.String, "Personal web page of the candidate."),
  /** When the candidate's consent runs out. */
  consent_expiration_date: optional(Timestamp, "When the candidate's consent runs out."),
  /** Whether the candidate agreed to stay in the talent pool. */
  consent_to_talent_pool: optional(Schema.Boolean, "Whether the candidate agreed to join the talent pool."),
  /** Extra detail on the source, e.g. who referred the candidate. */
  medium: optional(Schema.String, "Extra detail on the source, such as the referrer's name."),
  /** Id of the candidate source (see `ats/candidate_sources`). */
  source_id: optional(CandidateSourceId, "Id of the candidate source."),
  /** Declared gender. */
  gender: optional(Gender, "Declared gender of the candidate."),
  /** Score of the candidate. */
  score: optional(Schema.Finite, "Score of the candidate.")
}, {
  description: "A person in the company's recruiting database."
}) {}
