/**
 * The docs show code that compiles: every snippet marked `<!-- example: path -->` must be identical to that
 * file, which `pnpm check` type-checks.
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"

const root = new URL("../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

/**
 * Every `<!-- example: path -->` marker followed by a ```ts block, as [path, block]; a marker indented inside a
 * list item counts too, its block read without the indentation.
 */
const examples = (markdown: string) =>
  Array.from(
    markdown.matchAll(/^([ \t]*)<!-- example: (\S+) -->\n\1```ts\n([\s\S]*?)\n\1```/gm),
    (match) => [match[2]!, match[3]!.split("\n").map((line) => line.startsWith(match[1]!) ? line.slice(match[1]!.length) : line).join("\n")]
  )

const pages = [
  "README.md",
  "CONTRIBUTING.md",
  "docs/reference/README.md",
  ...readdirSync(new URL("docs/", root)).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
  ...readdirSync(new URL("packages/", root)).map((p) => `packages/${p}/README.md`)
]

describe("docs", () => {
  for (const page of pages) {
    it(`${page}: every snippet is identical to its type-checked example file`, () => {
      let markdown: string
      try {
        markdown = read(page)
      } catch {
        return expect.fail(`${page} is missing`)
      }
      for (const [path, snippet] of examples(markdown)) {
        expect([path, snippet]).toEqual([path, read(path!).trimEnd()])
      }
    })
  }

  it("no placeholder is left where code should be, indented or not", () => {
    for (const page of pages) {
      expect([page, read(page).match(/^[ \t]*[A-Z][A-Z0-9_]*_(EXAMPLE|SNIPPET|TODO|PLACEHOLDER)[ \t]*$/m)?.[0]]).toEqual([page, undefined])
    }
  })

  it("every example marker is followed by its code block", () => {
    for (const page of pages) {
      const markers = read(page).match(/^[ \t]*<!-- example: \S+ -->$/gm)?.length ?? 0
      expect([page, examples(read(page)).length]).toEqual([page, markers])
    }
  })
})
