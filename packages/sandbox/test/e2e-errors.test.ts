/**
 * End to end: every error tag the SDK produces from a real HTTP exchange, through the public `@effect-factorial/ats`
 * API against the sandbox on 127.0.0.1 — statuses, a dropped connection, a stalled answer, broken bodies, refused
 * credentials — and a POST answered 500 after it was applied, which must not be sent twice.
 */
import { Applications, Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { CandidateId, CompanyId, JobPostingId } from "@effect-factorial/schema"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { Sandbox, SandboxServer, type SandboxServerService, SandboxState } from "../src/index.js"

interface Setup {
  readonly sandbox?: Sandbox.ServerOptions
  readonly client?: Partial<FactorialClient.Options>
  /** The credential the client sends; default the sandbox's API key. */
  readonly auth?: (server: SandboxServerService) => FactorialAuth.FactorialAuth
}

/** Requests the client actually put on the wire, attempts included. */
let sent: Array<string> = []

/** The public SDK over fetch, pointed at a fresh sandbox server; retries off unless a test turns them on. */
const atsOn = ({ auth, client, sandbox }: Setup = {}) =>
  Ats.layer.pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(SandboxServer, (server) =>
      FactorialClient.layer({
        baseUrl: server.url,
        auth: auth?.(server) ?? FactorialAuth.apiKey(server.apiKey),
        retry: false,
        transformClient: HttpClient.tapRequest((request) => Effect.sync(() => sent.push(`${request.method} ${request.url}`))),
        ...client
      })))),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(Sandbox.layerServer({ size: 30, ...sandbox }))
  )

const always = (kind: string): Sandbox.ServerOptions => ({ faults: { probabilities: { [kind]: 1 } } })

/** Runs `self` and answers its failure, failing the test if it succeeded. */
const failure = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.either(self), Either.match({
    onLeft: Effect.succeed,
    onRight: (value) => Effect.dieMessage(`expected a failure, got ${JSON.stringify(value)}`)
  }))

const listCandidates = Effect.flatMap(Candidates, (candidates) => candidates.list({ limit: 5 }))

describe("error tags from the real status path, over HTTP", () => {
  it.live("404 → NotFound, with the request it answers", () =>
    Effect.gen(function*() {
      const error = yield* failure(Effect.flatMap(Candidates, (candidates) => candidates.get("424242")))
      expect(error._tag).toBe("NotFound")
      if (error._tag !== "NotFound") return
      expect([error.status, error.method]).toEqual([404, "GET"])
      expect(error.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/2026-07-01\/resources\/ats\/candidates\/424242$/)
    }).pipe(Effect.provide(atsOn())))

  it.live("422 → UnprocessableEntity with the field errors, and nothing written", () =>
    Effect.gen(function*() {
      const state = yield* SandboxState
      const posting = [...state.scan("job_postings")][0]!
      const before = state.count("applications")
      const error = yield* failure(Effect.flatMap(Applications, (applications) =>
        applications.create({
          ats_candidate_id: CandidateId.make("999999"),
          ats_job_posting_id: JobPostingId.make(String(posting.id))
        })))
      expect(error._tag).toBe("UnprocessableEntity")
      if (error._tag !== "UnprocessableEntity") return
      expect([error.status, error.method]).toEqual([422, "POST"])
      expect(error.fieldErrors).toEqual({ ats_candidate_id: ["does not exist"] })
      expect(state.count("applications")).toBe(before)
    }).pipe(Effect.provide(atsOn())))

  it.live("400 → BadRequest for a cursor the API does not know", () =>
    Effect.gen(function*() {
      const error = yield* failure(Effect.flatMap(Candidates, (candidates) => candidates.list({ after_id: "%%%" })))
      expect(error._tag).toBe("BadRequest")
      if (error._tag !== "BadRequest") return
      expect(error.status).toBe(400)
      expect(error.body).toEqual({ errors: { after_id: ["is not a valid cursor"] } })
    }).pipe(Effect.provide(atsOn())))

  it.live("429 → RateLimited, with the Retry-After it carried (or none)", () =>
    Effect.gen(function*() {
      sent = []
      // Retries on, but the server asks for 1 s and the client accepts at most 10 ms: it fails at once.
      const withHeader = yield* failure(Effect.provide(
        listCandidates,
        atsOn({ sandbox: always("rateLimited"), client: { retry: { maxRetryAfter: "10 millis" } } })
      ))
      expect(withHeader._tag).toBe("RateLimited")
      if (withHeader._tag !== "RateLimited") return
      expect(withHeader.status).toBe(429)
      expect(withHeader.retryAfter && Duration.toMillis(withHeader.retryAfter)).toBe(1_000)
      expect(sent).toHaveLength(1)
      const withoutHeader = yield* failure(Effect.provide(
        listCandidates,
        atsOn({ sandbox: { ...always("rateLimited"), rateLimit: { retryAfter: false } } })
      ))
      expect(withoutHeader._tag).toBe("RateLimited")
      expect(withoutHeader._tag === "RateLimited" && withoutHeader.retryAfter).toBeUndefined()
    }))

  it.live("500, 502 and 503 → ServerError, describing the gateway's HTML body without quoting it", () =>
    Effect.gen(function*() {
      for (const [kind, status] of [["serverError", 500], ["badGateway", 502], ["serviceUnavailable", 503]] as const) {
        const error = yield* failure(Effect.provide(listCandidates, atsOn({ sandbox: always(kind) })))
        expect([error._tag, "status" in error && error.status]).toEqual(["ServerError", status])
        if (kind !== "serverError" && error._tag === "ServerError") {
          expect(error.body).toBeUndefined()
          expect(error.contentType).toContain("text/html")
          expect(error.bodyLength).toBeGreaterThan(0)
          expect(error.message).not.toContain("<html>")
        }
      }
    }))

  it.live("a dropped connection → TransportError", () =>
    Effect.gen(function*() {
      const error = yield* failure(listCandidates)
      expect(error._tag).toBe("TransportError")
      if (error._tag !== "TransportError") return
      expect([error.reason, error.method]).toEqual(["Transport", "GET"])
    }).pipe(Effect.provide(atsOn({ sandbox: always("dropConnection") }))))

  it.live("a stalled answer with a short timeout → TimeoutError", () =>
    Effect.gen(function*() {
      const error = yield* failure(listCandidates)
      expect(error._tag).toBe("TimeoutError")
      if (error._tag !== "TimeoutError") return
      expect(Duration.toMillis(error.timeout)).toBe(150)
    }).pipe(Effect.provide(atsOn({
      sandbox: { faults: { probabilities: { stall: 1 }, stall: "1 second" } },
      client: { timeout: "150 millis" }
    }))))

  it.live("a malformed or truncated 200 body → DecodeError", () =>
    Effect.gen(function*() {
      for (const kind of ["malformedJson", "truncatedJson"]) {
        const error = yield* failure(Effect.provide(listCandidates, atsOn({ sandbox: always(kind) })))
        expect([kind, error._tag, "status" in error && error.status]).toEqual([kind, "DecodeError", 200])
      }
    }))
})

describe("authentication failures, over HTTP", () => {
  it.live("a wrong API key → Unauthorized with {errors: null}, and the key appears nowhere in the error", () =>
    Effect.gen(function*() {
      const error = yield* failure(listCandidates)
      expect(error._tag).toBe("Unauthorized")
      if (error._tag !== "Unauthorized") return
      expect([error.status, error.body]).toEqual([401, { errors: null }])
      expect(JSON.stringify(error)).not.toContain("wrong-secret-key")
      expect(String(error)).not.toContain("wrong-secret-key")
    }).pipe(Effect.provide(atsOn({ auth: () => FactorialAuth.apiKey("wrong-secret-key") }))))

  it.live("an API key sent as a Bearer token → Unauthorized", () =>
    Effect.gen(function*() {
      const error = yield* failure(listCandidates)
      expect(error._tag).toBe("Unauthorized")
    }).pipe(Effect.provide(atsOn({ auth: (server) => FactorialAuth.accessToken(server.apiKey) }))))

  it.live("a token sent as an API key → Unauthorized; the same token as Bearer works", () =>
    Effect.gen(function*() {
      const refused = yield* failure(Effect.provide(listCandidates, atsOn({ auth: (s) => FactorialAuth.apiKey(s.token) })))
      expect(refused._tag).toBe("Unauthorized")
      const page = yield* Effect.provide(listCandidates, atsOn({ auth: (s) => FactorialAuth.accessToken(s.token) }))
      expect(page.data).toHaveLength(5)
    }))
})

describe("a POST the server applied and answered 500", () => {
  it.live("is not sent again: the state holds exactly one new record", () =>
    Effect.gen(function*() {
      sent = []
      const state = yield* SandboxState
      const before = state.count("candidates")
      const error = yield* failure(Effect.flatMap(Candidates, (candidates) =>
        candidates.create({
          first_name: "Only",
          last_name: "Once",
          email: "only.once@example.com",
          company_id: CompanyId.make(state.companyId)
        })))
      expect([error._tag, "status" in error && error.status]).toEqual(["ServerError", 500])
      // It was written: the error says it may have been.
      expect("maybeApplied" in error && error.maybeApplied).toBe(true)
      expect(error.message).toContain("may have been applied")
      expect(sent.filter((line) => line.startsWith("POST"))).toHaveLength(1)
      expect(state.count("candidates")).toBe(before + 1)
      expect([...state.scan("candidates")].filter((row) => row.email === "only.once@example.com")).toHaveLength(1)
    }).pipe(Effect.provide(atsOn({
      sandbox: { faults: { writeThenFail: 1 } },
      // Generous retries: a GET would be retried; the POST must still go out once.
      client: { retry: { times: 5, baseDelay: "1 millis", maxDelay: "5 millis" } }
    }))))

  it.live("a DELETE applied then answered 500, retried into a 404, is AlreadyDeleted (not a NotFound that lies)", () =>
    Effect.gen(function*() {
      sent = []
      const state = yield* SandboxState
      const candidate = [...state.scan("candidates")][0]!
      const before = state.count("candidates")
      const error = yield* failure(Effect.flatMap(Candidates, (candidates) => candidates.delete(String(candidate.id))))
      expect(error._tag).toBe("AlreadyDeleted")
      if (error._tag !== "AlreadyDeleted") return
      expect([error.status, error.earlierFailure, error.maybeApplied]).toEqual([404, "ServerError 500", true])
      expect(sent.filter((line) => line.startsWith("DELETE"))).toHaveLength(2)
      expect(state.count("candidates")).toBe(before - 1)
    }).pipe(Effect.provide(atsOn({
      sandbox: { faults: { writeThenFail: 1 } },
      client: { retry: { times: 2, baseDelay: "1 millis", maxDelay: "5 millis" } }
    }))))
})
