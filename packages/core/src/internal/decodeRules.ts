/**
 * The static rules of the compiled decoder (`Decoder.ts`): which nodes change how Schema parses them, and where
 * parsing a type side again provably gives back the value just decoded, so that the fast path may skip it.
 */
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/** Whether a node's annotations change how Schema parses it (fallbacks, per-node options). */
export const isAnnotated = (ast: AST.AST): boolean =>
  Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))

/**
 * Whether Schema's union parser may choose this member by a literal-valued key (its "search tree") instead of
 * trying members in declaration order; such unions are left to Schema. Mirrors the rule of that parser.
 */
export const hasLiteralKey = (ast: AST.AST): boolean => {
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

// Skipping the type side. A transformation's `to` (and a struct transformation's type-side struct) is parsed
// again, by Schema, on what the decoding produced. Where that parse provably accepts the value unchanged, the fast
// path does not run it. The proof is static (the shape of the AST) plus one runtime fact: the value reaching the
// type side is the very value its encoded side decoded to, and it is neither `null` nor `undefined`.
// Declarations are assumed pure, as Schema assumes them: the same input gives the same result.

/** `undefined` and the `null` literal: the members that refuse every other value. */
export const isNullish = (ast: AST.AST): boolean =>
  AST.isUndefinedKeyword(ast) || (AST.isLiteral(ast) && ast.literal === null)

/** The members a value other than `null` and `undefined` can come from: `null` and `undefined` members reject it. */
const coreMembers = (ast: AST.AST): ReadonlyArray<AST.AST> =>
  AST.isUnion(ast) ? ast.types.filter((member) => !isNullish(member)) : isNullish(ast) ? [] : [ast]

/** Keywords and literals: parsing one returns its input itself, whichever side it is on. */
const leafTags: ReadonlySet<AST.AST["_tag"]> = new Set([
  "StringKeyword",
  "NumberKeyword",
  "BooleanKeyword",
  "UndefinedKeyword",
  "UnknownKeyword",
  "AnyKeyword",
  "Literal"
])

const isLeaf = (ast: AST.AST): boolean => leafTags.has(ast._tag)

/** Whether validating by this type-side node returns the very value it accepts (no copy, no conversion). */
const validatesInPlace = (ast: AST.AST): boolean => {
  if (isAnnotated(ast)) return false
  if (isLeaf(ast)) return true
  switch (ast._tag) {
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
  if (isLeaf(ast)) return true
  switch (ast._tag) {
    case "Refinement":
      // The same filter runs on the same value.
      return keepsItsType(ast.from)
    case "Transformation":
      // The output is what `to` produced, and `typeAST` of a transformation is `typeAST(to)`.
      return keepsItsType(ast.to)
    case "Declaration":
      return ast.typeParameters.length === 0
    case "Union":
      return membersKeepTheirType(ast, ast.types)
    case "TypeLiteral":
      return ast.indexSignatures.length === 0 && ast.propertySignatures.every((ps) => keepsItsType(ps.type))
    case "TupleType":
      return ast.elements.length === 0 && ast.rest.length === 1 && keepsItsType(ast.rest[0].type)
    default:
      return false
  }
}

/**
 * Whether a union keeps the type of what `members` (some or all of its members) produce. Its type side tries its
 * members in order: any member before the one that produced the value must give the value back unchanged if it
 * accepts it.
 */
const membersKeepTheirType = (union: AST.Union, members: ReadonlyArray<AST.AST>): boolean =>
  !union.types.some(hasLiteralKey) && members.every(keepsItsType) &&
  members.slice(0, -1).every((member) => validatesInPlace(AST.typeAST(member)))

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
      return ast.types.every((member) => !isAnnotated(member)) && membersKeepTheirType(ast, members)
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
export const typeSideAccepts = (encodedSide: AST.AST, typeSide: AST.AST): boolean => {
  if (isAnnotated(typeSide) || (AST.isUnion(typeSide) && typeSide.types.some(isAnnotated))) return false
  if (!keepsItsTypeWhenSet(encodedSide)) return false
  const expected = coreMembers(AST.typeAST(encodedSide))
  const actual = coreMembers(typeSide)
  return expected.length > 0 && expected.length === actual.length &&
    expected.every((member, i) => sameType(member, actual[i]))
}
