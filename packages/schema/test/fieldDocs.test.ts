/**
 * Field documentation is written once, as the JSDoc line above each field (it is what editors show on hover). This
 * test reads the sources and checks that no field of a model, payload or params struct goes undocumented.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import ts from "typescript"

const srcDir = path.join(import.meta.dirname, "..", "src")

const sourceFiles = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === "internal" ? [] : sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : []
  )

/** The fields (as `file:field`) of every `Schema.Struct({...})` / `Schema.Class<...>(...)({...})` without JSDoc. */
const undocumentedFields = (file: string): { readonly fields: number; readonly undocumented: Array<string> } => {
  const text = fs.readFileSync(file, "utf8")
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  let fields = 0
  const undocumented: Array<string> = []
  const isSchemaCall = (node: ts.CallExpression): boolean => {
    const callee = ts.isCallExpression(node.expression) ? node.expression.expression : node.expression
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined
    return name === "Struct" || name === "Class"
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isSchemaCall(node)) {
      const [shape] = node.arguments
      if (shape !== undefined && ts.isObjectLiteralExpression(shape)) {
        for (const property of shape.properties) {
          if (!ts.isPropertyAssignment(property)) continue
          fields++
          const comments = ts.getLeadingCommentRanges(text, property.getFullStart()) ?? []
          if (!comments.some((range) => text.startsWith("/**", range.pos))) {
            undocumented.push(`${path.relative(srcDir, file)}:${property.name.getText(source)}`)
          }
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { fields, undocumented }
}

describe("field documentation", () => {
  it("every field of every model, payload and params struct has a JSDoc line", () => {
    const results = sourceFiles(srcDir).map(undocumentedFields)
    expect(results.flatMap((result) => result.undocumented)).toEqual([])
    // The walk really found the fields (about 300), so an empty list above means something.
    expect(results.reduce((total, result) => total + result.fields, 0)).toBeGreaterThan(250)
  })
})
