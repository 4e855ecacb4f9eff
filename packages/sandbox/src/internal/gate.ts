/**
 * Everything that happens before and after a route: latency, injected faults, authentication and rate limits.
 * The fault of a request is drawn before the route runs, so an injected failure never writes anything, except
 * for the explicit `writeThenFail` mode, which writes and then answers 500.
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as SandboxAuth from "../SandboxAuth.js"
import { DropConnection } from "../SandboxServer.js"
import type * as Faults from "../Faults.js"
import { unauthorized } from "./apiError.js"
import { type Resolved, SandboxConfig } from "./config.js"
import * as RateWindow from "./rateWindow.js"
import * as Render from "./render.js"
import * as Switches from "./scanSwitches.js"
import { SandboxState, type SandboxStateService } from "../SandboxState.js"

const html = (status: number, title: string) =>
  HttpServerResponse.text(
    `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
    { status, contentType: "text/html" }
  )

const tooManyRequests = (retryAfter: number | undefined) =>
  HttpServerResponse.text("Retry later\n", {
    status: 429,
    contentType: "text/plain",
    headers: retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }
  })

const draw = (config: Resolved): Faults.Kind | undefined => {
  if (config.probabilities.length === 0) return undefined
  let r = config.faultPrng.next()
  for (const [kind, p] of config.probabilities) {
    if (r < p) return kind
    r -= p
  }
  return undefined
}

const bodyText = (response: HttpServerResponse.HttpServerResponse): string =>
  response.body._tag === "Uint8Array" ? new TextDecoder().decode(response.body.body) : ""

const corrupt = (kind: "truncatedJson" | "malformedJson", text: string, status: number) =>
  HttpServerResponse.text(
    kind === "truncatedJson" ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : `{"data": [{"id": ${text.length > 0 ? "undefined" : "NaN"}},]`,
    { status, contentType: "application/json; charset=utf-8" }
  )

const versionOf = (url: string) => /^\/api\/([^/?]+)\//.exec(url)?.[1] ?? Render.stringIdsSince

/** Counts the request against its credential's budget for the last minute; answers the seconds to wait when over. */
const overLimit = (config: Resolved, method: string, credential: string, now: number): number | undefined => {
  const limit = method === "POST" ? config.postsPerMinute : method === "GET" ? config.getsPerMinute : undefined
  return limit === undefined ? undefined : RateWindow.take(config.windows, method, credential, limit, now)
}

/** Who a request's budget belongs to: its API key or `Authorization` header (none for extra routes, usually). */
const credentialOf = (headers: Readonly<Record<string, string | undefined>>) =>
  headers["x-api-key"] ?? headers["authorization"] ?? ""

/** Whether a URL is the list route of a resource (`/api/<version>/resources/ats/<resource>`, any query). */
const isListOf = (resource: string, url: string) =>
  new RegExp(`^/api/[^/?]+/resources/ats/${resource}(?:\\?|$)`).test(url)

/** Every `every`-th list request: delete some records at random positions, create some copies at the end. */
const churn = (state: SandboxStateService, settings: Switches.Churn) => {
  settings.seen++
  if (settings.seen % settings.every !== 0) return
  for (let i = 0; i < settings.deletes && state.count(settings.resource) > 1; i++) {
    const table = state.table(settings.resource)
    const victim = table.at(table.slotOfLive(Math.floor(settings.prng.next() * table.size)))
    if (victim !== undefined) state.remove(settings.resource, String(victim.id))
  }
  for (let i = 0; i < settings.creates; i++) {
    const table = state.table(settings.resource)
    if (table.size === 0) break
    const model = table.at(table.slotOfLive(Math.floor(settings.prng.next() * table.size)))
    if (model === undefined) continue
    const { id: _id, ...fields } = model
    state.insert(settings.resource, fields)
  }
}

/** Wraps the routes with latency, faults, authentication and rate limits. */
export const gate = <E, R>(
  app: HttpApp.Default<E, R>
): HttpApp.Default<E | DropConnection, R | SandboxConfig | SandboxAuth.SandboxAuth | SandboxState> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const config = yield* SandboxConfig
    if (config.latency !== undefined) {
      const { max, min } = config.latency
      yield* Effect.sleep(Duration.millis(Math.round(min + (max - min) * config.latencyPrng.next())))
    }
    const method = request.method
    const isWrite = method === "POST" || method === "PUT" || method === "DELETE"
    const eligible = config.faultMethods === undefined || config.faultMethods.has(method)
    const fault = eligible ? draw(config) : undefined
    const writeThenFail = eligible && isWrite && config.writeThenFail > 0 && config.faultPrng.next() < config.writeThenFail
    switch (fault) {
      case "rateLimited":
        return tooManyRequests(config.retryAfter ? 1 : undefined)
      case "serverError":
        return HttpServerResponse.empty({ status: 500 })
      case "badGateway":
        return html(502, "Bad Gateway")
      case "serviceUnavailable":
        return html(503, "Service Temporarily Unavailable")
      case "dropConnection":
        return yield* Effect.fail(new DropConnection())
      case "stall":
        yield* Effect.sleep(config.stall)
        break
    }

    // Only the API is authenticated: extra routes (an OAuth token endpoint) check what they need themselves.
    if (request.url.startsWith("/api/")) {
      const credential = yield* SandboxAuth.authenticate(yield* SandboxAuth.SandboxAuth, request.headers)
      if (credential === undefined) return Render.error({ version: versionOf(request.url) }, unauthorized())
      if (config.bucket !== undefined) {
        const bucketWait = Switches.take(config.bucket, credentialOf(request.headers), yield* Clock.currentTimeMillis)
        if (bucketWait !== undefined) return tooManyRequests(config.retryAfter ? bucketWait : undefined)
      }
    }

    if (config.churn !== undefined && method === "GET" && isListOf(config.churn.resource, request.url)) {
      churn(yield* SandboxState, config.churn)
    }

    const wait = overLimit(config, method, credentialOf(request.headers), yield* Clock.currentTimeMillis)
    if (wait !== undefined) return tooManyRequests(config.retryAfter ? wait : undefined)

    if ((fault === "truncatedJson" || fault === "malformedJson") && isWrite) {
      // Decided before the write: the record is not stored, the client only sees a broken answer.
      return corrupt(fault, `{"id":"0","created_at":"${new Date(0).toISOString()}"}`, 200)
    }
    const response = yield* app
    if (writeThenFail && response.status < 300) return HttpServerResponse.empty({ status: 500 })
    if (fault === "truncatedJson" || fault === "malformedJson") return corrupt(fault, bodyText(response), response.status)
    return response
  })
