/**
 * The client every resource service uses: base URL and API version, authentication, retries, rate limit,
 * timeout and error mapping, over any `HttpClient`.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { flow, identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as FactorialAuth from "./FactorialAuth.js"
import type { FactorialRequestError } from "./FactorialError.js"
import type { FactorialRequest } from "./FactorialRequest.js"
import { makeExecute, requestUrl } from "./internal/execute.js"
import * as HeaderValue from "./internal/headerValue.js"
import { noFollow } from "./internal/redirects.js"
import * as Options from "./internal/options.js"
import * as RateLimiterInternal from "./internal/rateLimiter.js"
import * as Retry from "./internal/retry.js"
import { RateLimiter, type RateLimitOptions } from "./RateLimit.js"
import { defaultDeadline, type RetryBudgetOptions, type RetryOptions } from "./Retry.js"

/**
 * The production API host.
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.factorialhr.com"

/**
 * The API version used when none is configured. Pin it: Factorial serves a retired version with the oldest
 * supported schema, silently.
 *
 * @since 0.1.0
 */
export const defaultApiVersion = "2026-07-01"

/**
 * The per-attempt timeout used when none is configured.
 *
 * @since 0.1.0
 */
export const defaultTimeout: Duration.DurationInput = "30 seconds"

/**
 * The largest 2xx body read when none is configured: 32 MiB (a page of 100 candidates is well under 1 MiB).
 *
 * @since 0.2.0
 */
export const defaultMaxBodyBytes = 32 * 1024 * 1024

/**
 * How much of an error body is read when nothing is configured: 64 KiB.
 *
 * @since 0.2.0
 */
export const defaultMaxErrorBodyBytes = 64 * 1024

/**
 * The Factorial API client service.
 *
 * @example
 * ```ts
 * import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* FactorialClient
 *   return yield* client.raw({ method: "GET", path: ["ats", "job_postings"], query: { limit: 10 } })
 * }).pipe(
 *   Effect.provide(FactorialClient.layer({ auth: FactorialAuth.apiKey("my-api-key") })),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 */
export class FactorialClient extends Context.Tag("@effect-factorial/core/FactorialClient")<
  FactorialClient,
  FactorialClient.Service
>() {
  /**
   * Builds the service. Fails with a `ConfigError` when an option is invalid (API version, base URL, plain
   * http to a remote host, timeout, retry or rate-limit settings).
   *
   * @since 0.1.0
   */
  static readonly make = (
    options: FactorialClient.Options
  ): Effect.Effect<FactorialClient.Service, ConfigError.ConfigError, HttpClient.HttpClient> => make(options)

  /**
   * The client as a layer, from options.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: FactorialClient.Options
  ): Layer.Layer<FactorialClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(FactorialClient, make(options))

  /**
   * The client as a layer, from `Config`. Without an argument it reads `FACTORIAL_API_KEY` (or
   * `FACTORIAL_TOKEN`), `FACTORIAL_BASE_URL` and `FACTORIAL_API_VERSION`.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config?: Config.Config.Wrap<FactorialClient.Options>
  ): Layer.Layer<FactorialClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(
      FactorialClient,
      Effect.flatMap(config === undefined ? fromEnvironment : Config.unwrap(config), make)
    )
}

/**
 * Types of the `FactorialClient` service.
 *
 * @since 0.1.0
 */
export declare namespace FactorialClient {
  /**
   * What the client offers to resource services and users.
   *
   * @since 0.1.0
   */
  export interface Service {
    /** The base URL requests go to, without a trailing slash. */
    readonly baseUrl: string
    /** The API version in every path, `YYYY-MM-DD`. */
    readonly apiVersion: string
    /** Sends a request and decodes the 2xx body with `schema`. */
    readonly execute: <A, I, R>(
      request: FactorialRequest,
      schema: Schema.Schema<A, I, R>
    ) => Effect.Effect<A, FactorialRequestError, R>
    /** Sends a request and answers the parsed JSON body as is: the escape hatch for unwrapped endpoints. */
    readonly raw: (request: FactorialRequest) => Effect.Effect<unknown, FactorialRequestError>
    /** The URL of a request as errors show it (query included, no credentials). */
    readonly url: (request: FactorialRequest) => string
  }

  /**
   * How to build a client.
   *
   * @since 0.1.0
   */
  export interface Options {
    /** How requests authenticate: `FactorialAuth.apiKey(...)` or `FactorialAuth.accessToken(...)`. */
    readonly auth: FactorialAuth.FactorialAuth
    /** Default `https://api.factorialhr.com`. */
    readonly baseUrl?: string | undefined
    /** `YYYY-MM-DD`; default `"2026-07-01"`. */
    readonly apiVersion?: string | undefined
    /** The retry policy, or `false` for none. Default: 2 retries, backoff from 500 ms to 8 s. */
    readonly retry?: RetryOptions | false | undefined
    /** The timeout of each attempt. Default 30 seconds. */
    readonly timeout?: Duration.DurationInput | undefined
    /**
     * The most one call may take from its first send: attempts, backoffs, `Retry-After` waits and the 429 gate.
     * A retry whose wait would end past it is not made. Default 2 minutes; `false` for none.
     */
    readonly deadline?: Duration.DurationInput | false | undefined
    /** The client-wide retry budget (see `RetryBudgetOptions`), or `false` for none. Default `defaultRetryBudget`. */
    readonly retryBudget?: RetryBudgetOptions | false | undefined
    /**
     * The client-side rate limit, or `false` for none. Default: 200 POST per minute. Ignored when a `RateLimiter`
     * is provided in context (it is shared, with its own budgets).
     */
    readonly rateLimit?: RateLimitOptions | false | undefined
    /** Customises the underlying `HttpClient` (logging, proxies, extra headers...). */
    readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
    /** Appended to the `user-agent` header, e.g. `"my-app/1.2"`. */
    readonly userAgent?: string | undefined
    /** Whether to send the trace context (`traceparent`, `b3`) to Factorial. Default `false`. */
    readonly tracePropagation?: boolean | undefined
    /**
     * The most a 2xx body may hold, in bytes, counted after decompression. Past it the call fails with
     * `DecodeError` (`reason: "TooLarge"`, not retried) and the rest is not read. Default 32 MiB.
     */
    readonly maxBodyBytes?: number | undefined
    /** How much of an error response's body is read, in bytes; the rest is not read. Default 64 KiB. */
    readonly maxErrorBodyBytes?: number | undefined
    /**
     * UNSAFE, for local debugging only: errors keep the first 500 characters of the body in `bodyPreview` (and
     * in their message). Bodies hold personal data and may hold secrets (webhook challenges, tokens): never turn
     * this on where errors are logged or reported. Default `false`: no error holds any body text.
     */
    readonly debugBodies?: boolean | undefined
  }
}

const make = (
  options: FactorialClient.Options
): Effect.Effect<FactorialClient.Service, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const settings = yield* Either.all({
      baseUrl: Options.checkBaseUrl(["baseUrl"], options.baseUrl ?? defaultBaseUrl),
      apiVersion: Options.checkApiVersion(["apiVersion"], options.apiVersion ?? defaultApiVersion),
      timeout: Options.checkTimeout(options.timeout ?? defaultTimeout),
      retry: Options.checkRetry(options.retry),
      budgets: Options.checkRateLimit(options.rateLimit),
      maxBodyBytes: Options.checkByteLimit("maxBodyBytes", options.maxBodyBytes ?? defaultMaxBodyBytes),
      maxErrorBodyBytes: Options.checkByteLimit("maxErrorBodyBytes", options.maxErrorBodyBytes ?? defaultMaxErrorBodyBytes),
      retryBudget: Options.checkRetryBudget(options.retryBudget),
      deadline: options.deadline === false
        ? Either.right(undefined)
        : Options.checkDuration(["deadline"], options.deadline ?? defaultDeadline)
    })
    // A limiter provided in context is shared with other clients (one budget, one 429 gate); else our own.
    const shared = yield* Effect.serviceOption(RateLimiter)
    const userAgent = yield* Options.checkUserAgent(options.userAgent)
    const http = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest(flow(HttpClientRequest.acceptJson, HttpClientRequest.setHeader("user-agent", userAgent))),
      options.transformClient ?? identity,
      // Trace context is for our own services; a third-party API has no use for it unless asked.
      HttpClient.withTracerPropagation(options.tracePropagation ?? false),
      // Every request carries credentials: a redirect is answered to the caller, never followed.
      noFollow
    )
    const resourcesUrl = `${settings.baseUrl}/api/${settings.apiVersion}/resources/`
    const execute = makeExecute({
      http,
      resourcesUrl,
      auth: options.auth,
      retry: settings.retry,
      timeout: settings.timeout,
      limiter: Option.isSome(shared) ? shared.value : yield* RateLimiterInternal.memory(settings.budgets),
      budget: yield* Retry.makeBudget(settings.retryBudget),
      deadline: settings.deadline,
      maxBodyBytes: settings.maxBodyBytes,
      maxErrorBodyBytes: settings.maxErrorBodyBytes,
      debugBodies: options.debugBodies === true
    })
    return FactorialClient.of({
      baseUrl: settings.baseUrl,
      apiVersion: settings.apiVersion,
      execute,
      raw: (request) => execute(request, Schema.Unknown),
      url: (request) => requestUrl(resourcesUrl, request)
    })
  })

const nonEmpty = <A extends string | Redacted.Redacted<string>>(
  value: Option.Option<A>,
  read: (a: A) => string
): Option.Option<A> => Option.filter(value, (a) => read(a).trim() !== "")

const fromEnvironment: Config.Config<FactorialClient.Options> = Config.all({
  apiKey: Config.option(Config.redacted("FACTORIAL_API_KEY")),
  token: Config.option(Config.redacted("FACTORIAL_TOKEN")),
  baseUrl: Config.option(Config.string("FACTORIAL_BASE_URL")),
  apiVersion: Config.option(Config.string("FACTORIAL_API_VERSION"))
}).pipe(
  Config.mapOrFail((env): Either.Either<FactorialClient.Options, ConfigError.ConfigError> => {
    const apiKey = nonEmpty(env.apiKey, Redacted.value)
    const token = nonEmpty(env.token, Redacted.value)
    if (Option.isSome(apiKey) && Option.isSome(token)) {
      return Either.left(ConfigError.InvalidData(
        ["FACTORIAL_API_KEY"],
        "Both FACTORIAL_API_KEY and FACTORIAL_TOKEN are set; set only one of them"
      ))
    }
    // A credential a header cannot carry fails the layer, naming the variable (never showing the value).
    const [variable, description, secret] = Option.isSome(apiKey)
      ? ["FACTORIAL_API_KEY", "API key", apiKey]
      : ["FACTORIAL_TOKEN", "access token", token]
    const invalid = Option.flatMap(
      secret,
      (value) =>
        Option.fromNullable(HeaderValue.checkCredential(description, HeaderValue.trimFinalNewline(Redacted.value(value))))
    )
    if (Option.isSome(invalid)) {
      return Either.left(ConfigError.InvalidData([variable], `${variable}: ${invalid.value.message}`))
    }
    const auth = Option.isSome(apiKey)
      ? Option.some(FactorialAuth.apiKey(apiKey.value))
      : Option.map(token, FactorialAuth.accessToken)
    if (Option.isNone(auth)) {
      return Either.left(ConfigError.MissingData(
        ["FACTORIAL_API_KEY"],
        "No Factorial credentials found: set FACTORIAL_API_KEY (an API key) or FACTORIAL_TOKEN (an OAuth access token)"
      ))
    }
    const baseUrl = nonEmpty(env.baseUrl, identity)
    const apiVersion = nonEmpty(env.apiVersion, identity)
    return Either.all({
      baseUrl: Option.match(baseUrl, {
        onNone: () => Either.right(defaultBaseUrl),
        onSome: (url) => Options.checkBaseUrl(["FACTORIAL_BASE_URL"], url)
      }),
      apiVersion: Option.match(apiVersion, {
        onNone: () => Either.right(defaultApiVersion),
        onSome: (version) => Options.checkApiVersion(["FACTORIAL_API_VERSION"], version)
      })
    }).pipe(Either.map((settings) => ({ auth: auth.value, ...settings })))
  })
)
