import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * The client with redirects left to the caller: every request carries credentials, and a redirect may lead to
 * another origin or to plain http. On `FetchHttpClient` the request is made with `redirect: "manual"` (a 3xx
 * comes back as a response and is refused by the pipeline); the `RequestInit` options the user gave are kept,
 * and so is a custom `Fetch` visible where the request runs. Transports that never follow redirects (node's
 * `http`) are unaffected.
 */
export const noFollow = (http: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.transformResponse(http, (response) =>
    Effect.flatMap(Effect.serviceOption(FetchHttpClient.Fetch), (custom) => {
      const fetch = Option.getOrUndefined(custom)
      const manual: typeof globalThis.fetch = (input, init) =>
        (fetch ?? globalThis.fetch)(input, { ...init, redirect: "manual" })
      return Effect.provideService(response, FetchHttpClient.Fetch, manual)
    }))
