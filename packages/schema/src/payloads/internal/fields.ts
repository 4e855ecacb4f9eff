/**
 * Field helpers for what a caller sends: request payloads and list params (shared by both folders).
 *
 * They differ from the model helpers in `src/internal/fields.ts` on purpose. A model field must
 * survive whatever the API sends (`null` included); an outbound field is written by the caller, so:
 * - `requiredField`: the key must be present with a valid value, or encoding fails with its path;
 * - `optionalField`: the key may be left out or set to `undefined` (handy under
 *   `exactOptionalPropertyTypes`). `null` is refused: "no value" is spelled by leaving the key out.
 *   An explicit `undefined` survives encoding as such and never reaches the wire: `JSON.stringify`,
 *   the core query encoder and `createMessageFormData` all skip it.
 * - `outbound`: the annotations of every payload and params struct. Besides naming the schema in
 *   error messages, it keeps the caller's key order on encode: an encode that goes through any effectful
 *   field schema may emit keys in another order, which would reorder query strings and bodies.
 * - `closed`: a closed enum whose failure reads as one line listing the accepted values, instead of
 *   one line per value.
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * A required outbound field carrying its description.
 *
 * @since 0.1.0
 */
export const requiredField = <A, I>(schema: Schema.Schema<A, I>, description: string) =>
  Schema.propertySignature(schema).annotations({ description })

/**
 * An optional outbound field: may be absent or `undefined`.
 *
 * @since 0.1.0
 */
export const optionalField = <A, I>(schema: Schema.Schema<A, I>, description: string) => {
  // What `Schema.optional` does (`?: A | undefined`), except that the `A | undefined` union is built
  // here so that it can carry the field's own failure message: otherwise a misspelt enum value would
  // also report "Expected undefined".
  const orUndefined = Schema.UndefinedOr(schema)
  const message = AST.getMessageAnnotation(schema.ast)
  const type = Option.isSome(message) ? orUndefined.annotations({ message: message.value }) : orUndefined
  return Schema.optionalWith(type, { exact: true }).annotations({ description })
}

/**
 * Annotations of a payload or params struct: its name, its description, and encoding that keeps the
 * caller's key order.
 *
 * @since 0.1.0
 */
export const outbound = (identifier: string, description: string) => ({
  identifier,
  description,
  parseOptions: { propertyOrder: "original" }
} as const)

/**
 * Gives a closed enum a one-line failure message: `Expected one of "a" | "b", actual "c"`.
 *
 * @since 0.1.0
 */
export const closed = <Literals extends readonly [AST.LiteralValue, ...Array<AST.LiteralValue>]>(
  schema: Schema.Literal<Literals>
) => {
  const accepted = schema.literals.map((literal) => JSON.stringify(literal)).join(" | ")
  return schema.annotations({
    message: (issue) => ({
      message: `Expected one of ${accepted}, actual ${
        typeof issue.actual === "string" ? JSON.stringify(issue.actual) : String(issue.actual)
      }`,
      override: true
    })
  })
}
