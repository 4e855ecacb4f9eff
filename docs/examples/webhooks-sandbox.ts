import { Candidates, WebhookSubscriptions, Webhooks } from "@effect-factorial/ats"
import { SandboxState, SandboxWebhooks } from "@effect-factorial/sandbox"
import { CompanyId } from "@effect-factorial/schema"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

// receiverUrl: where your Webhooks.httpApp({ challenge: "test-challenge", handler }) listens, e.g.
// served with NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }).
export const test = (receiverUrl: string) =>
  Effect.gen(function*() {
    const state = yield* SandboxState
    yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) =>
      subscriptions.create({
        subscription_type: "ats/candidate/create",
        target_url: `${receiverUrl}${Webhooks.path("ats/candidate/create")}`,
        company_id: CompanyId.make(state.companyId),
        challenge: Redacted.make("test-challenge")
      }))
    yield* Effect.flatMap(Candidates, (candidates) =>
      candidates.create({
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        company_id: CompanyId.make(state.companyId)
      }))
    const webhooks = yield* SandboxWebhooks
    yield* webhooks.awaitIdle // every delivery made (or given up)
    return yield* webhooks.attempts // what was POSTed, and what your receiver answered
  })
// Provide Candidates and WebhookSubscriptions over a FactorialClient pointed at SandboxServer.url, on
// Sandbox.layerServer({ webhooks: { attempts: 3, initialDelay: "1 millis" } }).
