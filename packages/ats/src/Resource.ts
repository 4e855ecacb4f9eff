/**
 * One description per resource, and everything derived from it: the service interface (one mapped type over the
 * description's operation table), its implementation, its layer and its mock layer (one loop over the same
 * table). The sandbox derives its routes from the same descriptions, through `route`.
 *
 * An operation kind (list, get, create...) is described once, in `kinds` below: the HTTP route it calls, whether it
 * answers an `Effect` or a `Stream`, and how the client runs it. Its signature is described once, in `Method`.
 *
 * @since 0.1.0
 */
import {
  FactorialClient,
  InvalidRequest,
  Pagination,
  type FactorialRequest,
  type FactorialRequestError,
  type QueryParams,
  type RequestBody
} from "@effect-factorial/core"
import type * as Brand from "effect/Brand"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

/**
 * `GET /<path>`: one page, filtered by the description's `listParams`.
 *
 * @since 0.2.0
 */
export interface ListOperation {
  readonly _tag: "List"
}

/**
 * Every record of every page as a `Stream` (over the list endpoint; no route of its own).
 *
 * @since 0.2.0
 */
export interface StreamOperation {
  readonly _tag: "Stream"
}

/**
 * Every record of every page, collected (over the list endpoint; no route of its own).
 *
 * @since 0.2.0
 */
export interface AllOperation {
  readonly _tag: "All"
}

/**
 * `GET /<path>/<id>`.
 *
 * @since 0.2.0
 */
export interface GetOperation {
  readonly _tag: "Get"
}

/**
 * `POST /<path>` with a body.
 *
 * @since 0.2.0
 */
export interface CreateOperation<P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext> {
  readonly _tag: "Create"
  readonly payload: P
  /** Builds a multipart body instead of JSON (messages with attachments). */
  readonly formData?: ((payload: any) => FormData) | undefined
}

/**
 * `PUT /<path>/<id>` with a body (the id is repeated in the body).
 *
 * @since 0.2.0
 */
export interface UpdateOperation<P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext> {
  readonly _tag: "Update"
  readonly payload: P
}

/**
 * `DELETE /<path>/<id>`.
 *
 * @since 0.2.0
 */
export interface DeleteOperation {
  readonly _tag: "Delete"
}

/**
 * `POST /<path>/<segment>`: a collection action such as `applications/apply`.
 *
 * @since 0.2.0
 */
export interface ActionOperation<P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext> {
  readonly _tag: "Action"
  /** The last path segment, e.g. `"move_to_phase"`. */
  readonly path: string
  readonly payload: P
}

/**
 * One entry of a description's operation table.
 *
 * @since 0.2.0
 */
export type Operation =
  | ListOperation
  | StreamOperation
  | AllOperation
  | GetOperation
  | CreateOperation
  | UpdateOperation
  | DeleteOperation
  | ActionOperation

/**
 * The constructors of the operation table's entries.
 *
 * @since 0.2.0
 */
export const Op = {
  list: { _tag: "List" } as ListOperation,
  stream: { _tag: "Stream" } as StreamOperation,
  all: { _tag: "All" } as AllOperation,
  get: { _tag: "Get" } as GetOperation,
  create: <P extends Schema.Schema.AnyNoContext>(
    payload: P,
    options: { readonly formData?: (payload: Schema.Schema.Type<P>) => FormData } = {}
  ): CreateOperation<P> => ({ _tag: "Create", payload, formData: options.formData }),
  update: <P extends Schema.Schema.AnyNoContext>(payload: P): UpdateOperation<P> => ({ _tag: "Update", payload }),
  delete: { _tag: "Delete" } as DeleteOperation,
  action: <P extends Schema.Schema.AnyNoContext>(path: string, payload: P): ActionOperation<P> => ({
    _tag: "Action",
    path,
    payload
  })
} as const

/**
 * The reads every listable resource has: `list`, `stream`, `all` and `get`, to spread into an operation table.
 *
 * @since 0.2.0
 */
export const reads = { list: Op.list, stream: Op.stream, all: Op.all, get: Op.get } as const

// ---------------------------------------------------------------------------------------------------------------
// Descriptions
// ---------------------------------------------------------------------------------------------------------------

/**
 * What there is to know about one resource: where it lives, what it returns, and its operation table (method name
 * → operation). The service has exactly the methods of the table.
 *
 * @since 0.1.0
 */
export interface Definition {
  /** The service name, e.g. `"Candidates"`; spans are named `<name>.<method>`. */
  readonly name: string
  /** The API namespace after `/resources/`; `"ats"` when absent (`"api_public"` for webhook subscriptions). */
  readonly namespace?: string
  /** The path segment after `/resources/<namespace>/`, e.g. `"candidates"`. */
  readonly path: string
  /** The model every read and write answers with. */
  readonly model: Schema.Schema.AnyNoContext
  /** The branded id of the model (its `brand` names the id type in signatures). */
  readonly id: Schema.Schema<any, string> & { readonly brand: string }
  /** The list endpoint's query parameters (filters and paging keys). */
  readonly listParams: Schema.Schema.AnyNoContext
  /** The operations, by method name. */
  readonly operations: Readonly<Record<string, Operation>>
}

/**
 * Declares a resource, keeping its literal type so the service type can be derived from it.
 *
 * @since 0.1.0
 */
export const define = <const D extends Definition>(definition: D): D => definition

/**
 * The method names of a description, in the order of its operation table.
 *
 * @since 0.1.0
 */
export const operations = (definition: Definition): ReadonlyArray<string> => Object.keys(definition.operations)

/**
 * The HTTP route an operation calls, or `undefined` for the scans (they call the list route). Path segments are
 * relative to `/resources/`; `:id` stands for the record id.
 *
 * @since 0.2.0
 */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  readonly path: ReadonlyArray<string>
}

// ---------------------------------------------------------------------------------------------------------------
// The service type: one mapped type
// ---------------------------------------------------------------------------------------------------------------

/**
 * What any read can fail with.
 *
 * @since 0.1.0
 */
export type ReadError = FactorialRequestError | InvalidRequest

/**
 * What a scan across pages can fail with.
 *
 * @since 0.1.0
 */
export type ScanError = ReadError | Pagination.PaginationError

/**
 * What any write can fail with.
 *
 * @since 0.1.0
 */
export type WriteError = FactorialRequestError | InvalidRequest

/** A string that carries no brand: a plain string from user input, but not another resource's id. */
type PlainId = string & { readonly [Brand.BrandTypeId]?: never }

/**
 * An id argument: the resource's branded id (e.g. `IdInput<"CandidateId">` takes a `CandidateId`), a plain string
 * or a number, converted once. An id of another resource's brand is rejected by the type checker.
 *
 * @since 0.2.0
 */
export type IdInput<B extends string> = Brand.Branded<string, B> | PlainId | number

/**
 * The paging keys of list params: a scan sets them itself.
 *
 * @since 0.2.0
 */
export type PagingKey = "limit" | "page" | "after_id" | "before_id"

/**
 * The filters of a list: its params without the paging keys, which a scan sets itself (the page size comes from
 * the scan options' `limit`).
 *
 * @since 0.2.0
 */
export type Filters<P> = Omit<P, PagingKey>

type Type<S> = S extends Schema.Schema.AnyNoContext ? Schema.Schema.Type<S> : never
type ParamsArgs<P> = {} extends P ? [params?: P] : [params: P]
type ScanArgs<P> = {} extends P ? [filters?: P, options?: Pagination.StreamOptions]
  : [filters: P, options?: Pagination.StreamOptions]

/**
 * The signature of one operation of a description.
 *
 * @since 0.2.0
 */
export type Method<O, D extends Definition> = O extends ListOperation
  ? (...args: ParamsArgs<Type<D["listParams"]>>) => Effect.Effect<Pagination.Page<Schema.Schema.Type<D["model"]>>, ReadError>
  : O extends StreamOperation ? (...args: ScanArgs<Filters<Type<D["listParams"]>>>) => Stream.Stream<Schema.Schema.Type<D["model"]>, ScanError>
  : O extends AllOperation
    ? (...args: ScanArgs<Filters<Type<D["listParams"]>>>) => Effect.Effect<ReadonlyArray<Schema.Schema.Type<D["model"]>>, ScanError>
  : O extends GetOperation ? (id: IdInput<D["id"]["brand"]>) => Effect.Effect<Schema.Schema.Type<D["model"]>, ReadError>
  : O extends CreateOperation<infer P> ? (payload: Type<P>) => Effect.Effect<Schema.Schema.Type<D["model"]>, WriteError>
  : O extends UpdateOperation<infer P> ? (id: IdInput<D["id"]["brand"]>, payload: Type<P>) => Effect.Effect<Schema.Schema.Type<D["model"]>, WriteError>
  : O extends DeleteOperation ? (id: IdInput<D["id"]["brand"]>) => Effect.Effect<Schema.Schema.Type<D["model"]>, WriteError>
  : O extends ActionOperation<infer P> ? (payload: Type<P>) => Effect.Effect<Schema.Schema.Type<D["model"]>, WriteError>
  : never

/**
 * The service derived from a description: one method per entry of its operation table. Name it where users look:
 *
 * ```ts
 * export interface CandidatesService extends Resource.Service<typeof definition> {}
 * ```
 *
 * @since 0.1.0
 */
export type Service<D extends Definition> = {
  readonly [K in keyof D["operations"]]: Method<D["operations"][K], D>
}

// ---------------------------------------------------------------------------------------------------------------
// The operation kinds: described once
// ---------------------------------------------------------------------------------------------------------------

/** What the client of one resource needs to run any operation. */
interface Client {
  readonly definition: Definition
  readonly client: FactorialClient["Type"]
  readonly encode: (schema: Schema.Schema.AnyNoContext, method: string, value: unknown) => Effect.Effect<unknown, InvalidRequest>
  readonly toId: (method: string, id: string | number) => Effect.Effect<string, InvalidRequest>
  readonly scan: (filters: Record<string, unknown> | undefined) => Pagination.Source<unknown, ReadError, never>
  readonly path: (route: Route, id?: string) => ReadonlyArray<string>
}

interface Kind<O extends Operation> {
  /** The route it calls, from the resource's base path; `undefined` for the scans. */
  readonly route: (base: ReadonlyArray<string>, operation: O) => Route | undefined
  /** What it answers: a mock stub dies in the same shape. */
  readonly answers: "Effect" | "Stream"
  /** The method, over the `FactorialClient`; `route` is the one `route` above gave. */
  readonly make: (resource: Client, method: string, operation: O, route: Route) => (...args: ReadonlyArray<any>) => unknown
}

const span = (resource: Client, method: string) => `${resource.definition.name}.${method}`

/** A call whose only argument is the record id: validated, then sent in the path. */
const byId = (resource: Client, method: string, route: Route) => (id: string | number) =>
  resource.toId(method, id).pipe(
    Effect.flatMap((id) =>
      resource.client.execute({ method: route.method, path: resource.path(route, id) }, resource.definition.model)
    ),
    Effect.withSpan(span(resource, method), { attributes: { id } })
  )

/** A call whose only argument is a body: validated and encoded with the payload schema, then sent. */
const withBody = (
  resource: Client,
  method: string,
  route: Route,
  schema: Schema.Schema.AnyNoContext,
  body: (encoded: unknown, payload: unknown) => RequestBody = (encoded) => ({ _tag: "Json", value: encoded })
) =>
(payload: unknown) =>
  resource.encode(schema, method, payload).pipe(
    Effect.flatMap((encoded) =>
      resource.client.execute(
        { method: route.method, path: route.path, body: body(encoded, payload) },
        resource.definition.model
      )
    ),
    Effect.withSpan(span(resource, method))
  )

const kinds: { readonly [T in Operation["_tag"]]: Kind<Extract<Operation, { readonly _tag: T }>> } = {
  List: {
    route: (base) => ({ method: "GET", path: base }),
    answers: "Effect",
    make: (resource, method, _operation, route) => {
      const page = Pagination.Page(resource.definition.model)
      return (params: unknown = {}) =>
        resource.encode(resource.definition.listParams, method, params).pipe(
          Effect.flatMap((query) =>
            resource.client.execute({ method: route.method, path: route.path, query: query as QueryParams }, page)
          ),
          Effect.withSpan(span(resource, method))
        )
    }
  },
  Stream: {
    route: () => undefined,
    answers: "Stream",
    make: (resource, method) => (filters?: Record<string, unknown>, options?: Pagination.StreamOptions) =>
      Pagination.stream(resource.scan(filters), options).pipe(Stream.withSpan(span(resource, method)))
  },
  All: {
    route: () => undefined,
    answers: "Effect",
    make: (resource, method) => (filters?: Record<string, unknown>, options?: Pagination.StreamOptions) =>
      Pagination.all(resource.scan(filters), options).pipe(Effect.withSpan(span(resource, method)))
  },
  Get: {
    route: (base) => ({ method: "GET", path: [...base, ":id"] }),
    answers: "Effect",
    make: (resource, method, _operation, route) => byId(resource, method, route)
  },
  Create: {
    route: (base) => ({ method: "POST", path: base }),
    answers: "Effect",
    make: (resource, method, operation, route) => {
      const formData = operation.formData
      return withBody(
        resource,
        method,
        route,
        operation.payload,
        formData === undefined ? undefined : (_encoded, payload) => ({ _tag: "FormData", value: formData(payload) })
      )
    }
  },
  Update: {
    route: (base) => ({ method: "PUT", path: [...base, ":id"] }),
    answers: "Effect",
    make: (resource, method, operation, route) => (id: string | number, payload: unknown) =>
      Effect.all([resource.toId(method, id), resource.encode(operation.payload, method, payload)]).pipe(
        Effect.flatMap(([id, body]) =>
          resource.client.execute({
            method: route.method,
            path: resource.path(route, id),
            body: { _tag: "Json", value: { ...(body as object), id } }
          }, resource.definition.model)
        ),
        Effect.withSpan(span(resource, method), { attributes: { id } })
      )
  },
  Delete: {
    route: (base) => ({ method: "DELETE", path: [...base, ":id"] }),
    answers: "Effect",
    make: (resource, method, _operation, route) => byId(resource, method, route)
  },
  Action: {
    route: (base, operation) => ({ method: "POST", path: [...base, operation.path] }),
    answers: "Effect",
    make: (resource, method, operation, route) => withBody(resource, method, route, operation.payload)
  }
}

const kindOf = (operation: Operation): Kind<Operation> => kinds[operation._tag] as Kind<Operation>

/**
 * The path segments of a resource after `/resources/`: its namespace and its path.
 *
 * @since 0.2.0
 */
export const basePath = (definition: Definition): ReadonlyArray<string> => [definition.namespace ?? "ats", definition.path]

/**
 * The HTTP route an operation calls (`undefined` for `stream` and `all`, which page through the list route).
 *
 * @since 0.2.0
 */
export const route = (definition: Definition, operation: Operation): Route | undefined =>
  kindOf(operation).route(basePath(definition), operation)

// ---------------------------------------------------------------------------------------------------------------
// Implementation, layer and mock: one loop each
// ---------------------------------------------------------------------------------------------------------------

const pagingKeys: ReadonlyArray<string> = ["limit", "page", "after_id", "before_id"] satisfies ReadonlyArray<PagingKey>

/**
 * Builds the service of a resource on top of the `FactorialClient`.
 *
 * @since 0.1.0
 */
export const make = <const D extends Definition>(definition: D): Effect.Effect<Service<D>, never, FactorialClient> =>
  Effect.map(FactorialClient, (client) => {
    const { model, name } = definition
    const encode = (schema: Schema.Schema.AnyNoContext, method: string, value: unknown) =>
      Effect.mapError(
        Schema.encodeUnknown(schema)(value),
        (error) => InvalidRequest.fromParseError(`${name}.${method}`, error)
      )
    // Ids go through the resource's id schema: digits or a safe integer, never a rounded number.
    const decodeId = Schema.decodeUnknown(definition.id)
    const toId = (method: string, id: string | number): Effect.Effect<string, InvalidRequest> =>
      Effect.mapError(decodeId(id), (error) =>
        new InvalidRequest({
          operation: `${name}.${method}`,
          path: ["id"],
          message: `${name}.${method}: invalid id: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
        }))
    const list = route(definition, Op.list)!
    const pageRequest = (query: unknown): FactorialRequest => ({
      method: list.method,
      path: list.path,
      query: query as QueryParams
    })
    const encodeQuerySync = Schema.encodeUnknownOption(definition.listParams)
    // Scans fetch pages with their records undecoded: the scan reads the cursor first, then decodes records one by
    // one (`onInvalidRecord`). Paging keys among the filters are dropped: the scan sets them.
    const scan = (filters: Record<string, unknown> = {}): Pagination.Source<unknown, ReadError, never> => {
      const kept: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(filters)) if (!pagingKeys.includes(key)) kept[key] = value
      return {
        fetch: (request) =>
          Effect.flatMap(
            encode(definition.listParams, "stream", { ...kept, ...request }),
            (query) => client.execute(pageRequest(query), Pagination.RawPage)
          ),
        schema: model,
        url: (request) => client.url(pageRequest(Option.getOrElse(encodeQuerySync({ ...kept, ...request }), () => request)))
      }
    }
    const resource: Client = {
      definition,
      client,
      encode,
      toId,
      scan,
      path: (route, id) => route.path.map((segment) => (segment === ":id" && id !== undefined ? id : segment))
    }
    const service: Record<string, unknown> = {}
    for (const [method, operation] of Object.entries(definition.operations)) {
      const kind = kindOf(operation)
      // The scans have no route of their own: they get the list route (and do not use it).
      service[method] = kind.make(resource, method, operation, kind.route(basePath(definition), operation) ?? list)
    }
    return service as Service<D>
  })

/**
 * A partial implementation of a service whose missing methods die with a message naming them.
 *
 * @since 0.1.0
 */
export const mock = <const D extends Definition, S extends Service<D> = Service<D>>(
  definition: D,
  implementation: Partial<S>
): S => {
  const service: Record<string, unknown> = {}
  for (const [method, operation] of Object.entries(definition.operations)) {
    const message = `${definition.name}.${method} is not implemented in this mock`
    service[method] = kindOf(operation).answers === "Stream"
      ? () => Stream.dieMessage(message)
      : () => Effect.dieMessage(message)
  }
  return Object.assign(service, implementation) as S
}

/**
 * The Tag class of a resource service, with its constructors as statics. Name the service interface so that
 * editors show it:
 *
 * ```ts
 * export interface CandidatesService extends Resource.Service<typeof definition> {}
 * export class Candidates extends Resource.Tag(definition)<Candidates, CandidatesService>() {}
 * ```
 *
 * @since 0.1.0
 */
export const Tag = <const D extends Definition>(definition: D) =>
<Self, S extends Service<D> = Service<D>>(): TagClass<Self, D, S> => {
  const tag = Context.Tag(`@effect-factorial/ats/${definition.name}`)<Self, S>()
  const make_ = make(definition) as unknown as Effect.Effect<S, never, FactorialClient>
  return class extends tag {
    static readonly definition = definition
    static readonly make = make_
    static readonly layer = Layer.effect(tag, make_)
    static readonly layerMock = (implementation: Partial<S>) => Layer.succeed(tag, mock<D, S>(definition, implementation))
  } as TagClass<Self, D, S>
}

/**
 * A resource service's Tag class and its constructors.
 *
 * @since 0.1.0
 */
export interface TagClass<Self, D extends Definition, S = Service<D>>
  extends Context.TagClass<Self, `@effect-factorial/ats/${D["name"]}`, S>
{
  /** The description this service is derived from. */
  readonly definition: D
  /** Builds the service from the `FactorialClient` in context. */
  readonly make: Effect.Effect<S, never, FactorialClient>
  /** The service, requiring a `FactorialClient`. */
  readonly layer: Layer.Layer<Self, never, FactorialClient>
  /** A test double: the given methods, and every other method dying with a message that names it. */
  readonly layerMock: (implementation: Partial<S>) => Layer.Layer<Self>
}
