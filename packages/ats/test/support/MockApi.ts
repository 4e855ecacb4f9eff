/**
 * A mock transport for the ats services: records every request sent and answers from a handler.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"

export interface SentRequest {
  readonly method: string
  /** The path after `/api/<version>/resources/`. */
  readonly path: string
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON, a FormData, or undefined. */
  readonly body: unknown
  /** The names of the spans the request runs in, innermost first. */
  readonly spans: ReadonlyArray<string>
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

export class Sent extends Context.Tag("test/Sent")<Sent, Ref.Ref<ReadonlyArray<SentRequest>>>() {}

export const API_VERSION = "2026-07-01"
const prefix = `/api/${API_VERSION}/resources/`

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

/** A `FactorialClient` over a mock `HttpClient`, plus the `Sent` log. */
export const mockApi = (respond: (request: SentRequest) => Response) =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const sent = yield* Ref.make<ReadonlyArray<SentRequest>>([])
    const http = HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const recorded: SentRequest = {
          method: request.method,
          path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
          query: Array.from(url.searchParams.entries()),
          headers: request.headers,
          body: readBody(request.body),
          spans: yield* spanNames
        }
        yield* Ref.update(sent, (all) => [...all, recorded])
        return HttpClientResponse.fromWeb(request, respond(recorded))
      })
    )
    const client = FactorialClient.layer({
      auth: FactorialAuth.apiKey("test-key"),
      baseUrl: "https://api.example.test",
      apiVersion: API_VERSION,
      retry: false,
      rateLimit: false
    }).pipe(Layer.orDie, Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))
    return Layer.merge(client, Layer.succeed(Sent, sent))
  }))

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

/** The requests sent so far. */
export const sentRequests = Effect.flatMap(Sent, Ref.get)

/** A deterministic valid value of a schema. */
export const sample = <A, I>(schema: Schema.Schema<A, I>, seed = 42): A =>
  FastCheck.sample(Arbitrary.make(schema), { numRuns: 1, seed })[0]!

/** A deterministic valid value of a schema, as the API would send it. */
export const sampleEncoded = <A, I>(schema: Schema.Schema<A, I>, seed = 42): I =>
  Schema.encodeSync(schema)(sample(schema, seed))
