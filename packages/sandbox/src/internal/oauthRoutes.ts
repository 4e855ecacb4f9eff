/**
 * The HTTP side of the sandbox's OAuth endpoints: reading the query or the form-encoded body and the client's
 * Basic credentials, and writing RFC 6749 answers (`no-store`, `{error, error_description}`). The decisions are
 * taken by the grants of the `SandboxOAuth` service in context; without one, the paths do not exist (404).
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { OAuth } from "@effect-factorial/core"
import { SandboxOAuth } from "../SandboxOAuth.js"
import { notFound } from "./apiError.js"
import * as Grants from "./oauthGrants.js"
import * as Render from "./render.js"

/** RFC 6749 §5.1: token answers must not be cached. */
const noStore = { "cache-control": "no-store", pragma: "no-cache" }

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  HttpServerResponse.unsafeJson(body, { status, headers: { ...noStore, ...headers } })

const refusal = (refused: Grants.Refusal) =>
  json(
    refused.status,
    { error: refused.error, error_description: refused.description },
    // RFC 6749 §5.2: a failed client authentication names the scheme to use.
    refused.status === 401 ? { "www-authenticate": `Basic realm="Factorial sandbox", error="${refused.error}"` } : {}
  )

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), when sent and well-formed. */
const basicCredentials = (header: string | undefined): Grants.Credentials | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "")
  if (match === null) return undefined
  try {
    const decoded = atob(match[1]!)
    const colon = decoded.indexOf(":")
    if (colon < 0) return { id: undefined, secret: undefined }
    const part = (text: string) => decodeURIComponent(text.replace(/\+/g, " "))
    return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) }
  } catch {
    return { id: undefined, secret: undefined }
  }
}

type Step = (
  grants: Grants.Grants,
  request: HttpServerRequest.HttpServerRequest,
  now: number
) => Effect.Effect<readonly [HttpServerResponse.HttpServerResponse, Omit<Grants.Call, "endpoint" | "status">]>

/** Runs an endpoint on the grants of the `SandboxOAuth` in context, and logs the call. */
const endpoint = (name: Grants.Call["endpoint"], step: Step) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const grants = Option.flatMap(
      yield* Effect.serviceOption(SandboxOAuth),
      (service) => Option.fromNullable(Grants.registry.get(service))
    )
    if (Option.isNone(grants)) return Render.error({ version: "" }, notFound("Route"))
    const [response, call] = yield* step(grants.value, request, yield* Clock.currentTimeMillis)
    grants.value.calls.push({ endpoint: name, status: response.status, ...call })
    return response
  })

/** The form of a POST; `undefined` when the body is not form-encoded. */
const readForm = (request: HttpServerRequest.HttpServerRequest) =>
  (request.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")
    ? Effect.map(Effect.orElseSucceed(request.text, () => ""), (text) => new URLSearchParams(text))
    : Effect.succeed(undefined)

const notForm: Grants.Refusal = {
  status: 400,
  error: "invalid_request",
  description: "The body must be application/x-www-form-urlencoded."
}

const postEndpoint = (
  name: "token" | "revoke",
  decide: (
    grants: Grants.Grants,
    form: URLSearchParams,
    basic: Grants.Credentials | undefined,
    now: number,
    verifierS256: string | undefined
  ) => Either.Either<unknown, Grants.Refusal>
) =>
  endpoint(name, (grants, request, now) =>
    Effect.gen(function*() {
      const form = yield* readForm(request)
      const grantType = form?.get("grant_type") ?? undefined
      if (name === "token" && grants.outage !== undefined) {
        const page = HttpServerResponse.text("<html><body>Service Unavailable</body></html>", {
          status: grants.outage,
          contentType: "text/html"
        })
        return [page, { grantType, error: undefined }] as const
      }
      // The digest is asynchronous (Web Crypto); the grants decide synchronously with it.
      const verifier = form?.get("code_verifier") ?? null
      const verifierS256 = verifier === null ? undefined : yield* OAuth.codeChallenge(verifier)
      const outcome = form === undefined
        ? Either.left(notForm)
        : decide(grants, form, basicCredentials(request.headers["authorization"]), now, verifierS256)
      return Either.match(outcome, {
        onLeft: (refused) => [refusal(refused), { grantType, error: refused.error }] as const,
        onRight: (body) => [json(200, body), { grantType, error: undefined }] as const
      })
    }))

const authorize = endpoint("authorize", (grants, request, now) =>
  Effect.sync(() => {
    const query = new URL(request.url, "http://sandbox").searchParams
    const decision = grants.authorize(query, now)
    return decision._tag === "Redirect"
      ? [
        HttpServerResponse.redirect(decision.location, { status: 302, headers: { "cache-control": "no-store" } }),
        { grantType: undefined, error: new URL(decision.location).searchParams.get("error") ?? undefined }
      ] as const
      : [refusal(decision.refusal), { grantType: undefined, error: decision.refusal.error }] as const
  }))

const token = postEndpoint(
  "token",
  (grants, form, basic, now, verifierS256) => grants.token(form, basic, now, verifierS256)
)

// RFC 7009 §2.2: a successful revocation answers 200; Doorkeeper's body is an empty object.
const revoke = postEndpoint("revoke", (grants, form, basic, now) =>
  Either.map(grants.revoke(form, basic, now), () => ({})))

const all = [
  HttpRouter.makeRoute("GET", "/oauth/authorize", authorize),
  HttpRouter.makeRoute("POST", "/oauth/token", token),
  HttpRouter.makeRoute("POST", "/oauth/revoke", revoke)
]

/**
 * The OAuth routes, minus those a router of the user already serves (its own `/oauth/token`, say): the user's
 * routes win, and the router does not see the same path twice.
 */
export const routesBeside = (claimed: HttpRouter.HttpRouter<any, any> | undefined) => {
  const taken = claimed === undefined ? [] : Array.from(claimed.routes)
  return HttpRouter.fromIterable(all.filter((route) =>
    !taken.some((other) => other.path === route.path && (other.method === "*" || other.method === route.method))
  ))
}
