/**
 * A mock transport: an `HttpClient` that records every request and answers from a handler.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as FactorialAuth from "../../src/FactorialAuth.js"
import { FactorialClient } from "../../src/FactorialClient.js"

export const SECRET_KEY = "sk-live-4f9a-very-secret"

export interface SentRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON, a FormData, or undefined. */
  readonly body: unknown
  readonly signal: AbortSignal
}

export type Reply = Response | Effect.Effect<Response, HttpClientError.HttpClientError>

const readBody = (body: { readonly _tag: string } & Record<string, any>): unknown => {
  switch (body._tag) {
    case "Uint8Array":
      return JSON.parse(new TextDecoder().decode(body.body))
    case "FormData":
      return body.formData
    default:
      return undefined
  }
}

/** A mock `HttpClient` answering with `reply(request, index)` and the log of what it received. */
export const mockHttp = (reply: (request: SentRequest, index: number) => Reply) =>
  Effect.gen(function*() {
    const sent = yield* Ref.make<ReadonlyArray<SentRequest>>([])
    const http = HttpClient.make((request, url, signal) =>
      Effect.gen(function*() {
        const recorded: SentRequest = {
          method: request.method,
          url,
          headers: request.headers,
          body: readBody(request.body),
          signal
        }
        const index = (yield* Ref.getAndUpdate(sent, (all) => [...all, recorded])).length
        const answer = reply(recorded, index)
        const response = answer instanceof Response ? answer : yield* answer
        return HttpClientResponse.fromWeb(request, response)
      })
    )
    return { http, sent: Ref.get(sent) }
  })

/** A `FactorialClient` service over a mock transport (API key auth, no retries and no rate limit unless given). */
export const mockClient = (
  reply: (request: SentRequest, index: number) => Reply,
  options: Partial<FactorialClient.Options> = {}
) =>
  Effect.gen(function*() {
    const { http, sent } = yield* mockHttp(reply)
    const client = yield* FactorialClient.make({
      auth: FactorialAuth.apiKey(SECRET_KEY),
      baseUrl: "https://api.example.test",
      retry: false,
      rateLimit: false,
      ...options
    }).pipe(Effect.provideService(HttpClient.HttpClient, http))
    return { client, sent }
  })

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body === "" ? null : body, { status, headers })

/** The path of a sent request after `/api/<version>/resources/`. */
export const resourcePath = (request: SentRequest, version = "2026-07-01") => {
  const prefix = `/api/${version}/resources/`
  return request.url.pathname.startsWith(prefix) ? request.url.pathname.slice(prefix.length) : request.url.pathname
}
