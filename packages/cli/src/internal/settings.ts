/**
 * The options every API command takes, and the `FactorialClient` they select: the in-process sandbox, OAuth
 * tokens from a store, or the same environment variables as `FactorialClient.layerConfig()`.
 */
import * as Options from "@effect/cli/Options"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import { Sandbox, SandboxServer } from "@effect-factorial/sandbox"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/** The options shared by every command that talks to the API. */
export const global = {
  sandbox: Options.boolean("sandbox").pipe(
    Options.withDescription("Run against an in-process sandbox (seeded fake data, no network, no credentials).")
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withDescription("The API host (default FACTORIAL_BASE_URL, else https://api.factorialhr.com)."),
    Options.optional
  ),
  apiVersion: Options.text("api-version").pipe(
    Options.withDescription("The API version, YYYY-MM-DD (default FACTORIAL_API_VERSION, else the SDK's pinned one)."),
    Options.optional
  ),
  store: Options.text("store").pipe(
    Options.withDescription(
      "A token file written by `factorial-ats login`: authenticate with its OAuth tokens (default FACTORIAL_TOKEN_FILE)."
    ),
    Options.withFallbackConfig(Config.string("FACTORIAL_TOKEN_FILE")),
    Options.optional
  ),
  verbose: Options.boolean("verbose").pipe(
    Options.withDescription("On failure, print the whole cause (spans included) after the one-line error.")
  )
}

/** The parsed global options. */
export interface Global {
  readonly sandbox: boolean
  readonly baseUrl: Option.Option<string>
  readonly apiVersion: Option.Option<string>
  readonly store: Option.Option<string>
  readonly verbose: boolean
}

const overrides = (settings: Global): ConfigProvider.ConfigProvider => {
  const values = new Map<string, string>()
  if (Option.isSome(settings.baseUrl)) values.set("FACTORIAL_BASE_URL", settings.baseUrl.value)
  if (Option.isSome(settings.apiVersion)) values.set("FACTORIAL_API_VERSION", settings.apiVersion.value)
  return ConfigProvider.fromMap(values).pipe(ConfigProvider.orElse(() => ConfigProvider.fromEnv()))
}

/** The in-process sandbox, and a client that talks to it. */
export const sandboxClient = (
  settings: Global
): Layer.Layer<FactorialClient | HttpClient.HttpClient | SandboxServer, unknown> =>
  Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
    FactorialClient.layer({
      auth: FactorialAuth.apiKey(server.apiKey),
      baseUrl: server.url,
      apiVersion: Option.getOrUndefined(settings.apiVersion)
    }))).pipe(Layer.provideMerge(Sandbox.layerClient()))

const storeClient = (settings: Global, path: string) =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const store = FileTokenStore.make(path)
    const env = yield* Config.all({
      baseUrl: Config.option(Config.string("FACTORIAL_BASE_URL")),
      apiVersion: Config.option(Config.string("FACTORIAL_API_VERSION"))
    })
    const saved = yield* store.load
    const baseUrl = Option.getOrUndefined(Option.orElse(
      Option.orElse(settings.baseUrl, () => env.baseUrl),
      () => Option.flatMap(saved, (tokens) => Option.fromNullable(tokens.baseUrl))
    ))
    const auth = yield* FactorialAuth.oauthFromStore(store, { baseUrl })
    return FactorialClient.layer({
      auth,
      baseUrl,
      apiVersion: Option.getOrUndefined(Option.orElse(settings.apiVersion, () => env.apiVersion))
    })
  }))

/** The client the global options select, over `fetch` unless it is the sandbox. */
export const client = (settings: Global): Layer.Layer<FactorialClient | HttpClient.HttpClient, unknown> => {
  if (settings.sandbox) return sandboxClient(settings)
  const live = Option.isSome(settings.store)
    ? storeClient(settings, settings.store.value)
    : FactorialClient.layerConfig().pipe(Layer.provide(Layer.setConfigProvider(overrides(settings))))
  return live.pipe(Layer.provideMerge(FetchHttpClient.layer))
}

/** Runs a command's effect on the client the global options select. */
export const provide = <A, E, R extends FactorialClient | HttpClient.HttpClient>(
  settings: Global,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, unknown, Exclude<R, FactorialClient | HttpClient.HttpClient>> =>
  Effect.provide(effect, client(settings))
