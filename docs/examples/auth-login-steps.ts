import { FetchHttpClient } from "@effect/platform"
import { OAuth, StoredTokens, TokenStore } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const application = {
  clientId: "your-client-id",
  clientSecret: Redacted.make("your-client-secret"),
  redirectUri: "http://127.0.0.1:8400/callback"
}

// 1. Send the user to this page. Keep `state` to compare it with the one that comes back.
export const loginPage = (state: string) =>
  OAuth.authorizationUrl({
    clientId: application.clientId,
    redirectUri: application.redirectUri,
    scope: OAuth.atsScope,
    state
  })

// 2. On the callback (after checking `state`), exchange the code once and save the tokens.
export const completeLogin = (code: string) =>
  Effect.gen(function*() {
    const tokens = yield* OAuth.exchangeCode({ ...application, code: Redacted.make(code) })
    const stored = yield* StoredTokens.fromResponse(tokens, application)
    yield* TokenStore.file("factorial-tokens.json").save(stored)
  }).pipe(Effect.provide(FetchHttpClient.layer))

// When the user disconnects the integration: revoke the refresh token (its access tokens go with it).
export const disconnect = (refreshToken: Redacted.Redacted<string>) =>
  OAuth.revoke({ ...application, token: refreshToken, tokenTypeHint: "refresh_token" }).pipe(
    Effect.provide(FetchHttpClient.layer)
  )
