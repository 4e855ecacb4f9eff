import { WebhookSubscriptions, Webhooks } from "@effect-factorial/ats"
import { CompanyId } from "@effect-factorial/schema"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"

// Subscribes the receiver at `baseUrl` to every ATS event it does not receive yet, with the shared challenge.
export const subscribeAll = (baseUrl: string, companyId: CompanyId) =>
  Effect.gen(function*() {
    const subscriptions = yield* WebhookSubscriptions
    const challenge = yield* Config.redacted("FACTORIAL_WEBHOOK_CHALLENGE")
    const existing = yield* subscriptions.list({ company_id: companyId, limit: 100 })
    const subscribed = new Set(existing.data.map((subscription) => subscription.type))
    for (const type of Webhooks.subscriptionTypes.filter((type) => !subscribed.has(type))) {
      yield* subscriptions.create({
        subscription_type: type,
        target_url: new URL(Webhooks.path(type, "/webhooks"), baseUrl).href,
        company_id: companyId,
        challenge,
        api_version: "2026-07-01"
      })
    }
  })

// Switching a subscription off without deleting it.
export const pause = (id: string) =>
  Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.update(id, { enabled: false }))

export const example = subscribeAll("https://example.com", CompanyId.make("1"))
