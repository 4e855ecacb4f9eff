/**
 * What an editor shows: the TypeScript language service's quick info (hover text) for a service, its methods and
 * a list argument. The service and the params have names, and the texts stay short.
 */
import { describe, expect, it } from "@effect/vitest"
import * as path from "node:path"
import ts from "typescript"

const root = path.resolve(import.meta.dirname, "..", "..", "..")
const file = path.join(import.meta.dirname, "__hover__.ts")
const source = `import { Candidates } from "@effect-factorial/ats"
import * as Effect from "effect/Effect"

export const program = Effect.gen(function*() {
  const candidates = yield* Candidates
  const one = yield* candidates.get("1")
  const page = yield* candidates.list({ talent_pool: true })
  return [one, page] as const
})
`

const languageService = (): ts.LanguageService => {
  const config = ts.readConfigFile(path.join(root, "tsconfig.base.json"), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      if (name === file) return ts.ScriptSnapshot.fromString(source)
      const text = ts.sys.readFile(name)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => path.dirname(file),
    getCompilationSettings: () => ({ ...options, noEmit: true, composite: false, incremental: false }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories
  }
  return ts.createLanguageService(host, ts.createDocumentRegistry())
}

describe("hovers", () => {
  const service = languageService()
  const hover = (needle: string, offset = 0): string => {
    const at = source.indexOf(needle)
    expect(at, needle).toBeGreaterThanOrEqual(0)
    const info = service.getQuickInfoAtPosition(file, at + offset)
    return ts.displayPartsToString(info?.displayParts ?? [])
  }

  it("the snippet type-checks", () => {
    const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)]
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([])
  }, 60_000)

  it("the service hovers as CandidatesService, in one line", () => {
    const text = hover("candidates = yield*")
    expect(text).toBe("const candidates: CandidatesService")
  }, 60_000)

  it("get hovers with the named id and the model, in a short line", () => {
    const text = hover("get(\"1\")")
    expect(text).toContain("IdInput<\"CandidateId\">")
    expect(text).toContain("Effect<Candidate, ReadError, never>")
    expect(text.split("\n")).toHaveLength(1)
    expect(text.length).toBeLessThan(160)
  }, 60_000)

  it("list's argument hovers as ListCandidatesParams, not its fields", () => {
    const text = hover("list({")
    expect(text).toContain("params?: ListCandidatesParams")
    expect(text).not.toContain("talent_pool")
    expect(text.length).toBeLessThan(200)
  }, 60_000)

  it("the Tag names its service", () => {
    expect(hover("Candidates\n")).toBe("(alias) class Candidates\nimport Candidates")
  }, 60_000)

  it("the service's members are exactly its operations", () => {
    const at = source.indexOf("candidates.get") + "candidates.".length
    const completions = service.getCompletionsAtPosition(file, at, {})
    expect(completions?.entries.map((entry) => entry.name).sort()).toEqual(
      ["all", "create", "delete", "get", "list", "stream", "update"]
    )
  }, 60_000)
})
