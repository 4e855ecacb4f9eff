/**
 * Managing webhook subscriptions (`api_public/webhook_subscriptions`): which events Factorial delivers, where, and
 * with which challenge.
 *
 * @since 0.1.0
 */
import {
  CreateWebhookSubscription,
  ListWebhookSubscriptionsParams,
  UpdateWebhookSubscription,
  WebhookSubscription,
  WebhookSubscriptionId
} from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `api_public/webhook_subscriptions` resource, described like the ATS resources so the service is derived the
 * same way (validation, spans, streaming, mock layer).
 *
 * @since 0.1.0
 */
const webhookSubscriptionResource = Resource.define({
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
