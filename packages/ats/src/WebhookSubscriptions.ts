/**
 * Managing webhook subscriptions (`api_public/webhook_subscriptions`): which events Factorial delivers, where, and
 * with which challenge.
 *
 * @since 0.1.0
 */
import { CompanyId, PageParams, WebhookSubscriptionId } from "@effect-factorial/schema"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Resource from "./Resource.js"
import { SubscriptionType } from "./Webhooks.js"

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

const optional = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { nullable: true })
const optionalExact = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { exact: true })

/** A URL Factorial can POST to: absolute, `http` or `https`. */
const TargetUrl = Schema.String.pipe(
  Schema.filter((url) => {
    try {
      const { protocol } = new URL(url)
      return protocol === "https:" || protocol === "http:"
    } catch {
      return false
    }
  }, { message: () => "expected an absolute http(s) URL" })
)

/** A challenge as the user holds it: plain or `Redacted`, sent as a non-empty string. */
const ChallengeInput: Schema.Schema<string | Redacted.Redacted<string>, string> = Schema.Union(
  Schema.Redacted(Schema.NonEmptyString),
  Schema.NonEmptyString
)

/**
 * A webhook subscription as the API returns it. Decoding is lenient: `type` accepts any subscription type (a
 * company may also subscribe to non-ATS events), and the challenge is kept `Redacted` so it never prints.
 *
 * @since 0.1.0
 */
export class WebhookSubscription extends Schema.Class<WebhookSubscription>("@effect-factorial/ats/WebhookSubscription")({
  /** Id of the subscription. */
  id: WebhookSubscriptionId,
  /** Where the payloads are POSTed. */
  target_url: Schema.String,
  /** The subscription type, e.g. `ats/candidate/create`. */
  type: Schema.String,
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
}) {}

/**
 * Body of `POST api_public/webhook_subscriptions`. Only the 13 ATS subscription types are accepted.
 *
 * @since 0.1.0
 */
export const CreateWebhookSubscription = Schema.Struct({
  /** Which event to deliver. */
  subscription_type: SubscriptionType,
  /** Where to POST the payloads. */
  target_url: TargetUrl,
  /** The company to subscribe for. */
  company_id: CompanyId,
  /** A name for people. */
  name: optionalExact(Schema.String),
  /** The secret Factorial echoes in every delivery; the receiver refuses deliveries without it. */
  challenge: optionalExact(ChallengeInput),
  /** Whether deliveries start enabled. */
  enabled: optionalExact(Schema.Boolean),
  /** The API version whose schemas the payloads follow; pin the one your decoders expect. */
  api_version: optionalExact(WebhookApiVersion)
}).annotations({ identifier: "CreateWebhookSubscription" })

/**
 * The value `CreateWebhookSubscription` accepts.
 *
 * @since 0.1.0
 */
export type CreateWebhookSubscription = typeof CreateWebhookSubscription.Type

/**
 * Body of `PUT api_public/webhook_subscriptions/{id}` without the id (the service adds it). Every field is optional.
 *
 * @since 0.1.0
 */
export const UpdateWebhookSubscription = Schema.Struct({
  subscription_type: optionalExact(SubscriptionType),
  target_url: optionalExact(TargetUrl),
  name: optionalExact(Schema.String),
  challenge: optionalExact(ChallengeInput),
  enabled: optionalExact(Schema.Boolean),
  api_version: optionalExact(WebhookApiVersion)
}).annotations({ identifier: "UpdateWebhookSubscription" })

/**
 * The value `UpdateWebhookSubscription` accepts.
 *
 * @since 0.1.0
 */
export type UpdateWebhookSubscription = typeof UpdateWebhookSubscription.Type

/**
 * Filters of `GET api_public/webhook_subscriptions`, plus the paging parameters.
 *
 * @since 0.1.0
 */
export const ListWebhookSubscriptionsParams = Schema.Struct({
  id: optionalExact(WebhookSubscriptionId),
  company_id: optionalExact(CompanyId),
  /** Any subscription type, ATS or not: reading others does no harm. */
  type: optionalExact(Schema.String),
  /** `true` lists only enabled subscriptions. */
  enabled: optionalExact(Schema.Boolean),
  ...PageParams.fields
}).annotations({ identifier: "ListWebhookSubscriptionsParams" })

/**
 * The value `ListWebhookSubscriptionsParams` accepts.
 *
 * @since 0.1.0
 */
export type ListWebhookSubscriptionsParams = typeof ListWebhookSubscriptionsParams.Type

/**
 * The `api_public/webhook_subscriptions` resource, described like the ATS resources so the service is derived the
 * same way (validation, spans, streaming, mock layer).
 *
 * @since 0.1.0
 */
export const webhookSubscriptionResource = Resource.define({
  name: "WebhookSubscriptions",
  namespace: "api_public",
  path: "webhook_subscriptions",
  model: WebhookSubscription,
  id: WebhookSubscriptionId,
  listParams: ListWebhookSubscriptionsParams,
  create: CreateWebhookSubscription,
  update: UpdateWebhookSubscription,
  delete: true
})

/**
 * The webhook subscriptions of the company.
 *
 * @example
 * ```ts
 * import { WebhookSubscriptions } from "@effect-factorial/ats/WebhookSubscriptions"
 * import { CompanyId } from "@effect-factorial/schema"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const subscribe = Effect.flatMap(WebhookSubscriptions, (subscriptions) =>
 *   subscriptions.create({
 *     subscription_type: "ats/candidate/create",
 *     target_url: "https://example.com/webhooks/ats/candidate/create",
 *     company_id: CompanyId.make("1"),
 *     challenge: Redacted.make("a-long-random-secret")
 *   }))
 * ```
 *
 * @since 0.1.0
 */
export class WebhookSubscriptions extends Resource.Tag(webhookSubscriptionResource)<WebhookSubscriptions>() {}
