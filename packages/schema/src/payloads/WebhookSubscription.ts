/**
 * Request bodies of the webhook subscriptions resource: create and update (`api_public/webhook_subscriptions`).
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { CompanyId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { SubscriptionType, WebhookApiVersion } from "../WebhookSubscription.js"

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

const CreateWebhookSubscriptionStruct = Schema.Struct({
  /** Which event to deliver. */
  subscription_type: SubscriptionType,
  /** Where to POST the payloads. */
  target_url: TargetUrl,
  /** The company to subscribe for. */
  company_id: CompanyId,
  /** A name for people. */
  name: optionalField(Schema.String),
  /** The secret Factorial echoes in every delivery; the receiver refuses deliveries without it. */
  challenge: optionalField(ChallengeInput),
  /** Whether deliveries start enabled. */
  enabled: optionalField(Schema.Boolean),
  /** The API version whose schemas the payloads follow; pin the one your decoders expect. */
  api_version: optionalField(WebhookApiVersion)
}).annotations(outbound("CreateWebhookSubscription", "Body of POST api_public/webhook_subscriptions."))

/**
 * The value `CreateWebhookSubscription` accepts.
 *
 * @since 0.1.0
 */
export interface CreateWebhookSubscription extends Schema.Schema.Type<typeof CreateWebhookSubscriptionStruct> {}

/**
 * Body of `POST api_public/webhook_subscriptions`. Only the 13 ATS subscription types are accepted.
 *
 * @since 0.1.0
 */
export const CreateWebhookSubscription: Outbound<typeof CreateWebhookSubscriptionStruct, CreateWebhookSubscription> = CreateWebhookSubscriptionStruct

const UpdateWebhookSubscriptionStruct = Schema.Struct({
  /** Which event to deliver. */
  subscription_type: optionalField(SubscriptionType),
  /** Where to POST the payloads. */
  target_url: optionalField(TargetUrl),
  /** A name for people. */
  name: optionalField(Schema.String),
  /** The secret Factorial echoes in every delivery. */
  challenge: optionalField(ChallengeInput),
  /** Whether deliveries are made. */
  enabled: optionalField(Schema.Boolean),
  /** The API version whose schemas the payloads follow. */
  api_version: optionalField(WebhookApiVersion)
}).annotations(outbound("UpdateWebhookSubscription", "Body of PUT api_public/webhook_subscriptions/{id}, without id."))

/**
 * The value `UpdateWebhookSubscription` accepts.
 *
 * @since 0.1.0
 */
export interface UpdateWebhookSubscription extends Schema.Schema.Type<typeof UpdateWebhookSubscriptionStruct> {}

/**
 * Body of `PUT api_public/webhook_subscriptions/{id}` without the id (the service adds it). Every field is optional.
 *
 * @since 0.1.0
 */
export const UpdateWebhookSubscription: Outbound<typeof UpdateWebhookSubscriptionStruct, UpdateWebhookSubscription> = UpdateWebhookSubscriptionStruct
