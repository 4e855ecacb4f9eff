/**
 * How the SDK decodes what the API sends: Effect Schema, with a compiled fast path for the success case.
 *
 * `Schema.decodeUnknown` builds an `Either` and a `ParseIssue` trail at every node, which makes a candidate cost
 * an order of magnitude more than `JSON.parse`. Responses almost always decode, so the success case is compiled
 * once per schema AST into plain closures that walk the value without allocating results or issues, calling the
 * schema's own declarations, filters and transformations for every step that is not structural. Any failure,
 * and any AST node or option this compiler does not know, hands the input to the full Schema decoder, which
 * gives the same value when it succeeds and the real `ParseError` when it fails. The schema stays the single
 * source of truth; a property test checks that both paths agree on valid, drifted and invalid inputs.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * The options responses are decoded with: every error reported, undocumented fields ignored.
 *
 * @since 0.2.0
 */
export const responseOptions: AST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

/** Marks "this value does not take the fast path"; never a decoded value. */
const Miss: unique symbol = Symbol.for("@effect-factorial/core/fastDecode/Miss")

type Step = (input: unknown) => unknown

/** Thrown while compiling a node the fast path does not handle; the whole schema then uses Schema's decoder. */
class Unsupported {
  constructor(readonly tag: string) {}
}

const fromEither = (result: unknown): unknown =>
  Either.isEither(result) ? (Either.isRight(result) ? result.right : Miss) : Miss

/** Nodes whose annotations change how Schema parses them (fallbacks, per-node options) are left to Schema. */
const assertPlain = (ast: AST.AST): void => {
  if (Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))) {
    throw new Unsupported("annotated")
  }
}

/**
 * Whether Schema's union parser may choose this member by a literal-valued key (its "search tree") instead of
 * trying members in declaration order; such unions are left to Schema. Mirrors the rule of that parser.
 */
const hasLiteralKey = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Declaration": {
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) && hasLiteralKey(surrogate.value)
    }
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.encodedAST(ps.type)))
    case "TupleType":
      return ast.elements.some((e) => !e.isOptional && AST.isLiteral(AST.encodedAST(e.type)))
    case "Refinement":
      return hasLiteralKey(ast.from)
    case "Suspend":
      return hasLiteralKey(ast.f())
    case "Transformation":
      return hasLiteralKey(ast.from)
    default:
      return false
  }
}

/** Array-index-like keys are ordered numerically by JavaScript objects, so key order rules differ for them. */
const isIndex = (key: string): boolean => /^(0|[1-9][0-9]*)$/.test(key)

const compile = (ast: AST.AST, options: AST.ParseOptions, memo: Map<AST.AST, Step>): Step => {
  const known = memo.get(ast)
  if (known !== undefined) return known
  assertPlain(ast)
  const step = compileNode(ast, options, memo)
  memo.set(ast, step)
  return step
}

const compileNode = (ast: AST.AST, options: AST.ParseOptions, memo: Map<AST.AST, Step>): Step => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => (typeof u === "string" ? u : Miss)
    case "NumberKeyword":
      return (u) => (typeof u === "number" ? u : Miss)
    case "BooleanKeyword":
      return (u) => (typeof u === "boolean" ? u : Miss)
    case "UndefinedKeyword":
      return (u) => (u === undefined ? u : Miss)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (u) => u
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : Miss)
    }
    case "Declaration": {
      const parse = ast.decodeUnknown(...ast.typeParameters)
      return (u) => fromEither(parse(u, options, ast))
    }
    case "Refinement": {
      const from = compile(ast.from, options, memo)
      return (u) => {
        const a = from(u)
        return a === Miss || Option.isSome(ast.filter(a, options, ast)) ? Miss : a
      }
    }
    case "Transformation": {
      const from = compile(ast.from, options, memo)
      const to = compile(ast.to, options, memo)
      const transformation = ast.transformation
      switch (transformation._tag) {
        case "ComposeTransformation":
          return (u) => {
            const a = from(u)
            return a === Miss ? Miss : to(a)
          }
        case "FinalTransformation": {
          const decode = transformation.decode
          return (u) => {
            const a = from(u)
            if (a === Miss) return Miss
            const b = fromEither(decode(a, options, ast, u))
            return b === Miss ? Miss : to(b)
          }
        }
        case "TypeLiteralTransformation": {
          const steps = transformation.propertySignatureTransformations
          const inPlace = steps.every((step) => step.from === step.to && typeof step.from === "string" && !isIndex(step.from)) &&
            new Set(steps.map((step) => step.from)).size === steps.length
          if (inPlace) {
            // Every step rewrites one key into itself (`optionalWith`): Schema's delete-then-set moves those keys
            // to the end, in step order. Building that order directly avoids `delete`, which turns the object
            // into a slow dictionary.
            const rewritten = new Set(steps.map((step) => step.from as string))
            return (u) => {
              const a = from(u) as Record<string, unknown> | typeof Miss
              if (a === Miss) return Miss
              const out: Record<string, unknown> = {}
              for (const key in a) if (!rewritten.has(key)) out[key] = a[key]
              for (const step of steps) {
                const key = step.from as string
                const o = step.decode(Object.prototype.hasOwnProperty.call(a, key) ? Option.some(a[key]) : Option.none())
                if (Option.isSome(o)) out[key] = o.value
              }
              return to(out)
            }
          }
          return (u) => {
            const a = from(u) as Record<PropertyKey, unknown> | typeof Miss
            if (a === Miss) return Miss
            // The same moves as Schema's interpreter (delete, then set), so keys end up in the same order.
            for (const step of steps) {
              const o = step.decode(
                Object.prototype.hasOwnProperty.call(a, step.from) ? Option.some(a[step.from]) : Option.none()
              )
              delete a[step.from]
              if (Option.isSome(o)) a[step.to] = o.value
            }
            return to(a)
          }
        }
      }
      throw new Unsupported("transformation")
    }
    case "TypeLiteral": {
      if (ast.indexSignatures.length > 0) throw new Unsupported("index signature")
      if (ast.propertySignatures.length === 0) return (u) => (u === null || u === undefined ? Miss : u)
      const fields = ast.propertySignatures.map((ps) => {
        if (typeof ps.name !== "string") throw new Unsupported("symbol key")
        return { name: ps.name, isOptional: ps.isOptional, step: compile(ps.type, options, memo) }
      })
      return (u) => {
        if (!Predicate.isRecord(u)) return Miss
        const out: Record<string, unknown> = {}
        for (const field of fields) {
          const has = Object.prototype.hasOwnProperty.call(u, field.name)
          if (!has && field.isOptional) continue
          const value = field.step(u[field.name])
          if (value === Miss) return Miss
          out[field.name] = value
        }
        return out
      }
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Unsupported("tuple")
      const item = compile(ast.rest[0].type, options, memo)
      return (u) => {
        if (!Array.isArray(u)) return Miss
        const out = new Array(u.length)
        for (let i = 0; i < u.length; i++) {
          const value = item(u[i])
          if (value === Miss) return Miss
          out[i] = value
        }
        return out
      }
    }
    case "Union": {
      if (ast.types.some(hasLiteralKey)) throw new Unsupported("keyed union")
      const members = ast.types.map((member) => compile(member, options, memo))
      return (u) => {
        for (const member of members) {
          const value = member(u)
          if (value !== Miss) return value
        }
        return Miss
      }
    }
    case "Suspend": {
      let inner: Step | undefined
      return (u) => (inner ??= compile(ast.f(), options, memo))(u)
    }
    default:
      throw new Unsupported(ast._tag)
  }
}

const cache = new WeakMap<AST.AST, Step | null>()

const fastStep = (ast: AST.AST): Step | null => {
  let step = cache.get(ast)
  if (step === undefined) {
    try {
      step = compile(ast, responseOptions, new Map())
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error
      step = null
    }
    cache.set(ast, step)
  }
  return step
}

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
  const step = fastStep(schema.ast)
  if (step === null) return slow
  return (input) => {
    // A Schema transformation may mutate what it is given, so the fast path must not have touched the input
    // when it misses: it builds new objects at every TypeLiteral and never writes into `input`.
    const value = step(input)
    return value === Miss ? slow(input) : Either.right(value as A)
  }
}

/**
 * Whether `response` compiles a fast path for this schema (otherwise it is Schema's decoder alone).
 *
 * @since 0.2.0
 */
export const isCompiled = (schema: Schema.Schema.Any): boolean => fastStep(schema.ast) !== null

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
  const step = fastStep(schema.ast)
  if (step === null) return slow
  return (input) => {
    const value = step(input)
    return value === Miss ? slow(input) : Effect.succeed(value as A)
  }
}
