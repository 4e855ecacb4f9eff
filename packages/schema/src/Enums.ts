/**
 * The 14 ATS enums, each lenient on the way in and closed on the way out.
 *
 * Every enum `X` is three things:
 * - `X`, the schema used in models: a known value decodes to its literal, any other string decodes
 *   to itself (Factorial adds values between versions; a new value never fails a record);
 * - `X.values`, the known values in spec order, for code that switches on them;
 * - `X.Strict`, a closed `Schema.Literal` for request payloads, so a typo fails before sending.
 *
 * The type `X` is the lenient type: the known literals plus `string & {}` (editors still suggest
 * the literals). Values are the union of the 2026-07-01 spec and the Python library.
 *
 * @example
 * ```ts
 * import { JobPostingStatus } from "@effect-factorial/schema/Enums"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(JobPostingStatus)("on_hold") // "on_hold", kept as sent
 * Schema.decodeUnknownSync(JobPostingStatus.Strict)("published") // "published"
 * const isOpen = (s: JobPostingStatus) => s === "published" || s === "unlisted"
 * ```
 *
 * @since 0.1.0
 */
import { lenientEnum } from "./internal/lenientEnum.js"

export type {
  /**
   * The interface every enum implements: the lenient schema plus `values` and `Strict`.
   *
   * @since 0.1.0
   */
  LenientEnum
} from "./internal/lenientEnum.js"

/**
 * Kind of a job posting question, and of the question an answer replies to.
 * Known values: `text`, `long_text`, `single_choice`, `multiple_choice`, `file`.
 *
 * @since 0.1.0
 */
export const OriginalQuestionType = lenientEnum("OriginalQuestionType", ["text", "long_text", "single_choice", "multiple_choice", "file"], "Kind of a job posting question, and of the question an answer replies to.")

/**
 * Kind of a job posting question, and of the question an answer replies to. One of `OriginalQuestionType.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type OriginalQuestionType = typeof OriginalQuestionType.Type

/**
 * Kind of an application phase in a job posting's pipeline.
 * Known values: `initial`, `normal`, `hired`, `screening`, `interview`, `assessment`, `offer`.
 *
 * @since 0.1.0
 */
export const PhaseType = lenientEnum("PhaseType", ["initial", "normal", "hired", "screening", "interview", "assessment", "offer"], "Kind of an application phase in a job posting's pipeline.")

/**
 * Kind of an application phase in a job posting's pipeline. One of `PhaseType.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type PhaseType = typeof PhaseType.Type

/**
 * Gender a candidate declared.
 * Known values: `female`, `male`, `unanswered`, `other`.
 *
 * @since 0.1.0
 */
export const Gender = lenientEnum("Gender", ["female", "male", "unanswered", "other"], "Gender a candidate declared.")

/**
 * Gender a candidate declared. One of `Gender.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type Gender = typeof Gender.Type

/**
 * Group a candidate source belongs to.
 * Known values: `job_board`, `agency_or_external_recruiter`, `event`, `social_media`, `referral`, `internal`, `manually_added`, `organic`, `system`.
 *
 * @since 0.1.0
 */
export const CandidateSourceCategory = lenientEnum("CandidateSourceCategory", ["job_board", "agency_or_external_recruiter", "event", "social_media", "referral", "internal", "manually_added", "organic", "system"], "Group a candidate source belongs to.")

/**
 * Group a candidate source belongs to. One of `CandidateSourceCategory.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type CandidateSourceCategory = typeof CandidateSourceCategory.Type

/**
 * Machine name of a company-wide hiring stage.
 * Known values: `new`, `screening`, `interview`, `assessment`, `offer`, `hired`.
 *
 * @since 0.1.0
 */
export const HiringStageName = lenientEnum("HiringStageName", ["new", "screening", "interview", "assessment", "offer", "hired"], "Machine name of a company-wide hiring stage.")

/**
 * Machine name of a company-wide hiring stage. One of `HiringStageName.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type HiringStageName = typeof HiringStageName.Type

/**
 * Contract a job posting offers; includes country-specific kinds (Brazil, Portugal, Italy, France, Germany, Spain).
 * Known values: `indefinite`, `temporary`, `intern`, `training`, `freelance`, `vendor_contractor`, `volunteer`, `per_hour`, `other`, `alternant`, `interim`, `minijob`, `werkstudent`, `apprenticeship`, `pj`, `clt`, `jovem_aprendiz`, `a_termo_incerto`, `a_termo_certo`, `de_curta_duracao`, `de_muita_curta_duracao`, `promessa_de_trabalho`, `a_tempo_parcial`, `com_pluralidade_de_empregadores`, `teletrabalho`, `pre_reforma`, `recibos_verdes`, `estagio`, `sem_termo`, `apprentissage`, `fixed_discontinued`, `apprendistato`.
 *
 * @since 0.1.0
 */
export const ContractType = lenientEnum("ContractType", ["indefinite", "temporary", "intern", "training", "freelance", "vendor_contractor", "volunteer", "per_hour", "other", "alternant", "interim", "minijob", "werkstudent", "apprenticeship", "pj", "clt", "jovem_aprendiz", "a_termo_incerto", "a_termo_certo", "de_curta_duracao", "de_muita_curta_duracao", "promessa_de_trabalho", "a_tempo_parcial", "com_pluralidade_de_empregadores", "teletrabalho", "pre_reforma", "recibos_verdes", "estagio", "sem_termo", "apprentissage", "fixed_discontinued", "apprendistato"], "Contract a job posting offers; includes country-specific kinds (Brazil, Portugal, Italy, France, Germany, Spain).")

/**
 * Contract a job posting offers; includes country-specific kinds (Brazil, Portugal, Italy, France, Germany, Spain). One of `ContractType.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type ContractType = typeof ContractType.Type

/**
 * Where the work of a job posting happens.
 * Known values: `onsite`, `remote`, `hybrid`.
 *
 * @since 0.1.0
 */
export const WorkplaceType = lenientEnum("WorkplaceType", ["onsite", "remote", "hybrid"], "Where the work of a job posting happens.")

/**
 * Where the work of a job posting happens. One of `WorkplaceType.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type WorkplaceType = typeof WorkplaceType.Type

/**
 * Lifecycle state of a job posting (`deleted` appears from API 2026-07-01).
 * Known values: `draft`, `published`, `unlisted`, `archived`, `cancelled`, `deleted`.
 *
 * @since 0.1.0
 */
export const JobPostingStatus = lenientEnum("JobPostingStatus", ["draft", "published", "unlisted", "archived", "cancelled", "deleted"], "Lifecycle state of a job posting (`deleted` appears from API 2026-07-01).")

/**
 * Lifecycle state of a job posting (`deleted` appears from API 2026-07-01). One of `JobPostingStatus.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type JobPostingStatus = typeof JobPostingStatus.Type

/**
 * Working schedule of a job posting.
 * Known values: `full_time`, `part_time`.
 *
 * @since 0.1.0
 */
export const ScheduleType = lenientEnum("ScheduleType", ["full_time", "part_time"], "Working schedule of a job posting.")

/**
 * Working schedule of a job posting. One of `ScheduleType.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type ScheduleType = typeof ScheduleType.Type

/**
 * Whether a job posting's salary is one amount or a range.
 * Known values: `fixed_amount`, `range`.
 *
 * @since 0.1.0
 */
export const SalaryFormat = lenientEnum("SalaryFormat", ["fixed_amount", "range"], "Whether a job posting's salary is one amount or a range.")

/**
 * Whether a job posting's salary is one amount or a range. One of `SalaryFormat.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type SalaryFormat = typeof SalaryFormat.Type

/**
 * Whether an application field is required, optional or not asked.
 * Known values: `mandatory`, `optional`, `do_not_ask`.
 *
 * @since 0.1.0
 */
export const RequirementLevel = lenientEnum("RequirementLevel", ["mandatory", "optional", "do_not_ask"], "Whether an application field is required, optional or not asked.")

/**
 * Whether an application field is required, optional or not asked. One of `RequirementLevel.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type RequirementLevel = typeof RequirementLevel.Type

/**
 * Period a job posting's salary amounts refer to.
 * Known values: `annual`, `monthly`, `daily`.
 *
 * @since 0.1.0
 */
export const SalaryPeriod = lenientEnum("SalaryPeriod", ["annual", "monthly", "daily"], "Period a job posting's salary amounts refer to.")

/**
 * Period a job posting's salary amounts refer to. One of `SalaryPeriod.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type SalaryPeriod = typeof SalaryPeriod.Type

/**
 * Side that decided a rejection: the company or the candidate.
 * Known values: `company`, `candidate`.
 *
 * @since 0.1.0
 */
export const DecisionMaker = lenientEnum("DecisionMaker", ["company", "candidate"], "Side that decided a rejection: the company or the candidate.")

/**
 * Side that decided a rejection: the company or the candidate. One of `DecisionMaker.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type DecisionMaker = typeof DecisionMaker.Type

/**
 * Professional field of a job posting (API 2026-07-01 and later).
 * Known values: `administration_and_secretariat`, `design_and_architecture`, `education_and_social_policy`, `engineering`, `finance`, `hr`, `it`, `legal`, `management_and_consulting`, `marketing_and_communication`, `nursing_and_therapy`, `physicians`, `public_sector`, `purchasing_materials_administration_and_logistics`, `sales`, `sciences_and_research`, `service_industry_and_manufacturing`, `sports_art_and_creative_jobs`, `other`.
 *
 * @since 0.1.0
 */
export const JobPostingCategory = lenientEnum("JobPostingCategory", ["administration_and_secretariat", "design_and_architecture", "education_and_social_policy", "engineering", "finance", "hr", "it", "legal", "management_and_consulting", "marketing_and_communication", "nursing_and_therapy", "physicians", "public_sector", "purchasing_materials_administration_and_logistics", "sales", "sciences_and_research", "service_industry_and_manufacturing", "sports_art_and_creative_jobs", "other"], "Professional field of a job posting (API 2026-07-01 and later).")

/**
 * Professional field of a job posting (API 2026-07-01 and later). One of `JobPostingCategory.values` or, leniently, a value added by Factorial later.
 *
 * @since 0.1.0
 */
export type JobPostingCategory = typeof JobPostingCategory.Type
