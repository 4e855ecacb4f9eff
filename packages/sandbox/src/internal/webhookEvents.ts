/**
 * Which webhook a successful ATS write fires, and handing it to the `SandboxWebhooks` in context (if any), with
 * its nulls kept or dropped as the request's style says.
 */
import { Webhooks } from "@effect-factorial/ats"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { SandboxWebhooks } from "../SandboxWebhooks.js"
import type { Row } from "./table.js"
import { withoutNulls } from "./wire.js"

/** Actions whose webhook is not named after them. */
const renamed: Readonly<Record<string, string>> = { move_to_phase: "update" }

/** The subscription type of a write, e.g. `candidates` + `create` → `ats/candidate/create`; `undefined` for none. */
export const typeOf = (resource: string, operation: string): Webhooks.SubscriptionType | undefined => {
  const type = `ats/${resource.replace(/s$/, "")}/${renamed[operation] ?? operation}`
  return Webhooks.isSubscriptionType(type) ? type : undefined
}

/** Fires the webhook of a write, if it has one; never fails, never waits for the delivery. */
export const publish = (
  resource: string,
  operation: string,
  record: Row,
  explicitNulls: boolean
): Effect.Effect<void> => {
  const type = typeOf(resource, operation)
  if (type === undefined) return Effect.void
  const shaped = explicitNulls ? record : withoutNulls(record)
  return Effect.flatMap(Effect.serviceOption(SandboxWebhooks), (webhooks) =>
    Option.isNone(webhooks)
      ? Effect.void
      : webhooks.value.publish(type, shaped))
}
