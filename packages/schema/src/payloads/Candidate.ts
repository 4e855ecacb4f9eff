/**
 * Request bodies of the candidates resource: create and update (`ats/candidates`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Gender } from "../Enums.js"
import { CompanyId } from "../Ids.js"
import { Timestamp } from "../Timestamp.js"
import { closed, optionalField, outbound, type Outbound } from "../internal/fields.js"

const CreateCandidateStruct = Schema.Struct({
  /** First name of the candidate. */
  first_name: Schema.String,
  /** Last name of the candidate. */
  last_name: Schema.String,
  /** Email address of the candidate. */
  email: optionalField(Schema.String),
  /** Id of the company the candidate is added to (the one `/core/me` reports). */
  company_id: CompanyId,
  /** Whether the candidate is part of the talent pool. */
  talent_pool: optionalField(Schema.Boolean),
  /** When the candidate gave consent to keep their data. */
  consent_given_at: optionalField(Timestamp),
  /** Where the candidate came from (free text, e.g. `referred`). */
  source: optionalField(Schema.String),
  /** Detail about the source, e.g. the name of whoever referred the candidate. */
  medium: optionalField(Schema.String),
  /** Phone number of the candidate. */
  phone_number: optionalField(Schema.String),
  /** A personal web page of the candidate. */
  personal_url: optionalField(Schema.String),
  /** Gender the candidate declares. */
  gender: optionalField(closed(Gender.Strict))
}).annotations(outbound("CreateCandidate", "Body of POST ats/candidates."))

/**
 * The value `CreateCandidate` accepts.
 *
 * @since 0.1.0
 */
export interface CreateCandidate extends Schema.Schema.Type<typeof CreateCandidateStruct> {}

/**
 * Body of `POST ats/candidates`. `first_name`, `last_name` and `company_id` are required. `gender` is
 * closed to the `Gender` values (the spec types it as free text, but the candidate model only knows
 * those); `consent_given_at` is a `DateTime.Utc`, sent as an ISO-8601 string.
 *
 * @example
 * ```ts
 * import { CompanyId, CreateCandidate } from "@effect-factorial/schema"
 * import * as DateTime from "effect/DateTime"
 *
 * const candidate: CreateCandidate = {
 *   first_name: "Ana",
 *   last_name: "Perez",
 *   company_id: CompanyId.make("1"),
 *   email: "ana@example.com",
 *   consent_given_at: DateTime.unsafeMake("2024-01-01T00:00:00Z")
 * }
 * ```
 *
 * @since 0.1.0
 */
export const CreateCandidate: Outbound<typeof CreateCandidateStruct, CreateCandidate> = CreateCandidateStruct

const UpdateCandidateStruct = Schema.Struct({
  /** Email address of the candidate. */
  email: optionalField(Schema.String),
  /** First name of the candidate. */
  first_name: optionalField(Schema.String),
  /** Last name of the candidate. */
  last_name: optionalField(Schema.String),
  /** Whether the candidate is part of the talent pool. */
  talent_pool: optionalField(Schema.Boolean),
  /** When the candidate gave consent to keep their data. */
  consent_given_at: optionalField(Timestamp),
  /** Phone number of the candidate. */
  phone_number: optionalField(Schema.String),
  /** A personal web page of the candidate. */
  personal_url: optionalField(Schema.String)
}).annotations(outbound("UpdateCandidate", "Body of PUT ats/candidates/{id}, without id."))

/**
 * The value `UpdateCandidate` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateCandidate extends Schema.Schema.Type<typeof UpdateCandidateStruct> {}

/**
 * Body of `PUT ats/candidates/{id}` without the `id` (the service adds it from its argument). Every
 * field is optional; only the given ones are sent.
 *
 * @since 0.1.0
 */
export const UpdateCandidate: Outbound<typeof UpdateCandidateStruct, UpdateCandidate> = UpdateCandidateStruct
