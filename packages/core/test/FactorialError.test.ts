import * as Headers from "@effect/platform/Headers"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import * as FactorialAuth from "../src/FactorialAuth.js"
import {
  AuthError,
  DecodeError,
  type FactorialRequestError,
  InvalidRequest,
  isFactorialError,
  isFactorialHttpError,
  NotFound,
  TransportError
} from "../src/FactorialError.js"
import type { FactorialRequest } from "../src/FactorialRequest.js"
import { OAuthError } from "../src/OAuth.js"
import * as Pagination from "../src/Pagination.js"
import { TokenStoreError } from "../src/TokenStore.js"
import { json, mockClient, SECRET_KEY, text } from "../test-support/MockHttp.js"

const get: FactorialRequest = { method: "GET", path: ["ats", "candidates", "7"], query: { include: "all" } }

const failWith = (response: () => Response, request: FactorialRequest = get) =>
  Effect.gen(function*() {
    const { client } = yield* mockClient(response)
    return yield* Effect.flip(client.raw(request))
  })

const statuses: ReadonlyArray<readonly [number, FactorialRequestError["_tag"]]> = [
  [400, "BadRequest"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "NotFound"],
  [409, "Conflict"],
  [422, "UnprocessableEntity"],
  [429, "RateLimited"],
  [500, "ServerError"],
  [502, "ServerError"],
  [503, "ServerError"],
  [504, "ServerError"],
  [408, "UnexpectedStatus"],
  [418, "UnexpectedStatus"]
]

describe("HTTP errors", () => {
  for (const [status, tag] of statuses) {
    it.effect(`${status} → ${tag} with status, method, url, request id, body and headers`, () =>
      Effect.gen(function*() {
        const error = yield* failWith(() =>
          json({ errors: null, status }, status, { "x-request-id": `req-${status}`, "set-cookie": "session=abc" })
        )
        expect(error._tag).toBe(tag)
        expect(isFactorialHttpError(error)).toBe(true)
        if (!isFactorialHttpError(error)) return
        expect(error.status).toBe(status)
        expect(error.method).toBe("GET")
        expect(error.url).toBe("https://api.example.test/api/2026-07-01/resources/ats/candidates/7?include=all")
        expect(error.requestId).toBe(`req-${status}`)
        // Only the error fields of the body are kept; "status" is not one of them.
        expect(error.body).toEqual({ errors: null })
        expect(error.contentType).toBe("application/json")
        expect(error.bodyLength).toBe(JSON.stringify({ errors: null, status }).length)
        expect(error.headers["content-type"]).toBe("application/json")
        expect(error.headers["set-cookie"]).toBe("<redacted>")
        expect(error.message).toContain(`answered ${status}`)
        expect(error.message).toContain(`req-${status}`)
      }))
  }

  it.effect("422 parses the field errors", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => json({ errors: { email: ["is invalid", "is taken"], name: ["blank"] } }, 422))
      expect(error._tag).toBe("UnprocessableEntity")
      if (error._tag !== "UnprocessableEntity") return
      expect(error.fieldErrors).toEqual({ email: ["is invalid", "is taken"], name: ["blank"] })
      expect(error.message).toContain("email is invalid, is taken")
    }))

  it.effect("422 without the errors shape has no field errors", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text("unprocessable", 422))
      expect(error._tag).toBe("UnprocessableEntity")
      if (error._tag !== "UnprocessableEntity") return
      expect(error.fieldErrors).toBeUndefined()
      expect(error.body).toBeUndefined()
      expect(error.bodyLength).toBe("unprocessable".length)
    }))

  it.effect("429 carries Retry-After as a duration", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text("", 429, { "retry-after": "7" }))
      expect(error._tag).toBe("RateLimited")
      if (error._tag !== "RateLimited") return
      expect(error.retryAfter).toEqual(Duration.seconds(7))
    }))

  it.effect("429 without Retry-After has none", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text("", 429))
      expect(error._tag === "RateLimited" && error.retryAfter).toBeUndefined()
    }))

  it.effect("an empty body is absent; an HTML body is described by length and type, never quoted", () =>
    Effect.gen(function*() {
      const empty = yield* failWith(() => text("", 500))
      expect(empty._tag === "ServerError" && empty.body).toBeUndefined()
      const html = `<html>${"x".repeat(5000)}</html>`
      const gateway = yield* failWith(() => text(html, 502, { "content-type": "text/html" }))
      expect(gateway._tag).toBe("ServerError")
      if (gateway._tag !== "ServerError") return
      expect(gateway.body).toBeUndefined()
      expect(gateway.bodyLength).toBe(html.length)
      expect(gateway.message).toContain(`body: ${html.length} bytes of text/html`)
      expect(gateway.message).not.toContain("xxx")
    }))

  it.effect("a connection failure is a TransportError with the system code", () =>
    Effect.gen(function*() {
      const { client } = yield* mockClient((_request) =>
        Effect.fail(
          new HttpClientError.RequestError({
            request: undefined as never,
            reason: "Transport",
            cause: new TypeError("fetch failed", {
              cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })
            })
          })
        )
      )
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag).toBe("TransportError")
      if (error._tag !== "TransportError") return
      expect(error.reason).toBe("Transport")
      expect(error.code).toBe("ECONNREFUSED")
      expect(error.detail).toBe("the connection was refused")
      expect(error.url).toContain("/ats/candidates/7")
    }))

  it.effect("a body that cannot be serialised is a TransportError with reason Encode, nothing sent", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}))
      const error = yield* Effect.flip(
        client.raw({ method: "POST", path: ["ats", "candidates"], body: { _tag: "Json", value: { n: 1n } } })
      )
      expect(error._tag === "TransportError" && error.reason).toBe("Encode")
      expect(yield* sent).toHaveLength(0)
    }))

  it.effect("an empty API key fails with AuthError MissingCredentials before sending", () =>
    Effect.gen(function*() {
      const { client, sent } = yield* mockClient(() => json({}), { auth: FactorialAuth.apiKey("  ") })
      const error = yield* Effect.flip(client.raw(get))
      expect(error._tag).toBe("AuthError")
      expect(error._tag === "AuthError" && error.reason).toBe("MissingCredentials")
      expect(yield* sent).toHaveLength(0)
    }))
})

describe("secrets never appear in an error", () => {
  const secretUrlClient = (response: () => Response) =>
    Effect.gen(function*() {
      const { client } = yield* mockClient(response, { auth: FactorialAuth.accessToken("tok-SECRET-123") })
      return yield* Effect.flip(client.execute(
        { method: "GET", path: ["ats", "x"], query: { access_token: "qs-SECRET-456" } },
        Schema.Struct({ id: Schema.String })
      ))
    })

  const renderings = (error: unknown) => [
    String(error),
    JSON.stringify(error),
    (error as Error).message,
    (error as Error).stack ?? "",
    Cause.pretty(Cause.fail(error)),
    Cause.pretty(Cause.die(error))
  ]

  it.effect("not in String, JSON, message, stack or Cause.pretty", () =>
    Effect.gen(function*() {
      const responses = [
        () =>
          json({ errors: null }, 401, {
            "set-cookie": "sid=cookie-SECRET-789",
            authorization: "Bearer tok-SECRET-123"
          }),
        () => json({ errors: { email: ["bad"] } }, 422),
        () => text("", 429, { "retry-after": "3" }),
        () => text("<html>bad gateway</html>", 502),
        () => json({ data: "not a list" }, 200)
      ]
      const tags: Array<string> = []
      for (const response of responses) {
        const error = yield* secretUrlClient(response)
        expect(isFactorialError(error)).toBe(true)
        tags.push(error._tag)
        expect(JSON.stringify(error)).toContain(error._tag)
        for (const rendering of renderings(error)) {
          expect(rendering).not.toContain("tok-SECRET-123")
          expect(rendering).not.toContain("qs-SECRET-456")
          expect(rendering).not.toContain("cookie-SECRET-789")
        }
      }
      expect(tags).toEqual(["Unauthorized", "UnprocessableEntity", "RateLimited", "ServerError", "DecodeError"])
    }))

  it.effect("the error URL drops user info and redacts secret query values", () =>
    Effect.gen(function*() {
      const error = yield* secretUrlClient(() => text("", 404))
      expect(error._tag === "NotFound" && error.url).toBe(
        "https://api.example.test/api/2026-07-01/resources/ats/x?access_token=redacted"
      )
    }))

  it.effect("not in logs of a failed call", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const capture = Logger.replace(
        Logger.defaultLogger,
        Logger.map(Logger.logfmtLogger, (line) => {
          lines.push(line)
        })
      )
      const { client } = yield* mockClient(() => json({ errors: null }, 401))
      yield* client.raw(get).pipe(
        Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)),
        Effect.exit,
        Effect.provide(capture)
      )
      expect(lines.join("\n")).toContain("Unauthorized")
      expect(lines.join("\n")).not.toContain(SECRET_KEY)
    }))

  it.effect("not in the request spans (credential headers are redacted)", () =>
    Effect.gen(function*() {
      const spans: Array<Tracer.Span> = []
      const native = yield* Effect.tracer
      const recording = Tracer.make({
        span: (...args) => {
          const span = native.span(...args)
          spans.push(span)
          return span
        },
        context: native.context
      })
      for (const auth of [FactorialAuth.apiKey(SECRET_KEY), FactorialAuth.accessToken(SECRET_KEY)]) {
        const { client } = yield* mockClient(() => json({ errors: null }, 401), { auth })
        // Even with the platform's list of redacted header names emptied, the credential header stays redacted.
        const exit = yield* client.raw(get).pipe(
          Effect.withTracer(recording),
          Effect.locally(Headers.currentRedactedNames, []),
          Effect.exit
        )
        expect(Exit.isFailure(exit)).toBe(true)
      }
      const httpSpans = spans.filter((span) => span.name === "http.client GET")
      expect(httpSpans).toHaveLength(2)
      const attributes = httpSpans.flatMap((span) => Array.from(span.attributes.entries()))
      expect(attributes.map(([name]) => name)).toEqual(
        expect.arrayContaining(["http.request.header.x-api-key", "http.request.header.authorization"])
      )
      for (const [, value] of attributes) {
        expect(String(value)).not.toContain(SECRET_KEY)
      }
    }))

  it("an auth value prints no secret", () => {
    const auth = FactorialAuth.apiKey(SECRET_KEY)
    expect(String(auth)).not.toContain(SECRET_KEY)
    expect(JSON.stringify(auth)).toBe(JSON.stringify({ _id: "FactorialAuth", kind: "ApiKey" }))
  })
})

describe("error helpers", () => {
  const Payload = Schema.Struct({ email: Schema.String, tags: Schema.Array(Schema.String) })

  it("InvalidRequest.fromParseError keeps the operation and the field path", () => {
    const result = Schema.decodeUnknownEither(Payload)({ email: "a@b.c", tags: ["ok", 3] })
    if (result._tag !== "Left") throw new Error("expected a parse error")
    const error = InvalidRequest.fromParseError("Candidates.create", result.left)
    expect(error._tag).toBe("InvalidRequest")
    expect(error.operation).toBe("Candidates.create")
    expect(error.path).toEqual(["tags", 1])
    expect(error.message).toContain("Candidates.create")
    expect(error.message).toContain("tags[1]")
    expect(isFactorialError(error)).toBe(true)
  })

  it("DecodeError.fromParseError keeps the request and the field path", () => {
    const result = Schema.decodeUnknownEither(Payload)({ tags: [] })
    if (result._tag !== "Left") throw new Error("expected a parse error")
    const error = DecodeError.fromParseError({ status: 200, method: "GET", url: "https://x.test/a" }, result.left)
    expect(error.path).toEqual(["email"])
    expect(error.issue).toContain("is missing")
  })

  it("isFactorialError accepts SDK errors and rejects look-alikes", () => {
    expect(isFactorialError(new AuthError({ reason: "InvalidGrant", message: "refused" }))).toBe(true)
    expect(isFactorialError(new TransportError({ method: "GET", url: "u", reason: "Transport" }))).toBe(true)
    expect(isFactorialError(new NotFound({ status: 404, method: "GET", url: "u", headers: {} }))).toBe(true)
    // A class of someone else's with the same tag is not an SDK error: the guard checks the marker, not the tag.
    class PaginationError extends Schema.TaggedError<PaginationError>()("PaginationError", { reason: Schema.String }) {}
    expect(isFactorialError(new PaginationError({ reason: "RepeatedCursor" }))).toBe(false)
    expect(isFactorialError(new Pagination.PaginationError({ reason: "RepeatedCursor", detail: "loop" }))).toBe(true)
    expect(
      isFactorialError(new OAuthError({ operation: "refresh", url: "u", reason: "InvalidResponse", detail: "d" }))
    ).toBe(true)
    expect(isFactorialError(new TokenStoreError({ operation: "load", store: "memory", detail: "d" }))).toBe(true)
    expect(isFactorialError({ _tag: "PaginationError" })).toBe(false)
    expect(isFactorialError({ _tag: "NotFound" })).toBe(false)
    expect(isFactorialError(new Error("NotFound"))).toBe(false)
    expect(isFactorialError(undefined)).toBe(false)
  })
})
