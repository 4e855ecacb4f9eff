/**
 * A webhook subscription (`api_public/webhook_subscriptions`): which event Factorial delivers, where, and with which
 * challenge; plus the 13 ATS subscription types and the API versions a subscription can pin.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CompanyId, WebhookSubscriptionId } from "./Ids.js"
import { model, nullTolerant, optional } from "./internal/fields.js"

/**
 * The ATS subscription types, in the order of Factorial's spec.
 *
 * @since 0.1.0
 */
export const subscriptionTypes = [
  "ats/application/apply",
  "ats/application/create",
  "ats/application/create_from_employee",
  "ats/application/delete",
  "ats/application/update",
  "ats/candidate/create",
  "ats/candidate/delete",
  "ats/candidate/update",
  "ats/evaluation_form/save_as_template",
  "ats/job_posting/create",
  "ats/job_posting/delete",
  "ats/job_posting/duplicate",
  "ats/job_posting/update"
] as const

/**
 * One of the 13 ATS subscription types, e.g. `"ats/candidate/create"`.
 *
 * @since 0.1.0
 */
export type SubscriptionType = (typeof subscriptionTypes)[number]

/**
 * The schema of the ATS subscription types: accepts exactly the 13 values.
 *
 * @since 0.1.0
 */
export const SubscriptionType: Schema.Literal<typeof subscriptionTypes> = Schema.Literal(...subscriptionTypes)

/**
 * The API versions a subscription can pin; the version decides the shape of the payloads it delivers.
 *
 * @since 0.1.0
 */
export const WebhookApiVersion = Schema.Literal("2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01")

/**
 * One of the API versions a subscription can pin.
 *
 * @since 0.1.0
 */
export type WebhookApiVersion = typeof WebhookApiVersion.Type

/**
 * A webhook subscription as the API returns it. Decoding is lenient: `type` accepts any subscription type (a
 * company may also subscribe to non-ATS events), and the challenge is kept `Redacted` so it never prints.
 *
 * @since 0.1.0
 */
export class WebhookSubscription extends Schema.Class<WebhookSubscription>("@effect-factorial/schema/WebhookSubscription")({
  /** Id of the subscription. */
  id: WebhookSubscriptionId,
  /** Where the payloads are POSTed. */
  target_url: nullTolerant(Schema.String),
  /** The subscription type, e.g. `ats/candidate/create`. */
  type: nullTolerant(Schema.String),
  /** The company the subscription belongs to. */
  company_id: CompanyId,
  /** A name for people. */
  name: optional(Schema.String),
  /** The secret echoed in the `x-factorial-wh-challenge` header of every delivery. */
  challenge: optional(Schema.Redacted(Schema.String)),
  /** Whether deliveries are made; Factorial turns this off after a delivery failed for good. */
  enabled: optional(Schema.Boolean),
  /** The API version whose schemas the payloads follow. */
  api_version: optional(Schema.String)
}, model("A webhook subscription: which event Factorial delivers, where, and with which challenge.")) {}
