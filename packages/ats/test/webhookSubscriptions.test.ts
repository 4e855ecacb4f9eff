/**
 * WebhookSubscriptions over a mock transport: the requests sent, the decoded answers, and the payloads refused
 * before anything is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { CompanyId, WebhookSubscription, WebhookSubscriptionId } from "@effect-factorial/schema"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { WebhookSubscriptions } from "../src/WebhookSubscriptions.js"
import { json, mockClientLayer, sentRequests, type SentRequest } from "@effect-factorial/core/test-support/MockHttp"

const SECRET = "2bca4e6d-9aaf-4f11-9e5d"

/** A subscription as the API sends it. */
const subscription = (overrides: Record<string, unknown> = {}) => ({
  id: "18446744073709551",
  target_url: "https://hooks.example.com/ats/candidate/create",
  type: "ats/candidate/create",
  company_id: "1",
  name: "New candidates",
  challenge: SECRET,
  enabled: true,
  api_version: "2026-07-01",
  ...overrides
})

const withService = (respond: (request: SentRequest) => Response) =>
  WebhookSubscriptions.layer.pipe(Layer.provideMerge(mockClientLayer(respond)))

const run = <A, E>(
  respond: (request: SentRequest) => Response,
  use: (service: WebhookSubscriptions["Type"]) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const result = yield* Effect.exit(Effect.flatMap(WebhookSubscriptions, use))
    return { result, sent: yield* sentRequests }
  }).pipe(Effect.provide(withService(respond)))

/** The expected error of a failed call, or undefined when it succeeded or died. */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined

describe("create", () => {
  it.effect("POSTs the payload with the challenge in clear, and keeps it redacted in the answer", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* run(() => json(subscription(), 201), (service) =>
        service.create({
          subscription_type: "ats/candidate/create",
          target_url: "https://hooks.example.com/ats/candidate/create",
          company_id: CompanyId.make("1"),
          name: "New candidates",
          challenge: Redacted.make(SECRET),
          api_version: "2026-07-01"
        }))
      expect(sent.map((request) => [request.method, request.path])).toEqual([
        ["POST", "api_public/webhook_subscriptions"]
      ])
      expect(sent[0]?.body).toEqual({
        subscription_type: "ats/candidate/create",
        target_url: "https://hooks.example.com/ats/candidate/create",
        company_id: "1",
        name: "New candidates",
        challenge: SECRET,
        api_version: "2026-07-01"
      })
      expect(sent[0]?.spans).toContain("WebhookSubscriptions.create")
      const created = Exit.getOrElse(result, () => expect.fail("create failed"))
      expect(created).toBeInstanceOf(WebhookSubscription)
      expect(created.id).toBe("18446744073709551")
      expect(created.type).toBe("ats/candidate/create")
      expect(created.challenge && Redacted.value(created.challenge)).toBe(SECRET)
      expect(String(created)).not.toContain(SECRET)
      expect(JSON.stringify(created)).not.toContain(SECRET)
    }))

  it.effect("accepts a plain-string challenge too", () =>
    Effect.gen(function*() {
      const { sent } = yield* run(() => json(subscription(), 201), (service) =>
        service.create({
          subscription_type: "ats/job_posting/update",
          target_url: "http://127.0.0.1:8080/hook",
          company_id: CompanyId.make(1),
          challenge: SECRET,
          enabled: false
        }))
      expect(sent[0]?.body).toEqual({
        subscription_type: "ats/job_posting/update",
        target_url: "http://127.0.0.1:8080/hook",
        company_id: "1",
        challenge: SECRET,
        enabled: false
      })
    }))

  const refused = [
    ["a subscription type outside ATS", { subscription_type: "employees/employee/create" }, "subscription_type"],
    ["a relative target URL", { target_url: "/hook" }, "target_url"],
    ["a target URL of another scheme", { target_url: "ftp://example.com/hook" }, "target_url"],
    ["an empty challenge", { challenge: "" }, "challenge"],
    ["an unknown API version", { api_version: "2024-01-01" }, "api_version"]
  ] as const

  for (const [what, override, field] of refused) {
    it.effect(`refuses ${what} without sending anything`, () =>
      Effect.gen(function*() {
        const { result, sent } = yield* run(() => json(subscription(), 201), (service) =>
          service.create({
            subscription_type: "ats/candidate/create",
            target_url: "https://hooks.example.com/x",
            company_id: CompanyId.make("1"),
            ...override
          } as any))
        expect(sent).toEqual([])
        expect(failureOf(result)).toMatchObject({
          _tag: "InvalidRequest",
          operation: "WebhookSubscriptions.create",
          path: [field]
        })
      }))
  }
})

describe("list", () => {
  it.effect("GETs one page with the filters, decoding any subscription type and older integer ids", () =>
    Effect.gen(function*() {
      const page = {
        data: [
          subscription(),
          subscription({ id: 7, company_id: 1, type: "employees/employee/create", name: null, challenge: null })
        ],
        meta: { has_next_page: false, has_previous_page: false, total: 2, limit: 10 }
      }
      const { result, sent } = yield* run(() => json(page), (service) =>
        service.list({ type: "ats/candidate/create", enabled: true, limit: 10 }))
      expect(sent.map((request) => [request.method, request.path])).toEqual([
        ["GET", "api_public/webhook_subscriptions"]
      ])
      expect(new Map(sent[0]?.query)).toEqual(
        new Map([["type", "ats/candidate/create"], ["enabled", "true"], ["limit", "10"]])
      )
      expect(sent[0]?.spans).toContain("WebhookSubscriptions.list")
      const listed = Exit.getOrElse(result, () => expect.fail("list failed"))
      expect(listed.data.map((s) => [s.id, s.type])).toEqual([
        ["18446744073709551", "ats/candidate/create"],
        ["7", "employees/employee/create"]
      ])
      expect(listed.data[1]?.name).toBeUndefined()
      expect(listed.data[1]?.challenge).toBeUndefined()
      expect(listed.meta.total).toBe(2)
    }))
})

describe("get, update, delete", () => {
  it.effect("get puts the id in the path", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* run(() => json(subscription({ id: "42" })), (service) => service.get(42))
      expect(sent.map((request) => [request.method, request.path])).toEqual([
        ["GET", "api_public/webhook_subscriptions/42"]
      ])
      expect(sent[0]?.spans).toContain("WebhookSubscriptions.get")
      expect(Exit.map(result, (s) => s.id)).toEqual(Exit.succeed("42"))
    }))

  it.effect("update PUTs the changes with the id repeated in the body", () =>
    Effect.gen(function*() {
      const id = WebhookSubscriptionId.make("18446744073709551")
      const { result, sent } = yield* run(() => json(subscription({ enabled: false })), (service) =>
        service.update(id, { enabled: false, target_url: "https://hooks.example.com/v2" }))
      expect(sent.map((request) => [request.method, request.path, request.body])).toEqual([
        [
          "PUT",
          "api_public/webhook_subscriptions/18446744073709551",
          { enabled: false, target_url: "https://hooks.example.com/v2", id: "18446744073709551" }
        ]
      ])
      expect(sent[0]?.spans).toContain("WebhookSubscriptions.update")
      expect(Exit.map(result, (s) => s.enabled)).toEqual(Exit.succeed(false))
    }))

  it.effect("update refuses a non-ATS type without sending anything", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* run(() => json(subscription()), (service) =>
        service.update("1", { subscription_type: "employees/employee/create" as any }))
      expect(sent).toEqual([])
      expect(failureOf(result)).toMatchObject({ _tag: "InvalidRequest", path: ["subscription_type"] })
    }))

  it.effect("delete sends DELETE and answers the deleted subscription", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* run(() => json(subscription()), (service) => service.delete("18446744073709551"))
      expect(sent.map((request) => [request.method, request.path])).toEqual([
        ["DELETE", "api_public/webhook_subscriptions/18446744073709551"]
      ])
      expect(sent[0]?.spans).toContain("WebhookSubscriptions.delete")
      expect(Exit.map(result, (s) => s instanceof WebhookSubscription)).toEqual(Exit.succeed(true))
    }))

  it.effect("an id that is not digits, or an integer past 2^53, is refused before sending", () =>
    Effect.gen(function*() {
      for (const id of ["../core", 2 ** 53 + 2, -1]) {
        const { result, sent } = yield* run(() => json(subscription()), (service) => service.get(id as any))
        expect(sent).toEqual([])
        expect(failureOf(result)).toMatchObject({ _tag: "InvalidRequest", operation: "WebhookSubscriptions.get", path: ["id"] })
      }
    }))

  it.effect("a 404 is NotFound", () =>
    Effect.gen(function*() {
      const { result } = yield* run(() => json({ error: "not found" }, 404), (service) => service.get("9"))
      expect(failureOf(result)).toMatchObject({ _tag: "NotFound", status: 404 })
    }))
})

describe("layerMock", () => {
  it.effect("serves the given methods and dies, naming the method, on the others", () =>
    Effect.gen(function*() {
      const layer = WebhookSubscriptions.layerMock({
        get: (id) =>
          Effect.succeed(WebhookSubscription.make({
            id: WebhookSubscriptionId.make(String(id)),
            target_url: "https://hooks.example.com/x",
            type: "ats/candidate/create",
            company_id: CompanyId.make("1")
          }))
      })
      const got = yield* Effect.flatMap(WebhookSubscriptions, (s) => s.get("3")).pipe(Effect.provide(layer))
      expect(got.id).toBe("3")
      const exit = yield* Effect.exit(Effect.flatMap(WebhookSubscriptions, (s) => s.list()).pipe(Effect.provide(layer)))
      expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toContain(
        "WebhookSubscriptions.list is not implemented in this mock"
      )
    }))
})
