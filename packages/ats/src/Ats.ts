/**
 * All twelve ATS services at once, and the list of resource descriptions they derive from.
 *
 * @since 0.1.0
 */
import * as Layer from "effect/Layer"
import { Answers, answerResource } from "./Answers.js"
import { ApplicationPhases, applicationPhaseResource } from "./ApplicationPhases.js"
import { Applications, applicationResource } from "./Applications.js"
import { Candidates, candidateResource } from "./Candidates.js"
import { CandidateSources, candidateSourceResource } from "./CandidateSources.js"
import { EvaluationForms, evaluationFormResource } from "./EvaluationForms.js"
import { Feedbacks, feedbackResource } from "./Feedbacks.js"
import { HiringStages, hiringStageResource } from "./HiringStages.js"
import { JobPostings, jobPostingResource } from "./JobPostings.js"
import { Messages, messageResource } from "./Messages.js"
import { Questions, questionResource } from "./Questions.js"
import { RejectionReasons, rejectionReasonResource } from "./RejectionReasons.js"

/**
 * Every ATS resource description, in the order of the API reference.
 *
 * @since 0.1.0
 */
export const resources = [
  answerResource,
  applicationResource,
  applicationPhaseResource,
  candidateResource,
  candidateSourceResource,
  evaluationFormResource,
  feedbackResource,
  hiringStageResource,
  jobPostingResource,
  messageResource,
  questionResource,
  rejectionReasonResource
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
