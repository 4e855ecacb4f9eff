/**
 * A `ParseError` described by path and kind of mismatch only. Schema's own formatters quote the actual value
 * ("Expected string, actual "jane@example.com""), and the value may be personal data from a response body or a
 * secret: it is never shown, only its kind ("a string of 16 characters").
 */
import * as ParseResult from "effect/ParseResult"
import type * as AST from "effect/SchemaAST"

export type PathSegment = string | number

export interface Mismatch {
  readonly path: ReadonlyArray<PathSegment>
  readonly problem: string
}

/** How many mismatches a description lists before summing up the rest. */
const maxListed = 10
const maxExpected = 120

/** What a value is, without what it holds. */
export const kindOf = (value: unknown): string => {
  if (value === null) return "null"
  if (value === undefined) return "nothing"
  if (Array.isArray(value)) return `an array of ${value.length}`
  switch (typeof value) {
    case "string":
      return `a string of ${value.length} characters`
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number"
    case "boolean":
      return "a boolean"
    case "object":
      return "an object"
    default:
      return typeof value
  }
}

/** A schema's own description: safe, it comes from the code, not the data. */
const expected = (ast: AST.AST): string => {
  const text = String(ast)
  return text.length > maxExpected ? `${text.slice(0, maxExpected)}…` : text
}

const toSegment = (key: PropertyKey): PathSegment => (typeof key === "symbol" ? String(key) : key)

const walk = (issue: ParseResult.ParseIssue, path: ReadonlyArray<PathSegment>, out: Array<Mismatch>): void => {
  switch (issue._tag) {
    case "Pointer": {
      const keys: ReadonlyArray<PropertyKey> = Array.isArray(issue.path) ? issue.path : [issue.path as PropertyKey]
      return walk(issue.issue, [...path, ...keys.map(toSegment)], out)
    }
    case "Composite": {
      const issues: ReadonlyArray<ParseResult.ParseIssue> = Array.isArray(issue.issues)
        ? issue.issues
        : [issue.issues as ParseResult.ParseIssue]
      const inner: Array<Mismatch> = []
      for (const each of issues) walk(each, path, inner)
      if (issue.ast._tag !== "Union") return void out.push(...inner)
      // A union: the members that failed deeper say more than "not this member"; if none did, say it once.
      const deeper = inner.filter((mismatch) => mismatch.path.length > path.length)
      return void out.push(
        ...(deeper.length > 0 ? deeper : [{ path, problem: `expected ${expected(issue.ast)}, got ${kindOf(issue.actual)}` }])
      )
    }
    case "Refinement":
      return issue.kind === "From"
        ? walk(issue.issue, path, out)
        : void out.push({ path, problem: `fails the check ${expected(issue.ast)}` })
    case "Transformation":
      return issue.kind === "Transformation"
        ? void out.push({ path, problem: `${kindOf(issue.actual)} that is not a valid ${expected(issue.ast.to)}` })
        : walk(issue.issue, path, out)
    case "Type":
      return void out.push({ path, problem: `expected ${expected(issue.ast)}, got ${kindOf(issue.actual)}` })
    case "Missing":
      return void out.push({ path, problem: "is missing" })
    case "Unexpected":
      return void out.push({ path, problem: "is not expected" })
    case "Forbidden":
      return void out.push({ path, problem: "could not be checked" })
  }
}

/** Every mismatch of a parse error, with its path. */
export const mismatches = (error: ParseResult.ParseError): ReadonlyArray<Mismatch> => {
  const out: Array<Mismatch> = []
  walk(error.issue, [], out)
  return out
}

/** `data[3].first_name` */
export const formatPath = (path: ReadonlyArray<PathSegment>): string =>
  path.length === 0 ? "the root" : path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment))
    .join(".").replaceAll(".[", "[")

/** The path of the first mismatch and a description of all of them (the first ten), without any value. */
export const describe = (error: ParseResult.ParseError): { readonly path: Array<PathSegment>; readonly issue: string } => {
  const all = mismatches(error)
  const lines = all.slice(0, maxListed).map((mismatch) => `${formatPath(mismatch.path)}: ${mismatch.problem}`)
  if (all.length > maxListed) lines.push(`… and ${all.length - maxListed} more`)
  return { path: [...(all[0]?.path ?? [])], issue: lines.join("\n") }
}
