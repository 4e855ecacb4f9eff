/**
 * Building blocks for branded resource ids.
 *
 * Why strings: from API version 2026-07-01 every id is a JSON string; before that it was a JSON
 * integer. New id ranges start far above 2^53 (9007199254740992), and `JSON.parse` turns any
 * integer above that into the nearest double, silently changing its last digits before any schema
 * sees it. Keeping ids as strings of digits keeps every digit; integers are accepted only while
 * they are exact (safe integers), so a number that may already have been rounded fails loudly.
 */
import type { LazyArbitrary } from "effect/Arbitrary"
import type * as Brand from "effect/Brand"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

const DIGITS = /^[0-9]+$/

/** Explains why an integer id was refused instead of being silently rounded. */
const unsafeIntegerMessage = (n: number): string =>
  `integer id ${n} is above 2^53 and may already have lost digits in JSON parsing; ` +
  `request a string id (API version 2026-07-01 or later)`

/**
 * Converts an id as it may appear on the wire (digits string or exact non-negative integer) to
 * its string form, or explains why it cannot.
 *
 * @since 0.1.0
 */
export const normalizeId = (input: unknown): { readonly ok: string } | { readonly error: string } => {
  if (typeof input === "string") {
    return DIGITS.test(input) ? { ok: input } : { error: `expected an id made of digits, got ${JSON.stringify(input)}` }
  }
  if (typeof input === "number") {
    if (!Number.isInteger(input) || input < 0) return { error: `expected a non-negative integer id, got ${input}` }
    if (!Number.isSafeInteger(input)) return { error: unsafeIntegerMessage(input) }
    return { ok: String(input) }
  }
  return { error: `expected an id (string of digits or integer), got ${typeof input}` }
}

/**
 * The wire side of every id: typed as `string` (encoding always emits a string) while decoding
 * also accepts an exact JSON integer, the representation of API versions up to 2026-04-01.
 */
const IdFromWire: Schema.Schema<string, string> = Schema.declare<string, string, readonly []>(
  [],
  {
    decode: () => (input, _options, ast) => {
      // The form every current response uses, without the intermediate result object.
      if (typeof input === "string" && DIGITS.test(input)) return ParseResult.succeed(input)
      const result = normalizeId(input)
      // ParseResult.succeed/fail (Either) keep decoding on the synchronous fast path; an Effect would not.
      return "ok" in result ? ParseResult.succeed(result.ok) : ParseResult.fail(new ParseResult.Type(ast, input, result.error))
    },
    encode: () => (input, _options, ast) =>
      typeof input === "string" ? ParseResult.succeed(input) : ParseResult.fail(new ParseResult.Type(ast, input))
  },
  {
    identifier: "IdFromWire",
    description: "an id sent as a string of digits, or as an exact integer by older API versions",
    jsonSchema: { anyOf: [{ type: "string", pattern: DIGITS.source }, { type: "integer", minimum: 0 }] }
  }
)

/**
 * Generates ids as the API writes them (no leading zeros): small ones, which older versions sent
 * as integers, and ones beyond 2^53 (up to 2^65), which only the string form can carry.
 */
const idArbitrary = (): LazyArbitrary<string> => (fc) =>
  fc.oneof(
    fc.nat().map(String),
    fc.bigInt({ min: 0n, max: 2n ** 65n }).map(String)
  )

/**
 * A branded id schema: decodes a digits string or an exact integer, yields and encodes a string.
 *
 * @since 0.1.0
 */
export interface IdSchema<B extends string> extends Schema.Schema<string & Brand.Brand<B>, string> {
  /** The brand name, e.g. `"CandidateId"`. */
  readonly brand: B
  /**
   * Makes an id from a plain string of digits or an exact integer; throws a `ParseError` on any
   * other input (including integers above 2^53, whose digits cannot be trusted).
   */
  readonly make: (value: string | number) => string & Brand.Brand<B>
}

/**
 * Creates the branded id schema of one resource or foreign key.
 *
 * @since 0.1.0
 */
export const makeIdSchema = <const B extends string>(brand: B, description: string): IdSchema<B> => {
  const branded = Schema.String.pipe(
    Schema.pattern(DIGITS, { message: () => "expected an id made of digits", arbitrary: idArbitrary }),
    Schema.brand(brand)
  )
  const schema = Schema.compose(IdFromWire, branded).annotations({ identifier: brand, description })
  const decode = ParseResult.decodeUnknownSync(schema)
  return class extends schema {
    static readonly brand = brand
    static readonly make = (value: string | number): string & Brand.Brand<B> => decode(value)
  }
}
