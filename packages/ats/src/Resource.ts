/**
 * One description per ATS resource, and everything derived from it: the client service, its layer, its mock
 * layer. The sandbox derives its routes from the same descriptions.
 *
 * @since 0.1.0
 */
import {
  FactorialClient,
  InvalidRequest,
  Pagination,
  type FactorialRequest,
  type FactorialRequestError,
  type QueryParams
} from "@effect-factorial/core"
import type * as Brand from "effect/Brand"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/**
 * An action: a `POST` to a collection route such as `applications/apply`, answering the resource's model.
 *
 * @since 0.1.0
 */
export interface ActionDefinition<P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext> {
  /** The last path segment, e.g. `"move_to_phase"`. */
  readonly path: string
  /** The request body. */
  readonly payload: P
}

/**
 * What there is to know about one ATS resource: where it lives, what it returns, and which operations exist.
 * Operations that are absent here are absent from the service type.
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
  /** The branded id of the model. */
  readonly id: Schema.Schema<any, string>
  /** The list endpoint's query parameters. */
  readonly listParams: Schema.Schema.AnyNoContext
  /** The create body (`POST /<path>`), when the resource can be created. */
  readonly create?: Schema.Schema.AnyNoContext
  /** Builds a multipart body for the create call, for resources that do not take JSON. */
  readonly createFormData?: (payload: any) => FormData
  /** The update body without `id` (`PUT /<path>/<id>`), when the resource can be updated. */
  readonly update?: Schema.Schema.AnyNoContext
  /** Whether `DELETE /<path>/<id>` exists. */
  readonly delete?: true
  /** Collection actions, keyed by method name. */
  readonly actions?: Readonly<Record<string, ActionDefinition>>
}

/**
 * Declares a resource, keeping its literal type so the service type can be derived from it.
 *
 * @since 0.1.0
 */
export const define = <const D extends Definition>(definition: D): D => definition

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

/**
 * An id argument: the resource's branded id, or a plain string or number converted once. An id of another
 * resource's brand is rejected by the type checker.
 *
 * @since 0.1.0
 */
export type IdArgument<I, Id> = I extends Brand.Brand<any> ? (I extends Id ? I : Id) : I

type Type<S> = S extends Schema.Schema.AnyNoContext ? Schema.Schema.Type<S> : never
type ParamsArgs<P> = {} extends P ? [params?: P] : [params: P]
type ScanArgs<P> = {} extends P ? [params?: P, options?: Pagination.StreamOptions]
  : [params: P, options?: Pagination.StreamOptions]

/**
 * The read operations every resource has.
 *
 * @since 0.1.0
 */
export interface ReadOperations<A, Id, P> {
  /** One page, as the API returns it. Pass `after_id` (or `page`) to move through pages by hand. */
  readonly list: (...args: ParamsArgs<P>) => Effect.Effect<Pagination.Page<A>, ReadError>
  /** Every record of every page, one page in memory at a time. */
  readonly stream: (...args: ScanArgs<P>) => Stream.Stream<A, ScanError>
  /** Every record of every page, collected. */
  readonly all: (...args: ScanArgs<P>) => Effect.Effect<ReadonlyArray<A>, ScanError>
  /** One record by id; fails with `NotFound` when there is none (or the caller may not see it). */
  readonly get: <I extends string | number>(id: IdArgument<I, Id>) => Effect.Effect<A, ReadError>
}

/**
 * The service derived from a resource description.
 *
 * @since 0.1.0
 */
export type Service<D extends Definition> =
  & ReadOperations<Type<D["model"]>, Type<D["id"]>, Type<D["listParams"]>>
  & (D extends { readonly create: infer C } ? {
      /** Creates a record; answers the created record. */
      readonly create: (payload: Type<C>) => Effect.Effect<Type<D["model"]>, WriteError>
    }
    : {})
  & (D extends { readonly update: infer U } ? {
      /** Replaces the given fields of a record (`PUT`; the id is repeated in the body for you). */
      readonly update: <I extends string | number>(
        id: IdArgument<I, Type<D["id"]>>,
        payload: Type<U>
      ) => Effect.Effect<Type<D["model"]>, WriteError>
    }
    : {})
  & (D extends { readonly delete: true } ? {
      /** Deletes a record; answers the deleted record. */
      readonly delete: <I extends string | number>(
        id: IdArgument<I, Type<D["id"]>>
      ) => Effect.Effect<Type<D["model"]>, WriteError>
    }
    : {})
  & (D extends { readonly actions: infer Actions extends Readonly<Record<string, ActionDefinition>> } ? {
      readonly [K in keyof Actions]: (payload: Type<Actions[K]["payload"]>) => Effect.Effect<Type<D["model"]>, WriteError>
    }
    : {})

/**
 * The names of the operations a description yields, in a stable order.
 *
 * @since 0.1.0
 */
export const operations = (definition: Definition): ReadonlyArray<string> => [
  "list",
  "stream",
  "all",
  "get",
  ...(definition.create ? ["create"] : []),
  ...(definition.update ? ["update"] : []),
  ...(definition.delete ? ["delete"] : []),
  ...Object.keys(definition.actions ?? {})
]

const scanOperations = new Set(["stream"])

/**
 * Builds the service of a resource on top of the `FactorialClient`.
 *
 * @since 0.1.0
 */
export const make = <const D extends Definition>(definition: D): Effect.Effect<Service<D>, never, FactorialClient> =>
  Effect.map(FactorialClient, (client) => {
    const { model, name } = definition
    const base = [definition.namespace ?? "ats", definition.path]
    const page = Pagination.Page(model)

    const encode = <S extends Schema.Schema.AnyNoContext>(schema: S, operation: string, value: unknown) =>
      Effect.mapError(
        Schema.encodeUnknown(schema)(value),
        (error) => InvalidRequest.fromParseError(`${name}.${operation}`, error)
      )

    // Ids go through the resource's id schema: digits or a safe integer, never a rounded number.
    const decodeId = Schema.decodeUnknown(definition.id)
    const toId = (operation: string, id: string | number): Effect.Effect<string, InvalidRequest> =>
      Effect.mapError(decodeId(id), (error) =>
        new InvalidRequest({
          operation: `${name}.${operation}`,
          path: ["id"],
          message: `${name}.${operation}: invalid id: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
        }))

    const list = (params: unknown = {}) =>
      encode(definition.listParams, "list", params).pipe(
        Effect.flatMap((query) => client.execute({ method: "GET", path: base, query: query as QueryParams }, page)),
        Effect.withSpan(`${name}.list`)
      )

    // Scans fetch pages with their records undecoded: the scan reads the cursor first, then decodes records one
    // by one (`onInvalidRecord`).
    const pageRequest = (query: unknown): FactorialRequest => ({ method: "GET", path: base, query: query as QueryParams })
    const rawPage = (params: Record<string, unknown>, request: Pagination.PageRequest) =>
      Effect.map(encode(definition.listParams, "stream", { ...params, ...request }), pageRequest)
    const encodeQuerySync = Schema.encodeUnknownOption(definition.listParams)
    const source = (params: Record<string, unknown>): Pagination.Source<unknown, FactorialRequestError | InvalidRequest, never> => ({
      fetch: (request) => Effect.flatMap(rawPage(params, request), (r) => client.execute(r, Pagination.RawPage)),
      schema: model,
      url: (request) => client.url(pageRequest(Option.getOrElse(encodeQuerySync({ ...params, ...request }), () => request)))
    })
    // A `limit` among the params is the page size unless the options say otherwise.
    const scanOptions = (params: Record<string, unknown>, options: Pagination.StreamOptions) =>
      typeof params.limit === "number" && options.limit === undefined ? { ...options, limit: params.limit } : options
    const stream = (params: Record<string, unknown> = {}, options: Pagination.StreamOptions = {}) =>
      Pagination.stream(source(params), scanOptions(params, options)).pipe(Stream.withSpan(`${name}.stream`))

    const service: Record<string, unknown> = {
      list,
      stream,
      all: (params: Record<string, unknown> = {}, options: Pagination.StreamOptions = {}) =>
        Pagination.all(source(params), scanOptions(params, options)).pipe(
          Effect.map((records) => Array.from(records)),
          Effect.withSpan(`${name}.all`)
        ),
      get: (id: string | number) =>
        toId("get", id).pipe(
          Effect.flatMap((id) => client.execute({ method: "GET", path: [...base, id] }, model)),
          Effect.withSpan(`${name}.get`, { attributes: { id } })
        )
    }

    if (definition.create) {
      const create = definition.create
      const formData = definition.createFormData
      service.create = (payload: unknown) =>
        encode(create, "create", payload).pipe(
          Effect.flatMap((body) =>
            client.execute({
              method: "POST",
              path: base,
              body: formData ? { _tag: "FormData", value: formData(payload) } : { _tag: "Json", value: body }
            }, model)
          ),
          Effect.withSpan(`${name}.create`)
        )
    }

    if (definition.update) {
      const update = definition.update
      service.update = (id: string | number, payload: unknown) =>
        Effect.all([toId("update", id), encode(update, "update", payload)]).pipe(
          Effect.flatMap(([id, body]) =>
            client.execute({
              method: "PUT",
              path: [...base, id],
              body: { _tag: "Json", value: { ...(body as object), id } }
            }, model)
          ),
          Effect.withSpan(`${name}.update`, { attributes: { id } })
        )
    }

    if (definition.delete) {
      service.delete = (id: string | number) =>
        toId("delete", id).pipe(
          Effect.flatMap((id) => client.execute({ method: "DELETE", path: [...base, id] }, model)),
          Effect.withSpan(`${name}.delete`, { attributes: { id } })
        )
    }

    for (const [method, action] of Object.entries(definition.actions ?? {})) {
      service[method] = (payload: unknown) =>
        encode(action.payload, method, payload).pipe(
          Effect.flatMap((body) =>
            client.execute({ method: "POST", path: [...base, action.path], body: { _tag: "Json", value: body } }, model)
          ),
          Effect.withSpan(`${name}.${method}`)
        )
    }

    return service as Service<D>
  })

/**
 * The Tag class of a resource service, with its constructors as statics:
 *
 * ```ts
 * export class Candidates extends Resource.Tag(definition)<Candidates>() {}
 * ```
 *
 * @since 0.1.0
 */
export const Tag = <const D extends Definition>(definition: D) => <Self>(): TagClass<Self, D> => {
  const tag = Context.Tag(`@effect-factorial/ats/${definition.name}`)<Self, Service<D>>()
  return class extends tag {
    static readonly definition = definition
    static readonly make = make(definition)
    static readonly layer = Layer.effect(tag, make(definition))
    static readonly layerMock = (implementation: Partial<Service<D>>) => Layer.succeed(tag, mock(definition, implementation))
  } as TagClass<Self, D>
}

/**
 * A resource service's Tag class and its constructors.
 *
 * @since 0.1.0
 */
export interface TagClass<Self, D extends Definition>
  extends Context.TagClass<Self, `@effect-factorial/ats/${D["name"]}`, Service<D>>
{
  /** The description this service is derived from. */
  readonly definition: D
  /** Builds the service from the `FactorialClient` in context. */
  readonly make: Effect.Effect<Service<D>, never, FactorialClient>
  /** The service, requiring a `FactorialClient`. */
  readonly layer: Layer.Layer<Self, never, FactorialClient>
  /** A test double: the given methods, and every other method dying with a message that names it. */
  readonly layerMock: (implementation: Partial<Service<D>>) => Layer.Layer<Self>
}

/**
 * A partial implementation of a service whose missing methods die with a message naming them.
 *
 * @since 0.1.0
 */
export const mock = <const D extends Definition>(definition: D, implementation: Partial<Service<D>>): Service<D> => {
  const service: Record<string, unknown> = {}
  for (const operation of operations(definition)) {
    const message = `${definition.name}.${operation} is not implemented in this mock`
    service[operation] = scanOperations.has(operation)
      ? () => Stream.dieMessage(message)
      : () => Effect.dieMessage(message)
  }
  return Object.assign(service, implementation) as Service<D>
}
