/**
 * `factorial-ats export <resource>`: every record of a scan, streamed to a file or stdout in constant memory.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Pagination } from "@effect-factorial/core"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { InvalidInput } from "./errors.js"
import * as Filters from "./filters.js"
import * as Output from "./output.js"
import * as Progress from "./progress.js"
import * as Records from "./records.js"
import * as Resources from "./resources.js"
import * as Settings from "./settings.js"

/** The scan strategies a user may pick (`Pagination.StreamOptions.strategy`). */
export const strategies = ["cursor", "exact", "offset"] as const

/** `--concurrency`, `--strategy`, `--max` and `--on-invalid` as the SDK's scan options. */
export const scanOptions = (options: {
  readonly concurrency: Option.Option<string>
  readonly strategy: Option.Option<(typeof strategies)[number]>
  readonly max: Option.Option<number>
  readonly onInvalid: "fail" | "skip"
}): Effect.Effect<Pagination.StreamOptions, InvalidInput> => {
  const maxItems = Option.getOrUndefined(options.max)
  if (maxItems !== undefined && maxItems < 0) {
    return Effect.fail(new InvalidInput({ detail: `--max: expected 0 or more, got ${maxItems}` }))
  }
  const base = { maxItems, strategy: Option.getOrUndefined(options.strategy), onInvalidRecord: options.onInvalid }
  if (Option.isNone(options.concurrency)) return Effect.succeed(base)
  const text = options.concurrency.value.trim()
  if (text === "auto") return Effect.succeed({ ...base, concurrency: "auto" })
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) {
    return Effect.fail(new InvalidInput({ detail: `--concurrency: expected a positive integer or auto, got ${JSON.stringify(text)}` }))
  }
  return Effect.succeed({ ...base, concurrency: n })
}

interface ExportConfig {
  readonly resource: Resources.CliResource
  readonly format: Records.Format
  readonly csvRaw: boolean
  readonly out: Option.Option<string>
  readonly filter: ReadonlyArray<string>
  readonly concurrency: Option.Option<string>
  readonly strategy: Option.Option<(typeof strategies)[number]>
  readonly max: Option.Option<number>
  readonly onInvalid: "fail" | "skip"
  readonly quiet: boolean
  readonly progress: boolean
}

/** The export itself, on the `FactorialClient` in context. */
export const run = (config: ExportConfig) =>
  Effect.gen(function*() {
    const { definition, name } = config.resource
    if (config.csvRaw && config.format !== "csv") {
      return yield* new InvalidInput({ detail: "--csv-raw: only with --format csv" })
    }
    const params = yield* Filters.parse(definition.listParams, config.filter)
    let summary: Pagination.ScanSummary | undefined
    const options: Pagination.StreamOptions = {
      ...(yield* scanOptions(config)),
      onSummary: (result) => Effect.sync(() => (summary = result))
    }
    const service = yield* config.resource.service
    const showProgress = !config.quiet && (config.progress || process.stderr.isTTY === true)
    // The total, for the progress line only: one small request.
    const total = showProgress
      ? Option.getOrUndefined(Option.map(
        Option.fromNullable((yield* service.list({ ...params, limit: 1 })).meta.total),
        (n) => options.maxItems === undefined ? n : Math.min(n, options.maxItems)
      ))
      : undefined
    const progress = showProgress ? Progress.make(name, total) : Progress.none
    const layout = Records.layout(config.format, definition.model, config.csvRaw ? "raw" : "guard")
    const encode = Records.encoder(definition.model)
    const output = yield* Output.open(Option.getOrUndefined(config.out))
    let written = 0

    yield* output.write(layout.head)
    const scan = service.stream(params, options).pipe(
      Stream.runForEachChunk((chunk) => {
        let text = ""
        let index = written
        for (const record of chunk) text += layout.record(encode(record), index++)
        // The write and the count go together: an interruption lands between chunks, never inside one.
        return Effect.uninterruptible(Effect.tap(output.write(text), () => {
          written = index
          progress.update(written)
        }))
      })
    )
    yield* scan.pipe(
      Effect.onExit((exit) =>
        Effect.gen(function*() {
          // The tail (JSON's closing bracket) is written whatever happened, so the file parses.
          yield* Effect.ignore(output.write(layout.tail))
          if (summary !== undefined && summary.invalid > 0) {
            const ids = summary.invalidIds.slice(0, 10).join(", ")
            yield* Output.status(`Skipped ${summary.invalid} ${name} records that do not decode (ids ${ids}${summary.invalid > 10 ? ", ..." : ""})`)
          }
          if (Exit.isSuccess(exit)) {
            progress.done(written, output.target)
          } else if (Exit.isInterrupted(exit)) {
            yield* Output.status(`\nInterrupted: ${written} ${name} records written to ${output.target} (complete up to the last record)`)
          } else {
            yield* Output.status(`${showProgress ? "\n" : ""}Stopped by an error after ${written} ${name} records written to ${output.target} (complete up to the last record)`)
          }
        })
      )
    )
    return written
  }).pipe(Effect.scoped)

/** The command. */
export const command = Command.make(
  "export",
  {
    ...Settings.global,
    resource: Args.choice(Resources.choices(Resources.all), { name: "resource" }).pipe(
      Args.withDescription(`One of: ${Resources.all.map((r) => r.name).join(", ")}.`)
    ),
    format: Options.choice("format", Records.formats).pipe(
      Options.withAlias("f"),
      Options.withDefault("ndjson" as const),
      Options.withDescription("ndjson (one record a line), csv (a header from the model's fields; nested values as JSON) or json (one array).")
    ),
    csvRaw: Options.boolean("csv-raw").pipe(
      Options.withDescription(
        "CSV cells exactly as the data. By default a text cell starting with =, +, -, @, tab or CR is written after a ' so that spreadsheets do not run it as a formula."
      )
    ),
    out: Options.text("out").pipe(
      Options.withAlias("o"),
      Options.withDescription("The file to write (created or truncated); stdout when absent or -."),
      Options.optional
    ),
    filter: Filters.option,
    concurrency: Options.text("concurrency").pipe(
      Options.withDescription("Requests in flight, or auto (adapts to the server); default: one cursor page at a time."),
      Options.optional
    ),
    strategy: Options.choice("strategy", strategies).pipe(
      Options.withDescription("cursor (default), exact (default with --concurrency: concurrent and exact) or offset (page numbers)."),
      Options.optional
    ),
    onInvalid: Options.choice("on-invalid", ["fail", "skip"] as const).pipe(
      Options.withDescription("A record that does not decode: fail the export (default) or skip it and say so at the end."),
      Options.withDefault("fail" as const)
    ),
    max: Options.integer("max").pipe(Options.withDescription("Stop after this many records."), Options.optional),
    quiet: Options.boolean("quiet").pipe(Options.withAlias("q"), Options.withDescription("No progress line.")),
    progress: Options.boolean("progress").pipe(
      Options.withDescription("Show the progress line even when stderr is not a terminal (one line per update).")
    )
  },
  (config) => Settings.provide(config, run(config))
).pipe(Command.withDescription("Stream every record of a resource to a file or stdout, as NDJSON, CSV or JSON."))
