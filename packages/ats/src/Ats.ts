/**
 * All twelve ATS services at once, and the list of resource descriptions they derive from.
 *
 * @since 0.1.0
 */
import * as Layer from "effect/Layer"
import { Answers } from "./Answers.js"
import { ApplicationPhases } from "./ApplicationPhases.js"
import { Applications } from "./Applications.js"
import { Candidates } from "./Candidates.js"
import { CandidateSources } from "./CandidateSources.js"
import { EvaluationForms } from "./EvaluationForms.js"
import { Feedbacks } from "./Feedbacks.js"
import { HiringStages } from "./HiringStages.js"
import { JobPostings } from "./JobPostings.js"
import { Messages } from "./Messages.js"
import { Questions } from "./Questions.js"
import { RejectionReasons } from "./RejectionReasons.js"

/**
 * Every ATS resource description, in the order of the API reference.
 *
 * @since 0.1.0
 */
export const resources = [
  Answers.definition,
  Applications.definition,
  ApplicationPhases.definition,
  Candidates.definition,
  CandidateSources.definition,
  EvaluationForms.definition,
  Feedbacks.definition,
  HiringStages.definition,
  JobPostings.definition,
  Messages.definition,
  Questions.definition,
  RejectionReasons.definition
] as const

/**
 * Every ATS service.
 *
 * @since 0.1.0
 */
export type AtsServices =
  | Answers
  | Applications
  | ApplicationPhases
  | Candidates
  | CandidateSources
  | EvaluationForms
  | Feedbacks
  | HiringStages
  | JobPostings
  | Messages
  | Questions
  | RejectionReasons

/**
 * All twelve ATS services, requiring a `FactorialClient`.
 *
 * @example
 * ```ts
 * import { Ats } from "@effect-factorial/ats"
 * import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import * as Layer from "effect/Layer"
 *
 * const AtsLive = Ats.layer.pipe(
 *   Layer.provide(FactorialClient.layer({ auth: FactorialAuth.apiKey("my-key") })),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const layer = Layer.mergeAll(
  Answers.layer,
  Applications.layer,
  ApplicationPhases.layer,
  Candidates.layer,
  CandidateSources.layer,
  EvaluationForms.layer,
  Feedbacks.layer,
  HiringStages.layer,
  JobPostings.layer,
  Messages.layer,
  Questions.layer,
  RejectionReasons.layer
)
