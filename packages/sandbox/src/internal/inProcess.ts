/**
 * An `HttpClient` that hands each request to the sandbox app in the calling fiber, without a socket. The request
 * and response go through the same web `Request` / `Response` conversions as over the network, so headers,
 * bodies and statuses look exactly as they do on the wire; a dropped connection becomes a transport error.
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { DropConnection } from "../SandboxServer.js"

const bodyOf = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<BodyInit | undefined> => {
  const body = request.body
  switch (body._tag) {
    case "Raw":
    case "Uint8Array":
      return Effect.succeed(body.body as BodyInit)
    case "FormData":
      return Effect.succeed(body.formData)
    case "Stream":
      return Effect.map(
        Stream.runCollect(body.stream).pipe(Effect.orDie),
        (chunks) => Buffer.concat(Array.from(chunks))
      )
    default:
      return Effect.succeed(undefined)
  }
}

/** The client for an app. */
export const make = <R>(app: HttpApp.Default<DropConnection, R>): Effect.Effect<HttpClient.HttpClient, never, R> =>
  Effect.map(Effect.context<R>(), (context) =>
    HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const body = yield* bodyOf(request)
        const web = new Request(url, { method: request.method, headers: request.headers, body: body ?? null })
        const response = yield* app.pipe(
          Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(web)),
          Effect.provide(context),
          Effect.scoped,
          Effect.catchTag("DropConnection", (cause) =>
            Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause, description: "connection dropped" }))),
          Effect.catchAllDefect((cause) =>
            Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause, description: "sandbox failure" })))
        )
        return HttpClientResponse.fromWeb(request, HttpServerResponse.toWeb(response))
      })
    ))
