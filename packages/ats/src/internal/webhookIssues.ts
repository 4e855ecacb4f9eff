/**
 * What did not match in a webhook body, told without any of its values: a delivery holds personal data (names,
 * emails, CVs), and the description ends up in logs and error messages. Each issue is a path and the kind of
 * mismatch, e.g. `first_name: expected string, got a number` or `id: is missing`.
 */
import type * as AST from "effect/SchemaAST"
import type * as ParseResult from "effect/ParseResult"

/** At most this many issues are described; the rest are counted. */
const maxIssues = 8

/** What kind of value was found, never the value itself. */
const kindOf = (actual: unknown): string => {
  if (actual === null) return "null"
  if (Array.isArray(actual)) return "an array"
  switch (typeof actual) {
    case "string":
      return "a string"
    case "number":
      return "a number"
    case "boolean":
      return "a boolean"
    case "object":
      return "an object"
    default:
      return typeof actual
  }
}

/** A schema's description, short: the schema is ours, not the sender's, so it holds no personal data. */
const expected = (ast: AST.AST): string => {
  const text = String(ast)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "the body"
    : path.map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`
    ).join("")

const collect = (
  issue: ParseResult.ParseIssue,
  path: ReadonlyArray<PropertyKey>,
  out: Array<string>
): void => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])], out)
    case "Composite": {
      // A union that matched no member is one mismatch, not one per member.
      if (issue.ast._tag === "Union") {
        out.push(`${formatPath(path)}: expected ${expected(issue.ast)}, got ${kindOf(issue.actual)}`)
        return
      }
      const issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
      for (const inner of issues) collect(inner, path, out)
      return
    }
    case "Refinement":
      if (issue.kind === "From") return collect(issue.issue, path, out)
      out.push(`${formatPath(path)}: fails ${expected(issue.ast)}`)
      return
    case "Transformation":
      return collect(issue.issue, path, out)
    case "Type":
      out.push(`${formatPath(path)}: expected ${expected(issue.ast)}, got ${kindOf(issue.actual)}`)
      return
    case "Missing":
      out.push(`${formatPath(path)}: is missing`)
      return
    case "Unexpected":
      out.push(`${formatPath(path)}: is not allowed`)
      return
    case "Forbidden":
      out.push(`${formatPath(path)}: cannot be decoded synchronously`)
      return
  }
}

/** The issues of a failed decode, as `path: kind of mismatch` lines without values; at most `maxIssues`. */
export const describe = (error: ParseResult.ParseError): ReadonlyArray<string> => {
  const all: Array<string> = []
  collect(error.issue, [], all)
  return all.length <= maxIssues ? all : [...all.slice(0, maxIssues), `... and ${all.length - maxIssues} more`]
}
