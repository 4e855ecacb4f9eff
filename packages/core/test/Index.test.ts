import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import * as Core from "../src/index.js"

describe("package root", () => {
  it("exports the public surface by name", () => {
    for (
      const name of [
        "FactorialClient",
        "FactorialAuth",
        "BadRequest",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "Conflict",
        "UnprocessableEntity",
        "RateLimited",
        "ServerError",
        "UnexpectedStatus",
        "TransportError",
        "TimeoutError",
        "DecodeError",
        "InvalidRequest",
        "AuthError",
        "isFactorialError",
        "Json",
        "Mismatches",
        "FactorialErrorTypeId",
        "Pagination",
        "OAuth",
        "Secret",
        "TokenStore",
        "TokenStoreError"
      ]
    ) {
      expect([name, name in Core]).toEqual([name, true])
    }
    // Each name once: what a namespace module defines is reached through the namespace only.
    for (const name of ["Page", "PageMeta", "PaginationError", "OAuthError", "TokenResponse"]) {
      expect([name, name in Core]).toEqual([name, false])
    }
    expect(typeof Core.Pagination.PaginationError).toBe("function")
    expect(typeof Core.OAuth.OAuthError).toBe("function")
    expect(typeof Core.FactorialAuth.apiKey).toBe("function")
    expect(typeof Core.FactorialClient.layerConfig).toBe("function")
  })
})

describe("browser-safe root", () => {
  it("no module reachable from src/index.ts imports node:*; the file store is reached from src/node.ts only", () => {
    const source = join(dirname(fileURLToPath(import.meta.url)), "..", "src")
    /** Every module a module imports (statically or dynamically), by path, plus its bare specifiers. */
    const reachable = (entry: string) => {
      const seen = new Set<string>()
      const specifiers = new Set<string>()
      const queue = [entry]
      // Bounded by the number of source files.
      while (queue.length > 0 && seen.size < 500) {
        const file = queue.pop()!
        if (seen.has(file)) continue
        seen.add(file)
        const text = readFileSync(file, "utf8")
        for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)["']([^"']+)["']/g)) {
          const specifier = match[1]!
          if (specifier.startsWith(".")) queue.push(join(dirname(file), specifier.replace(/\.js$/, ".ts")))
          else specifiers.add(specifier)
        }
      }
      return { files: [...seen].map((file) => relative(source, file)), specifiers: [...specifiers] }
    }
    const root = reachable(join(source, "index.ts"))
    expect(root.specifiers.filter((specifier) => specifier.startsWith("node:"))).toEqual([])
    expect(root.files).not.toContain(join("internal", "fileStore.ts"))
    expect(root.files).not.toContain("FileTokenStore.ts")
    const node = reachable(join(source, "node.ts"))
    expect(node.files).toContain(join("internal", "fileStore.ts"))
    expect(node.specifiers).toContain("node:fs")
  })
})
