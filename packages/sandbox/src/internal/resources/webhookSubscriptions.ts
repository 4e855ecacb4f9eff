/**
 * Webhook subscriptions (`api_public/webhook_subscriptions`): stored in the `SandboxWebhooks` in context (without
 * one, the paths do not exist); the API stores the body's `subscription_type` as `type`; a subscription starts
 * enabled, pinned to the version it was created in unless the body pins one.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { SandboxWebhooks } from "../../SandboxWebhooks.js"
import type { Semantics } from "./Semantics.js"

export const webhookSubscriptions: Semantics = {
  table: Effect.map(Effect.serviceOption(SandboxWebhooks), Option.map((webhooks) => webhooks.table)),
  create: (payload, ctx) =>
    Effect.succeed({
      type: payload.subscription_type,
      ...(payload.enabled === undefined ? { enabled: true } : {}),
      ...(payload.api_version === undefined ? { api_version: ctx.version } : {})
    }),
  update: (_current, payload) =>
    Effect.succeed(payload.subscription_type === undefined ? {} : { type: payload.subscription_type }),
  filters: {
    // A subscription without `enabled` counts as enabled.
    enabled: (value) => {
      const wanted = value === true || value === "true"
      return (row) => (row.enabled !== false) === wanted
    }
  }
}
