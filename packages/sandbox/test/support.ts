/**
 * Helpers for the sandbox tests: the two transports (real HTTP on 127.0.0.1 and in-process) and a small
 * request function over a plain `HttpClient`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Sandbox, SandboxServer } from "../src/index.js"

export type Transport = "http" | "in-process"

export const transports: ReadonlyArray<Transport> = ["http", "in-process"]

/** A sandbox reached over the given transport. */
export const sandbox = (transport: Transport, options: Sandbox.ServerOptions = {}) =>
  transport === "http"
    ? Layer.merge(Sandbox.layerServer(options), FetchHttpClient.layer)
    : Sandbox.layerClient(options)

export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: any
}

export interface Call {
  readonly query?: Record<string, string | ReadonlyArray<string>>
  readonly body?: unknown
  /** A body sent verbatim as `application/json`. */
  readonly rawBody?: string
  readonly form?: FormData
  /** `false` for no credentials; default the sandbox's API key. */
  readonly auth?: false | { readonly apiKey: string } | { readonly bearer: string }
  readonly version?: string
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Sends one request to `/api/<version>/resources/ats/<path>` and reads the whole answer. */
export const call = (method: "GET" | "POST" | "PUT" | "DELETE", path: string, options: Call = {}) =>
  Effect.gen(function*() {
    const server = yield* SandboxServer
    const client = yield* HttpClient.HttpClient
    const url = new URL(`${server.url}/api/${options.version ?? "2026-07-01"}/resources/ats/${path}`)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (typeof value === "string") url.searchParams.append(key, value)
      else for (const item of value) url.searchParams.append(key, item)
    }
    let request = HttpClientRequest.make(method)(url)
    const auth = options.auth ?? { apiKey: server.apiKey }
    if (auth !== false) {
      request = "apiKey" in auth
        ? HttpClientRequest.setHeader(request, "x-api-key", auth.apiKey)
        : HttpClientRequest.bearerToken(request, auth.bearer)
    }
    if (options.rawBody !== undefined) request = HttpClientRequest.bodyText(request, options.rawBody, "application/json")
    else if (options.form !== undefined) request = HttpClientRequest.bodyFormData(request, options.form)
    else if (options.body !== undefined) request = HttpClientRequest.bodyUnsafeJson(request, options.body)
    const response = yield* client.execute(request)
    const text = yield* response.text
    const answer: Answer = { status: response.status, headers: response.headers, text, json: parse(text) }
    return answer
  }).pipe(Effect.scoped)
