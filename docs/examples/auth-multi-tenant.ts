import { OAuth, StoredTokens } from "@effect-factorial/core"
import { FactorialTenants, SqlTokenStore } from "@effect-factorial/scale"
import { FetchHttpClient } from "@effect/platform"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const application = {
  clientId: "your-client-id",
  clientSecret: Redacted.make("your-client-secret"),
  redirectUri: "https://integration.example.com/factorial/callback"
}

// The login callback of a company installing the integration: `tenant` is your key for that company (from the
// session of the admin who started the login). Its tokens become its row; every replica serves it from there.
export const completeInstallation = (
  tenant: string,
  pending: OAuth.AuthorizationRequest,
  code: Redacted.Redacted<string>
) =>
  Effect.gen(function*() {
    const tokens = yield* OAuth.exchangeCode({ ...application, code, codeVerifier: pending.codeVerifier })
    const store = yield* SqlTokenStore
    yield* store.forTenant(tenant).save(yield* StoredTokens.fromResponse(tokens, application))
    // A client cached from an earlier installation of the same company is dropped.
    yield* Effect.flatMap(FactorialTenants, (tenants) => tenants.invalidate(tenant))
  }).pipe(Effect.provide(FetchHttpClient.layer))

// The company uninstalls: revoke its grant and delete its row.
export const uninstall = (tenant: string) =>
  Effect.gen(function*() {
    const store = yield* SqlTokenStore
    const saved = yield* store.forTenant(tenant).load
    if (saved._tag === "Some") {
      yield* OAuth.revoke({ ...application, token: saved.value.refreshToken, tokenTypeHint: "refresh_token" })
    }
    yield* store.remove(tenant)
    yield* Effect.flatMap(FactorialTenants, (tenants) => tenants.invalidate(tenant))
  }).pipe(Effect.provide(FetchHttpClient.layer))
