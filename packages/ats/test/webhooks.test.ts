/**
 * Webhooks: the subscription types, decoding every payload, challenge verification, and the receiver driven with
 * web `Request`s in process and over a real HTTP server on 127.0.0.1.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import * as HttpApp from "@effect/platform/HttpApp"
import { Application, Candidate, EvaluationForm, JobPosting } from "@effect-factorial/schema"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as Webhooks from "../src/Webhooks.js"
import { application, candidate, evaluationForm, jobPosting, SECRET } from "./support/Webhooks.js"

const examples: Record<Webhooks.SubscriptionType, readonly [body: object, model: Function]> = {
  "ats/application/apply": [application, Application],
  "ats/application/create": [application, Application],
  "ats/application/create_from_employee": [{ ...application, employee_id: "44" }, Application],
  "ats/application/delete": [application, Application],
  "ats/application/update": [{ ...application, qualified: false }, Application],
  "ats/candidate/create": [candidate, Candidate],
  "ats/candidate/delete": [candidate, Candidate],
  "ats/candidate/update": [{ ...candidate, email: null }, Candidate],
  "ats/evaluation_form/save_as_template": [evaluationForm, EvaluationForm],
  "ats/job_posting/create": [{ ...jobPosting, status: "draft", published_at: null, url: null }, JobPosting],
  "ats/job_posting/delete": [jobPosting, JobPosting],
  "ats/job_posting/duplicate": [{ ...jobPosting, id: "8", title: "Backend engineer (copy)" }, JobPosting],
  "ats/job_posting/update": [jobPosting, JobPosting]
}

describe("subscription types", () => {
  it("are the 13 ATS types of the spec, each with its payload schema", () => {
    expect(Webhooks.subscriptionTypes).toHaveLength(13)
    expect(new Set(Webhooks.subscriptionTypes).size).toBe(13)
    expect(Object.keys(Webhooks.payloadSchemas).sort()).toEqual([...Webhooks.subscriptionTypes].sort())
    expect(Webhooks.payloadSchemas["ats/application/create_from_employee"]).toBe(Application)
    expect(Webhooks.payloadSchemas["ats/candidate/update"]).toBe(Candidate)
    expect(Webhooks.payloadSchemas["ats/evaluation_form/save_as_template"]).toBe(EvaluationForm)
    expect(Webhooks.payloadSchemas["ats/job_posting/duplicate"]).toBe(JobPosting)
  })

  it("the guard accepts the ATS types only", () => {
    expect(Webhooks.isSubscriptionType("ats/job_posting/duplicate")).toBe(true)
    expect(Webhooks.isSubscriptionType("ats/candidate/archive")).toBe(false)
    expect(Webhooks.isSubscriptionType("employees/employee/create")).toBe(false)
  })

  it("a route per type under the prefix", () => {
    expect(Webhooks.path("ats/candidate/create")).toBe("/ats/candidate/create")
    expect(Webhooks.path("ats/candidate/create", "/hooks/")).toBe("/hooks/ats/candidate/create")
    expect(Webhooks.path("ats/candidate/create", "hooks")).toBe("/hooks/ats/candidate/create")
  })
})

describe("decode", () => {
  for (const type of Webhooks.subscriptionTypes) {
    it.effect(`decodes a ${type} payload`, () =>
      Effect.gen(function*() {
        const [body, model] = examples[type]
        const event = yield* Webhooks.decode(type, body, { authorId: "9", authorType: "User" })
        expect(event.type).toBe(type)
        expect(event.payload).toBeInstanceOf(model)
        expect(event.payload.id).toBe((body as { id: string }).id)
        expect(event.authorId).toBe("9")
        expect(event.authorType).toBe("User")
      }))
  }

  it.effect("keeps the payload's values, and the absent author headers absent", () =>
    Effect.gen(function*() {
      const event = yield* Webhooks.decode("ats/candidate/create", candidate)
      expect(event.payload.full_name).toBe("Ana Fernandez Perez")
      expect(event.payload.ats_job_posting_ids).toEqual(["1", "2", "3"])
      expect(event.payload.inactive_since).toBeUndefined()
      expect("authorId" in event).toBe(false)
      expect("authorType" in event).toBe(false)
    }))

  it.effect("accepts the integer ids of subscriptions pinned to API versions before 2026-07-01", () =>
    Effect.gen(function*() {
      const event = yield* Webhooks.decode("ats/application/update", {
        ...application,
        id: 42,
        company_id: 1,
        ats_job_posting_id: 7,
        ats_candidate_id: 3,
        ats_application_phase_id: 3,
        ats_conversation_id: 1,
        source_id: 1
      })
      expect(event.payload.id).toBe("42")
      expect(event.payload.ats_candidate_id).toBe("3")
    }))

  it.effect("a body of another model fails with WebhookDecodeError naming the type and the field", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Webhooks.decode("ats/application/create", candidate))
      expect(error._tag).toBe("WebhookDecodeError")
      expect(error).toBeInstanceOf(Webhooks.WebhookDecodeError)
      expect(error.subscriptionType).toBe("ats/application/create")
      expect(error.message).toContain("ats/application/create")
      expect(error.message).toContain("ats_job_posting_id")
      expect(error.message).toContain("is missing")
    }))

  it.effect("a non-object body and an unknown type fail too", () =>
    Effect.gen(function*() {
      const notObject = yield* Effect.flip(Webhooks.decode("ats/candidate/create", "hello"))
      expect(notObject.subscriptionType).toBe("ats/candidate/create")
      const unknown = yield* Effect.flip(Webhooks.decode("ats/candidate/archive" as any, candidate))
      expect(unknown.subscriptionType).toBe("ats/candidate/archive")
      expect(unknown.message).toContain("Unknown subscription type")
    }))

  it("an event narrows on its type", () => {
    const describeEvent = (event: Webhooks.WebhookEvent) => {
      if (event.type === "ats/candidate/update") {
        expectTypeOf(event.payload).toEqualTypeOf<Candidate>()
        return event.payload.full_name
      }
      if (event.type === "ats/job_posting/duplicate") {
        expectTypeOf(event.payload).toEqualTypeOf<JobPosting>()
        return event.payload.title
      }
      return event.type
    }
    expectTypeOf<Webhooks.PayloadOf<"ats/application/apply">>().toEqualTypeOf<Application>()
    expectTypeOf<Webhooks.PayloadOf<"ats/evaluation_form/save_as_template">>().toEqualTypeOf<EvaluationForm>()
    expect(describeEvent(Effect.runSync(Webhooks.decode("ats/job_posting/duplicate", jobPosting)))).toBe(
      "Backend engineer"
    )
    expect(describeEvent(Effect.runSync(Webhooks.decode("ats/candidate/update", candidate)))).toBe(
      "Ana Fernandez Perez"
    )
  })
})

describe("verifyChallenge", () => {
  it("matches the same challenge only", () => {
    expect(Webhooks.verifyChallenge(SECRET, SECRET)).toBe(true)
    expect(Webhooks.verifyChallenge(Redacted.make(SECRET), SECRET)).toBe(true)
    expect(Webhooks.verifyChallenge(SECRET, SECRET.slice(0, -1) + "0")).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, "x" + SECRET.slice(1))).toBe(false)
  })

  it("refuses a prefix, an extension and any other length", () => {
    expect(Webhooks.verifyChallenge(SECRET, SECRET.slice(0, 10))).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, SECRET + "0")).toBe(false)
    expect(Webhooks.verifyChallenge("abc", "abc\u0000")).toBe(false)
  })

  it("compares UTF-8 bytes, not UTF-16 units", () => {
    expect(Webhooks.verifyChallenge("clé-ñ-🔑", "clé-ñ-🔑")).toBe(true)
    expect(Webhooks.verifyChallenge("clé", "cle\u0301")).toBe(false)
    expect(Webhooks.verifyChallenge("🔑", "🔒")).toBe(false)
  })

  it("never matches a missing or empty challenge", () => {
    expect(Webhooks.verifyChallenge(SECRET, undefined)).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, null)).toBe(false)
    expect(Webhooks.verifyChallenge(SECRET, "")).toBe(false)
    expect(Webhooks.verifyChallenge("", "")).toBe(false)
    expect(Webhooks.verifyChallenge(Redacted.make(""), "")).toBe(false)
  })
})

/** A receiver whose handler counts its calls and keeps the events it saw. */
const makeReceiver = (options: {
  readonly outcome?: "succeed" | "fail" | "die"
  readonly prefix?: string
} = {}) =>
  Effect.gen(function*() {
    const events = yield* Ref.make<ReadonlyArray<Webhooks.WebhookEvent>>([])
    const app = Webhooks.httpApp({
      challenge: Redacted.make(SECRET),
      prefix: options.prefix,
      handler: (event) =>
        Effect.gen(function*() {
          yield* Ref.update(events, (all) => [...all, event])
          if (options.outcome === "fail") return yield* Effect.fail("the database is down" as const)
          if (options.outcome === "die") return yield* Effect.die(new Error("bug"))
        })
    })
    return { app, events }
  })

const delivery = (path: string, options: {
  readonly challenge?: string
  readonly body?: string
  readonly method?: string
  readonly headers?: Record<string, string>
} = {}) =>
  new Request(`http://receiver.test${path}`, {
    method: options.method ?? "POST",
    headers: {
      "content-type": "application/json",
      ...(options.challenge === undefined ? {} : { [Webhooks.challengeHeader]: options.challenge }),
      ...options.headers
    },
    ...(options.method === "GET" ? {} : { body: options.body ?? JSON.stringify(candidate) })
  })

/** Runs the receivers of these tests without printing their warnings (a test below checks what they log). */
const quietWebHandler = HttpApp.toWebHandlerRuntime(
  Effect.runSync(Effect.provide(Effect.runtime<never>(), Logger.minimumLogLevel(LogLevel.None)))
)

/** Sends web `Request`s to an `HttpApp` in process. */
const sendTo = (app: HttpApp.Default<never>) => {
  const handler = quietWebHandler(app)
  return (request: Request) => Effect.promise(() => handler(request))
}

describe("receiver", () => {
  it.effect("a verified, valid delivery runs the handler, then answers 200", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const response = yield* sendTo(app)(delivery("/ats/candidate/create", {
        challenge: SECRET,
        headers: { [Webhooks.authorIdHeader]: "77", [Webhooks.authorTypeHeader]: "Access" }
      }))
      expect(response.status).toBe(200)
      const [event, ...rest] = yield* Ref.get(events)
      expect(rest).toEqual([])
      expect(event?.type).toBe("ats/candidate/create")
      expect(event?.payload).toBeInstanceOf(Candidate)
      expect(event?.payload.id).toBe(candidate.id)
      expect(event?.authorId).toBe("77")
      expect(event?.authorType).toBe("Access")
    }))

  it.effect("each type has its own route, which decides the payload schema", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const send = sendTo(app)
      for (const type of Webhooks.subscriptionTypes) {
        const response = yield* send(
          delivery(Webhooks.path(type), { challenge: SECRET, body: JSON.stringify(examples[type][0]) })
        )
        expect([type, response.status]).toEqual([type, 200])
      }
      const seen = yield* Ref.get(events)
      expect(seen.map((event) => event.type)).toEqual([...Webhooks.subscriptionTypes])
      for (const event of seen) expect(event.payload).toBeInstanceOf(examples[event.type][1])
    }))

  it.effect("a missing challenge answers 401 and the handler never runs", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const response = yield* sendTo(app)(delivery("/ats/candidate/create"))
      expect(response.status).toBe(401)
      expect(yield* Ref.get(events)).toHaveLength(0)
    }))

  it.effect("a wrong challenge answers 401 and the handler never runs, whatever the body", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const send = sendTo(app)
      for (const challenge of [SECRET.slice(0, -1) + "x", SECRET.slice(0, 8), SECRET + "x", "", " "]) {
        expect((yield* send(delivery("/ats/candidate/create", { challenge }))).status).toBe(401)
      }
      expect((yield* send(delivery("/ats/candidate/create", { challenge: "nope", body: "{" }))).status).toBe(401)
      expect(yield* Ref.get(events)).toHaveLength(0)
    }))

  it.effect("a body that is not JSON, or not the route's payload, is acknowledged (200) and the handler never runs", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const send = sendTo(app)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET, body: "{not json" }))).status)
        .toBe(200)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET, body: "" }))).status).toBe(200)
      const wrongModel = yield* send(
        delivery("/ats/job_posting/create", { challenge: SECRET, body: JSON.stringify(candidate) })
      )
      expect(wrongModel.status).toBe(200)
      expect(yield* Ref.get(events)).toHaveLength(0)
    }))

  it.effect("with invalidBody: \"reject\" the same bodies answer 400", () =>
    Effect.gen(function*() {
      const app = Webhooks.httpApp({ challenge: SECRET, invalidBody: "reject", handler: () => Effect.void })
      const send = sendTo(app)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET, body: "{not json" }))).status)
        .toBe(400)
      const wrongModel = yield* send(
        delivery("/ats/job_posting/create", { challenge: SECRET, body: JSON.stringify(candidate) })
      )
      expect(wrongModel.status).toBe(400)
      expect(yield* Effect.promise(() => wrongModel.text())).toContain("ats/job_posting/create")
    }))

  it.effect("a failing handler answers 500, so that Factorial retries", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver({ outcome: "fail" })
      const response = yield* sendTo(app)(delivery("/ats/candidate/update", { challenge: SECRET }))
      expect(response.status).toBe(500)
      expect(yield* Ref.get(events)).toHaveLength(1)
    }))

  it.effect("a handler that dies answers 500 too", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver({ outcome: "die" })
      const response = yield* sendTo(app)(delivery("/ats/candidate/update", { challenge: SECRET }))
      expect(response.status).toBe(500)
      expect(yield* Ref.get(events)).toHaveLength(1)
    }))

  it.effect("other methods and paths answer 404", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver()
      const send = sendTo(app)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET, method: "GET" }))).status).toBe(404)
      expect((yield* send(delivery("/ats/candidate/archive", { challenge: SECRET }))).status).toBe(404)
      expect(yield* Ref.get(events)).toHaveLength(0)
    }))

  it.effect("a prefix moves every route under it", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver({ prefix: "/webhooks/factorial" })
      const send = sendTo(app)
      const path = Webhooks.path("ats/candidate/create", "/webhooks/factorial")
      expect((yield* send(delivery(path, { challenge: SECRET }))).status).toBe(200)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET }))).status).toBe(404)
      expect(yield* Ref.get(events)).toHaveLength(1)
    }))

  it.effect("a mapping of paths to types replaces the default routes, and types the handler", () =>
    Effect.gen(function*() {
      const seen = yield* Ref.make<ReadonlyArray<string>>([])
      const app = Webhooks.httpApp({
        challenge: SECRET,
        routes: { "/new-candidate": "ats/candidate/create", "/new-posting": "ats/job_posting/create" },
        handler: (event) => {
          expectTypeOf(event.type).toEqualTypeOf<"ats/candidate/create" | "ats/job_posting/create">()
          return Ref.update(seen, (all) => [
            ...all,
            (event.type === "ats/candidate/create" ? event.payload.first_name : event.payload.title) ?? ""
          ])
        }
      })
      const send = sendTo(app)
      expect((yield* send(delivery("/new-candidate", { challenge: SECRET }))).status).toBe(200)
      expect(
        (yield* send(delivery("/new-posting", { challenge: SECRET, body: JSON.stringify(jobPosting) }))).status
      ).toBe(200)
      expect((yield* send(delivery("/ats/candidate/create", { challenge: SECRET }))).status).toBe(404)
      expect(yield* Ref.get(seen)).toEqual(["Ana", "Backend engineer"])
    }))

  it.effect("the router mounts inside another app with the handler's requirements", () =>
    Effect.gen(function*() {
      const router = Webhooks.router({ challenge: SECRET, handler: () => Effect.void })
      const response = yield* sendTo(
        router.pipe(Effect.catchTag("RouteNotFound", () => Effect.die("unexpected 404")))
      )(delivery("/ats/candidate/delete", { challenge: SECRET }))
      expect(response.status).toBe(200)
    }))
})

describe("the challenge never shows", () => {
  const secretIn = (text: string) => text.includes(SECRET)

  it.effect("in the receiver's logs, whatever the outcome", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const capture = Logger.replace(
        Logger.defaultLogger,
        Logger.map(Logger.logfmtLogger, (line) => void lines.push(line))
      )
      for (const outcome of ["succeed", "fail", "die"] as const) {
        const { app } = yield* makeReceiver({ outcome })
        const { dispose, handler } = HttpApp.toWebHandlerLayer(app, capture)
        yield* Effect.promise(() => handler(delivery("/ats/candidate/create", { challenge: SECRET })))
        yield* Effect.promise(() => handler(delivery("/ats/candidate/create", { challenge: SECRET + "!" })))
        yield* Effect.promise(() => handler(delivery("/ats/candidate/create", { challenge: SECRET, body: "[" })))
        yield* Effect.promise(dispose)
      }
      // The rejections and failures were logged, without the secret.
      expect(lines.some((line) => line.includes("wrong challenge"))).toBe(true)
      expect(lines.some((line) => line.includes("handler failed"))).toBe(true)
      expect(lines.filter(secretIn)).toEqual([])
    }))
})

describe("over a real HTTP server on 127.0.0.1", () => {
  /** Serves an `HttpApp` with `node:http`, bridging each request to the app's web handler. */
  const listen = (app: HttpApp.Default<never>) =>
    Effect.acquireRelease(
      Effect.async<{ readonly url: string; readonly close: () => void }>((resume) => {
        const handler = quietWebHandler(app)
        const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
          const chunks: Array<Buffer> = []
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk))
          incoming.on("end", () => {
            const headers = new Headers()
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (typeof value === "string") headers.set(name, value)
            }
            const body = incoming.method === "GET" || incoming.method === "HEAD" ? null : Buffer.concat(chunks)
            void handler(new Request(`http://127.0.0.1${incoming.url}`, { method: incoming.method!, headers, body }))
              .then(async (response) => {
                outgoing.writeHead(response.status, Object.fromEntries(response.headers))
                outgoing.end(Buffer.from(await response.arrayBuffer()))
              })
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, close: () => server.close() }))
        })
      }),
      (server) => Effect.sync(server.close)
    )

  it.scoped("delivers, verifies and answers like in process", () =>
    Effect.gen(function*() {
      const { app, events } = yield* makeReceiver({ prefix: "/webhooks" })
      const server = yield* listen(app)
      const post = (type: Webhooks.SubscriptionType, challenge: string | undefined) =>
        Effect.promise(() =>
          fetch(`${server.url}${Webhooks.path(type, "/webhooks")}`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              [Webhooks.authorIdHeader]: "5",
              ...(challenge === undefined ? {} : { [Webhooks.challengeHeader]: challenge })
            },
            body: JSON.stringify(examples[type][0])
          })
        )
      expect((yield* post("ats/application/apply", undefined)).status).toBe(401)
      expect((yield* post("ats/application/apply", "wrong")).status).toBe(401)
      expect(yield* Ref.get(events)).toHaveLength(0)
      expect((yield* post("ats/application/apply", SECRET)).status).toBe(200)
      const [event] = yield* Ref.get(events)
      expect(event?.type).toBe("ats/application/apply")
      expect(event?.payload).toBeInstanceOf(Application)
      expect(event?.authorId).toBe("5")
      expect(Option.fromNullable(event?.authorType)).toEqual(Option.none())
    }))
})
