/**
 * Webhooks in the sandbox: the subscriptions of `api_public/webhook_subscriptions`, kept in memory, and the
 * deliveries made after each ATS write, in the background, retried with exponential backoff and recorded for tests.
 *
 * @example
 * ```ts
 * import { SandboxWebhooks } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * // After the writes of a test: wait for every delivery (retries included), then read what was sent.
 * const sent = Effect.flatMap(SandboxWebhooks, (webhooks) => Effect.zipRight(webhooks.awaitIdle, webhooks.attempts))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { noRows, type Row, Table } from "./internal/table.js"
import * as Delivery from "./internal/webhookDelivery.js"

/**
 * How deliveries are retried. The defaults spread 20 attempts over about 48 hours, as Factorial does.
 *
 * @since 0.1.0
 */
export interface SandboxWebhooksOptions {
  /** Attempts per delivery, the first included. Default `20`. */
  readonly attempts?: number | undefined
  /** The wait before the first retry. Default `330 millis`. */
  readonly initialDelay?: Duration.DurationInput | undefined
  /** Each wait is the previous one times this. Default `2`. */
  readonly factor?: number | undefined
  /** How long one attempt may take before it counts as failed. Default `10 seconds`. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Who deliveries say made the change, in the optional `x-factorial-author-id` / `x-factorial-author-type`
   * headers. Default `{ id: "1", type: "Access" }`; `null` sends neither header.
   */
  readonly author?: { readonly id: string; readonly type: string } | null | undefined
  /** Deliveries shaped like drifted API data, to test that a receiver keeps its subscription alive. */
  readonly drift?: WebhookDrift | undefined
}

/**
 * What the sandbox changes in the records it delivers, when `SandboxWebhooksOptions.drift` asks.
 *
 * @since 0.1.0
 */
export interface WebhookDrift {
  /**
   * Every delivered record has `null` in a field the spec marks required: `first_name` (candidates), `title`
   * (job postings), `name` (evaluation forms), `created_at` (applications). Default `false`.
   */
  readonly nullRequired?: boolean | undefined
  /**
   * Ids are written as JSON integers whatever the subscription's API version; with the sandbox's `bigIds` they
   * are above 2^53. Default `false`.
   */
  readonly integerIds?: boolean | undefined
  /**
   * Every delivered record has `id: null`: a record no model accepts (ids stay strict), to test what a receiver
   * does with a body that does not decode. Default `false`.
   */
  readonly nullId?: boolean | undefined
}

/**
 * One HTTP attempt of a delivery.
 *
 * @since 0.1.0
 */
export interface WebhookAttempt {
  /** The subscription delivered to. */
  readonly subscriptionId: string
  /** The subscription type, e.g. `ats/candidate/create`. */
  readonly type: string
  /** Where the body was POSTed. */
  readonly targetUrl: string
  /** 1 for the first attempt of a delivery, 2 for its first retry... */
  readonly attempt: number
  /** The status the receiver answered; `undefined` when no answer came (refused, timed out). */
  readonly status: number | undefined
  /** Whether the receiver answered 2xx. */
  readonly delivered: boolean
  /** The JSON body sent. */
  readonly body: string
  /** The author headers sent, when any. */
  readonly authorId?: string | undefined
  readonly authorType?: string | undefined
}

/**
 * The webhook side of one sandbox.
 *
 * @since 0.1.0
 */
export interface SandboxWebhooksService {
  /** The subscriptions, in the wire form of the API (`type`, `target_url`, `enabled`...). */
  readonly table: Table
  /** Every attempt made so far, oldest first. */
  readonly attempts: Effect.Effect<ReadonlyArray<WebhookAttempt>>
  /** Waits until no delivery is pending (every one delivered or given up). */
  readonly awaitIdle: Effect.Effect<void>
  /**
   * Delivers a record (in wire form) to every enabled subscription of a type, in the background: answers at once.
   * The body is the record in the id representation of each subscription's API version, drifted as the options
   * say.
   */
  readonly publish: (type: string, record: Row) => Effect.Effect<void>
}

/**
 * The webhook subscriptions and deliveries of a sandbox.
 *
 * @since 0.1.0
 */
export class SandboxWebhooks extends Context.Tag("@effect-factorial/sandbox/SandboxWebhooks")<
  SandboxWebhooks,
  SandboxWebhooksService
>() {
  /** No subscriptions; pending deliveries are interrupted when the layer's scope closes. */
  static readonly layer = (options: SandboxWebhooksOptions = {}): Layer.Layer<SandboxWebhooks> =>
    Layer.scoped(this, make(options))
}

const make = (options: SandboxWebhooksOptions): Effect.Effect<SandboxWebhooksService, never, Scope.Scope> =>
  Effect.gen(function*() {
    const fibers = yield* FiberSet.make<void>()
    const table = new Table(1n, noRows)
    const log: Array<WebhookAttempt> = []
    const policy: Delivery.Policy = {
      attempts: Math.max(1, options.attempts ?? 20),
      initialDelay: Duration.decode(options.initialDelay ?? "330 millis"),
      factor: options.factor ?? 2,
      timeout: Duration.decode(options.timeout ?? "10 seconds")
    }
    const author = options.author === undefined ? { id: "1", type: "Access" } : options.author
    const render = Delivery.renderer(options.drift ?? {})
    const publish = (type: string, record: Row) =>
      Effect.forEach(
        [...table.from(0)].filter((row) => row.type === type && row.enabled !== false),
        (subscription: Row) =>
          FiberSet.run(
            fibers,
            Delivery.deliver(policy, {
              subscriptionId: String(subscription.id),
              type,
              body: render(type, record, String(subscription.api_version ?? "")),
              author,
              current: () => table.get(String(subscription.id)),
              record: (attempt) => log.push(attempt),
              disable: () => {
                const current = table.get(String(subscription.id))
                if (current !== undefined) table.replace({ ...current, enabled: false })
              }
            })
          ),
        { discard: true }
      )
    return {
      table,
      attempts: Effect.sync(() => [...log]),
      awaitIdle: FiberSet.awaitEmpty(fibers),
      publish
    }
  })
