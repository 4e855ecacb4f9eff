/**
 * `factorial-ats webhooks listen`: the SDK's webhook receiver (`Webhooks.httpApp`) on a local port, printing each
 * verified delivery; with `--subscribe URL` it also creates the subscriptions and deletes them on exit.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { WebhookSubscriptions, Webhooks } from "@effect-factorial/ats"
import { CompanyId } from "@effect-factorial/schema"
import * as HttpServer from "@effect/platform/HttpServer"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as HashSet from "effect/HashSet"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import { createServer } from "node:http"
import { InvalidInput } from "./errors.js"
import * as Output from "./output.js"
import * as Settings from "./settings.js"

const nameFields = ["full_name", "title", "name", "email", "subject"] as const

/** One line for a person: the type, the record's id, and what the record is. */
export const summary = (event: Webhooks.WebhookEvent, encoded: Record<string, unknown>): string => {
  const name = nameFields.map((field) => encoded[field]).find((value) => typeof value === "string" && value !== "")
  const links = Object.entries(encoded)
    .filter(([key, value]) => key !== "id" && key !== "company_id" && key.endsWith("_id") && value != null)
    .map(([key, value]) => `${key}=${String(value)}`)
  const what = name === undefined ? links.join(" ") : JSON.stringify(name)
  const by = event.authorId === undefined ? "" : ` by ${event.authorType ?? "author"} ${event.authorId}`
  return `${event.type} id=${String(encoded.id)}${what === "" ? "" : ` ${what}`}${by}`
}

const encoders = Object.fromEntries(
  Object.entries(Webhooks.payloadSchemas).map(([type, schema]) => [
    type,
    Schema.encodeUnknownSync(schema as Schema.Schema.AnyNoContext)
  ])
)

const print = (json: boolean) => (event: Webhooks.WebhookEvent) => {
  const encoded = encoders[event.type]!(event.payload) as Record<string, unknown>
  const line = json
    ? JSON.stringify({ type: event.type, authorId: event.authorId, authorType: event.authorType, payload: encoded })
    : `${new Date().toISOString()} ${summary(event, encoded)}`
  return Effect.orDie(Output.stdout.write(line + "\n"))
}

/** Log lines (rejected deliveries) go to stderr, keeping stdout for deliveries. */
const stderrLogger = Logger.withConsoleError(Logger.logfmtLogger)

/** Creates one subscription per type, deleting them all when the scope closes. */
const subscribe = (
  url: string,
  types: ReadonlyArray<Webhooks.SubscriptionType>,
  companyId: string,
  challenge: Redacted.Redacted<string>
) =>
  Effect.gen(function*() {
    const subscriptions = yield* WebhookSubscriptions
    const base = url.replace(/\/+$/, "")
    for (const type of types) {
      yield* Effect.acquireRelease(
        subscriptions.create({
          subscription_type: type,
          target_url: `${base}${Webhooks.path(type)}`,
          company_id: CompanyId.make(companyId),
          challenge,
          name: "factorial-ats webhooks listen"
        }),
        (created) =>
          Effect.zipRight(
            Effect.ignore(subscriptions.delete(created.id)),
            Output.status(`Deleted the ${type} subscription ${created.id}`)
          )
      ).pipe(Effect.tap((created) => Output.status(`Subscribed ${type} → ${base}${Webhooks.path(type)} (subscription ${created.id})`)))
    }
  })

const listen = Command.make(
  "listen",
  {
    ...Settings.global,
    port: Options.integer("port").pipe(Options.withDescription("Port on 127.0.0.1 (0: any free port)."), Options.withDefault(8401)),
    host: Options.text("host").pipe(Options.withDescription("Interface to listen on."), Options.withDefault("127.0.0.1")),
    type: Options.choice("type", Webhooks.subscriptionTypes).pipe(
      Options.withDescription("A subscription type to receive, repeatable (default: all of them)."),
      Options.repeated
    ),
    json: Options.boolean("json").pipe(Options.withDescription("Print each delivery as JSON: type, author and the full typed payload.")),
    challenge: Options.redacted("challenge").pipe(
      Options.withDescription("The subscription's challenge (default FACTORIAL_WEBHOOK_CHALLENGE; with --subscribe, a random one)."),
      Options.withFallbackConfig(Config.redacted("FACTORIAL_WEBHOOK_CHALLENGE")),
      Options.optional
    ),
    subscribe: Options.text("subscribe").pipe(
      Options.withDescription("The public URL this listener is reached at: subscribe every --type there, unsubscribe on exit."),
      Options.optional
    ),
    companyId: Options.text("company-id").pipe(
      Options.withDescription("The company to subscribe for, with --subscribe (default FACTORIAL_COMPANY_ID)."),
      Options.withFallbackConfig(Config.string("FACTORIAL_COMPANY_ID")),
      Options.optional
    )
  },
  (config) =>
    Effect.gen(function*() {
      const types = config.type.length === 0 ? Webhooks.subscriptionTypes : config.type
      const challenge = yield* Option.match(config.challenge, {
        onSome: Effect.succeed,
        onNone: () =>
          Option.isSome(config.subscribe)
            ? Effect.succeed(Redacted.make(randomBytes(24).toString("base64url")))
            : Effect.fail(new InvalidInput({
              detail: "no challenge: set FACTORIAL_WEBHOOK_CHALLENGE (or --challenge) to the subscription's, or use --subscribe"
            }))
      })
      const app = Webhooks.httpApp({
        challenge,
        handler: print(config.json),
        routes: Object.fromEntries(types.map((type) => [Webhooks.path(type), type])) as Record<`/${string}`, Webhooks.SubscriptionType>
      })
      if (Option.isSome(config.subscribe) && Option.isNone(config.companyId)) {
        return yield* new InvalidInput({ detail: "--subscribe needs --company-id (or FACTORIAL_COMPANY_ID)" })
      }
      // The subscriptions live as long as the server, and are deleted before the client they use is released.
      const subscriptions = Option.isSome(config.subscribe) && Option.isSome(config.companyId)
        ? Layer.scopedDiscard(subscribe(config.subscribe.value, types, config.companyId.value, challenge)).pipe(
          Layer.provide(WebhookSubscriptions.layer),
          Layer.provide(Settings.client(config))
        )
        : Layer.empty
      const announce = Layer.effectDiscard(Effect.flatMap(HttpServer.addressFormattedWith(Effect.succeed), (address) =>
        Output.status(
          `Listening on ${address} for ${types.length} subscription type${types.length === 1 ? "" : "s"} ` +
            `(POST ${address}/ats/<resource>/<event>); Ctrl-C to stop`
        )))
      yield* Layer.launch(Layer.mergeAll(announce, subscriptions).pipe(
        Layer.provideMerge(HttpServer.serve(app)),
        Layer.provide(NodeHttpServer.layer(createServer, { port: config.port, host: config.host }))
      ))
    }).pipe(Effect.locally(FiberRef.currentLoggers, HashSet.make(stderrLogger)))
).pipe(Command.withDescription("Receive webhook deliveries on a local port and print each verified one."))

/** `webhooks`. */
export const command = Command.make("webhooks").pipe(
  Command.withDescription("Webhook tools."),
  Command.withSubcommands([listen])
)
