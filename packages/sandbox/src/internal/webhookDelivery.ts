/**
 * One webhook delivery: POST the body to the subscription's target URL with its challenge, retry a failure (an
 * answer other than 2xx, or none) with exponential backoff, and disable the subscription when every attempt failed.
 */
import { Webhooks } from "@effect-factorial/ats"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { WebhookAttempt as Attempt, WebhookDrift } from "../SandboxWebhooks.js"
import * as Json from "./json.js"
import { stringIdsSince } from "./render.js"
import type { Row } from "./table.js"

/** The field each delivered resource gets `null` in under `drift.nullRequired`: one the spec marks required. */
const requiredField: Readonly<Record<string, string>> = {
  application: "created_at",
  candidate: "first_name",
  evaluation_form: "name",
  job_posting: "title"
}

/**
 * Renders the body of a delivery for a subscription's API version: ids as integers before 2026-07-01 (or always,
 * with `drift.integerIds`), a required field nulled with `drift.nullRequired`, the id with `drift.nullId`.
 */
export const renderer = (drift: WebhookDrift) => (type: string, record: Row, apiVersion: string): string => {
  const field = drift.nullRequired === true ? requiredField[type.split("/")[1] ?? ""] : undefined
  const shaped = {
    ...record,
    ...(field === undefined ? {} : { [field]: null }),
    ...(drift.nullId === true ? { id: null } : {})
  }
  return Json.stringify(shaped, drift.integerIds === true || apiVersion < stringIdsSince)
}

/** How a delivery is retried. */
export interface Policy {
  readonly attempts: number
  readonly initialDelay: Duration.Duration
  readonly factor: number
  readonly timeout: Duration.Duration
}

/** What a delivery needs from the store. */
export interface Job {
  readonly subscriptionId: string
  readonly type: string
  readonly body: string
  /** The author headers to send, or `null` for none. */
  readonly author: { readonly id: string; readonly type: string } | null
  /** The subscription as it is now: a retry follows its current URL and challenge, and stops once it is gone. */
  readonly current: () => Row | undefined
  readonly record: (attempt: Attempt) => void
  readonly disable: () => void
}

class Failed {
  readonly _tag = "Failed"
}

/** POSTs once; answers the status, or `undefined` when no answer came in time. */
const post = (subscription: Row, job: Job, timeout: Duration.Duration): Effect.Effect<number | undefined> =>
  Effect.tryPromise(async (signal) => {
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (typeof subscription.challenge === "string") headers[Webhooks.challengeHeader] = subscription.challenge
    if (job.author !== null) {
      headers[Webhooks.authorIdHeader] = job.author.id
      headers[Webhooks.authorTypeHeader] = job.author.type
    }
    const body = job.body
    const response = await fetch(String(subscription.target_url), { method: "POST", headers, body, signal })
    // Read the answer to the end so the connection is released.
    await response.arrayBuffer()
    return response.status
  }).pipe(
    Effect.timeout(timeout),
    Effect.orElseSucceed(() => undefined)
  )

/** Runs a delivery to its end: delivered, given up (subscription disabled), or the subscription went away. */
export const deliver = (policy: Policy, job: Job): Effect.Effect<void> => {
  let attempt = 0
  const once = Effect.suspend(() => {
    const subscription = job.current()
    // Deleted or disabled since: nothing more to deliver.
    if (subscription === undefined || subscription.enabled === false) return Effect.void
    attempt += 1
    const number = attempt
    return Effect.flatMap(post(subscription, job, policy.timeout), (status) => {
      const delivered = status !== undefined && status >= 200 && status < 300
      job.record({
        subscriptionId: job.subscriptionId,
        type: job.type,
        targetUrl: String(subscription.target_url),
        attempt: number,
        status,
        delivered,
        body: job.body,
        ...(job.author === null ? {} : { authorId: job.author.id, authorType: job.author.type })
      })
      return delivered ? Effect.void : Effect.fail(new Failed())
    })
  })
  const schedule = Schedule.exponential(policy.initialDelay, policy.factor).pipe(
    Schedule.intersect(Schedule.recurs(policy.attempts - 1))
  )
  return once.pipe(
    Effect.retry(schedule),
    Effect.catchAll(() => Effect.sync(job.disable))
  )
}
