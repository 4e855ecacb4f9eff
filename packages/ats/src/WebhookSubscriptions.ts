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

/** The description every derived piece comes from (reached as `WebhookSubscriptions.definition`). */
const definition = Resource.define({
  name: "WebhookSubscriptions",
  namespace: "api_public",
  path: "webhook_subscriptions",
  model: WebhookSubscription,
  id: WebhookSubscriptionId,
  listParams: ListWebhookSubscriptionsParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateWebhookSubscription),
    update: Resource.Op.update(UpdateWebhookSubscription),
    delete: Resource.Op.delete
  }
})

/**
 * The operations of `WebhookSubscriptions`.
 *
 * @since 0.2.0
 */
export interface WebhookSubscriptionsService extends Resource.Service<typeof definition> {}

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
export class WebhookSubscriptions extends Resource.Tag(definition)<WebhookSubscriptions, WebhookSubscriptionsService>() {}
