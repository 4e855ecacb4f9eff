/**
 * The mock transport of the SDK's own tests (core and ats): an `HttpClient` that records every request and answers
 * from a handler, and a `FactorialClient` over it.
 *
 * Not part of the published package: `package.json` maps `@effect-factorial/core/test-support/*` here for the
 * workspace only (`publishConfig.exports` leaves it out and `files` does not ship the folder).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Tracer from "effect/Tracer"
import * as FactorialAuth from "../src/FactorialAuth.js"
import { FactorialClient } from "../src/FactorialClient.js"

/** The API key of the mock client (tests check it never prints). */
export const SECRET_KEY = "sk-live-4f9a-very-secret"

/** The API version of the mock client. */
export const API_VERSION = "2026-07-01"

/** A request as the mock transport received it. */
export interface SentRequest {
  readonly method: string
  readonly url: URL
  /** The path after `/api/<version>/resources/` (the whole pathname for other URLs). */
  readonly path: string
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON, a FormData, or undefined. */
  readonly body: unknown
  readonly signal: AbortSignal
  /** The names of the spans the request runs in, innermost first. */
  readonly spans: ReadonlyArray<string>
}

/** An answer: a `Response`, or an Effect that yields one or fails like a transport. */
export type Reply = Response | Effect.Effect<Response, HttpClientError.HttpClientError>

const resourcePrefix = /^\/api\/[^/]+\/resources\//

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

const spanNames = Effect.map(Effect.option(Effect.currentSpan), (span) => {
  const names: Array<string> = []
  let current: Tracer.AnySpan | undefined = Option.getOrUndefined(span)
  while (current !== undefined) {
    if (current._tag === "Span") names.push(current.name)
    current = current._tag === "Span" ? Option.getOrUndefined(current.parent) : undefined
  }
  return names
})

/** A mock `HttpClient` answering with `reply(request, index)`, and the log of what it received. */
export const mockHttp = (reply: (request: SentRequest, index: number) => Reply) =>
  Effect.gen(function*() {
    const sent = yield* Ref.make<ReadonlyArray<SentRequest>>([])
    const http = HttpClient.make((request, url, signal) =>
      Effect.gen(function*() {
        const recorded: SentRequest = {
          method: request.method,
          url,
          path: url.pathname.replace(resourcePrefix, ""),
          query: Array.from(url.searchParams.entries()),
          headers: request.headers,
          body: readBody(request.body),
          signal,
          spans: yield* spanNames
        }
        const index = (yield* Ref.getAndUpdate(sent, (all) => [...all, recorded])).length
        const answer = reply(recorded, index)
        const response = answer instanceof Response ? answer : yield* answer
        return HttpClientResponse.fromWeb(request, response)
      })
    )
    return { http, sent: Ref.get(sent), log: sent }
  })

const clientOptions = (options: Partial<FactorialClient.Options>): FactorialClient.Options => ({
  auth: FactorialAuth.apiKey(SECRET_KEY),
  baseUrl: "https://api.example.test",
  apiVersion: API_VERSION,
  retry: false,
  rateLimit: false,
  ...options
})

/** A `FactorialClient` service over a mock transport (API key auth, no retries and no rate limit unless given). */
export const mockClient = (
  reply: (request: SentRequest, index: number) => Reply,
  options: Partial<FactorialClient.Options> = {}
) =>
  Effect.gen(function*() {
    const { http, sent } = yield* mockHttp(reply)
    const client = yield* FactorialClient.make(clientOptions(options)).pipe(
      Effect.provideService(HttpClient.HttpClient, http)
    )
    return { client, sent }
  })

/** The log of the requests `mockClientLayer` received. */
export class Sent extends Context.Tag("@effect-factorial/core/test-support/Sent")<
  Sent,
  Ref.Ref<ReadonlyArray<SentRequest>>
>() {}

/** The requests sent so far (with `mockClientLayer`). */
export const sentRequests = Effect.flatMap(Sent, Ref.get)

/** `FactorialClient` over a mock transport as a layer, plus the `Sent` log: what the services' tests provide. */
export const mockClientLayer = (
  reply: (request: SentRequest, index: number) => Reply,
  options: Partial<FactorialClient.Options> = {}
): Layer.Layer<FactorialClient | Sent> =>
  Layer.unwrapEffect(Effect.map(mockHttp(reply), ({ http, log }) =>
    Layer.merge(
      FactorialClient.layer(clientOptions(options)).pipe(
        Layer.orDie,
        Layer.provide(Layer.succeed(HttpClient.HttpClient, http))
      ),
      Layer.succeed(Sent, log)
    )))

/** A JSON response. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/** A text response (an empty body is no body). */
export const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body === "" ? null : body, { status, headers })
