/**
 * Query strings read the way the API reads them: `name[]=a&name[]=b` is an array, `true` / `false` are
 * booleans, digits are numbers where the filter schema wants a number. The target shape comes from the encoded
 * side of the list endpoint's params schema, so filters are never re-typed here.
 */
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

type Kind = "array" | "boolean" | "number" | "string"

const kindsOf = (ast: AST.AST, into: Set<Kind>): Set<Kind> => {
  switch (ast._tag) {
    case "Union":
      for (const member of ast.types) kindsOf(member, into)
      return into
    case "Refinement":
      return kindsOf(ast.from, into)
    case "Transformation":
      return kindsOf(ast.from, into)
    case "Suspend":
      return kindsOf(ast.f(), into)
    case "TupleType":
      return into.add("array")
    case "BooleanKeyword":
      return into.add("boolean")
    case "NumberKeyword":
      return into.add("number")
    case "Literal":
      return typeof ast.literal === "boolean" ? into.add("boolean") : typeof ast.literal === "number"
        ? into.add("number")
        : into.add("string")
    case "UndefinedKeyword":
    case "VoidKeyword":
      return into
    default:
      return into.add("string")
  }
}

/** The kinds of the items of the array members of a union (ids, emails: strings; numbers where declared). */
const itemKindsOf = (ast: AST.AST): Set<Kind> => {
  const into = new Set<Kind>()
  const visit = (node: AST.AST): void => {
    if (node._tag === "Union") node.types.forEach(visit)
    else if (node._tag === "Refinement" || node._tag === "Transformation") visit(node.from)
    else if (node._tag === "TupleType") {
      for (const element of node.rest) kindsOf(element.type, into)
      for (const element of node.elements) kindsOf(element.type, into)
    }
  }
  visit(ast)
  return into
}

const coerce = (text: string, kinds: Set<Kind>): unknown => {
  if (kinds.has("boolean") && (text === "true" || text === "false")) return text === "true"
  if (kinds.has("number") && !kinds.has("string") && text.trim() !== "" && !Number.isNaN(Number(text))) {
    return Number(text)
  }
  return text
}

/** The query parameters that drive pagination rather than filtering. */
export const pagingKeys = new Set(["limit", "page", "after_id", "before_id"])

/**
 * A reader for one params schema: from URL search params to the encoded object the schema decodes. Unknown
 * parameters are dropped (the API ignores them), and so are the paging parameters.
 */
export const reader = (schema: Schema.Schema.AnyNoContext) => {
  const fields = AST.getPropertySignatures(Schema.encodedSchema(schema).ast).map((p) => {
    const name = String(p.name)
    const bare = name.endsWith("[]") ? name.slice(0, -2) : name
    return { name, bare, kinds: kindsOf(p.type, new Set()), itemKinds: itemKindsOf(p.type) }
  }).filter((field) => !pagingKeys.has(field.bare))
  return (params: URLSearchParams): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      const many = params.getAll(`${field.bare}[]`)
      const one = params.getAll(field.bare)
      const values = many.length > 0 ? many : one
      if (values.length === 0) continue
      if (field.kinds.has("array")) {
        out[field.name] = values.map((value) => coerce(value, field.itemKinds))
      } else {
        out[field.name] = coerce(values[0]!, field.kinds)
      }
    }
    return out
  }
}

/**
 * A reader for a multipart body: from form data to the encoded object the create schema decodes. Files stay
 * `Blob`s; `true` / `false` and numbers are converted where the schema wants them.
 */
export const formReader = (schema: Schema.Schema.AnyNoContext) => {
  const fields = AST.getPropertySignatures(Schema.encodedSchema(schema).ast).map((p) => {
    const name = String(p.name)
    return { name, bare: name.endsWith("[]") ? name.slice(0, -2) : name, kinds: kindsOf(p.type, new Set()), itemKinds: itemKindsOf(p.type) }
  })
  const convert = (value: FormDataEntryValue, kinds: Set<Kind>): unknown =>
    typeof value === "string" ? coerce(value, kinds) : value
  return (form: FormData): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      const many = form.getAll(`${field.bare}[]`)
      const values = many.length > 0 ? many : form.getAll(field.bare)
      if (values.length === 0) continue
      out[field.name] = field.kinds.has("array")
        ? values.map((value) => convert(value, field.itemKinds))
        : convert(values[0]!, field.kinds)
    }
    return out
  }
}
