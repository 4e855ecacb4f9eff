/**
 * The field helpers of every schema in the package: models (what the API sends) and outbound structs (request
 * bodies and list params, what a caller sends). Field documentation lives in the JSDoc line above each field, once;
 * the helpers carry no description.
 *
 * Inbound (models) must survive whatever the API sends:
 * - a required field is the bare schema: the key must be present and the value valid. Only ids are declared so
 *   (`id` and the keys that link a record to others): the SDK and its users address and relate records by them;
 * - `optional`: the key may be absent or `null`; both decode to an absent property (read as `undefined`), so
 *   "no value" has one representation. Encoding omits the key;
 * - `nullTolerant`: every other field the spec marks required, since the API sends `null` for such fields. The key
 *   must be present; `null` decodes to `undefined` and `undefined` encodes back to `null`.
 * A model class takes `model(description)` as its annotations: a model is its fields (no defaults, initialisers or
 * constructor of its own), which lets core's decoder build instances without calling the constructor.
 *
 * Outbound fields are written by the caller:
 * - a required field is the bare schema: the key must be present with a valid value, or encoding fails with its path;
 * - `optionalField`: the key may be left out or set to `undefined` (handy under `exactOptionalPropertyTypes`). `null`
 *   is refused: "no value" is spelled by leaving the key out. An explicit `undefined` survives encoding as such and
 *   never reaches the wire: `JSON.stringify`, the core query encoder and `createMessageFormData` all skip it;
 * - `outbound`: the annotations of every payload and params struct. Besides naming the schema in error messages, it
 *   keeps the caller's key order on encode: an encode that goes through any effectful field schema may emit keys in
 *   another order, which would reorder query strings and bodies;
 * - `closed`: a closed enum whose failure reads as one line listing the accepted values, instead of one line per
 *   value.
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * Tells core's compiled decoder (`Decoder.NullToUndefinedAnnotationId`, the same global symbol) that the decode
 * function of `nullTolerant` turns `null` into `undefined` and keeps every other value, so that it can apply the rule
 * inline. The schema package does not depend on core, hence the symbol by name.
 */
const NullToUndefined = Symbol.for("@effect-factorial/core/Decoder/NullToUndefined")

/** The same for `optional`'s property transformation: `null` becomes an absent key, any other value is kept. */
const NullToAbsent = Symbol.for("@effect-factorial/core/Decoder/NullToAbsent")

/** The same for a model class: its constructor only copies the decoded props onto the instance. */
const AssignsProps = Symbol.for("@effect-factorial/core/Decoder/AssignsProps")

/**
 * The annotations of a model class: its description, and the promise to core's decoder that the class has no field
 * defaults, initialisers or constructor of its own (keep it so: a model is its fields).
 *
 * @since 0.2.0
 */
export const model = (description: string) => ({ description, [AssignsProps]: true } as const)

/**
 * An optional model field: absent or `null` on the wire, an absent property once decoded.
 *
 * @since 0.1.0
 */
export const optional = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(schema, { nullable: true }).annotations({ [NullToAbsent]: true })

/**
 * A model field the spec marks required that the API may send as `null`: the key must be present, `null` decodes to
 * `undefined`.
 *
 * @since 0.1.0
 */
export const nullTolerant = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.transform(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (value) => (value === null ? undefined : value),
    encode: (value) => (value === undefined ? null : value)
  }).annotations({ [NullToUndefined]: true })

/**
 * An optional outbound field: may be absent or `undefined`.
 *
 * @since 0.1.0
 */
export const optionalField = <A, I>(schema: Schema.Schema<A, I>) => {
  // What `Schema.optional` does (`?: A | undefined`), except that the `A | undefined` union is built here so that it
  // can carry the field's own failure message: otherwise a misspelt enum value would also report "Expected undefined".
  const orUndefined = Schema.UndefinedOr(schema)
  const message = AST.getMessageAnnotation(schema.ast)
  const type = Option.isSome(message) ? orUndefined.annotations({ message: message.value }) : orUndefined
  return Schema.optionalWith(type, { exact: true })
}

/**
 * Annotations of a payload or params struct: its name, its description, and encoding that keeps the caller's key
 * order.
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

/**
 * Text the spec types as a string but illustrates with a JSON number (phone numbers): a number is turned into its
 * decimal text, a string is kept as sent. Always encodes a string.
 *
 * @since 0.1.0
 */
export const TextOrNumber: Schema.Schema<string, string | number> = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: (n) => String(n),
    encode: (s) => Number(s)
  })
).annotations({ identifier: "TextOrNumber" })

/**
 * A JSON array whose items the spec leaves untyped (`items: {}`).
 *
 * @since 0.1.0
 */
export const FreeFormArray = Schema.Array(Schema.Unknown)

/**
 * The static type of an exported payload or params schema: a schema whose decoded type is the named interface `A`
 * (so editors show `ListCandidatesParams`, not its expanded fields), plus the struct's `fields` for spreading.
 *
 * @since 0.1.0
 */
export interface Outbound<S extends Schema.Struct<any>, A> extends Schema.Schema<A, Schema.Schema.Encoded<S>> {
  readonly fields: S["fields"]
}
