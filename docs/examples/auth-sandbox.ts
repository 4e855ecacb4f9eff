// The whole OAuth flow against the sandbox: no browser, no Factorial account. Run it with `pnpm exec tsx`.
import { Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient, OAuth, StoredTokens } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import { Sandbox, SandboxOAuth, SandboxServer } from "@effect-factorial/sandbox"
import { FetchHttpClient, HttpClient } from "@effect/platform"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// The sandbox's default application (`--client-id` / `--client-secret` with `pnpm sandbox`).
const application = { clientId: SandboxOAuth.defaultClientId, clientSecret: SandboxOAuth.defaultClientSecret }
const redirectUri = "http://127.0.0.1:8400/callback"

// The login of `examples/oauth-login.ts`, minus the browser: the sandbox approves at once, so its authorization
// page answers a redirect to `redirectUri` whose `location` carries the code and the state. The sandbox checks the
// PKCE verifier against the challenge, as Factorial does.
export const login = (tokenFile: string) =>
  Effect.gen(function*() {
    const baseUrl = (yield* SandboxServer).url
    const request = yield* OAuth.authorizationUrl({ ...application, redirectUri, scope: OAuth.atsScope, baseUrl })
    const redirect = yield* HttpClient.get(request.url).pipe(
      Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" })
    )
    const callback = new URL(redirect.headers["location"] ?? "", redirectUri)
    if (!OAuth.verifyState(request.state, callback.searchParams.get("state"))) {
      return yield* Effect.dieMessage("state mismatch")
    }
    const code = callback.searchParams.get("code") ?? ""
    const tokens = yield* OAuth.exchangeCode({
      ...application,
      baseUrl,
      redirectUri,
      code,
      codeVerifier: request.codeVerifier
    })
    yield* FileTokenStore.make(tokenFile).save(yield* StoredTokens.fromResponse(tokens, { ...application, baseUrl }))
  })

// An integration resuming from the file: it refreshes the access token when it runs out (every minute here) and
// writes each rotated refresh token back to the file first.
export const firstCandidates = (tokenFile: string) =>
  Effect.gen(function*() {
    const auth = yield* FactorialAuth.oauthFromStore(FileTokenStore.make(tokenFile))
    const client = FactorialClient.layer({ baseUrl: (yield* SandboxServer).url, auth })
    return yield* Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 5 })).pipe(
      Effect.provide(Candidates.layer.pipe(Layer.provide(client)))
    )
  })

// A sandbox on 127.0.0.1 whose access tokens last one minute, for as long as the program runs.
export const program = Effect.gen(function*() {
  yield* login("sandbox-tokens.json")
  return yield* firstCandidates("sandbox-tokens.json")
}).pipe(
  Effect.provide(Layer.merge(
    Sandbox.layerServer({ oauth: { accessTokenLifetime: "1 minute" } }),
    FetchHttpClient.layer
  ))
)
