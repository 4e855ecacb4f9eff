/**
 * The docs show code that compiles: every snippet marked `<!-- example: path -->` must be identical to that
 * file, which `pnpm check` type-checks.
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"

const root = new URL("../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

/** Every `<!-- example: path -->` marker followed by a ```ts block, as [path, block]. */
const examples = (markdown: string) =>
  Array.from(markdown.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g), (match) => [match[1]!, match[2]!])

const pages = [
  "README.md",
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

  it("no example marker is left without its code", () => {
    for (const page of pages.filter((p) => p.startsWith("docs/"))) {
      expect(read(page)).not.toMatch(/```ts\n[A-Z_]+_EXAMPLE\n```/)
    }
  })
})
