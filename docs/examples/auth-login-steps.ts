import { FetchHttpClient } from "@effect/platform"
import { OAuth, StoredTokens } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

const application = {
  clientId: "your-client-id",
  clientSecret: Redacted.make("your-client-secret"),
  redirectUri: "http://127.0.0.1:8400/callback"
}

export class LoginRefused extends Schema.TaggedError<LoginRefused>()("LoginRefused", {
  reason: Schema.String
}) {}

// 1. The page to send the user to, with a random `state` and a PKCE challenge. Keep `state` and `codeVerifier`
//    server-side (in the user's session) until the callback; never put the verifier in a cookie or a URL.
export const loginPage = OAuth.authorizationUrl({
  clientId: application.clientId,
  redirectUri: application.redirectUri,
  scope: OAuth.atsScope
})

// 2. On the callback: check the state (constant time), then exchange the code (it works once) with the verifier.
export const completeLogin = (pending: OAuth.AuthorizationRequest, callback: URLSearchParams) =>
  Effect.gen(function*() {
    if (!OAuth.verifyState(pending.state, callback.get("state"))) {
      return yield* new LoginRefused({ reason: "the state does not match: this login was not started here" })
    }
    const code = callback.get("code")
    if (code === null) return yield* new LoginRefused({ reason: callback.get("error") ?? "no code" })
    const tokens = yield* OAuth.exchangeCode({
      ...application,
      code: Redacted.make(code),
      codeVerifier: pending.codeVerifier
    })
    const stored = yield* StoredTokens.fromResponse(tokens, application)
    yield* FileTokenStore.make("factorial-tokens.json").save(stored)
  }).pipe(Effect.provide(FetchHttpClient.layer))

// When the user disconnects the integration: revoke the refresh token (its access tokens go with it).
export const disconnect = (refreshToken: Redacted.Redacted<string>) =>
  OAuth.revoke({ ...application, token: refreshToken, tokenTypeHint: "refresh_token" }).pipe(
    Effect.provide(FetchHttpClient.layer)
  )
