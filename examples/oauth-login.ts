/**
 * Authorizes this program with Factorial (the OAuth2 authorization-code flow) and saves the tokens to a file
 * that `FactorialAuth.oauthFromStore(FileTokenStore.make(...))` resumes from.
 *
 *   FACTORIAL_CLIENT_ID=... FACTORIAL_CLIENT_SECRET=... pnpm exec tsx examples/oauth-login.ts
 *
 * Optional: FACTORIAL_REDIRECT_URI (default http://127.0.0.1:8400/callback; it must be one of the application's
 * redirect URIs and point at this machine), FACTORIAL_BASE_URL, FACTORIAL_SCOPE (default `recruitment`),
 * FACTORIAL_TOKEN_FILE (default factorial-tokens.json).
 */
import { FetchHttpClient } from "@effect/platform"
import { OAuth, StoredTokens } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import { createServer } from "node:http"

class LoginError extends Data.TaggedError("LoginError")<{ readonly message: string }> {}

const settings = Config.all({
  clientId: Config.string("FACTORIAL_CLIENT_ID"),
  clientSecret: Config.redacted("FACTORIAL_CLIENT_SECRET"),
  redirectUri: Config.string("FACTORIAL_REDIRECT_URI").pipe(Config.withDefault("http://127.0.0.1:8400/callback")),
  baseUrl: Config.string("FACTORIAL_BASE_URL").pipe(Config.withDefault("https://api.factorialhr.com")),
  scope: Config.string("FACTORIAL_SCOPE").pipe(Config.withDefault(OAuth.atsScope)),
  tokenFile: Config.string("FACTORIAL_TOKEN_FILE").pipe(Config.withDefault("factorial-tokens.json"))
})

/** Serves one request to the redirect URI on 127.0.0.1 and answers its query parameters. */
const awaitCallback = (redirectUri: URL) =>
  Effect.async<URLSearchParams, LoginError>((resume) => {
    let done = false
    const finish = (result: Effect.Effect<URLSearchParams, LoginError>) => {
      if (done) return
      done = true
      server.close()
      resume(result)
    }
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", redirectUri)
      if (url.pathname !== redirectUri.pathname) {
        response.writeHead(404).end()
        return
      }
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8", connection: "close" })
      response.end("Done: you can close this tab and go back to the terminal.")
      finish(Effect.succeed(url.searchParams))
    })
    server.on("error", (error) => finish(Effect.fail(new LoginError({ message: `callback server: ${error.message}` }))))
    server.listen(Number(redirectUri.port || 80), "127.0.0.1")
    return Effect.sync(() => server.close())
  })

const login = Effect.gen(function*() {
  const config = yield* settings
  const redirect = new URL(config.redirectUri)
  if (redirect.protocol !== "http:" || !["127.0.0.1", "localhost"].includes(redirect.hostname)) {
    return yield* new LoginError({ message: "FACTORIAL_REDIRECT_URI must be http://127.0.0.1:<port>/<path>" })
  }
  // A random `state` (compared on the way back: a callback without it was not started here) and a PKCE verifier
  // (whoever intercepts the code cannot exchange it without it). Both stay in this process.
  const request = yield* OAuth.authorizationUrl({
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scope: config.scope,
    baseUrl: config.baseUrl
  })
  yield* Console.log(`Open this page in a browser and authorize the application:\n\n  ${request.url}\n`)
  yield* Console.log(`Waiting for Factorial to redirect to ${config.redirectUri} ...`)

  const callback = yield* awaitCallback(redirect).pipe(
    Effect.timeoutFail({
      duration: "10 minutes",
      onTimeout: () => new LoginError({ message: "no callback within 10 minutes" })
    })
  )
  if (!OAuth.verifyState(request.state, callback.get("state"))) {
    return yield* new LoginError({ message: "the callback's state does not match: ignoring it" })
  }
  const code = callback.get("code")
  if (code === null) {
    return yield* new LoginError({ message: `authorization refused: ${callback.get("error") ?? "no code"}` })
  }

  const application = { clientId: config.clientId, clientSecret: config.clientSecret, baseUrl: config.baseUrl }
  const tokens = yield* OAuth.exchangeCode({
    ...application,
    code: Redacted.make(code),
    redirectUri: config.redirectUri,
    codeVerifier: request.codeVerifier
  })
  yield* FileTokenStore.make(config.tokenFile).save(yield* StoredTokens.fromResponse(tokens, application))
  yield* Console.log(`Saved the tokens to ${config.tokenFile} (readable by you only). Scope: ${tokens.scope ?? "?"}`)
})

Effect.runPromiseExit(login.pipe(Effect.provide(FetchHttpClient.layer))).then((exit) => {
  if (Exit.isFailure(exit)) {
    console.error(Cause.pretty(exit.cause))
    process.exitCode = 1
  }
})
