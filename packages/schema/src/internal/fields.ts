/**
 * Field helpers that encode the package's decoding rules in one place.
 *
 * The rules (also in the README):
 * - `required`: the key must be present and the value must be valid; used for `id`, the keys that
 *   attach a record to its parent, timestamps and the other fields every source marks required.
 * - `optional`: the key may be absent or `null`; both decode to an absent property (read as
 *   `undefined`), so "no value" has one representation. Encoding omits the key.
 * - `nullTolerant`: the spec marks the field required but the API has been seen sending `null`
 *   (required enums especially). The key must be present; `null` decodes to `undefined` and
 *   `undefined` encodes back to `null`.
 */
import * as Schema from "effect/Schema"

/**
 * A required field, carrying the spec's description.
 *
 * @since 0.1.0
 */
export const required = <A, I>(schema: Schema.Schema<A, I>, description: string) =>
  Schema.propertySignature(schema).annotations({ description })

/**
 * An optional field: absent or `null` on the wire, an absent property once decoded.
 *
 * @since 0.1.0
 */
export const optional = <A, I>(schema: Schema.Schema<A, I>, description: string) =>
  Schema.optionalWith(schema, { nullable: true }).annotations({ description })

/**
 * A field the spec marks required that the API may send as `null`: the key must be present,
 * `null` decodes to `undefined`.
 *
 * @since 0.1.0
 */
export const nullTolerant = <A, I>(schema: Schema.Schema<A, I>, description: string) =>
  Schema.propertySignature(
    Schema.transform(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
      strict: true,
      decode: (value) => (value === null ? undefined : value),
      encode: (value) => (value === undefined ? null : value)
    })
  ).annotations({ description })

/**
 * Text the spec types as a string but illustrates with a JSON number (phone numbers): a number is
 * turned into its decimal text, a string is kept as sent. Always encodes a string.
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
