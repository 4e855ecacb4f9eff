// In a test: tokens minted without a login, expired with the TestClock, and the refreshes counted by the sandbox.
import { Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Sandbox, SandboxOAuth, SandboxServer } from "@effect-factorial/sandbox"
import { FetchHttpClient } from "@effect/platform"
import { expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"

it.effect("requests made after the access token expired refresh it once", () =>
  Effect.gen(function*() {
    const oauth = yield* SandboxOAuth
    const baseUrl = (yield* SandboxServer).url
    // The tokens of a finished login, as `POST /oauth/token` would answer them.
    const tokens = yield* oauth.issueTokens()
    const auth = yield* FactorialAuth.oauth({
      clientId: SandboxOAuth.defaultClientId,
      clientSecret: SandboxOAuth.defaultClientSecret,
      baseUrl,
      refreshToken: tokens.refresh_token,
      accessToken: tokens.access_token,
      expiresAt: (tokens.created_at + (tokens.expires_in ?? 0)) * 1000
    })
    // Both the SDK and the sandbox read the test's clock: an hour later the token is expired for both.
    yield* TestClock.adjust("1 hour")
    const list = Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 1 }))
    yield* Effect.all(Array.from({ length: 10 }, () => list), { concurrency: "unbounded" }).pipe(
      Effect.provide(Candidates.layer.pipe(Layer.provide(FactorialClient.layer({ baseUrl, auth }))))
    )
    const refreshes = (yield* oauth.calls).filter((call) => call.grantType === "refresh_token")
    expect(refreshes.map((call) => call.status)).toEqual([200])
  }).pipe(
    // Built inside the test, so the server's clock is the test's.
    Effect.provide(Layer.merge(Sandbox.layerServer(), FetchHttpClient.layer))
  ))
