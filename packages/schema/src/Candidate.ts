/**
 * A person in the company's recruiting database (`ats/candidates`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Gender } from "./Enums.js"
import { CandidateId, CandidateSourceId, CompanyId, JobPostingId } from "./Ids.js"
import { model, nullTolerant, optional, TextOrNumber } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A candidate. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules). Non-admin credentials only see candidates of job postings they manage.
 *
 * @since 0.1.0
 */
export class Candidate extends Schema.Class<Candidate>("@effect-factorial/schema/Candidate")({
  /** Id of the candidate. */
  id: CandidateId,
  /** Id of the company. */
  company_id: optional(CompanyId),
  /** Given name. */
  first_name: nullTolerant(Schema.String),
  /** Family name. */
  last_name: nullTolerant(Schema.String),
  /** Given and family names together. */
  full_name: nullTolerant(Schema.String),
  /** Email address. */
  email: optional(Schema.String),
  /** Whether the candidate is in the talent pool. */
  talent_pool: nullTolerant(Schema.Boolean),
  /** Phone number (the spec's example is a JSON number; it is kept as its digits). */
  phone_number: optional(TextOrNumber),
  /** When the candidate was created. */
  created_at: nullTolerant(Timestamp),
  /** When the candidate was last changed. */
  updated_at: nullTolerant(Timestamp),
  /** When the candidate gave consent to data processing. */
  consent_given_at: optional(Timestamp),
  /** Since when the candidate is inactive. */
  inactive_since: optional(Timestamp),
  /** Ids of the job postings the candidate is linked to. */
  ats_job_posting_ids: optional(Schema.Array(JobPostingId)),
  /** Personal web page (portfolio, profile). */
  personal_url: optional(Schema.String),
  /** When the candidate's consent runs out. */
  consent_expiration_date: optional(Timestamp),
  /** Whether the candidate agreed to stay in the talent pool. */
  consent_to_talent_pool: optional(Schema.Boolean),
  /** Extra detail on the source, e.g. who referred the candidate. */
  medium: optional(Schema.String),
  /** Id of the candidate source (see `ats/candidate_sources`). */
  source_id: optional(CandidateSourceId),
  /** Declared gender. */
  gender: optional(Gender),
  /** Score of the candidate. */
  score: optional(Schema.Finite)
}, model("A person in the company's recruiting database.")) {}
