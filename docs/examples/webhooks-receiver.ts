import { Webhooks } from "@effect-factorial/ats"
import * as HttpServer from "@effect/platform/HttpServer"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// Where deliveries that do not decode are kept: a table, a queue, a bucket. Their bodies may hold personal data.
declare const saveDeadLetter: (type: string, body: string) => Effect.Effect<void>

// POST /webhooks/ats/<resource>/<event>: 401 without the challenge, 413 above 1 MiB, 200 once the handler
// succeeded (or once a body that does not decode was dead-lettered), 500 when the handler failed.
export const WebhookReceiver = Layer.unwrapEffect(
  Effect.map(Config.redacted("FACTORIAL_WEBHOOK_CHALLENGE"), (challenge) =>
    HttpServer.serve(Webhooks.httpApp({
      challenge,
      prefix: "/webhooks",
      // A replay of a delivery already handled is answered 200 without running the handler again.
      dedupe: true,
      onInvalid: (delivery) => saveDeadLetter(delivery.type, delivery.body),
      handler: (event) =>
        event.type === "ats/candidate/create"
          ? Effect.log(`New candidate: ${event.payload.full_name}`)
          : Effect.log(`${event.type} on record ${event.payload.id} by ${event.authorId ?? "someone"}`)
    })))
).pipe(Layer.provide(Webhooks.DedupeStore.layerMemory()))
