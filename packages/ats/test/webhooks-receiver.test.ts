/**
 * The webhook receiver over real HTTP on 127.0.0.1, served with the platform's Node HTTP server: bodies that do
 * not decode (acknowledged or rejected, handed to `onInvalid`, never quoted in logs), big integer ids, the body
 * size limit (a 100 MB body is neither read nor buffered), the challenge kept out of spans and logs whichever way
 * the server's layers are composed, and deduplicated replays.
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { Candidate } from "@effect-factorial/schema"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { createServer, request as httpRequest } from "node:http"
import * as Webhooks from "../src/Webhooks.js"
import { application, candidate, recordingTracer, SECRET } from "./support/Webhooks.js"

/** A string that stands for personal data in a body: it must never reach a log line or an error. */
const MARKER = "Zyxwv-personal-data-marker"

/** Log lines written while a receiver runs, as logfmt (message, annotations and cause). */
const captureLogs = () => {
  const lines: Array<string> = []
  const layer = Logger.replace(Logger.defaultLogger, Logger.map(Logger.logfmtLogger, (line) => void lines.push(line)))
  return { layer, lines }
}

/** Serves a layer that uses `HttpServer` on 127.0.0.1 (a free port) for the current scope; answers its base URL. */
const start = <E>(layer: Layer.Layer<never, E, HttpServer.HttpServer>) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      Layer.provideMerge(layer, NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
    )
    const address = Context.get(context, HttpServer.HttpServer).address
    if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP address")
    return `http://127.0.0.1:${address.port}`
  })

/** Serves an app with the receiver's logs captured. */
const serve = (app: HttpApp.Default<never, never>) =>
  Effect.gen(function*() {
    const logs = captureLogs()
    const url = yield* start(HttpServer.serve(app).pipe(Layer.provide(logs.layer)))
    return { url, logs: logs.lines }
  })

interface Answer {
  /** The status, or `undefined` when the connection ended without an answer. */
  readonly status: number | undefined
  readonly text: string
  /** The connection error, when there was no answer. */
  readonly error: string | undefined
  /** How many body bytes the client managed to hand to the connection. */
  readonly sent: number
}

/**
 * POSTs with `node:http`, so that a large body is streamed with backpressure: 64 KB at a time, the next chunk only
 * once the connection took the previous one. `sent` then shows how much of the body the server really took in.
 */
const post = (url: string, options: {
  readonly challenge?: string | undefined
  readonly body: string | { readonly bytes: number; readonly declareLength: boolean }
  readonly headers?: Record<string, string>
}) =>
  Effect.async<Answer>((resume) => {
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      ...(options.challenge === undefined ? {} : { [Webhooks.challengeHeader]: options.challenge }),
      ...options.headers
    }
    const body = options.body
    if (typeof body === "string") headers["content-length"] = Buffer.byteLength(body)
    else if (body.declareLength) headers["content-length"] = body.bytes
    const request = httpRequest(url, { method: "POST", headers, agent: false })
    let sent = 0
    let settled = false
    const settle = (answer: Omit<Answer, "sent">) => {
      if (settled) return
      settled = true
      resume(Effect.succeed({ ...answer, sent }))
    }
    request.on("response", (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => settle({ status: response.statusCode, text: Buffer.concat(chunks).toString(), error: undefined }))
      response.on("error", () => settle({ status: response.statusCode, text: "", error: undefined }))
    })
    request.on("error", (error: NodeJS.ErrnoException) => settle({ status: undefined, text: "", error: error.code ?? "error" }))
    if (typeof body === "string") {
      sent = Buffer.byteLength(body)
      request.end(body)
    } else {
      const chunk = Buffer.alloc(64 * 1024, " ")
      const pump = () => {
        while (!settled && !request.destroyed && sent < body.bytes) {
          const size = Math.min(chunk.length, body.bytes - sent)
          sent += size
          if (!request.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
            request.once("drain", pump)
            return
          }
        }
        if (sent >= body.bytes) request.end()
      }
      pump()
    }
    return Effect.sync(() => request.destroy())
  })

const path = (type: Webhooks.SubscriptionType) => Webhooks.path(type, "/hooks")

/** A receiver recording what it handled and what it was handed as invalid. */
const recorder = (options: Partial<Webhooks.ReceiverOptions<Webhooks.SubscriptionType, never, never>> = {}) =>
  Effect.gen(function*() {
    const events = yield* Ref.make<ReadonlyArray<Webhooks.WebhookEvent>>([])
    const invalid = yield* Ref.make<ReadonlyArray<Webhooks.InvalidDelivery>>([])
    const app = Webhooks.httpApp({
      challenge: Redacted.make(SECRET),
      prefix: "/hooks",
      handler: (event) => Ref.update(events, (all) => [...all, event]),
      onInvalid: (delivery) => Ref.update(invalid, (all) => [...all, delivery]),
      ...options
    })
    return { app, events, invalid }
  })

describe("bodies that do not decode", () => {
  // After "scans" lands, models may tolerate null in required fields, so these bodies fail for sure: no id, and a
  // field of the wrong type.
  const noId = JSON.stringify({ ...candidate, id: undefined, first_name: MARKER })
  const wrongType = JSON.stringify({ ...candidate, email: MARKER, talent_pool: `${MARKER} is not a boolean` })

  it.scopedLive("are answered 200 by default, handed to onInvalid with the raw body, logged without body text", () =>
    Effect.gen(function*() {
      const { app, events, invalid } = yield* recorder()
      const { logs, url } = yield* serve(app)
      const answers = []
      for (const body of [noId, wrongType, `{"first_name": "${MARKER}"`, ""]) {
        answers.push((yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body })).status)
      }
      expect(answers).toEqual([200, 200, 200, 200])
      expect(yield* Ref.get(events)).toEqual([])
      const handed = yield* Ref.get(invalid)
      expect(handed.map((delivery) => [delivery.type, delivery.body, delivery.error.reason])).toEqual([
        ["ats/candidate/create", noId, "SchemaMismatch"],
        ["ats/candidate/create", wrongType, "SchemaMismatch"],
        ["ats/candidate/create", `{"first_name": "${MARKER}"`, "NotJson"],
        ["ats/candidate/create", "", "NotJson"]
      ])
      // The error names paths and kinds of mismatch, never values.
      expect(handed[0]!.error.issues).toEqual(["id: is missing"])
      expect(handed[1]!.error.issues).toEqual([
        expect.stringMatching(/^talent_pool: expected boolean \| null, got a string of \d+ characters$/)
      ])
      for (const { error } of handed) {
        const renderings = [error.message, String(error), JSON.stringify(error), Cause.pretty(Cause.fail(error))]
        for (const rendering of [...renderings, ...error.issues]) {
          expect(rendering).not.toContain(MARKER)
        }
      }
      const warnings = logs.filter((line) => line.includes("does not decode"))
      expect(warnings).toHaveLength(4)
      expect(warnings[0]).toContain("Acknowledged a ats/candidate/create delivery")
      expect(warnings[0]).toContain("id: is missing")
      expect(logs.filter((line) => line.includes(MARKER))).toEqual([])
    }))

  it.scopedLive("are answered 400 with invalidBody: \"reject\", still handed to onInvalid", () =>
    Effect.gen(function*() {
      const { app, invalid } = yield* recorder({ invalidBody: "reject" })
      const { url } = yield* serve(app)
      const answer = yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body: noId })
      expect([answer.status, answer.text]).toEqual([400, "the body is not a ats/candidate/create payload"])
      expect((yield* Ref.get(invalid)).map((delivery) => delivery.body)).toEqual([noId])
    }))

  it.scopedLive("an onInvalid hook that fails answers 500, so Factorial delivers again", () =>
    Effect.gen(function*() {
      const { logs, url } = yield* serve(Webhooks.httpApp({
        challenge: SECRET,
        prefix: "/hooks",
        handler: () => Effect.void,
        onInvalid: () => Effect.fail("the dead-letter table is down")
      }))
      const answer = yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body: noId })
      expect(answer.status).toBe(500)
      expect(logs.some((line) => line.includes("onInvalid hook failed"))).toBe(true)
      expect(logs.filter((line) => line.includes(MARKER))).toEqual([])
    }))

  it.scopedLive("a body with integer ids above 2^53 (API versions before 2026-07-01) decodes with every digit", () =>
    Effect.gen(function*() {
      const { app, events, invalid } = yield* recorder()
      const { url } = yield* serve(app)
      const body = JSON.stringify({ ...application, ats_job_posting_id: 7, ats_application_phase_id: 3 })
        .replace(`"id":"${application.id}"`, '"id":18446744073709551617')
        .replace(`"ats_candidate_id":"${application.ats_candidate_id}"`, '"ats_candidate_id":36893488147419103')
      expect(body).toContain('"id":18446744073709551617')
      expect((yield* post(url + path("ats/application/update"), { challenge: SECRET, body })).status).toBe(200)
      expect(yield* Ref.get(invalid)).toEqual([])
      const [event] = yield* Ref.get(events)
      expect(event?.payload.id).toBe("18446744073709551617")
      expect(event?.type === "ats/application/update" && event.payload.ats_candidate_id).toBe("36893488147419103")
    }))
})

describe("the body size limit", () => {
  const hundredMegabytes = 100 * 1024 * 1024
  /** Heap and buffers in use; what a buffered 100 MB body would grow by 100 MB or more. */
  const memory = () => {
    const usage = process.memoryUsage()
    return usage.heapUsed + usage.arrayBuffers
  }

  it.scopedLive("a 100 MB body with its Content-Length is answered 413 before any of it is read", () =>
    Effect.gen(function*() {
      const { app, events, invalid } = yield* recorder()
      const { logs, url } = yield* serve(app)
      const before = memory()
      const answer = yield* post(url + path("ats/candidate/create"), {
        challenge: SECRET,
        body: { bytes: hundredMegabytes, declareLength: true }
      })
      const growth = memory() - before
      expect(answer.status).toBe(413)
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024)
      expect(growth).toBeLessThan(48 * 1024 * 1024)
      expect(yield* Ref.get(events)).toEqual([])
      expect(yield* Ref.get(invalid)).toEqual([])
      const warning = logs.find((line) => line.includes("WebhookBodyTooLarge"))
      expect(warning).toContain("larger than 1048576 bytes (Content-Length 104857600)")
    }))

  it.scopedLive("a 100 MB body without a length is dropped at the limit: the connection is cut, nothing buffered", () =>
    Effect.gen(function*() {
      const { app, events } = yield* recorder()
      const { logs, url } = yield* serve(app)
      const before = memory()
      const answer = yield* post(url + path("ats/candidate/create"), {
        challenge: SECRET,
        body: { bytes: hundredMegabytes, declareLength: false }
      })
      const growth = memory() - before
      // The platform's Node server destroys the request stream once the receiver stops reading, so the client
      // sees the connection end (or, if the answer wins the race, the 413).
      expect(answer.status === 413 || answer.error !== undefined).toBe(true)
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024)
      expect(growth).toBeLessThan(48 * 1024 * 1024)
      expect(yield* Ref.get(events)).toEqual([])
      expect(logs.some((line) => line.includes("larger than 1048576 bytes"))).toBe(true)
    }))

  it.scopedLive("a wrong challenge is answered 401 without reading a 100 MB body", () =>
    Effect.gen(function*() {
      const { app } = yield* recorder()
      const { url } = yield* serve(app)
      const answer = yield* post(url + path("ats/candidate/create"), {
        challenge: "wrong",
        body: { bytes: hundredMegabytes, declareLength: true }
      })
      expect(answer.status).toBe(401)
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024)
    }))

  it.scopedLive("maxBodySize sets the limit: a body of exactly the limit is read, one byte more is refused", () =>
    Effect.gen(function*() {
      const body = JSON.stringify(candidate)
      const size = Buffer.byteLength(body)
      const { app, events } = yield* recorder({ maxBodySize: size })
      const { url } = yield* serve(app)
      expect((yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body })).status).toBe(200)
      expect((yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body: body + " " })).status)
        .toBe(413)
      expect(yield* Ref.get(events)).toHaveLength(1)
    }))
})

describe("the challenge never reaches a span or a log", () => {
  /** Serves the receiver with a recording tracer and captured logs, its layers composed as asked. */
  const recorded = (composition: "provide" | "mergeAll" | "none", app: HttpApp.Default<never, never>) =>
    Effect.gen(function*() {
      const { layer: tracing, spans } = recordingTracer()
      const logs = captureLogs()
      const served = HttpServer.serve(app)
      const layer = composition === "provide"
        ? served.pipe(Layer.provide(Webhooks.redactChallengeHeader))
        : composition === "mergeAll"
        ? Layer.mergeAll(served, Webhooks.redactChallengeHeader)
        : served
      const url = yield* start(layer.pipe(Layer.provide(tracing), Layer.provide(logs.layer)))
      const answers = []
      for (const challenge of [SECRET, `${SECRET}-wrong`]) {
        answers.push((yield* post(url + path("ats/candidate/create"), { challenge, body: JSON.stringify(candidate) })).status)
      }
      const server = spans.filter((span) => span.kind === "server")
      const attributes = spans.flatMap((span) => [...span.attributes.values()].map(String))
      return { answers, server, attributes, logs: logs.lines }
    })

  for (const composition of ["provide", "mergeAll", "none"] as const) {
    it.scopedLive(`with the redaction layer composed by ${composition}`, () =>
      Effect.gen(function*() {
        const { app } = yield* recorder()
        const { answers, attributes, logs, server } = yield* recorded(composition, app)
        expect(answers).toEqual([200, 401])
        expect(server).toHaveLength(2)
        for (const span of server) {
          expect(span.attributes.get(`http.request.header.${Webhooks.challengeHeader}`)).toBe("<redacted>")
        }
        expect(attributes.filter((value) => value.includes(SECRET))).toEqual([])
        expect(logs.some((line) => line.includes("wrong challenge"))).toBe(true)
        expect(logs.filter((line) => line.includes(SECRET))).toEqual([])
      }))
  }

  it.scopedLive("(a plain app served the same way with mergeAll leaks it: what the receiver protects against)", () =>
    Effect.gen(function*() {
      const { server } = yield* recorded("mergeAll", Effect.succeed(HttpServerResponse.empty({ status: 200 })))
      expect(server.map((span) => span.attributes.get(`http.request.header.${Webhooks.challengeHeader}`))).toEqual([
        SECRET,
        `${SECRET}-wrong`
      ])
    }))
})

describe("dedupe", () => {
  const dedupeReceiver = (outcomes: Array<"succeed" | "fail">) =>
    Effect.gen(function*() {
      const runs = yield* Ref.make<ReadonlyArray<string>>([])
      const app = Webhooks.httpApp({
        challenge: SECRET,
        prefix: "/hooks",
        dedupe: true,
        handler: (event) =>
          Effect.flatMap(Ref.getAndUpdate(runs, (all) => [...all, event.payload.id]), (before) =>
            outcomes[before.length] === "fail" ? Effect.fail("the database is down") : Effect.void)
      })
      return { app, runs }
    })

  it.scopedLive("a replay is answered 200 without running the handler again", () =>
    Effect.gen(function*() {
      const { app, runs } = yield* dedupeReceiver([])
      const { logs, url } = yield* serve(app.pipe(Effect.provideService(Webhooks.DedupeStore, yield* Webhooks.DedupeStore.memory())))
      const body = JSON.stringify(candidate)
      const changed = JSON.stringify({ ...candidate, email: "ana.new@example.com" })
      const send = (type: Webhooks.SubscriptionType, text: string) =>
        Effect.map(post(url + path(type), { challenge: SECRET, body: text }), (answer) => answer.status)
      expect(yield* send("ats/candidate/create", body)).toBe(200)
      expect(yield* send("ats/candidate/create", body)).toBe(200)
      // Another change of the same record, and the same record under another type, are other deliveries.
      expect(yield* send("ats/candidate/create", changed)).toBe(200)
      expect(yield* send("ats/candidate/update", body)).toBe(200)
      expect(yield* send("ats/candidate/update", body)).toBe(200)
      expect(yield* Ref.get(runs)).toEqual([candidate.id, candidate.id, candidate.id])
      expect(logs.filter((line) => line.includes("already handled"))).toHaveLength(2)
    }))

  it.scopedLive("a delivery whose handler failed runs again when Factorial retries it", () =>
    Effect.gen(function*() {
      const { app, runs } = yield* dedupeReceiver(["fail", "succeed"])
      const { url } = yield* serve(app.pipe(Effect.provideService(Webhooks.DedupeStore, yield* Webhooks.DedupeStore.memory())))
      const body = JSON.stringify(candidate)
      const statuses = []
      for (let attempt = 0; attempt < 3; attempt++) {
        statuses.push((yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body })).status)
      }
      expect(statuses).toEqual([500, 200, 200])
      expect(yield* Ref.get(runs)).toHaveLength(2)
    }))

  it.scopedLive("concurrent copies of one delivery run the handler once", () =>
    Effect.gen(function*() {
      const { app, runs } = yield* dedupeReceiver([])
      const { url } = yield* serve(app.pipe(Effect.provideService(Webhooks.DedupeStore, yield* Webhooks.DedupeStore.memory())))
      const body = JSON.stringify(candidate)
      const statuses = yield* Effect.forEach(
        Array.from({ length: 8 }, () => post(url + path("ats/candidate/create"), { challenge: SECRET, body })),
        (send) => Effect.map(send, (answer) => answer.status),
        { concurrency: "unbounded" }
      )
      expect(statuses).toEqual(Array.from({ length: 8 }, () => 200))
      expect(yield* Ref.get(runs)).toHaveLength(1)
    }))

  it.scopedLive("a store that fails answers 500 without running the handler", () =>
    Effect.gen(function*() {
      const { app, runs } = yield* dedupeReceiver([])
      const failing = Layer.succeed(Webhooks.DedupeStore, {
        claim: () => Effect.fail(new Webhooks.DedupeStoreError({ operation: "claim" })),
        complete: () => Effect.void,
        release: () => Effect.void
      })
      const { logs, url } = yield* serve(app.pipe(Effect.provide(failing)))
      const answer = yield* post(url + path("ats/candidate/create"), { challenge: SECRET, body: JSON.stringify(candidate) })
      expect(answer.status).toBe(500)
      expect(yield* Ref.get(runs)).toEqual([])
      expect(logs.some((line) => line.includes("dedupe store failed"))).toBe(true)
    }))

  it.effect("the memory store keeps at most its capacity, forgetting the oldest handled key first", () =>
    Effect.gen(function*() {
      const store = yield* Webhooks.DedupeStore.memory({ capacity: 2 })
      expect(yield* store.claim("a")).toBe(true)
      yield* store.complete("a")
      expect(yield* store.claim("b")).toBe(true) // still being handled
      expect(yield* store.claim("a")).toBe(false)
      expect(yield* store.claim("c")).toBe(true) // full: "a" (handled) goes, "b" (in flight) stays
      expect(yield* store.claim("b")).toBe(false)
      expect(yield* store.claim("a")).toBe(true)
      yield* store.release("a")
      expect(yield* store.claim("a")).toBe(true)
    }))

  it.effect("the key is type, record id and the body's SHA-256", () =>
    Effect.gen(function*() {
      const body = JSON.stringify(candidate)
      const event = yield* Webhooks.decodeText("ats/candidate/create", body)
      expect(event.payload).toBeInstanceOf(Candidate)
      const key = yield* Webhooks.deliveryKey(event, body)
      expect(key).toMatch(new RegExp(`^ats/candidate/create:${candidate.id}:[0-9a-f]{64}$`))
      expect(yield* Webhooks.deliveryKey(event, body)).toBe(key)
      expect(yield* Webhooks.deliveryKey(event, `${body} `)).not.toBe(key)
    }))
})
