/**
 * `get`, `list`, `create`, `update`, `delete`, `action`: one record or one page at a time. Writes read a JSON payload
 * from a file or stdin and validate it with the operation's payload schema before anything is sent.
 */
import type { Resource } from "@effect-factorial/ats"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as fs from "node:fs"
import { InvalidInput } from "./errors.js"
import * as Filters from "./filters.js"
import * as Output from "./output.js"
import * as Records from "./records.js"
import * as Resources from "./resources.js"
import * as Settings from "./settings.js"
import * as Table from "./table.js"

const resourceArg = (resources: ReadonlyArray<Resources.CliResource>) =>
  Args.choice(Resources.choices(resources), { name: "resource" }).pipe(
    Args.withDescription(`One of: ${resources.map((r) => r.name).join(", ")}.`)
  )

const idArg = Args.text({ name: "id" }).pipe(Args.withDescription("The record's id."))

const printJson = (value: unknown) => Output.stdout.write(JSON.stringify(value, null, 2) + "\n")

const printRecord = (resource: Resources.CliResource, record: unknown) =>
  printJson(Records.encoder(resource.definition.model)(record))

/** `get <resource> <id>`. */
export const get = Command.make(
  "get",
  { ...Settings.global, resource: resourceArg(Resources.all), id: idArg },
  (config) =>
    Settings.provide(
      config,
      Effect.gen(function*() {
        const service = yield* config.resource.service
        yield* printRecord(config.resource, yield* service.get(config.id))
      })
    )
).pipe(Command.withDescription("Print one record as JSON."))

/** `list <resource>`. */
export const list = Command.make(
  "list",
  {
    ...Settings.global,
    resource: resourceArg(Resources.all),
    limit: Options.integer("limit").pipe(
      Options.withDescription("Records on the page (the API serves at most 100)."),
      Options.optional
    ),
    after: Options.text("after").pipe(
      Options.withDescription("The page after this cursor (a previous page's meta.end_cursor)."),
      Options.optional
    ),
    filter: Filters.option,
    json: Options.boolean("json").pipe(Options.withDescription("JSON even on a terminal."))
  },
  (config) =>
    Settings.provide(
      config,
      Effect.gen(function*() {
        const { definition } = config.resource
        const filters = yield* Filters.parse(definition.listParams, config.filter)
        const params = {
          ...filters,
          ...Option.match(config.limit, { onNone: () => ({}), onSome: (limit) => ({ limit }) }),
          ...Option.match(config.after, { onNone: () => ({}), onSome: (after_id) => ({ after_id }) })
        }
        const checked = yield* Schema.decodeUnknown(definition.listParams)(params).pipe(
          Effect.mapError((error) => new InvalidInput({ detail: ParseResult.TreeFormatter.formatErrorSync(error) }))
        )
        const service = yield* config.resource.service
        const page = yield* service.list(checked as Record<string, unknown>)
        const encode = Records.encoder(definition.model)
        const data = page.data.map(encode)
        if (process.stdout.isTTY === true && !config.json) {
          const more = page.meta.has_next_page && page.meta.end_cursor !== undefined
            ? `\n${data.length} of ${page.meta.total ?? "?"}; next page: --after ${page.meta.end_cursor}\n`
            : `\n${data.length} of ${page.meta.total ?? data.length}\n`
          yield* Output.stdout.write(Table.render(definition.model, data, process.stdout.columns || 120) + more)
        } else {
          yield* printJson({ data, meta: page.meta })
        }
      })
    )
).pipe(Command.withDescription("Print one page: a table on a terminal, JSON ({ data, meta }) otherwise."))

const fileOption = Options.text("file").pipe(
  Options.withAlias("i"),
  Options.withDescription("The JSON payload; stdin when absent or -."),
  Options.optional
)

const readStdin = Effect.tryPromise({
  try: async () => {
    const chunks: Array<Buffer> = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString("utf8")
  },
  catch: (error) => new InvalidInput({ detail: `could not read stdin: ${String(error)}` })
})

/** Reads and validates a payload: JSON syntax, then the payload schema, naming the field that is wrong. */
export const readPayload = (
  schema: Schema.Schema.AnyNoContext,
  file: Option.Option<string>
): Effect.Effect<unknown, InvalidInput> =>
  Effect.gen(function*() {
    const source = Option.isNone(file) || file.value === "-" ? "stdin" : file.value
    const text = source === "stdin" ? yield* readStdin : yield* Effect.try({
      try: () => fs.readFileSync(source, "utf8"),
      catch: (error) => new InvalidInput({ detail: `--file: ${error instanceof Error ? error.message : String(error)}` })
    })
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (error) => new InvalidInput({ detail: `${source} is not JSON: ${error instanceof Error ? error.message : String(error)}` })
    })
    return yield* Schema.decodeUnknown(schema)(json, { errors: "all", onExcessProperty: "error" }).pipe(
      Effect.mapError((error) =>
        new InvalidInput({
          detail: `${source} does not match ${Option.getOrElse(SchemaAST.getIdentifierAnnotation(schema.ast), () => "the payload schema")}: ${
            ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")
          }`
        })
      )
    )
  })

const printed = (resource: Resources.CliResource) => (record: unknown) => printRecord(resource, record)

const describeWrite = (what: string, operation: Resources.WriteOperation) =>
  `${what} (${Resources.supporting(operation).map((r) => r.name).join(", ")}).`

/** `create <resource>`. */
export const createCommand = Command.make(
  "create",
  { ...Settings.global, resource: resourceArg(Resources.supporting("create")), file: fileOption },
  (config) =>
    Settings.provide(
      config,
      Effect.flatMap(
        Effect.all([readPayload(Resources.payloadSchema(config.resource, "create")!, config.file), config.resource.service]),
        ([payload, service]) => Effect.flatMap(service.create!(payload), printed(config.resource))
      )
    )
).pipe(Command.withDescription(describeWrite("Create a record from a JSON payload", "create")))

/** `update <resource> <id>`. */
export const updateCommand = Command.make(
  "update",
  { ...Settings.global, resource: resourceArg(Resources.supporting("update")), id: idArg, file: fileOption },
  (config) =>
    Settings.provide(
      config,
      Effect.flatMap(
        Effect.all([readPayload(Resources.payloadSchema(config.resource, "update")!, config.file), config.resource.service]),
        ([payload, service]) => Effect.flatMap(service.update!(config.id, payload), printed(config.resource))
      )
    )
).pipe(Command.withDescription(describeWrite("Change the given fields of a record", "update")))

/** `delete <resource> <id>`. */
export const deleteCommand = Command.make(
  "delete",
  { ...Settings.global, resource: resourceArg(Resources.supporting("delete")), id: idArg },
  (config) =>
    Settings.provide(
      config,
      Effect.flatMap(config.resource.service, (service) => Effect.flatMap(service.delete!(config.id), printed(config.resource)))
    )
).pipe(Command.withDescription(describeWrite("Delete a record and print it", "delete")))

const withActions = Resources.all.filter((resource) => Resources.actions(resource).length > 0)

/** `action <resource> <action>`: a collection action (`applications move_to_phase`), as the description declares it. */
export const actionCommand = Command.make(
  "action",
  {
    ...Settings.global,
    resource: resourceArg(withActions),
    action: Args.text({ name: "action" }).pipe(Args.withDescription("The action, as the API names it (see below).")),
    file: fileOption
  },
  (config) =>
    Settings.provide(
      config,
      Effect.gen(function*() {
        const declared = Resources.actions(config.resource)
        const action = declared.find((candidate) => candidate.name === config.action)
        if (action === undefined) {
          return yield* new InvalidInput({
            detail: `${config.resource.name} has no action ${JSON.stringify(config.action)}; it has: ${
              declared.map((candidate) => candidate.name).join(", ")
            }`
          })
        }
        // Validated before the service is built, so a wrong payload never reaches the network.
        const payload = yield* readPayload(action.payload, config.file)
        const service = (yield* config.resource.service) as unknown as Record<
          string,
          (payload: unknown) => Effect.Effect<unknown, Resource.WriteError>
        >
        yield* printRecord(config.resource, yield* service[action.method]!(payload))
      })
    )
).pipe(
  Command.withDescription(
    `Run a collection action with a JSON payload (${
      withActions.map((resource) => `${resource.name}: ${Resources.actions(resource).map((a) => a.name).join(", ")}`).join("; ")
    }).`
  )
)
