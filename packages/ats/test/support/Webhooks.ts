/**
 * What the webhook tests share: the spec's example payloads as deliveries carry them, the challenge, and a
 * tracer that keeps every span it starts.
 */
import { specExamples } from "@effect-factorial/schema/test-support/fixtures"
import * as Layer from "effect/Layer"
import * as Tracer from "effect/Tracer"

export const SECRET = "2bca4e6d-9aaf-4f11-9e5d-51e0c2a7"

// The spec's examples (one place: the schema package's fixtures), with what a delivery adds to them: ids beyond
// 2^53, explicit nulls and a field the spec does not document.
export const application = {
  ...specExamples.Application,
  id: "18446744073709551",
  ats_candidate_id: "36893488147419103",
  employee_id: null,
  ats_rejection_reason_id: null
}

export const candidate = {
  ...specExamples.Candidate,
  id: "36893488147419103",
  inactive_since: null,
  consent_expiration_date: null,
  an_undocumented_field: "is ignored"
}

export const evaluationForm = { ...specExamples.EvaluationForm, ats_job_posting_id: null }

export const jobPosting = { ...specExamples.JobPosting, id: "7", title: "Backend engineer", status: "published", team_id: null }

/** A tracer that keeps every span it starts. */
export const recordingTracer = () => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, _startTime, kind) => {
      const attributes = new Map<string, unknown>()
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: String(spans.length + 1),
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => undefined,
        attribute: (key, value) => void attributes.set(key, value),
        event: () => undefined,
        addLinks: () => undefined
      }
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { layer: Layer.setTracer(tracer), spans }
}

