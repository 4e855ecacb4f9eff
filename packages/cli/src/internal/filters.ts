/**
 * `--filter key=value` turned into a resource's list parameters: the keys and their types come from the
 * resource's list-parameter schema, so every filter the SDK knows is accepted and nothing else.
 */
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { InvalidInput } from "./errors.js"

/** Keys a scan sets itself: not filters. */
export const pagingKeys: ReadonlySet<string> = new Set(["limit", "page", "after_id", "before_id"])

type Kind = "array" | "boolean" | "number" | "string"

const kindOf = (ast: SchemaAST.AST): Kind => {
  switch (ast._tag) {
    case "TupleType":
      return "array"
    case "BooleanKeyword":
      return "boolean"
    case "NumberKeyword":
      return "number"
    case "Literal":
      return typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : "string"
    case "Refinement":
    case "Transformation":
      return kindOf(ast.from)
    case "Suspend":
      return kindOf(ast.f())
    case "Union": {
      const kinds = ast.types
        .filter((member) => member._tag !== "UndefinedKeyword" && !(member._tag === "Literal" && member.literal === null))
        .map(kindOf)
      return kinds.includes("array") ? "array" : kinds[0] ?? "string"
    }
    default:
      return "string"
  }
}

/** The filter keys of a list-parameter schema and the JSON type each one takes. */
export const filterKeys = (params: Schema.Schema.AnyNoContext): ReadonlyMap<string, Kind> => {
  const encoded = SchemaAST.encodedAST(params.ast)
  const keys = new Map<string, Kind>()
  const visit = (ast: SchemaAST.AST): void => {
    if (ast._tag === "TypeLiteral") {
      for (const signature of ast.propertySignatures) {
        const name = String(signature.name)
        if (!pagingKeys.has(name)) keys.set(name, kindOf(signature.type))
      }
    } else if (ast._tag === "Refinement" || ast._tag === "Transformation") visit(ast.from)
  }
  visit(encoded)
  return keys
}

const convert = (key: string, kind: Exclude<Kind, "array">, text: string): unknown => {
  switch (kind) {
    case "boolean":
      if (text === "true" || text === "false") return text === "true"
      throw new InvalidInput({ detail: `--filter ${key}: expected true or false, got ${JSON.stringify(text)}` })
    case "number": {
      const n = Number(text)
      if (text.trim() === "" || !Number.isFinite(n)) {
        throw new InvalidInput({ detail: `--filter ${key}: expected a number, got ${JSON.stringify(text)}` })
      }
      return n
    }
    case "string":
      return text
  }
}

/**
 * Parses `key=value` filters into list parameters, checked by the schema. A key given twice, or a value with
 * commas, makes a list for the keys that take one (`--filter ids=1,2 --filter ids=3`).
 */
export const parse = (
  params: Schema.Schema.AnyNoContext,
  filters: ReadonlyArray<string>
): Effect.Effect<Record<string, unknown>, InvalidInput> =>
  Effect.suspend(() => {
    const keys = filterKeys(params)
    const encoded: Record<string, unknown> = {}
    try {
      for (const filter of filters) {
        const at = filter.indexOf("=")
        if (at <= 0) {
          throw new InvalidInput({ detail: `--filter ${JSON.stringify(filter)}: expected key=value` })
        }
        const key = filter.slice(0, at)
        const value = filter.slice(at + 1)
        const kind = keys.get(key)
        if (kind === undefined) {
          throw new InvalidInput({
            detail: `--filter ${key}: unknown filter; this resource takes ${
              keys.size === 0 ? "no filters" : Array.from(keys.keys()).join(", ")
            }`
          })
        }
        if (kind === "array") {
          const previous = (encoded[key] as Array<string> | undefined) ?? []
          encoded[key] = [...previous, ...value.split(",").map((part) => part.trim()).filter((part) => part !== "")]
        } else if (key in encoded) {
          throw new InvalidInput({ detail: `--filter ${key}: given twice, but it takes one value` })
        } else {
          encoded[key] = convert(key, kind, value)
        }
      }
    } catch (error) {
      return error instanceof InvalidInput ? Effect.fail(error) : Effect.die(error)
    }
    return Schema.decodeUnknown(params)(encoded).pipe(
      Effect.map((decoded) => decoded as Record<string, unknown>),
      Effect.mapError((error) =>
        new InvalidInput({ detail: `--filter: ${ParseResult.TreeFormatter.formatErrorSync(error).replace(/\s*\n\s*/g, " ")}` })
      )
    )
  })

/** `--filter key=value`, repeatable. */
export const option = Options.text("filter").pipe(
  Options.withDescription(
    "key=value, repeatable; the keys are the resource's list parameters (lists: comma-separated or repeated)."
  ),
  Options.repeated
)
