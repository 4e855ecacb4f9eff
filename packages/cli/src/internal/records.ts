/**
 * Records as they leave the CLI: encoded by the model's own schema (ids as exact digit strings, timestamps as ISO
 * strings), written as NDJSON lines, CSV rows under a header derived from the model's fields, or JSON array items.
 */
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"

/** The output formats of `export`. */
export const formats = ["ndjson", "csv", "json"] as const

/** An output format. */
export type Format = (typeof formats)[number]

/** The property names of a schema's encoded side, in declaration order. */
export const encodedFields = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<string> => {
  const names = (ast: SchemaAST.AST): ReadonlyArray<string> | undefined => {
    switch (ast._tag) {
      case "TypeLiteral":
        return ast.propertySignatures.map((signature) => String(signature.name))
      case "Refinement":
        return names(ast.from)
      case "Transformation":
        return names(ast.from)
      case "Suspend":
        return names(ast.f())
      default:
        return undefined
    }
  }
  return names(SchemaAST.encodedAST(schema.ast)) ?? []
}

/** Encodes a decoded record back to its JSON form, with the model's schema. */
export const encoder = (model: Schema.Schema.AnyNoContext): (record: unknown) => Record<string, unknown> => {
  const encode = Schema.encodeUnknownSync(model)
  return (record) => encode(record) as Record<string, unknown>
}

const needsQuotes = /[",\r\n]/

/**
 * What CSV does with text that a spreadsheet would run as a formula: `guard` (the default) writes it after a `'`,
 * `raw` writes it as it is.
 */
export type CsvFormulas = "guard" | "raw"

/** Text a spreadsheet reads as a formula (or, for tab and CR, as the start of one in the next cell). */
const formulaStart = /^[=+\-@\t\r]/

/**
 * One CSV field (RFC 4180): absent and null are empty, objects and arrays are JSON. Text starting with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'` unless `formulas` is `raw` (CSV injection: a record's field is someone's
 * input, and a spreadsheet opening the file would evaluate it). Numbers and JSON cells are never formulas.
 */
export const csvField = (value: unknown, formulas: CsvFormulas = "guard"): string => {
  if (value === undefined || value === null) return ""
  let text = typeof value === "object" ? JSON.stringify(value) : String(value)
  if (formulas === "guard" && typeof value === "string" && formulaStart.test(text)) text = `'${text}`
  return needsQuotes.test(text) ? `"${text.replaceAll("\"", "\"\"")}"` : text
}

/** One CSV line of the given columns, CRLF-terminated as RFC 4180 asks. */
export const csvLine = (
  columns: ReadonlyArray<string>,
  record: Record<string, unknown>,
  formulas: CsvFormulas = "guard"
): string => columns.map((column) => csvField(record[column], formulas)).join(",") + "\r\n"

/** The text of a format around and between records. */
export interface Layout {
  /** Written before the first record. */
  readonly head: string
  /** One record. */
  readonly record: (encoded: Record<string, unknown>, index: number) => string
  /** Written after the last record, also when interrupted, so the file stays valid. */
  readonly tail: string
}

/** How a format lays records out, with the columns of the model for CSV. */
export const layout = (
  format: Format,
  model: Schema.Schema.AnyNoContext,
  csvFormulas: CsvFormulas = "guard"
): Layout => {
  switch (format) {
    case "ndjson":
      return { head: "", record: (encoded) => JSON.stringify(encoded) + "\n", tail: "" }
    case "json":
      return {
        head: "[",
        record: (encoded, index) => (index === 0 ? "\n" : ",\n") + JSON.stringify(encoded),
        tail: "\n]\n"
      }
    case "csv": {
      const columns = encodedFields(model)
      return {
        head: columns.map((column) => csvField(column, csvFormulas)).join(",") + "\r\n",
        record: (encoded) => csvLine(columns, encoded, csvFormulas),
        tail: ""
      }
    }
  }
}
