/**
 * The lenient-enum pattern shared by every enum of the package.
 *
 * Factorial adds enum values between API versions (contract types, categories, phase types), so a
 * response enum must never fail a whole record on a value the SDK does not know yet: the known
 * values decode to their literal, anything else to the raw string. Outbound payloads use the
 * closed `Strict` variant so that a typo is caught before a request is sent.
 */
import * as Schema from "effect/Schema"

/**
 * A string outside the known values. Typed `string & {}` so that TypeScript keeps the known
 * literals visible in a union with it (plain `string` would absorb them and lose editor hints).
 * The cast is sound: `string & {}` has exactly the values of `string`.
 */
const UnknownValue = Schema.String.annotations({
  identifier: "UnknownEnumValue",
  description: "a value this SDK version does not know yet, kept as sent"
}) as unknown as Schema.Schema<string & {}, string>

/**
 * A lenient enum schema plus its known values and its closed variant.
 *
 * @since 0.1.0
 */
export interface LenientEnum<Values extends readonly [string, ...Array<string>]>
  extends Schema.Schema<Values[number] | (string & {}), string>
{
  /** The values this SDK knows, in the order the spec lists them. */
  readonly values: Values
  /** The closed variant: only the known values decode or encode. Use it for outbound payloads. */
  readonly Strict: Schema.Literal<[...Values]>
}

/**
 * Creates a lenient enum from its known values.
 *
 * @since 0.1.0
 */
export const lenientEnum = <const Values extends readonly [string, ...Array<string>]>(
  identifier: string,
  values: Values,
  description: string
): LenientEnum<Values> => {
  const Strict = Schema.Literal(...values).annotations({ identifier: `${identifier}.Strict`, description })
  const lenient = Schema.Union(Schema.Literal(...values), UnknownValue).annotations({ identifier, description })
  return class extends lenient {
    static readonly values = values
    static readonly Strict = Strict
  }
}
