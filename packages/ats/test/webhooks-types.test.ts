/**
 * The receiver's public types, pinned: `router` and `httpApp` keep the two overloads users call (with `dedupe: true`
 * the result also needs a `DedupeStore`), whatever type the module spells them with. Checked by `pnpm check`; the
 * runtime assertions only make vitest count the file.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as HttpRouter from "@effect/platform/HttpRouter"
import type { SubscriptionType } from "@effect-factorial/schema"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Webhooks from "../src/Webhooks.js"

type RouterOverloads = {
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: Webhooks.ReceiverOptions<T, E, R> & { readonly dedupe: true }
  ): HttpRouter.HttpRouter<never, HttpRouter.HttpRouter.ExcludeProvided<R | Webhooks.DedupeStore>>
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: Webhooks.ReceiverOptions<T, E, R>
  ): HttpRouter.HttpRouter<never, HttpRouter.HttpRouter.ExcludeProvided<R>>
}

type HttpAppOverloads = {
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: Webhooks.ReceiverOptions<T, E, R> & { readonly dedupe: true }
  ): HttpApp.Default<never, HttpRouter.HttpRouter.ExcludeProvided<R | Webhooks.DedupeStore>>
  <T extends SubscriptionType = SubscriptionType, E = never, R = never>(
    options: Webhooks.ReceiverOptions<T, E, R>
  ): HttpApp.Default<never, HttpRouter.HttpRouter.ExcludeProvided<R>>
}

class Audit extends Context.Tag("test/Audit")<Audit, { readonly record: (line: string) => Effect.Effect<void> }>() {}

const audited = (event: Webhooks.WebhookEvent) => Effect.flatMap(Audit, (audit) => audit.record(event.type))

describe("receiver types", () => {
  it("router and httpApp are the two overloads, dedupe adding a DedupeStore requirement", () => {
    expectTypeOf(Webhooks.router).toEqualTypeOf<RouterOverloads>()
    expectTypeOf(Webhooks.httpApp).toEqualTypeOf<HttpAppOverloads>()

    const plain = Webhooks.router({ challenge: "c", handler: () => Effect.void })
    expectTypeOf(plain).toEqualTypeOf<HttpRouter.HttpRouter<never, never>>()
    expectTypeOf(Webhooks.router({ challenge: "c", handler: audited }))
      .toEqualTypeOf<HttpRouter.HttpRouter<never, Audit>>()
    expectTypeOf(Webhooks.router({ challenge: "c", handler: audited, dedupe: true }))
      .toEqualTypeOf<HttpRouter.HttpRouter<never, Audit | Webhooks.DedupeStore>>()
    expectTypeOf(Webhooks.httpApp({ challenge: "c", handler: () => Effect.void }))
      .toEqualTypeOf<HttpApp.Default<never, never>>()
    expectTypeOf(Webhooks.httpApp({ challenge: "c", handler: audited, dedupe: true }))
      .toEqualTypeOf<HttpApp.Default<never, Audit | Webhooks.DedupeStore>>()
    // The routes narrow the events the handler sees.
    Webhooks.httpApp({
      challenge: "c",
      routes: { "/new": "ats/candidate/create" },
      handler: (event) => {
        expectTypeOf(event.type).toEqualTypeOf<"ats/candidate/create">()
        return Effect.void
      }
    })
    expect(typeof plain).toBe("object")
  })

  it("a handler's typed failure does not reach the result (the receiver answers 500)", () => {
    const app = Webhooks.httpApp({ challenge: "c", handler: () => Effect.fail("boom" as const) })
    expectTypeOf(app).toEqualTypeOf<HttpApp.Default<never, never>>()
    expect(typeof app).toBe("object")
  })
})
