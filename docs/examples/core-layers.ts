import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as Config from "effect/Config"
import * as Redacted from "effect/Redacted"

// An API key, sent as the `x-api-key` header. Pin the API version you developed against.
export const WithApiKey = FactorialClient.layer({
  auth: FactorialAuth.apiKey(Redacted.make("your-api-key")),
  apiVersion: "2026-07-01"
})

// An OAuth access token, sent as `Authorization: Bearer <token>`, against the demo environment.
export const WithAccessToken = FactorialClient.layer({
  auth: FactorialAuth.accessToken(Redacted.make("your-access-token")),
  baseUrl: "https://api.eu2.demo.factorial.dev"
})

// From the environment: FACTORIAL_API_KEY (or FACTORIAL_TOKEN), FACTORIAL_BASE_URL, FACTORIAL_API_VERSION.
export const FromEnvironment = FactorialClient.layerConfig()

// From your own configuration keys; anything left out takes its default.
export const FromOwnConfig = FactorialClient.layerConfig({
  auth: Config.redacted("MY_APP_FACTORIAL_KEY").pipe(Config.map(FactorialAuth.apiKey)),
  apiVersion: Config.string("MY_APP_FACTORIAL_VERSION").pipe(Config.withDefault("2026-07-01"))
})
