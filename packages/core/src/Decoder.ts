/**
 * How the SDK decodes what the API sends: Effect Schema, with a compiled fast path for the success case.
 *
 * `Schema.decodeUnknown` builds an `Either` and a `ParseIssue` trail at every node, which makes a candidate cost
 * an order of magnitude more than `JSON.parse`. Responses almost always decode, so the success case is compiled
 * once per schema AST into plain closures that walk the value without allocating results or issues, calling the
 * schema's own declarations, filters and transformations for every step that is not structural, and skipping
 * only the checks that provably pass (see `internal/decodeRules.ts`). Any failure, and any AST node or option this
 * compiler does not know, hands the input to the full Schema decoder, which gives the same value when it succeeds
 * and the real `ParseError` when it fails. The schema stays the single source of truth (its functions are assumed
 * pure, as Schema assumes them); a property test checks that both paths agree on valid, drifted and invalid inputs.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import * as Compiler from "./internal/decodeCompiler.js"

/**
 * The options responses are decoded with: every error reported, undocumented fields ignored.
 *
 * @since 0.2.0
 */
export const responseOptions: AST.ParseOptions = Compiler.responseOptions

/**
 * An annotation for a transformation whose decode function turns `null` into `undefined` and returns every other
 * value itself (the schema package's `nullTolerant` fields). The fast path then applies that rule instead of calling
 * the function. A promise made by the schema's author: set it on nothing else.
 *
 * @since 0.2.0
 */
export const NullToUndefinedAnnotationId: typeof Compiler.NullToUndefinedAnnotationId =
  Compiler.NullToUndefinedAnnotationId

/**
 * An annotation for a struct property whose property transformation turns a `null` value into an absent key and
 * keeps every other value (the schema package's `optional` fields, `Schema.optionalWith(x, { nullable: true })`).
 * Set on the property signature; the fast path then applies that rule instead of calling the transformation.
 *
 * @since 0.2.0
 */
export const NullToAbsentAnnotationId: typeof Compiler.NullToAbsentAnnotationId = Compiler.NullToAbsentAnnotationId

/**
 * An annotation for a `Schema.Class` (in its annotations) whose constructor, given props that already decoded, only
 * copies them onto the new instance: no field defaults, no field initialisers or constructor of its own (the schema
 * package's models). The fast path then builds each instance as that copy on the class's prototype instead of
 * calling the constructor. A promise made by the schema's author: set it on nothing else.
 *
 * @since 0.2.0
 */
export const AssignsPropsAnnotationId: typeof Compiler.AssignsPropsAnnotationId = Compiler.AssignsPropsAnnotationId

/**
 * `Schema.decodeUnknownEither(schema, responseOptions)`, taking the compiled path when it can. The results are
 * Schema's: a miss on the fast path (invalid input, or a shape it does not compile) reruns the input through
 * Schema, which then decides. Build it once per schema and reuse it.
 *
 * @example
 * ```ts
 * import { Decoder } from "@effect-factorial/core"
 * import * as Schema from "effect/Schema"
 *
 * const decodePerson = Decoder.response(Schema.Struct({ id: Schema.String, name: Schema.String }))
 * decodePerson({ id: "1", name: "Ada", extra: true }) // Either.right({ id: "1", name: "Ada" })
 * ```
 *
 * @since 0.2.0
 */
export const response = <A, I>(
  schema: Schema.Schema<A, I, never>
): (input: unknown) => Either.Either<A, ParseResult.ParseError> => {
  const slow = Schema.decodeUnknownEither(schema, responseOptions)
  const step = Compiler.fastStep(schema.ast)
  if (step === null) return slow
  return (input) => {
    // A Schema transformation may mutate what it is given, so the fast path must not have touched the input
    // when it misses: it builds new objects at every TypeLiteral and never writes into `input`.
    const value = Compiler.attempt(step, input)
    return value === Compiler.Miss ? slow(input) : Either.right(value as A)
  }
}

/**
 * Whether `response` compiles a fast path for this schema (otherwise it is Schema's decoder alone).
 *
 * @since 0.2.0
 */
export const isCompiled = (schema: Schema.Schema.Any): boolean => Compiler.fastStep(schema.ast) !== null

/**
 * `response` as an Effect, for schemas that may need services (`R`): the compiled path when it can, else
 * `Schema.decodeUnknown(schema, responseOptions)`.
 *
 * @since 0.2.0
 */
export const responseEffect = <A, I, R>(
  schema: Schema.Schema<A, I, R>
): (input: unknown) => Effect.Effect<A, ParseResult.ParseError, R> => {
  const slow = Schema.decodeUnknown(schema, responseOptions)
  const step = Compiler.fastStep(schema.ast)
  if (step === null) return slow
  return (input) => {
    const value = Compiler.attempt(step, input)
    return value === Compiler.Miss ? slow(input) : Effect.succeed(value as A)
  }
}
