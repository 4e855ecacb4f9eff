/**
 * The API routes, derived from the resource descriptions of `@effect-factorial/ats`: one route per operation of a
 * description's table, at the method and path `Resource.route` gives (namespace included), so the client and the
 * sandbox cannot disagree on where an operation lives. Bodies are validated with the
 * description's payload schemas, list filters with its params schema, and records are normalised through its model.
 */
import { Ats, Resource, WebhookSubscriptions } from "@effect-factorial/ats"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { SandboxState } from "../SandboxState.js"
import { type ApiError, badRequest, notFound, unprocessable } from "./apiError.js"
import { SandboxConfig } from "./config.js"
import * as Json from "./json.js"
import * as Pagination from "./pagination.js"
import * as Query from "./query.js"
import * as Render from "./render.js"
import { semantics } from "./resources/index.js"
import { type Ctx, type Semantics, within } from "./resources/Semantics.js"
import type { Row, Table } from "./table.js"
import * as Webhook from "./webhookEvents.js"
import * as Wire from "./wire.js"

const VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

/** The context of one request: who is asking, in which version, at what time. */
const context = Effect.gen(function*() {
  const params = yield* HttpRouter.params
  const version = params.version ?? ""
  if (!VERSION.test(version)) return yield* Effect.fail(notFound("Route"))
  const state = yield* SandboxState
  const config = yield* SandboxConfig
  const now = new Date(yield* Clock.currentTimeMillis).toISOString()
  const ctx: Ctx = { state, now, version }
  return { ctx, params, style: { version, explicitNulls: config.explicitNulls, drift: config.drift }, config }
})

type Handler = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext | SandboxState | SandboxConfig
>

/** Runs a route body, turning its `ApiError` into the API's error answer. */
const handle = (
  body: (request: Effect.Effect.Success<typeof context>) => Effect.Effect<HttpServerResponse.HttpServerResponse, ApiError, HttpServerRequest.HttpServerRequest>
): Handler =>
  Effect.flatMap(HttpRouter.params, (params) =>
    context.pipe(
      Effect.flatMap(body),
      Effect.catchTag("ApiError", (failure) => Effect.succeed(Render.error({ version: params.version ?? "" }, failure)))
    ))

/** Reads a request body: JSON (ids above 2^53 kept as digits), or multipart read through the create schema. */
const readBody = (
  form: ((form: FormData) => Record<string, unknown>) | undefined
): Effect.Effect<unknown, ApiError, HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (form !== undefined) {
      const bytes = yield* Effect.orElseSucceed(request.arrayBuffer, () => new ArrayBuffer(0))
      const contentType = request.headers["content-type"] ?? ""
      const data = yield* Effect.tryPromise({
        try: () => new Response(bytes, { headers: { "content-type": contentType } }).formData(),
        catch: () => badRequest({ base: ["expected a multipart/form-data body"] })
      })
      return form(data)
    }
    const text = yield* Effect.orElseSucceed(request.text, () => "")
    if (text.trim() === "") return {}
    return yield* Effect.try({
      try: () => Json.parse(text),
      catch: () => badRequest({ base: ["the body is not valid JSON"] })
    })
  })

/** Validates a payload with a schema and answers its wire form (ids as strings, whatever the client sent). */
const validate = (schema: Schema.Schema.AnyNoContext, input: unknown): Effect.Effect<Row, ApiError> =>
  Schema.decodeUnknown(schema, { errors: "all" })(input).pipe(
    Effect.flatMap((value) => Schema.encode(schema)(value)),
    Effect.map((wire) => wire as Row),
    Effect.mapError((error) => unprocessable(Wire.fieldErrors(error)))
  )

/** The generic filter of one parameter: the field of that name, or its singular for `*_ids` / `emails`. */
const genericFilter = (fields: ReadonlySet<string>, name: string, value: unknown): ((row: Row) => boolean) | undefined => {
  if (Array.isArray(value)) {
    const set = within(value)
    const singular = name.endsWith("s") ? name.slice(0, -1) : name
    if (fields.has(singular)) return (row) => set.has(String(row[singular]))
    if (fields.has(name)) {
      return (row) => Array.isArray(row[name]) && (row[name] as Array<unknown>).some((item) => set.has(String(item)))
    }
    return undefined
  }
  if (fields.has(name)) return (row) => row[name] === value || String(row[name]) === String(value)
  return undefined
}

const makeFilter = (
  definition: Resource.Definition,
  resource: Semantics,
  read: (params: URLSearchParams) => Record<string, unknown>,
  fields: ReadonlySet<string>,
  params: URLSearchParams,
  requireQuery: boolean,
  ctx: Ctx
): Effect.Effect<((row: Row) => boolean) | undefined, ApiError> =>
  Effect.gen(function*() {
    if (requireQuery) {
      for (const name of resource.requiredQuery ?? []) {
        if (!params.has(name)) return yield* Effect.fail(badRequest({ [name]: ["is missing"] }))
      }
    }
    const query = read(params)
    const decoded = yield* Effect.either(Schema.decodeUnknown(definition.listParams, { errors: "all" })(query))
    if (Either.isLeft(decoded)) {
      const errors = Wire.fieldErrors(decoded.left)
      // When the quirk is off, a required parameter the schema insists on is not an error.
      if (!requireQuery) for (const name of resource.requiredQuery ?? []) delete errors[name]
      if (Object.keys(errors).length > 0) return yield* Effect.fail(badRequest(errors))
    }
    const predicates: Array<(row: Row) => boolean> = []
    for (const [rawName, value] of Object.entries(query)) {
      const name = rawName.endsWith("[]") ? rawName.slice(0, -2) : rawName
      const custom = resource.filters?.[name]
      const predicate = custom !== undefined ? custom(value, ctx) : genericFilter(fields, name, value)
      if (predicate !== undefined) predicates.push(predicate)
    }
    if (predicates.length === 0) return undefined
    return (row: Row) => predicates.every((predicate) => predicate(row))
  })

/** The table a foreign key points to: `ats_candidate_id` → `candidates`, `ats_evaluation_forms_id` → `evaluation_forms`. */
const targetOf = (key: string, resources: ReadonlyArray<string>): string | undefined => {
  const match = /^ats_([a-z_]+?)s?_id$/.exec(key)
  if (match === null) return undefined
  const plural = `${match[1]}s`
  return resources.includes(plural) ? plural : undefined
}

/** 422 when a foreign key of the payload names a record that does not exist. */
const checkReferences = (payload: Row, ctx: Ctx): Effect.Effect<void, ApiError> => {
  const errors: Record<string, Array<string>> = {}
  for (const [key, value] of Object.entries(payload)) {
    const target = targetOf(key, ctx.state.resources)
    if (target === undefined || value === null || value === undefined) continue
    if (ctx.state.get(target, String(value)) === undefined) errors[key] = ["does not exist"]
  }
  return Object.keys(errors).length > 0 ? Effect.fail(unprocessable(errors)) : Effect.void
}

const fieldsWithValues = (fields: ReadonlyArray<string>, payload: Row): Row => {
  const out: Row = {}
  for (const name of fields) if (payload[name] !== undefined) out[name] = payload[name]
  return out
}

/** What the handlers of one resource share. */
interface Served {
  readonly definition: Resource.Definition
  readonly resource: Semantics
  readonly names: ReadonlyArray<string>
  readonly fields: ReadonlySet<string>
  readonly read: (params: URLSearchParams) => Record<string, unknown>
  readonly normalised: (row: Row) => Effect.Effect<Row, ApiError>
  readonly view: (ctx: Ctx, table: Table, params: URLSearchParams, filter: ((row: Row) => boolean) | undefined) => Pagination.View
}

/** A route body, given the request context and the resource's table. */
type Body = (
  request: Effect.Effect.Success<typeof context> & { readonly table: Table }
) => Effect.Effect<HttpServerResponse.HttpServerResponse, ApiError, HttpServerRequest.HttpServerRequest>

const stored = (table: Table, id: string | undefined) => {
  const row = id === undefined ? undefined : table.get(id)
  return row === undefined ? Effect.fail(notFound()) : Effect.succeed(row)
}

/**
 * How the sandbox serves each kind of operation; the route itself (method and path) comes from
 * `Resource.route`, as the client's does. The scans have no route of their own: they page through `list`.
 */
const kinds: {
  readonly [T in Resource.Operation["_tag"]]:
    | ((served: Served, operation: Extract<Resource.Operation, { readonly _tag: T }>) => Body)
    | undefined
} = {
  List: ({ definition, fields, read, resource, view }) => ({ config, ctx, style, table }) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = new URL(request.url, "http://sandbox").searchParams
      const paging = yield* Either.match(Pagination.read(params), { onLeft: Effect.fail, onRight: Effect.succeed })
      const filter = yield* makeFilter(definition, resource, read, fields, params, config.requireLastPerConversation, ctx)
      const slice = Pagination.slice(view(ctx, table, params, filter), paging)
      const first = slice.rows[0]
      const last = slice.rows[slice.rows.length - 1]
      const cursors = paging._tag === "Cursor" && first !== undefined && last !== undefined
        ? { start_cursor: Pagination.cursorOf(String(first.id)), end_cursor: Pagination.cursorOf(String(last.id)) }
        : {}
      return Render.page(style, slice.rows, {
        has_next_page: slice.hasNext,
        has_previous_page: slice.hasPrevious,
        ...cursors,
        limit: config.nullMetaLimit ? null : paging.limit,
        total: slice.total
      })
    }),
  Stream: undefined,
  All: undefined,
  Get: () => ({ params, style, table }) => Effect.map(stored(table, params.id), (row) => Render.record(style, row)),
  Create: ({ definition, fields, names, normalised, resource }, operation) => {
    const form = operation.formData !== undefined ? Query.formReader(operation.payload) : undefined
    return ({ ctx, style, table }) =>
      Effect.gen(function*() {
        const payload = yield* validate(operation.payload, yield* readBody(form))
        yield* checkReferences(payload, ctx)
        const extra = resource.create ? yield* resource.create(payload, ctx) : {}
        const row = yield* normalised(Wire.withNulls(names, {
          ...fieldsWithValues(names, payload),
          ...(fields.has("company_id") ? { company_id: payload.company_id ?? ctx.state.companyId } : {}),
          ...(fields.has("created_at") ? { created_at: ctx.now } : {}),
          ...(fields.has("updated_at") ? { updated_at: ctx.now } : {}),
          ...extra,
          id: table.nextId()
        }))
        const created = table.append(row)
        resource.written?.(undefined, created, ctx)
        yield* Webhook.publish(definition.path, "create", created, style.explicitNulls)
        return Render.record(style, created, 201)
      })
  },
  Update: ({ definition, fields, names, normalised, resource }, operation) => ({ ctx, params, style, table }) =>
    Effect.gen(function*() {
      const current = yield* stored(table, params.id)
      const payload = yield* validate(operation.payload, yield* readBody(undefined))
      yield* checkReferences(payload, ctx)
      const { id: _id, ...changes } = fieldsWithValues(names, payload)
      const extra = resource.update ? yield* resource.update(current, payload, ctx) : {}
      const row = yield* normalised({
        ...current,
        ...changes,
        ...(fields.has("updated_at") ? { updated_at: ctx.now } : {}),
        ...extra
      })
      const updated = table.replace(row)
      resource.written?.(current, updated, ctx)
      yield* Webhook.publish(definition.path, "update", updated, style.explicitNulls)
      return Render.record(style, updated)
    }),
  Delete: ({ definition, resource }) => ({ ctx, params, style, table }) =>
    Effect.gen(function*() {
      const current = yield* stored(table, params.id)
      table.remove(String(current.id))
      resource.written?.(current, undefined, ctx)
      yield* Webhook.publish(definition.path, "delete", current, style.explicitNulls)
      return Render.record(style, current)
    }),
  Action: ({ definition, resource }, operation) => {
    const run = resource.actions?.[operation.path]
    const since = resource.actionsSince?.[operation.path]
    return ({ ctx, style }) =>
      Effect.gen(function*() {
        if (run === undefined || (since !== undefined && ctx.version < since)) return yield* Effect.fail(notFound("Route"))
        const payload = yield* validate(operation.payload, yield* readBody(undefined))
        const result = yield* run(payload, ctx)
        yield* Webhook.publish(definition.path, operation.path, result, style.explicitNulls)
        return Render.record(style, result)
      })
  }
}

/** The routes of one resource: one per operation of its description that has a route. */
const resourceRoutes = (definition: Resource.Definition): HttpRouter.HttpRouter<never, SandboxState | SandboxConfig> => {
  const resource = semantics[definition.path] ?? {}
  const names = Wire.fieldNames(definition.model)
  const normalise = Wire.normaliser(definition.model)
  // The slots a filter matched, kept until any table changes: a filtered full scan filters once, not per page.
  // One cache per sandbox state: the routes are shared by every sandbox of the process.
  const caches = new WeakMap<object, Map<string, { readonly version: number; readonly slots: ReadonlyArray<number> }>>()
  const served: Served = {
    definition,
    resource,
    names,
    fields: new Set(names),
    read: Query.reader(definition.listParams),
    normalised: (row) => Effect.mapError(normalise(row), (error) => unprocessable(Wire.fieldErrors(error))),
    view: (ctx, target, params, filter) => {
      if (filter === undefined) return Pagination.tableView(target)
      let cache = caches.get(target)
      if (cache === undefined) {
        cache = new Map()
        caches.set(target, cache)
      }
      const key = [...params].filter(([name]) => !Query.pagingKeys.has(name)).map(([k, v]) => `${k}=${v}`).sort().join("&")
      const version = ctx.state.resources.reduce((sum, name) => sum + ctx.state.table(name).version, target.version)
      let entry = cache.get(key)
      if (entry === undefined || entry.version !== version) {
        const slots: Array<number> = []
        for (let slot = 0; slot < target.length; slot++) {
          const row = target.at(slot)
          if (row !== undefined && filter(row)) slots.push(slot)
        }
        entry = { version, slots }
        if (cache.size >= 16) cache.delete(cache.keys().next().value!)
        cache.set(key, entry)
      }
      return Pagination.slotsView(target, entry.slots)
    }
  }
  // The table is the state's, unless the resource keeps its records elsewhere (webhook subscriptions); without one
  // the resource's paths do not exist.
  const tableOf = (ctx: Ctx): Effect.Effect<Table, ApiError> =>
    Effect.flatMap(
      resource.table ?? Effect.succeed(Option.some(ctx.state.table(definition.path))),
      Option.match({ onNone: () => Effect.fail(notFound("Route")), onSome: Effect.succeed })
    )
  let router: HttpRouter.HttpRouter<never, SandboxState | SandboxConfig> = HttpRouter.empty
  for (const operation of Object.values(definition.operations)) {
    const route = Resource.route(definition, operation)
    const serve = kinds[operation._tag] as ((served: Served, operation: Resource.Operation) => Body) | undefined
    if (route === undefined || serve === undefined) continue
    const body = serve(served, operation)
    const path = `/api/:version/resources/${route.path.join("/")}` as `/${string}`
    router = HttpRouter.route(route.method)(
      path,
      handle((request) => Effect.flatMap(tableOf(request.ctx), (table) => body({ ...request, table })))
    )(router)
  }
  return router
}

/** Every route of the described resources: the 12 ATS ones and `api_public/webhook_subscriptions`. */
export const router: HttpRouter.HttpRouter<never, SandboxState | SandboxConfig> = HttpRouter.concatAll(
  ...[...Ats.resources, WebhookSubscriptions.definition].map((definition) => resourceRoutes(definition))
)
