/**
 * The resources the CLI offers, derived from the SDK's resource descriptions (`Ats.resources`): a resource added to
 * the SDK appears in every command with no change here.
 */
import { Ats, Resource } from "@effect-factorial/ats"
import type { FactorialClient, Pagination } from "@effect-factorial/core"
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"

/** The operations of a resource service, seen through its description rather than its static type. */
export interface DynamicService {
  readonly list: (params?: Record<string, unknown>) => Effect.Effect<Pagination.Page<unknown>, Resource.ReadError>
  readonly stream: (
    params?: Record<string, unknown>,
    options?: Pagination.StreamOptions
  ) => Stream.Stream<unknown, Resource.ScanError>
  readonly get: (id: string) => Effect.Effect<unknown, Resource.ReadError>
  readonly create?: (payload: unknown) => Effect.Effect<unknown, Resource.WriteError>
  readonly update?: (id: string, payload: unknown) => Effect.Effect<unknown, Resource.WriteError>
  readonly delete?: (id: string) => Effect.Effect<unknown, Resource.WriteError>
}

/** One resource as the CLI names it. */
export interface CliResource {
  /** The name on the command line: the API path, e.g. `job_postings`. */
  readonly name: string
  readonly definition: Resource.Definition
  /** Builds the service from the `FactorialClient` in context. */
  readonly service: Effect.Effect<DynamicService, never, FactorialClient>
}

const toCli = (definition: Resource.Definition): CliResource => ({
  name: definition.path,
  definition,
  service: Resource.make(definition) as unknown as Effect.Effect<DynamicService, never, FactorialClient>
})

/** Every resource, in the SDK's order. */
export const all: ReadonlyArray<CliResource> = (Ats.resources as ReadonlyArray<Resource.Definition>).map(toCli)

/** The write operations a description may have. */
export type WriteOperation = "create" | "update" | "delete"

/** The schema a write operation validates its input with; `delete` takes none. */
export const payloadSchema = (
  resource: CliResource,
  operation: Exclude<WriteOperation, "delete">
): Schema.Schema.AnyNoContext | undefined => {
  const found = resource.definition.operations[operation]
  return found !== undefined && (found._tag === "Create" || found._tag === "Update") ? found.payload : undefined
}

/** A collection action of a resource (`applications move_to_phase`): its name on the wire and its service method. */
export interface CliAction {
  /** The action's path segment, its name on the command line, e.g. `move_to_phase`. */
  readonly name: string
  /** The service method that runs it, e.g. `moveToPhase`. */
  readonly method: string
  readonly payload: Schema.Schema.AnyNoContext
}

/** The collection actions a resource's description declares, in its order. */
export const actions = (resource: CliResource): ReadonlyArray<CliAction> =>
  Object.entries(resource.definition.operations).flatMap(([method, operation]) =>
    operation._tag === "Action" ? [{ name: operation.path, method, payload: operation.payload }] : []
  )

/** The resources that have the operation. */
export const supporting = (operation: WriteOperation): ReadonlyArray<CliResource> =>
  all.filter((resource) => operation === "delete" ? resource.definition.operations.delete?._tag === "Delete" : payloadSchema(resource, operation) !== undefined)

/** Choices for `Args.choice`: each resource under its API name. */
export const choices = (resources: ReadonlyArray<CliResource>): Array<[string, CliResource]> =>
  resources.map((resource) => [resource.name, resource])
