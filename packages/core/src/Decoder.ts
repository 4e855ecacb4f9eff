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

/**
 * An annotation for a transformation whose decode function turns `null` into `undefined` and returns every other
 * value itself (the schema package's `nullTolerant` fields). The fast path then applies that rule instead of calling
 * the function. A promise made by the schema's author: set it on nothing else.
 *
 * @since 0.2.0
 */
export const NullToUndefinedAnnotationId: unique symbol = Symbol.for("@effect-factorial/core/Decoder/NullToUndefined")

/**
 * An annotation for a struct property whose property transformation turns a `null` value into an absent key and
 * keeps every other value (the schema package's `optional` fields, `Schema.optionalWith(x, { nullable: true })`).
 * Set on the property signature; the fast path then applies that rule instead of calling the transformation.
 *
 * @since 0.2.0
 */
export const NullToAbsentAnnotationId: unique symbol = Symbol.for("@effect-factorial/core/Decoder/NullToAbsent")

/** Marks "this value does not take the fast path"; never a decoded value. */
const Miss: unique symbol = Symbol.for("@effect-factorial/core/fastDecode/Miss")

type Step = (input: unknown) => unknown

/** Thrown while compiling a node the fast path does not handle; the whole schema then uses Schema's decoder. */
class Unsupported {
  constructor(readonly tag: string) {}
}

const fromEither = (result: unknown): unknown =>
  Either.isEither(result) ? (Either.isRight(result) ? result.right : Miss) : Miss

/** Whether a node's annotations change how Schema parses it (fallbacks, per-node options). */
const isAnnotated = (ast: AST.AST): boolean =>
  Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))

/** Nodes whose annotations change how Schema parses them are left to Schema. */
const assertPlain = (ast: AST.AST): void => {
  if (isAnnotated(ast)) throw new Unsupported("annotated")
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

// ---------------------------------------------------------------------------------------------------------------
// Skipping the type side. A transformation's `to` (and a struct transformation's type-side struct) is parsed
// again, by Schema, on what the decoding produced. Where that parse provably accepts the value unchanged, the fast
// path does not run it. The proof is static (the shape of the AST) plus one runtime fact: the value reaching the
// type side is the very value its encoded side decoded to, and it is neither `null` nor `undefined`.
// Declarations are assumed pure, as Schema assumes them: the same input gives the same result.
// ---------------------------------------------------------------------------------------------------------------

const isNullish = (ast: AST.AST): boolean =>
  AST.isUndefinedKeyword(ast) || (AST.isLiteral(ast) && ast.literal === null)

/** The members a value other than `null` and `undefined` can come from: `null` and `undefined` members reject it. */
const coreMembers = (ast: AST.AST): ReadonlyArray<AST.AST> =>
  AST.isUnion(ast) ? ast.types.filter((member) => !isNullish(member)) : isNullish(ast) ? [] : [ast]

/** Whether validating by this type-side node returns the very value it accepts (no copy, no conversion). */
const validatesInPlace = (ast: AST.AST): boolean => {
  if (isAnnotated(ast)) return false
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "UnknownKeyword":
    case "AnyKeyword":
    case "Literal":
      return true
    case "Refinement":
      return validatesInPlace(ast.from)
    case "Union":
      return ast.types.every(validatesInPlace)
    default:
      return false
  }
}

/**
 * Whether Schema's parse of `AST.typeAST(ast)` accepts whatever decoding `ast` produced, returning an equal value,
 * when `ast` is compiled strictly (a declaration without type parameters must then return its input itself, so
 * that running it again on its output is running it again on the same input).
 */
const keepsItsType = (ast: AST.AST): boolean => {
  if (isAnnotated(ast)) return false
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "UnknownKeyword":
    case "AnyKeyword":
    case "Literal":
      return true
    case "Refinement":
      // The same filter runs on the same value.
      return keepsItsType(ast.from)
    case "Transformation":
      // The output is what `to` produced, and `typeAST` of a transformation is `typeAST(to)`.
      return keepsItsType(ast.to)
    case "Declaration":
      return ast.typeParameters.length === 0
    case "Union":
      // The type side tries its members in order: any member before the one that produced the value must give the
      // value back unchanged if it accepts it.
      return !ast.types.some(hasLiteralKey) && ast.types.every(keepsItsType) &&
        ast.types.slice(0, -1).every((member) => validatesInPlace(AST.typeAST(member)))
    case "TypeLiteral":
      return ast.indexSignatures.length === 0 && ast.propertySignatures.every((ps) => keepsItsType(ps.type))
    case "TupleType":
      return ast.elements.length === 0 && ast.rest.length === 1 && keepsItsType(ast.rest[0].type)
    default:
      return false
  }
}

/**
 * `keepsItsType`, for outputs other than `null` and `undefined`: those come from a union's other members, and the
 * type side's `null` and `undefined` members reject them.
 */
const keepsItsTypeWhenSet = (ast: AST.AST): boolean => {
  if (isAnnotated(ast)) return false
  switch (ast._tag) {
    case "Refinement":
      return keepsItsTypeWhenSet(ast.from)
    case "Transformation":
      return keepsItsTypeWhenSet(ast.to)
    case "Union": {
      const members = coreMembers(ast)
      return !ast.types.some(hasLiteralKey) && ast.types.every((member) => !isAnnotated(member)) &&
        members.every(keepsItsType) && members.slice(0, -1).every((member) => validatesInPlace(AST.typeAST(member)))
    }
    default:
      return keepsItsType(ast)
  }
}

/** `a` and `b` validate alike: the same node, or nodes of the same kind, unannotated, over such nodes. */
const sameType = (a: AST.AST, b: AST.AST): boolean => {
  if (a === b) return true
  if (a._tag !== b._tag || isAnnotated(a) || isAnnotated(b)) return false
  switch (a._tag) {
    case "Union": {
      const types = (b as AST.Union).types
      return a.types.length === types.length && a.types.every((member, i) => sameType(member, types[i]))
    }
    case "Refinement":
      return a.filter === (b as AST.Refinement).filter && sameType(a.from, (b as AST.Refinement).from)
    case "TupleType": {
      const other = b as AST.TupleType
      return a.elements.length === 0 && other.elements.length === 0 && a.rest.length === 1 &&
        other.rest.length === 1 && sameType(a.rest[0].type, other.rest[0].type)
    }
    default:
      return false
  }
}

/**
 * Whether parsing by `typeSide` may be skipped for a value, other than `null` or `undefined`, that decoding
 * `encodedSide` (compiled strictly) produced: `typeSide` is `typeAST(encodedSide)` give or take `null` and
 * `undefined` members (which reject such a value), and that accepts what `encodedSide` produced, unchanged.
 */
const typeSideAccepts = (encodedSide: AST.AST, typeSide: AST.AST): boolean => {
  if (isAnnotated(typeSide) || (AST.isUnion(typeSide) && typeSide.types.some(isAnnotated))) return false
  if (!keepsItsTypeWhenSet(encodedSide)) return false
  const expected = coreMembers(AST.typeAST(encodedSide))
  const actual = coreMembers(typeSide)
  return expected.length > 0 && expected.length === actual.length &&
    expected.every((member, i) => sameType(member, actual[i]))
}

// ---------------------------------------------------------------------------------------------------------------

interface Compiler {
  readonly options: AST.ParseOptions
  /** Compiled steps by node, for the lenient and the strict compilation (see `keepsItsType`). */
  readonly memo: Map<AST.AST, Step>
  readonly strictMemo: Map<AST.AST, Step>
}

const compile = (ast: AST.AST, compiler: Compiler, strict: boolean): Step => {
  const memo = strict ? compiler.strictMemo : compiler.memo
  const known = memo.get(ast)
  if (known !== undefined) return known
  assertPlain(ast)
  const step = compileNode(ast, compiler, strict)
  memo.set(ast, step)
  return step
}

/** A value no step returns, to tell "not computed yet" apart from every result. */
const Unset: unique symbol = Symbol.for("@effect-factorial/core/fastDecode/Unset")

/** A result that can be shared by every input that produced it: a primitive, or a miss. */
const isShareable = (value: unknown): boolean =>
  value === Miss || value === null || (typeof value !== "object" && typeof value !== "function")

const compileNode = (ast: AST.AST, compiler: Compiler, strict: boolean): Step => {
  const options = compiler.options
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
      if (strict && ast.typeParameters.length === 0) {
        return (u) => {
          const result = parse(u, options, ast)
          return Either.isEither(result) && Either.isRight(result) && result.right === u ? u : Miss
        }
      }
      return (u) => fromEither(parse(u, options, ast))
    }
    case "Refinement": {
      const from = compile(ast.from, compiler, strict)
      return (u) => {
        const a = from(u)
        return a === Miss || Option.isSome(ast.filter(a, options, ast)) ? Miss : a
      }
    }
    case "Transformation":
      return compileTransformation(ast, compiler, strict)
    case "TypeLiteral": {
      if (ast.indexSignatures.length > 0) throw new Unsupported("index signature")
      if (ast.propertySignatures.length === 0) return (u) => (u === null || u === undefined ? Miss : u)
      const fields = ast.propertySignatures.map((ps) => {
        if (typeof ps.name !== "string") throw new Unsupported("symbol key")
        return { name: ps.name, isOptional: ps.isOptional, step: compile(ps.type, compiler, strict) }
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
      const item = compile(ast.rest[0].type, compiler, strict)
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
      const members = unionMembers(ast.types, compiler, strict)
      const run: Step = (u) => {
        for (const member of members) {
          const value = member(u)
          if (value !== Miss) return value
        }
        return Miss
      }
      // A value other than `null` and `undefined` is refused by the `null` and `undefined` members: only the others
      // are tried for it, in the same order.
      const setMembers = unionMembers(ast.types.filter((member) => !isNullish(member) || isAnnotated(member)), compiler, strict)
      const runSet: Step = setMembers.length === 1 ? setMembers[0] : (u) => {
        for (const member of setMembers) {
          const value = member(u)
          if (value !== Miss) return value
        }
        return Miss
      }
      // Absent and null values are common and each member's answer for them is always the same: asking once saves
      // a failed declaration (an error value) per record, e.g. for every absent timestamp.
      let onUndefined: unknown = Unset
      let onNull: unknown = Unset
      return (u) => {
        if (u === undefined) {
          if (onUndefined !== Unset) return onUndefined
          const value = run(u)
          if (isShareable(value)) onUndefined = value
          return value
        }
        if (u === null) {
          if (onNull !== Unset) return onNull
          const value = run(u)
          if (isShareable(value)) onNull = value
          return value
        }
        return runSet(u)
      }
    }
    case "Suspend": {
      let inner: Step | undefined
      return (u) => (inner ??= compile(ast.f(), compiler, strict))(u)
    }
    default:
      throw new Unsupported(ast._tag)
  }
}

/**
 * The steps of a union's members, in order, with each run of literals (an enum) checked as one set lookup: a
 * literal member returns the input itself when it matches, so the first match in a run gives the same value.
 */
const unionMembers = (types: ReadonlyArray<AST.AST>, compiler: Compiler, strict: boolean): Array<Step> => {
  const steps: Array<Step> = []
  let literals: Array<unknown> = []
  const flush = () => {
    if (literals.length === 1) {
      const literal = literals[0]
      steps.push((u) => (u === literal ? u : Miss))
    } else if (literals.length > 1) {
      const set = new Set(literals)
      steps.push((u) => (set.has(u) ? u : Miss))
    }
    literals = []
  }
  for (const member of types) {
    // `NaN` is the one literal a `Set` matches and `===` does not.
    if (AST.isLiteral(member) && !isAnnotated(member) && !Number.isNaN(member.literal)) {
      literals.push(member.literal)
    } else {
      flush()
      steps.push(compile(member, compiler, strict))
    }
  }
  flush()
  return steps
}

const compileTransformation = (ast: AST.Transformation, compiler: Compiler, strict: boolean): Step => {
  const options = compiler.options
  const transformation = ast.transformation
  switch (transformation._tag) {
    case "ComposeTransformation": {
      const from = compile(ast.from, compiler, false)
      const to = compile(ast.to, compiler, strict)
      return (u) => {
        const a = from(u)
        return a === Miss ? Miss : to(a)
      }
    }
    case "FinalTransformation": {
      // E.g. a field that decodes `null` to `undefined`: whatever else it passes through needs no second check.
      const skipTypeSide = typeSideAccepts(ast.from, ast.to)
      const from = compile(ast.from, compiler, skipTypeSide)
      const to = compile(ast.to, compiler, strict)
      if (ast.annotations[NullToUndefinedAnnotationId] === true) {
        // The schema declares what its decode function does, so it need not be called (nor its result wrapped).
        return (u) => {
          const a = from(u)
          if (a === Miss) return Miss
          return a === null ? to(undefined) : skipTypeSide && a !== undefined ? a : to(a)
        }
      }
      const decode = transformation.decode
      return (u) => {
        const a = from(u)
        if (a === Miss) return Miss
        const b = fromEither(decode(a, options, ast, u))
        if (b === Miss) return Miss
        return skipTypeSide && b === a && a !== null && a !== undefined ? a : to(b)
      }
    }
    case "TypeLiteralTransformation":
      return compileStructTransformation(ast, transformation, compiler, strict)
  }
}
type PropertyTransform = (o: Option.Option<unknown>) => Option.Option<unknown>

/** One key of a struct transformation decoded in one pass: encoded side, property transformation, type side. */
interface FusedField {
  readonly name: string
  readonly fromOptional: boolean
  readonly from: Step
  readonly transform: PropertyTransform | undefined
  /** The transformation is declared to turn `null` into an absent key and keep the rest (`NullToAbsentAnnotationId`). */
  readonly nullToAbsent: boolean
  readonly toOptional: boolean
  readonly to: Step
  /** The type side may be skipped for a value the transformation passed through (see `typeSideAccepts`). */
  readonly skipTypeSide: boolean
}

/**
 * A struct with property transformations (`optionalWith`, renames, defaults) is a transformation between two
 * structs: Schema decodes the encoded struct into an object, rewrites its keys, then parses the result with the
 * type-side struct into a third object. When every key is rewritten into itself and both structs have the same
 * keys, each key is decoded through the three stages at once, into the one object the type side would build
 * (its keys in the type side's order).
 */
const compileStructTransformation = (
  ast: AST.Transformation,
  transformation: AST.TypeLiteralTransformation,
  compiler: Compiler,
  strict: boolean
): Step => {
  const steps = transformation.propertySignatureTransformations
  const inPlace = steps.every((step) => step.from === step.to && typeof step.from === "string") &&
    new Set(steps.map((step) => step.from)).size === steps.length
  const fused = inPlace && fuseStructs(ast.from, ast.to, steps, compiler, strict)
  if (fused) return fused
  const from = compile(ast.from, compiler, false)
  const to = compile(ast.to, compiler, strict)
  if (inPlace && steps.every((step) => !isIndex(step.from as string))) {
    // Schema's delete-then-set moves the rewritten keys to the end, in step order. Building that order directly
    // avoids `delete`, which turns the object into a slow dictionary.
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
      const o = step.decode(Object.prototype.hasOwnProperty.call(a, step.from) ? Option.some(a[step.from]) : Option.none())
      delete a[step.from]
      if (Option.isSome(o)) a[step.to] = o.value
    }
    return to(a)
  }
}

const fuseStructs = (
  fromAST: AST.AST,
  toAST: AST.AST,
  steps: ReadonlyArray<AST.PropertySignatureTransformation>,
  compiler: Compiler,
  strict: boolean
): Step | false => {
  if (!AST.isTypeLiteral(fromAST) || !AST.isTypeLiteral(toAST)) return false
  if (fromAST.indexSignatures.length > 0 || toAST.indexSignatures.length > 0) return false
  const from = fromAST.propertySignatures
  const to = toAST.propertySignatures
  if (from.length === 0 || from.length !== to.length) return false
  if (to.some((ps) => typeof ps.name !== "string")) return false
  assertPlain(fromAST)
  assertPlain(toAST)
  const fields: Array<FusedField> = []
  for (const toPs of to) {
    const fromPs = from.find((ps) => ps.name === toPs.name)
    if (fromPs === undefined) return false
    const transform = steps.find((step) => step.from === toPs.name)?.decode
    const skipTypeSide = typeSideAccepts(fromPs.type, toPs.type)
    fields.push({
      name: toPs.name as string,
      fromOptional: fromPs.isOptional,
      from: compile(fromPs.type, compiler, skipTypeSide),
      transform,
      nullToAbsent: transform !== undefined && toPs.annotations[NullToAbsentAnnotationId] === true,
      toOptional: toPs.isOptional,
      to: compile(toPs.type, compiler, strict),
      skipTypeSide
    })
  }
  return (u) => {
    if (!Predicate.isRecord(u)) return Miss
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      // The encoded struct: a present key, or a required one, is decoded (an absent required key as `undefined`).
      let present = !field.fromOptional || Object.prototype.hasOwnProperty.call(u, field.name)
      let value: unknown = undefined
      if (present) {
        value = field.from(u[field.name])
        if (value === Miss) return Miss
      }
      // The property transformation, given `Option.some(value)` for a key the decoded object has.
      let passedThrough = present
      if (field.nullToAbsent) {
        if (value === null) present = passedThrough = false
      } else if (field.transform !== undefined) {
        const o = field.transform(present ? Option.some(value) : Option.none())
        passedThrough = present && Option.isSome(o) && o.value === value
        present = Option.isSome(o)
        value = present ? (o as Option.Some<unknown>).value : undefined
      }
      // The type-side struct.
      if (!present && field.toOptional) continue
      if (!(field.skipTypeSide && passedThrough && value !== null && value !== undefined)) {
        value = field.to(value)
        if (value === Miss) return Miss
      }
      out[field.name] = value
    }
    return out
  }
}

const cache = new WeakMap<AST.AST, Step | null>()

const fastStep = (ast: AST.AST): Step | null => {
  let step = cache.get(ast)
  if (step === undefined) {
    try {
      step = compile(ast, { options: responseOptions, memo: new Map(), strictMemo: new Map() }, false)
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error
      step = null
    }
    cache.set(ast, step)
  }
  return step
}

/**
 * Runs the fast path. It may call a schema's functions in another order than Schema does (a struct's keys through
 * all their stages one at a time), so if one of them throws, Schema reruns the input and decides, as for any miss.
 */
const attempt = (step: Step, input: unknown): unknown => {
  try {
    return step(input)
  } catch {
    return Miss
  }
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
    const value = attempt(step, input)
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
    const value = attempt(step, input)
    return value === Miss ? slow(input) : Effect.succeed(value as A)
  }
}
