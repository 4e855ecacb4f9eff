/**
 * `factorial-ats login` (the OAuth authorization-code flow with PKCE and state, a callback on 127.0.0.1, tokens
 * saved to a token file) and `logout` (revoke, then delete the file).
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { OAuth, StoredTokens } from "@effect-factorial/core"
import { FileTokenStore } from "@effect-factorial/core/node"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { LoginError } from "./errors.js"
import * as Output from "./output.js"

/** The token file when neither `--store` nor `FACTORIAL_TOKEN_FILE` names one. */
export const defaultStore = "factorial-tokens.json"

const store = Options.text("store").pipe(
  Options.withDescription(`The token file (default FACTORIAL_TOKEN_FILE, else ${defaultStore}); written with mode 0600.`),
  Options.withFallbackConfig(Config.string("FACTORIAL_TOKEN_FILE")),
  Options.withDefault(defaultStore)
)

const baseUrl = Options.text("base-url").pipe(
  Options.withDescription("The authorization server (default FACTORIAL_BASE_URL, else https://api.factorialhr.com)."),
  Options.withFallbackConfig(Config.string("FACTORIAL_BASE_URL")),
  Options.optional
)

const clientId = Options.text("client-id").pipe(
  Options.withDescription("The OAuth application's client id (default FACTORIAL_CLIENT_ID)."),
  Options.withFallbackConfig(Config.string("FACTORIAL_CLIENT_ID"))
)

/** The callback server: listens on 127.0.0.1 and answers the first request to the path with its query. */
const callbackServer = (port: number, path: string) =>
  Effect.acquireRelease(
    Effect.async<
      { readonly server: Server; readonly port: number; readonly callback: Effect.Effect<URLSearchParams> },
      LoginError
    >((resume) => {
      let deliver: ((params: URLSearchParams) => void) | undefined
      const received = new Promise<URLSearchParams>((resolve) => (deliver = resolve))
      const server = createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1")
        if (url.pathname !== path) {
          response.writeHead(404).end()
          return
        }
        response.writeHead(200, { "content-type": "text/plain; charset=utf-8", connection: "close" })
        response.end("factorial-ats: done, you can close this tab and go back to the terminal.\n")
        deliver?.(url.searchParams)
      })
      server.on("error", (error) =>
        resume(Effect.fail(new LoginError({ reason: "CallbackServer", detail: `callback server on 127.0.0.1:${port}: ${error.message}` }))))
      server.listen(port, "127.0.0.1", () =>
        resume(Effect.succeed({
          server,
          port: (server.address() as AddressInfo).port,
          callback: Effect.promise(() => received)
        })))
    }),
    (listening) => Effect.sync(() => listening.server.close())
  )

/** `login`. */
export const login = Command.make(
  "login",
  {
    store,
    baseUrl,
    clientId,
    clientSecret: Options.redacted("client-secret").pipe(
      Options.withDescription("The OAuth application's client secret (default FACTORIAL_CLIENT_SECRET; prefer the variable)."),
      Options.withFallbackConfig(Config.redacted("FACTORIAL_CLIENT_SECRET"))
    ),
    port: Options.integer("port").pipe(
      Options.withDescription("The callback port on 127.0.0.1; the redirect URI is http://127.0.0.1:<port>/callback (0: any free port)."),
      Options.withDefault(8400)
    ),
    scope: Options.text("scope").pipe(Options.withDefault(OAuth.atsScope), Options.withDescription("The scope to ask for.")),
    timeout: Options.integer("timeout").pipe(
      Options.withDefault(600),
      Options.withDescription("Seconds to wait for the browser to come back.")
    )
  },
  (config) =>
    Effect.gen(function*() {
      const base = Option.getOrUndefined(config.baseUrl)
      const listening = yield* callbackServer(config.port, "/callback")
      const redirectUri = `http://127.0.0.1:${listening.port}/callback`
      // A random state (checked on the way back) and a PKCE verifier that never leaves this process.
      const request = yield* OAuth.authorizationUrl({
        clientId: config.clientId,
        redirectUri,
        scope: config.scope,
        baseUrl: base
      })
      yield* Output.status(`Open this page in a browser and authorize the application:\n\n  ${request.url}\n`)
      yield* Output.status(`Waiting for the redirect to ${redirectUri} (up to ${config.timeout} s)...`)
      const params = yield* listening.callback.pipe(
        Effect.timeoutFail({
          duration: `${config.timeout} seconds`,
          onTimeout: () => new LoginError({ reason: "Timeout", detail: `no callback within ${config.timeout} s` })
        })
      )
      if (!OAuth.verifyState(request.state, params.get("state"))) {
        return yield* new LoginError({ reason: "StateMismatch", detail: "the callback's state is not the one sent: ignored it" })
      }
      const code = params.get("code")
      if (code === null || code === "") {
        const error = params.get("error")
        return yield* error === null
          ? new LoginError({ reason: "MissingCode", detail: "the callback carries no code" })
          : new LoginError({ reason: "Denied", detail: `authorization refused: ${error}` })
      }
      const application = { clientId: config.clientId, clientSecret: config.clientSecret, baseUrl: base }
      const tokens = yield* OAuth.exchangeCode({
        ...application,
        code: Redacted.make(code),
        redirectUri,
        codeVerifier: request.codeVerifier
      })
      yield* FileTokenStore.make(config.store).save(yield* StoredTokens.fromResponse(tokens, application))
      yield* Output.status(`Logged in. Tokens saved to ${config.store} (readable by you only); use --store ${config.store}.`)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer))
).pipe(Command.withDescription("Authorize with OAuth (code flow, PKCE and state; callback on 127.0.0.1) and save the tokens."))

/** `logout`. */
export const logout = Command.make(
  "logout",
  { store, baseUrl },
  (config) =>
    Effect.gen(function*() {
      const saved = yield* FileTokenStore.make(config.store).load
      if (Option.isNone(saved)) {
        return yield* new LoginError({ reason: "NotLoggedIn", detail: `no tokens in ${config.store}` })
      }
      const tokens = saved.value
      const clientId = yield* Config.string("FACTORIAL_CLIENT_ID").pipe(Config.option)
      const clientSecret = yield* Config.redacted("FACTORIAL_CLIENT_SECRET").pipe(Config.option)
      const application = {
        clientId: Option.getOrElse(Option.fromNullable(tokens.clientId), () => Option.getOrElse(clientId, () => "")),
        clientSecret: tokens.clientSecret ?? Option.getOrElse(clientSecret, () => Redacted.make("")),
        baseUrl: Option.getOrUndefined(config.baseUrl) ?? tokens.baseUrl
      }
      // The refresh token first: revoking it ends the grant; then the access token, which may outlive it.
      yield* OAuth.revoke({ ...application, token: tokens.refreshToken, tokenTypeHint: "refresh_token" })
      if (tokens.accessToken !== undefined) {
        yield* OAuth.revoke({ ...application, token: tokens.accessToken, tokenTypeHint: "access_token" })
      }
      yield* Effect.sync(() => fs.rmSync(config.store, { force: true }))
      yield* Output.status(`Logged out: the tokens are revoked and ${config.store} is deleted.`)
    }).pipe(Effect.provide(FetchHttpClient.layer))
).pipe(Command.withDescription("Revoke the saved OAuth tokens and delete the token file."))
