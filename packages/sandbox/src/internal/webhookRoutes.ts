/**
 * `api_public/webhook_subscriptions` in the sandbox: list (paginated and filtered like the ATS lists), get,
 * create (201), update and delete, stored in the `SandboxWebhooks` in context (without one, the paths do not
 * exist). Bodies are validated with the SDK's own payload schemas.
 */
import { CreateWebhookSubscription, UpdateWebhookSubscription } from "@effect-factorial/schema"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { SandboxState } from "../SandboxState.js"
import { SandboxWebhooks, type SandboxWebhooksService } from "../SandboxWebhooks.js"
import { type ApiError, badRequest, notFound, unprocessable } from "./apiError.js"
import { SandboxConfig } from "./config.js"
import * as Json from "./json.js"
import * as Pagination from "./pagination.js"
import * as Render from "./render.js"
import type { Row } from "./table.js"
import * as Wire from "./wire.js"

const base = "/api/:version/resources/api_public/webhook_subscriptions"
const VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

interface Request {
  readonly webhooks: SandboxWebhooksService
  readonly version: string
  readonly style: Render.Style
  readonly params: Readonly<Record<string, string | undefined>>
}

type Route = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext | SandboxState | SandboxConfig
>

const handle = (
  body: (request: Request) => Effect.Effect<HttpServerResponse.HttpServerResponse, ApiError, HttpServerRequest.HttpServerRequest | SandboxState>
): Route =>
  Effect.gen(function*() {
    const params = yield* HttpRouter.params
    const version = params.version ?? ""
    const webhooks = yield* Effect.serviceOption(SandboxWebhooks)
    const config = yield* SandboxConfig
    if (!VERSION.test(version) || Option.isNone(webhooks)) return Render.error({ version }, notFound("Route"))
    const style = { version, explicitNulls: config.explicitNulls }
    return yield* body({ webhooks: webhooks.value, version, style, params }).pipe(
      Effect.catchTag("ApiError", (failure) => Effect.succeed(Render.error({ version }, failure)))
    )
  })

const readJson = Effect.gen(function*() {
  const request = yield* HttpServerRequest.HttpServerRequest
  const text = yield* Effect.orElseSucceed(request.text, () => "")
  if (text.trim() === "") return {}
  return yield* Effect.try({
    try: () => Json.parse(text),
    catch: () => badRequest({ base: ["the body is not valid JSON"] })
  })
})

/** Validates a body and answers its wire form (the challenge as a plain string). */
const validate = (schema: Schema.Schema.AnyNoContext) =>
  Effect.flatMap(readJson, (input) =>
    Schema.decodeUnknown(schema, { errors: "all" })(input).pipe(
      Effect.flatMap((value) => Schema.encode(schema)(value)),
      Effect.map((wire) => wire as Row),
      Effect.mapError((error) => unprocessable(Wire.fieldErrors(error)))
    ))

const stored = ({ params, webhooks }: Request) => {
  const row = params.id === undefined ? undefined : webhooks.table.get(params.id)
  return row === undefined ? Effect.fail(notFound()) : Effect.succeed(row)
}

/** The body fields kept on the record; the API calls `subscription_type` `type` once stored. */
const changes = (payload: Row): Row => {
  const out: Row = {}
  for (const key of ["target_url", "company_id", "name", "challenge", "enabled", "api_version"]) {
    if (payload[key] !== undefined) out[key] = payload[key]
  }
  if (payload.subscription_type !== undefined) out.type = payload.subscription_type
  return out
}

const matches = (query: URLSearchParams) => (row: Row): boolean => {
  for (const key of ["id", "company_id", "type", "enabled"]) {
    const value = query.get(key)
    if (value === null) continue
    const actual = key === "enabled" ? row.enabled !== false : row[key]
    if (String(actual) !== value) return false
  }
  return true
}

/** The webhook subscription routes. */
export const router: HttpRouter.HttpRouter<never, SandboxState | SandboxConfig> = HttpRouter.empty.pipe(
  HttpRouter.get(
    base,
    handle((request) =>
      Effect.gen(function*() {
        const url = new URL((yield* HttpServerRequest.HttpServerRequest).url, "http://sandbox")
        const paging = yield* Either.match(Pagination.read(url.searchParams), {
          onLeft: Effect.fail,
          onRight: Effect.succeed
        })
        const table = request.webhooks.table
        const keep = matches(url.searchParams)
        const slots: Array<number> = []
        for (let slot = 0; slot < table.length; slot++) {
          const row = table.at(slot)
          if (row !== undefined && keep(row)) slots.push(slot)
        }
        const page = Pagination.slice(Pagination.slotsView(table, slots), paging)
        const first = page.rows[0]
        const last = page.rows[page.rows.length - 1]
        return Render.page(request.style, page.rows, {
          has_next_page: page.hasNext,
          has_previous_page: page.hasPrevious,
          ...(paging._tag === "Cursor" && first !== undefined && last !== undefined
            ? { start_cursor: Pagination.cursorOf(String(first.id)), end_cursor: Pagination.cursorOf(String(last.id)) }
            : {}),
          limit: paging.limit,
          total: page.total
        })
      })
    )
  ),
  HttpRouter.get(`${base}/:id`, handle((request) => Effect.map(stored(request), (row) => Render.record(request.style, row)))),
  HttpRouter.post(
    base,
    handle((request) =>
      Effect.gen(function*() {
        const payload = yield* validate(CreateWebhookSubscription)
        const table = request.webhooks.table
        const row = table.append(Wire.withNulls(["id", "target_url", "type", "company_id", "name", "challenge"], {
          enabled: true,
          // Unpinned subscriptions follow the version they were created in.
          api_version: request.version,
          ...changes(payload),
          id: table.nextId()
        }))
        return Render.record(request.style, row, 201)
      })
    )
  ),
  HttpRouter.put(
    `${base}/:id`,
    handle((request) =>
      Effect.gen(function*() {
        const current = yield* stored(request)
        const payload = yield* validate(UpdateWebhookSubscription)
        const row = request.webhooks.table.replace({ ...current, ...changes(payload), id: current.id })
        return Render.record(request.style, row)
      })
    )
  ),
  HttpRouter.del(
    `${base}/:id`,
    handle((request) =>
      Effect.gen(function*() {
        const current = yield* stored(request)
        request.webhooks.table.remove(String(current.id))
        return Render.record(request.style, current)
      })
    )
  )
)
