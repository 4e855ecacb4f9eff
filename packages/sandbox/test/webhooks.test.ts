/**
 * Webhooks end to end over real HTTP on 127.0.0.1: subscribing through the SDK's `WebhookSubscriptions`, writing
 * through `Candidates`, and receiving with the SDK's `Webhooks.httpApp`, served on its own port.
 */
import { Applications, Candidates, WebhookSubscriptions, Webhooks } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { ApplicationId, ApplicationPhaseId, CompanyId } from "@effect-factorial/schema"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { createServer } from "node:http"
import { Sandbox, SandboxServer, SandboxState, SandboxWebhooks } from "../src/index.js"

const CHALLENGE = "receiver-challenge"

/** The SDK over fetch, pointed at a fresh sandbox server retrying three times, a millisecond apart. */
const sandboxWith = (options: Sandbox.Options = {}) =>
  Layer.mergeAll(Applications.layer, Candidates.layer, WebhookSubscriptions.layer).pipe(
    Layer.provide(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({ baseUrl: server.url, auth: FactorialAuth.apiKey(server.apiKey) })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer({
      size: 5,
      seed: 7,
      ...options,
      webhooks: { attempts: 3, initialDelay: "1 millis", ...options.webhooks }
    }))
  )

const onSandbox = sandboxWith()

/** Serves an app on 127.0.0.1 (a free port) for the current scope; answers its base URL. */
const serveReceiver = (app: HttpApp.Default) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      HttpServer.serve(app).pipe(
        Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
      )
    )
    const address = Context.get(context, HttpServer.HttpServer).address
    if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP address")
    return `http://127.0.0.1:${address.port}`
  })

/**
 * A `Webhooks.httpApp` receiver expecting `challenge`; answers its URL, the events it accepted and the deliveries
 * it was handed as invalid.
 */
const receiver = (challenge: string) =>
  Effect.gen(function*() {
    const events: Array<Webhooks.WebhookEvent> = []
    const invalid: Array<Webhooks.InvalidDelivery> = []
    const url = yield* serveReceiver(
      Webhooks.httpApp({
        challenge: Redacted.make(challenge),
        prefix: "/hooks",
        handler: (event) => Effect.sync(() => events.push(event)),
        onInvalid: (delivery) => Effect.sync(() => invalid.push(delivery))
      })
    )
    return { url, events, invalid }
  })

const subscribe = (
  type: Webhooks.SubscriptionType,
  base: string,
  apiVersion?: "2026-04-01"
) =>
  Effect.gen(function*() {
    const state = yield* SandboxState
    const subscriptions = yield* WebhookSubscriptions
    return yield* subscriptions.create({
      subscription_type: type,
      target_url: `${base}${Webhooks.path(type, "/hooks")}`,
      company_id: CompanyId.make(state.companyId),
      challenge: Redacted.make(CHALLENGE),
      ...(apiVersion === undefined ? {} : { api_version: apiVersion })
    })
  })

const newCandidate = Effect.flatMap(SandboxState, (state) =>
  Effect.flatMap(Candidates, (candidates) =>
    candidates.create({
      first_name: "Ada",
      last_name: "Hook",
      email: "ada.hook@example.com",
      company_id: CompanyId.make(state.companyId)
    })))

const settled = Effect.flatMap(SandboxWebhooks, (webhooks) => Effect.zipRight(webhooks.awaitIdle, webhooks.attempts))

describe("webhook subscriptions", () => {
  it.live("are created (enabled, pinned to the request version), listed, updated, read back and deleted", () =>
    Effect.gen(function*() {
      const subscriptions = yield* WebhookSubscriptions
      const created = yield* subscribe("ats/candidate/create", "http://127.0.0.1:9")
      expect([created.type, created.enabled, created.api_version]).toEqual(["ats/candidate/create", true, "2026-07-01"])
      expect(created.challenge && Redacted.value(created.challenge)).toBe(CHALLENGE)
      const updated = yield* subscriptions.update(created.id, { enabled: false, name: "paused" })
      expect([updated.enabled, updated.name, updated.type]).toEqual([false, "paused", "ats/candidate/create"])
      const page = yield* subscriptions.list({ enabled: false })
      expect(page.data.map((subscription) => subscription.id)).toEqual([created.id])
      expect((yield* subscriptions.list({ enabled: true })).data).toEqual([])
      expect((yield* subscriptions.get(created.id)).name).toBe("paused")
      yield* subscriptions.delete(created.id)
      const gone = yield* Effect.flip(subscriptions.get(created.id))
      expect(gone._tag).toBe("NotFound")
    }).pipe(Effect.provide(onSandbox)))

  it.live("answers 422 with the field errors of an invalid body", () =>
    Effect.gen(function*() {
      const server = yield* SandboxServer
      const response = yield* Effect.promise(() =>
        fetch(`${server.url}/api/2026-07-01/resources/api_public/webhook_subscriptions`, {
          method: "POST",
          headers: { "x-api-key": server.apiKey, "content-type": "application/json" },
          body: JSON.stringify({ subscription_type: "ats/nope", target_url: "ftp://x", company_id: "1" })
        }))
      const body = yield* Effect.promise(() => response.json())
      expect(response.status).toBe(422)
      expect(Object.keys(body.errors).sort()).toEqual(["subscription_type", "target_url"])
    }).pipe(Effect.provide(onSandbox)))
})

describe("webhook deliveries", () => {
  it.scopedLive("Candidates.create delivers ats/candidate/create with the created record", () =>
    Effect.gen(function*() {
      const { events, url } = yield* receiver(CHALLENGE)
      const subscription = yield* subscribe("ats/candidate/create", url)
      yield* subscribe("ats/candidate/delete", url)
      const candidate = yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => [attempt.type, attempt.attempt, attempt.status])).toEqual([
        ["ats/candidate/create", 1, 200]
      ])
      expect(attempts[0]!.subscriptionId).toBe(subscription.id)
      // The sandbox's default author.
      expect([attempts[0]!.authorId, attempts[0]!.authorType]).toEqual(["1", "Access"])
      expect(events).toHaveLength(1)
      const event = events[0]!
      expect(event.type).toBe("ats/candidate/create")
      if (event.type !== "ats/candidate/create") return
      expect([event.payload.id, event.payload.email, event.payload.first_name]).toEqual([
        candidate.id,
        "ada.hook@example.com",
        "Ada"
      ])
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("a delete delivers the deleted record", () =>
    Effect.gen(function*() {
      const { events, url } = yield* receiver(CHALLENGE)
      const candidate = yield* newCandidate
      yield* subscribe("ats/candidate/delete", url)
      yield* Effect.flatMap(Candidates, (candidates) => candidates.delete(candidate.id))
      yield* settled
      expect(events.map((event) => [event.type, event.payload.id])).toEqual([["ats/candidate/delete", candidate.id]])
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("a receiver answering 500 is retried, then the subscription is disabled", () =>
    Effect.gen(function*() {
      const url = yield* serveReceiver(Effect.succeed(HttpServerResponse.empty({ status: 500 })))
      const subscription = yield* subscribe("ats/candidate/create", url)
      yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.delivered])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 500, false]
      ])
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(false)
      // A disabled subscription gets nothing more.
      yield* newCandidate
      expect(yield* settled).toHaveLength(3)
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("a receiver expecting another challenge answers 401: retried, then disabled, nothing handled", () =>
    Effect.gen(function*() {
      const { events, url } = yield* receiver("another-challenge")
      const subscription = yield* subscribe("ats/candidate/create", url)
      yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401])
      expect(events).toEqual([])
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(false)
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("move_to_phase delivers ats/application/update with the moved application", () =>
    Effect.gen(function*() {
      const { events, url } = yield* receiver(CHALLENGE)
      yield* subscribe("ats/application/update", url)
      const state = yield* SandboxState
      const application = [...state.scan("applications")][0]!
      const phase = [...state.scan("application_phases")].find((row) =>
        row.ats_job_posting_id === application.ats_job_posting_id && row.id !== application.ats_application_phase_id
      )!
      yield* Effect.flatMap(Applications, (applications) =>
        applications.moveToPhase({
          id: ApplicationId.make(String(application.id)),
          ats_application_phase_id: ApplicationPhaseId.make(String(phase.id))
        }))
      yield* settled
      expect(events.map((event) => [event.type, event.payload.id])).toEqual([["ats/application/update", application.id]])
      const payload = events[0]!.payload as { readonly ats_application_phase_id?: unknown }
      expect(payload.ats_application_phase_id).toBe(phase.id)
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("a subscription pinned to a version before 2026-07-01 gets integer ids", () =>
    Effect.gen(function*() {
      const url = yield* serveReceiver(Effect.succeed(HttpServerResponse.empty({ status: 204 })))
      yield* subscribe("ats/candidate/create", url, "2026-04-01")
      const candidate = yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => [attempt.status, attempt.delivered])).toEqual([[204, true]])
      expect(JSON.parse(attempts[0]!.body).id).toBe(Number(candidate.id))
    }).pipe(Effect.provide(onSandbox)))

  it.scopedLive("deliveries carry the author headers, and the receiver hands them on", () =>
    Effect.gen(function*() {
      const { events, url } = yield* receiver(CHALLENGE)
      yield* subscribe("ats/candidate/create", url)
      yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => [attempt.authorId, attempt.authorType])).toEqual([["42", "Access"]])
      expect(events.map((event) => [event.authorId, event.authorType])).toEqual([["42", "Access"]])
    }).pipe(Effect.provide(sandboxWith({ webhooks: { author: { id: "42", type: "Access" } } }))))
})

describe("drifted deliveries keep the subscription alive", () => {
  it.scopedLive("an integer id above 2^53 reaches the handler with every digit", () =>
    Effect.gen(function*() {
      const { events, invalid, url } = yield* receiver(CHALLENGE)
      const subscription = yield* subscribe("ats/candidate/create", url)
      const candidate = yield* newCandidate
      const attempts = yield* settled
      expect(BigInt(candidate.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
      expect(attempts.map((attempt) => attempt.status)).toEqual([200])
      // The body really held the id as a bare integer.
      expect(attempts[0]!.body).toContain(`"id":${candidate.id},`)
      expect(invalid).toEqual([])
      expect(events.map((event) => event.payload.id)).toEqual([candidate.id])
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(true)
    }).pipe(Effect.provide(sandboxWith({ bigIds: true, webhooks: { drift: { integerIds: true } } }))))

  it.scopedLive("a record with null in a required field is answered 200, and reaches the handler or onInvalid", () =>
    Effect.gen(function*() {
      const { events, invalid, url } = yield* receiver(CHALLENGE)
      const subscription = yield* subscribe("ats/candidate/create", url)
      const candidate = yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => attempt.status)).toEqual([200])
      expect(attempts[0]!.body).toContain('"first_name":null')
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(true)
      // Whether the model tolerates the null decides where the record goes (the handler, or the dead letter);
      // either way it is answered 200 and kept.
      const decoded = yield* Effect.either(Webhooks.decodeText("ats/candidate/create", attempts[0]!.body))
      if (Either.isRight(decoded)) {
        expect(invalid).toEqual([])
        expect(events.map((event) => event.payload.id)).toEqual([candidate.id])
      } else {
        expect(events).toEqual([])
        expect(invalid.map((delivery) => [delivery.type, delivery.error.reason, delivery.error.issues])).toEqual([
          ["ats/candidate/create", "SchemaMismatch", ["first_name: expected string, got null"]]
        ])
        // The dead letter holds the raw body, big integer id included, digit for digit.
        expect(invalid[0]!.body).toBe(attempts[0]!.body)
        expect(invalid[0]!.body).toContain(`"id":${candidate.id},`)
      }
    }).pipe(Effect.provide(sandboxWith({ bigIds: true, webhooks: { drift: { nullRequired: true, integerIds: true } } }))))

  it.scopedLive("a record no model accepts (no id) is answered 200 and handed to onInvalid, raw", () =>
    Effect.gen(function*() {
      const { events, invalid, url } = yield* receiver(CHALLENGE)
      const subscription = yield* subscribe("ats/candidate/create", url)
      yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => attempt.status)).toEqual([200])
      expect(events).toEqual([])
      expect(invalid.map((delivery) => [delivery.error.reason, delivery.body])).toEqual([
        ["SchemaMismatch", attempts[0]!.body]
      ])
      expect(invalid[0]!.error.issues).toEqual([expect.stringMatching(/^id: expected .+, got null$/)])
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(true)
    }).pipe(Effect.provide(sandboxWith({ webhooks: { drift: { nullId: true } } }))))

  it.scopedLive("with invalidBody: \"reject\", the same record is retried and the subscription disabled", () =>
    Effect.gen(function*() {
      const url = yield* serveReceiver(
        Webhooks.httpApp({ challenge: CHALLENGE, prefix: "/hooks", invalidBody: "reject", handler: () => Effect.void })
      )
      const subscription = yield* subscribe("ats/candidate/create", url)
      yield* newCandidate
      const attempts = yield* settled
      expect(attempts.map((attempt) => attempt.status)).toEqual([400, 400, 400])
      const stored = yield* Effect.flatMap(WebhookSubscriptions, (subscriptions) => subscriptions.get(subscription.id))
      expect(stored.enabled).toBe(false)
    }).pipe(Effect.provide(sandboxWith({ webhooks: { drift: { nullId: true } } }))))
})
