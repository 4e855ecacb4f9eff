/**
 * Records in wire form, derived from the model schemas of `@effect-factorial/schema`: which fields a model has,
 * how a record written through the API is normalised (decoded and re-encoded with the model, so it has exactly
 * the shape the SDK reads), and how a `ParseError` becomes the API's field-error body.
 */
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type { Row } from "./table.js"

/** The wire names of a schema's fields, in declaration order. */
export const fieldNames = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<string> =>
  AST.getPropertySignatures(Schema.encodedSchema(schema).ast).map((p) => String(p.name))

/** A record with every field of the model, `null` where there is no value. */
export const withNulls = (names: ReadonlyArray<string>, row: Row): Row => {
  const out: Row = {}
  for (const name of names) out[name] = row[name] ?? null
  for (const key in row) if (!(key in out)) out[key] = row[key]
  return out
}

/** A record without its `null` fields (the "omit nulls" rendering). */
export const withoutNulls = (row: Row): Row => {
  const out: Row = {}
  for (const key in row) if (row[key] !== null) out[key] = row[key]
  return out
}

/**
 * Normalises a record built by the sandbox through the model: decode then encode, then every field present.
 * Fails with the `ParseError` when the record does not fit the model.
 */
export const normaliser = (model: Schema.Schema.AnyNoContext) => {
  const names = fieldNames(model)
  const decode = Schema.decodeUnknown(model)
  const encode = Schema.encode(model)
  return (row: Row): Effect.Effect<Row, ParseResult.ParseError> =>
    decode(row).pipe(
      Effect.flatMap(encode),
      Effect.map((encoded) => withNulls(names, encoded as Row))
    )
}

/** The API's validation body: `{ field: [message, ...] }`, the field being the dotted path (or `base`). */
export const fieldErrors = (error: ParseResult.ParseError): Record<string, Array<string>> => {
  const errors: Record<string, Array<string>> = {}
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const key = issue.path.length === 0 ? "base" : issue.path.map(String).join(".")
    ;(errors[key] ??= []).push(issue.message)
  }
  return errors
}

/** Whether every issue of a `ParseError` is a missing key. */
export const onlyMissing = (error: ParseResult.ParseError): boolean =>
  ParseResult.ArrayFormatter.formatErrorSync(error).every((issue) => issue._tag === "Missing")
