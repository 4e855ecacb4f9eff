/**
 * The compiler behind `Decoder.response`: a schema AST becomes plain closures for the success case, each returning
 * the decoded value or `Miss`. What a step may skip is decided in `decodeRules.ts`.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as AST from "effect/SchemaAST"
import { hasLiteralKey, isAnnotated, isNullish, typeSideAccepts } from "./decodeRules.js"

/** See `Decoder.NullToUndefinedAnnotationId`. */
export const NullToUndefinedAnnotationId: unique symbol = Symbol.for("@effect-factorial/core/Decoder/NullToUndefined")

/** See `Decoder.NullToAbsentAnnotationId`. */
export const NullToAbsentAnnotationId: unique symbol = Symbol.for("@effect-factorial/core/Decoder/NullToAbsent")

/** The options responses are decoded with: every error reported, undocumented fields ignored. */
export const responseOptions: AST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

/** See `Decoder.AssignsPropsAnnotationId`. */
export const AssignsPropsAnnotationId: unique symbol = Symbol.for("@effect-factorial/core/Decoder/AssignsProps")

/** Marks "this value does not take the fast path"; never a decoded value. */
export const Miss: unique symbol = Symbol.for("@effect-factorial/core/Decoder/Miss")

/** A compiled node: the decoded value, or `Miss`. */
export type Step = (input: unknown) => unknown

/** Thrown while compiling a node the fast path does not handle; the whole schema then uses Schema's decoder. */
class Unsupported {
  constructor(readonly tag: string) {}
}

const fromEither = (result: unknown): unknown =>
  Either.isEither(result) ? (Either.isRight(result) ? result.right : Miss) : Miss

/** Nodes whose annotations change how Schema parses them are left to Schema. */
const assertPlain = (ast: AST.AST): void => {
  if (isAnnotated(ast)) throw new Unsupported("annotated")
}

/** Array-index-like keys are ordered numerically by JavaScript objects, so key order rules differ for them. */
const isIndex = (key: string): boolean => /^(0|[1-9][0-9]*)$/.test(key)

/**
 * One compilation. A node is compiled strictly where a skipped type side relies on it (see `decodeRules.ts`): there,
 * a declaration without type parameters must return its very input, or the value takes Schema's path.
 */
interface Compiler {
  readonly options: AST.ParseOptions
  /** Compiled steps by node, for the lenient and the strict compilation. */
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
      if (AST.isDeclaration(ast.to) && ast.to.annotations[AssignsPropsAnnotationId] === true) {
        // A `Schema.Class` whose constructor is declared to only copy valid props onto the instance: the first
        // record goes through the constructor, the others are that copy onto the same prototype, without the
        // constructor's defaults pass and props copy (a third of a model's decoding), and without the instance
        // check, which an object of that prototype passes.
        let prototype: object | undefined
        return (u) => {
          const a = from(u)
          if (a === Miss) return Miss
          if (prototype !== undefined) return Object.assign(Object.create(prototype), a)
          const b = fromEither(decode(a, options, ast, u))
          if (b === Miss || !Predicate.isObject(b)) return Miss
          const checked = to(b)
          if (checked === b) prototype = Object.getPrototypeOf(b)
          return checked
        }
      }
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

export const fastStep = (ast: AST.AST): Step | null => {
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
export const attempt = (step: Step, input: unknown): unknown => {
  try {
    return step(input)
  } catch {
    return Miss
  }
}
