import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const root = new URL("../../../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

/** Every `<!-- example: path -->` marker followed by a ```ts block, as [path, block]. */
const examples = (markdown: string) =>
  Array.from(markdown.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g), (match) => [match[1]!, match[2]!])

describe("docs", () => {
  for (const page of ["docs/getting-started.md", "docs/errors-and-retries.md"]) {
    it(`${page}: every snippet is identical to its type-checked example file`, () => {
      const snippets = examples(read(page))
      expect(snippets.length).toBeGreaterThan(0)
      for (const [path, snippet] of snippets) {
        expect([path, snippet]).toEqual([path, read(path).trimEnd()])
      }
    })
  }
})
