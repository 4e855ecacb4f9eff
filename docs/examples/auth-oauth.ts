import { FetchHttpClient } from "@effect/platform"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// A JSON file (Node, Bun, Deno): mode 0600, atomic saves, and a lock file so that several processes sharing it
// refresh one at a time.
const store = FileTokenStore.make("factorial-tokens.json")

// From a refresh token (and, optionally, the access token that came with it). Each rotation is saved to the
// store before the new access token is used.
const fromRefreshToken = Effect.gen(function*() {
  return yield* FactorialAuth.oauth({
    clientId: yield* Config.string("FACTORIAL_CLIENT_ID"),
    clientSecret: yield* Config.redacted("FACTORIAL_CLIENT_SECRET"),
    refreshToken: yield* Config.redacted("FACTORIAL_REFRESH_TOKEN"),
    store
  })
})

// From what the login example (or a previous run) saved: client id, secret and tokens, in one call.
const fromFile = FactorialAuth.oauthFromStore(store)

// The auth needs an `HttpClient` for the token endpoint, so the client layer is built from an Effect.
export const FactorialLive = fromFile.pipe(
  // Nothing saved yet: start from the refresh token in the environment.
  Effect.catchIf(
    (error) => error._tag === "AuthError" && error.reason === "MissingCredentials",
    () => fromRefreshToken
  ),
  Effect.map((auth) => FactorialClient.layer({ auth })),
  Layer.unwrapEffect,
  Layer.provide(FetchHttpClient.layer)
)

// Against the sandbox (or a proxy): give the token endpoint the same base URL as the client.
const sandboxUrl = "http://127.0.0.1:4010"

export const SandboxLive = FactorialAuth.oauth({
  clientId: "sandbox-client",
  clientSecret: "sandbox-secret",
  refreshToken: "sandbox-refresh-token",
  baseUrl: sandboxUrl,
  refreshMargin: "10 seconds"
}).pipe(
  Effect.map((auth) => FactorialClient.layer({ auth, baseUrl: sandboxUrl })),
  Layer.unwrapEffect,
  Layer.provide(FetchHttpClient.layer)
)
