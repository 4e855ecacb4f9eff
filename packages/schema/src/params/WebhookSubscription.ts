/**
 * Query parameters of `GET api_public/webhook_subscriptions`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CompanyId, WebhookSubscriptionId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListWebhookSubscriptionsParamsStruct = Schema.Struct({
  /** Only the subscription with this id. */
  id: optionalField(WebhookSubscriptionId),
  /** Only the subscriptions of this company. */
  company_id: optionalField(CompanyId),
  /** Any subscription type, ATS or not: reading others does no harm. */
  type: optionalField(Schema.String),
  /** `true` lists only enabled subscriptions. */
  enabled: optionalField(Schema.Boolean),
  ...PageParams.fields
}).annotations(outbound("ListWebhookSubscriptionsParams", "Query parameters of GET api_public/webhook_subscriptions."))

/**
 * The value `ListWebhookSubscriptionsParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListWebhookSubscriptionsParams extends Schema.Schema.Type<typeof ListWebhookSubscriptionsParamsStruct> {}

/**
 * Filters of `GET api_public/webhook_subscriptions` plus the `PageParams`.
 *
 * @since 0.1.0
 */
export const ListWebhookSubscriptionsParams: Outbound<typeof ListWebhookSubscriptionsParamsStruct, ListWebhookSubscriptionsParams> = ListWebhookSubscriptionsParamsStruct
