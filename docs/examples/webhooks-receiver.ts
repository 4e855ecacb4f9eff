import { Webhooks } from "@effect-factorial/ats"
import * as HttpServer from "@effect/platform/HttpServer"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// POST /webhooks/ats/<resource>/<event>: 401 without the challenge, 400 on a bad body, 200 once the handler succeeded.
export const WebhookReceiver = Layer.unwrapEffect(
  Effect.map(Config.redacted("FACTORIAL_WEBHOOK_CHALLENGE"), (challenge) =>
    HttpServer.serve(Webhooks.httpApp({
      challenge,
      prefix: "/webhooks",
      handler: (event) =>
        event.type === "ats/candidate/create"
          ? Effect.log(`New candidate: ${event.payload.full_name}`)
          : Effect.log(`${event.type} on record ${event.payload.id} by ${event.authorId ?? "someone"}`)
    })))
).pipe(Layer.provide(Webhooks.redactChallengeHeader))
