/** The semantics of every resource that has any, by path. */
import { applications } from "./applications.js"
import { candidates } from "./candidates.js"
import { evaluationForms } from "./evaluationForms.js"
import { jobPostings } from "./jobPostings.js"
import { hiringStages, rejectionReasons } from "./lookups.js"
import { messages } from "./messages.js"
import { questions } from "./questions.js"
import type { Semantics } from "./Semantics.js"
import { webhookSubscriptions } from "./webhookSubscriptions.js"

export const semantics: Readonly<Record<string, Semantics>> = {
  applications,
  candidates,
  evaluation_forms: evaluationForms,
  hiring_stages: hiringStages,
  job_postings: jobPostings,
  messages,
  questions,
  rejection_reasons: rejectionReasons,
  webhook_subscriptions: webhookSubscriptions
}
