/**
 * The sandbox: a stateful fake of the Factorial ATS API, served over HTTP on 127.0.0.1 or in-process.
 *
 * @example
 * ```ts
 * import { Sandbox, SandboxServer } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const server = yield* SandboxServer
 *   console.log(`listening on ${server.url}, key ${server.apiKey}`)
 * }).pipe(Effect.provide(Sandbox.layerServer({ size: 1_000, seed: 42 })))
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Faults from "./Faults.js"
import { notFound } from "./internal/apiError.js"
import * as Config from "./internal/config.js"
import { gate } from "./internal/gate.js"
import * as InProcess from "./internal/inProcess.js"
import * as NodeServer from "./internal/nodeServer.js"
import { routesBeside } from "./internal/oauthRoutes.js"
import * as Render from "./internal/render.js"
import { router } from "./internal/routes.js"
import * as SandboxAuth from "./SandboxAuth.js"
import { SandboxOAuth } from "./SandboxOAuth.js"
import { type DropConnection, SandboxServer } from "./SandboxServer.js"
import { SandboxState } from "./SandboxState.js"
import { SandboxWebhooks, type SandboxWebhooksOptions } from "./SandboxWebhooks.js"

/**
 * Everything that can be set about a sandbox. Every field has a default: `{}` is a small company answering like
 * the real API, without faults.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Seed of the generated data. Default `1`. */
  readonly seed?: number | undefined
  /** Number of seeded candidates. Default `50`. */
  readonly size?: number | undefined
  /** Number of seeded job postings. Default: one per 25 candidates (1 to 2,000). */
  readonly jobPostings?: number | undefined
  /** The instant seeded timestamps lead up to. Default `2026-06-30T09:00:00.000Z`. */
  readonly now?: string | undefined
  /** Start every id above 2^53 (`18446744073709550001`). Default `false`. */
  readonly bigIds?: boolean | undefined
  /** Accepted API keys. Default `["sandbox-api-key"]`. */
  readonly apiKeys?: ReadonlyArray<string> | undefined
  /** Accepted bearer tokens. Default `["sandbox-token"]`. */
  readonly tokens?: ReadonlyArray<string> | undefined
  /** Behaviours of the real API that a test may want off. */
  readonly quirks?: {
    /** Optional fields come back as explicit `null` rather than absent. Default `true`. */
    readonly explicitNulls?: boolean | undefined
    /** `meta.limit` is `null` in list answers. Default `false`. */
    readonly nullMetaLimit?: boolean | undefined
    /** `GET messages` without `last_per_conversation` answers 400. Default `true`. */
    readonly requireLastPerConversation?: boolean | undefined
  } | undefined
  /**
   * Rate limits. The per-minute budgets are counted per credential and method over a sliding minute: a request
   * counts for the 60 seconds after it was accepted, and a 429's `Retry-After` is the whole seconds until the
   * oldest counted one leaves that window.
   */
  readonly rateLimit?: {
    /** POST requests per minute; `null` for no limit. Default `200`. */
    readonly postsPerMinute?: number | null | undefined
    /** GET requests per minute. Default: no limit. */
    readonly getsPerMinute?: number | null | undefined
    /** Send `Retry-After` with a 429. Default `true`. */
    readonly retryAfter?: boolean | undefined
    /**
     * A token bucket per credential (API key or token) for every API request: `perSecond` tokens are added each
     * second up to `burst` (default `perSecond`); a request without a token answers 429 with `Retry-After` (whole
     * seconds until the next token, at least 1). Default: off.
     */
    readonly bucket?: { readonly perSecond: number; readonly burst?: number | undefined } | undefined
  } | undefined
  /**
   * Records that drifted from the spec, as the real API sends them: a fixed share of records (chosen per id, so
   * every answer agrees) come back with one field that is not an id set to `null` or to a value of the wrong
   * type, in lists, gets and write answers. Default: off.
   */
  readonly drift?: {
    /** The share of records that drift, 0 to 1. */
    readonly rate: number
    /** Which drift a record gets, chosen per id. Default both. */
    readonly kinds?: ReadonlyArray<"null" | "wrongType"> | undefined
    /** Seed of the choice of records and fields. Default `1`. */
    readonly seed?: number | undefined
  } | undefined
  /**
   * Others writing while a client scans: every `every`-th list request of `resource` first deletes `deletes`
   * records at seeded random positions and creates `creates` new ones (copies of existing records, with new
   * ids at the end). Default: off.
   */
  readonly churn?: {
    /** The resource path. Default `"candidates"`. */
    readonly resource?: string | undefined
    /** Every how many list requests of the resource. Default `3`. */
    readonly every?: number | undefined
    /** Records deleted each time. Default `1`. */
    readonly deletes?: number | undefined
    /** Records created each time. Default `1`. */
    readonly creates?: number | undefined
    /** Seed of the positions. Default `1`. */
    readonly seed?: number | undefined
  } | undefined
  /** Injected faults and latency. Default none. */
  readonly faults?: Faults.Options | undefined
  /**
   * The OAuth authorization server (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`): applications, token
   * lifetimes. Default: `sandbox-client` / `sandbox-secret`, access tokens for 1 hour, refresh tokens for 1 week.
   */
  readonly oauth?: SandboxOAuth.Options | undefined
  /** Webhook deliveries: retries (default 20 attempts over about 48 hours), author headers, drift. */
  readonly webhooks?: SandboxWebhooksOptions | undefined
  /**
   * More routes served beside the ATS and OAuth ones, on the same state and auth. Paths outside `/api/` are not
   * authenticated by the sandbox; faults and latency apply to them too. A route here replaces the built-in OAuth
   * route of the same method and path.
   */
  readonly routes?: HttpRouter.HttpRouter<never, SandboxState | SandboxAuth.SandboxAuth> | undefined
}

/**
 * Options of the HTTP server.
 *
 * @since 0.1.0
 */
export interface ServerOptions extends Options {
  /** Port; `0` (default) picks a free one. */
  readonly port?: number | undefined
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string | undefined
}

/**
 * The base URL the in-process client answers on.
 *
 * @since 0.1.0
 */
export const inProcessUrl = "http://localhost"

/**
 * The sandbox as an `HttpApp`: every ATS route, and the OAuth endpoints of the `SandboxOAuth` in context (404
 * without one), behind latency, faults, authentication and rate limits. Build it once per sandbox (it holds the
 * fault sequence and rate-limit counters).
 *
 * @since 0.1.0
 */
export const makeApp = (
  options: Options = {}
): Effect.Effect<HttpApp.Default<DropConnection, SandboxState | SandboxAuth.SandboxAuth>> =>
  Effect.gen(function*() {
    const config = Config.resolve(options)
    // Built once: `toHttpApp` compiles the route table.
    const oauth = HttpRouter.concat(router, routesBeside(options.routes))
    const all = options.routes === undefined ? oauth : HttpRouter.concat(oauth, options.routes)
    const routes = (yield* HttpRouter.toHttpApp(all)).pipe(
      Effect.catchTag("RouteNotFound", (e) =>
        Effect.succeed(Render.error({ version: /^\/api\/([^/?]+)\//.exec(e.request.url)?.[1] ?? "" }, notFound("Route"))))
    )
    return gate(routes).pipe(Effect.provideService(Config.SandboxConfig, config))
  })

/**
 * The state, the OAuth authorization server and the credential check (the fixed keys and tokens, plus the access
 * tokens the authorization server issued), and the webhook subscriptions and deliveries, built from the options.
 *
 * @since 0.1.0
 */
export const layerState = (
  options: Options = {}
): Layer.Layer<SandboxState | SandboxAuth.SandboxAuth | SandboxOAuth | SandboxWebhooks> =>
  Layer.mergeAll(
    SandboxWebhooks.layer(options.webhooks),
    SandboxState.layer({
      bigIds: options.bigIds,
      seed: { seed: options.seed, candidates: options.size, jobPostings: options.jobPostings, now: options.now }
    }),
    SandboxOAuth.layerAuth({ apiKeys: options.apiKeys, tokens: options.tokens }).pipe(
      Layer.provideMerge(SandboxOAuth.layer(options.oauth))
    )
  )

const credentials = (options: Options) => ({
  apiKey: options.apiKeys?.[0] ?? SandboxAuth.defaultApiKey,
  token: options.tokens?.[0] ?? SandboxAuth.defaultToken
})

/**
 * Serves the sandbox over HTTP with Node, on the state and auth in context (and its `SandboxOAuth`, if any), for
 * as long as the layer's scope lives. A dropped-connection fault destroys the socket.
 *
 * Needs the optional peer dependency `@effect/platform-node`, loaded only when this layer is built: without it the
 * layer fails with a `ServeError` saying so, and the in-process sandbox (`layerClient`) never needs it.
 *
 * @since 0.1.0
 */
export const serve = (
  options: ServerOptions = {}
): Layer.Layer<SandboxServer, ServeError, SandboxState | SandboxAuth.SandboxAuth> => {
  const served = (node: NodeServer.Modules) =>
    Layer.unwrapEffect(Effect.map(makeApp(options), (app) =>
      HttpServer.serve(
        Effect.catchTag(app, "DropConnection", () =>
          Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
            // Destroying the socket is what a crashed backend or a cut network looks like to the client.
            node.NodeHttpServerRequest.toServerResponse(request).socket?.destroy()
            return HttpServerResponse.empty()
          }))
      )))
  const url = Layer.effect(
    SandboxServer,
    HttpServer.addressWith((address) =>
      Effect.succeed({
        url: address._tag === "TcpAddress" ? `http://${address.hostname}:${address.port}` : `http://unix:${address.path}`,
        ...credentials(options)
      })
    )
  )
  return Layer.unwrapEffect(Effect.map(NodeServer.load, (node) =>
    Layer.merge(served(node), url).pipe(
      Layer.provide(
        node.NodeHttpServer.layer(node.createServer, { port: options.port ?? 0, host: options.host ?? "127.0.0.1" })
      )
    )))
}

/**
 * A sandbox served over HTTP on 127.0.0.1 (a free port unless `port` is given), with its own state: the URL is in
 * `SandboxServer`, the records in `SandboxState`, the OAuth authorization server in `SandboxOAuth`. The server stops
 * when the layer's scope closes.
 *
 * @since 0.1.0
 */
export const layerServer = (
  options: ServerOptions = {}
): Layer.Layer<SandboxServer | SandboxState | SandboxAuth.SandboxAuth | SandboxOAuth | SandboxWebhooks, ServeError> =>
  serve(options).pipe(Layer.provideMerge(layerState(options)))

/**
 * An in-process `HttpClient` answering from the sandbox app on the state and auth in context (and its `SandboxOAuth`,
 * if any), without a socket.
 * `SandboxServer.url` is `http://localhost`: the client ignores the host, and `localhost` is a host the SDK's client
 * accepts over plain http.
 *
 * @since 0.1.0
 */
export const client = (
  options: Options = {}
): Layer.Layer<HttpClient.HttpClient | SandboxServer, never, SandboxState | SandboxAuth.SandboxAuth> =>
  Layer.merge(
    Layer.effect(
      HttpClient.HttpClient,
      Effect.flatMap(makeApp(options), InProcess.make)
    ),
    Layer.succeed(SandboxServer, { url: inProcessUrl, ...credentials(options) })
  )

/**
 * A sandbox with its own state, reached through an in-process `HttpClient` (no socket): the fastest way to test
 * code that takes an `HttpClient`.
 *
 * @since 0.1.0
 */
export const layerClient = (
  options: Options = {}
): Layer.Layer<
  HttpClient.HttpClient | SandboxServer | SandboxState | SandboxAuth.SandboxAuth | SandboxOAuth | SandboxWebhooks
> =>
  client(options).pipe(Layer.provideMerge(layerState(options)))
