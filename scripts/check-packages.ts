/**
 * `pnpm check:packages`: every publishable package's manifest follows the rules in CONTRIBUTING.md, and its
 * packed tarball passes publint (strict) and Are the Types Wrong (every public module, every resolution mode).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { type Manifest, packAll, packages, root, run, step, type WorkspacePackage } from "./workspace.js"

/** Does an exports key (`"./x"`, or a pattern with one `*`) match a subpath? */
const matches = (key: string, subpath: string): boolean => {
  const star = key.indexOf("*")
  if (star === -1) return key === subpath
  const prefix = key.slice(0, star)
  const suffix = key.slice(star + 1)
  return subpath.length >= prefix.length + suffix.length && subpath.startsWith(prefix) && subpath.endsWith(suffix)
}

/** Node's rule: the exact key, else the pattern with the longest prefix before `*`. */
const target = (exports: Record<string, unknown>, subpath: string): unknown => {
  if (subpath in exports) return exports[subpath]
  const candidates = Object.keys(exports).filter((key) => key.includes("*") && matches(key, subpath))
  candidates.sort((a, b) => b.indexOf("*") - a.indexOf("*"))
  return candidates.length === 0 ? undefined : exports[candidates[0]!]
}

/** Every module under `src/` as a subpath (`./Candidates`, `./internal/json`, `./params/Candidate`). */
const modules = (dir: string, base = dir): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return modules(path, base)
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
      ? [`./${relative(base, path).replace(/\.ts$/, "")}`]
      : []
  })

const isPrivateModule = (subpath: string) => subpath.split("/").includes("internal") || subpath === "./bin"

/** The manifest rules; returns the problems found. */
const manifestProblems = (pkg: WorkspacePackage): Array<string> => {
  const m: Manifest = pkg.manifest
  const problems: Array<string> = []
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what)
  }
  need(m.license === "MIT", "license must be MIT")
  for (const field of ["description", "repository", "homepage", "engines", "keywords"]) {
    need(m[field] !== undefined, `${field} is missing`)
  }
  need(m.files?.includes("dist") === true, "files must include dist")
  need(existsSync(join(pkg.dir, "README.md")), "README.md is missing")
  if (!pkg.library) {
    // An application: its bin runs from dist/, and a pack rebuilds it from scratch.
    need(
      m.scripts?.["prepack"]?.startsWith("rm -rf dist && ") === true,
      "scripts.prepack must start with `rm -rf dist && ` then build (a pack never ships a missing or stale dist/)"
    )
    need(Object.keys(m.bin ?? {}).length > 0, "a package without exports must have a bin")
    for (const [name, path] of Object.entries(m.bin ?? {})) {
      need(/^\.\/dist\/.+\.js$/.test(path), `bin.${name} must be a .js file in dist/ (is ${path})`)
    }
    return problems
  }
  need(m.scripts?.["build"] === "tsc -b tsconfig.build.json", "scripts.build must be `tsc -b tsconfig.build.json`")
  need(
    m.scripts?.["prepack"] === "rm -rf dist && tsc -b tsconfig.build.json",
    "scripts.prepack must be `rm -rf dist && tsc -b tsconfig.build.json` (a pack never ships a missing or stale dist/)"
  )
  need(existsSync(join(pkg.dir, "tsconfig.build.json")), "tsconfig.build.json is missing")
  const pub = m.publishConfig
  need(pub?.main === "./dist/index.js", "publishConfig.main must be ./dist/index.js (old resolvers)")
  need(pub?.types === "./dist/index.d.ts", "publishConfig.types must be ./dist/index.d.ts (old resolvers)")
  need(pub?.typesVersions !== undefined, "publishConfig.typesVersions must map subpaths for moduleResolution node10")
  need(pub?.exports !== undefined, "publishConfig.exports must point at dist/")
  for (const dep of ["effect", "@effect/platform"]) {
    need(
      (m["dependencies"] as Record<string, string> | undefined)?.[dep] === undefined,
      `${dep} must be a peer dependency, not a dependency`
    )
  }
  need(
    (m["dependencies"] as Record<string, string> | undefined)?.["@effect/platform-node"] === undefined,
    "@effect/platform-node must be an (optional) peer dependency, not a dependency"
  )
  // Every module must be either public in both maps or blocked in both; internal modules and bins are blocked.
  const src = join(pkg.dir, "src")
  for (const subpath of existsSync(src) ? modules(src) : []) {
    if (subpath === "./index") continue
    for (const [label, exports] of [["exports", m.exports], ["publishConfig.exports", pub?.exports]] as const) {
      if (exports === undefined) continue
      const blocked = target(exports, subpath) === null
      if (isPrivateModule(subpath) && !blocked) problems.push(`${label} exposes the private module ${subpath}`)
      if (!isPrivateModule(subpath) && (blocked || target(exports, subpath) === undefined)) {
        problems.push(`${label} does not expose the public module ${subpath}`)
      }
    }
  }
  for (const [name, path] of Object.entries(m.bin ?? {})) {
    const published = pub?.bin?.[name]
    need(published !== undefined && /^\.\/dist\/.+\.js$/.test(published), `publishConfig.bin.${name} must be a .js file in dist/ (was ${path})`)
  }
  return problems
}

/** The public modules of a package, as attw entry points (`Candidates`, `params/Candidate`). */
const entrypoints = (pkg: WorkspacePackage): Array<string> =>
  modules(join(pkg.dir, "src"))
    .filter((subpath) => subpath !== "./index" && !isPrivateModule(subpath))
    .map((subpath) => subpath.slice(2))

const main = () => {
  const all = packages()
  const failures: Array<string> = []
  step(`manifests of ${all.length} packages`, () => {
    for (const pkg of all) {
      for (const problem of manifestProblems(pkg)) failures.push(`${pkg.manifest.name}: ${problem}`)
    }
  })
  const destination = mkdtempSync(join(tmpdir(), "effect-factorial-pack-"))
  try {
    const tarballs = step("pack", () => packAll(destination))
    for (const pkg of all) {
      const tarball = tarballs.get(pkg.manifest.name)!
      const bin = (name: string) => join(root, "node_modules", ".bin", name)
      try {
        step(`publint ${pkg.manifest.name}`, () => run(bin("publint"), ["run", "--strict", tarball], { quiet: true }))
      } catch (error) {
        failures.push(`${pkg.manifest.name}: publint\n${(error as Error).message}`)
      }
      if (!pkg.library) continue
      try {
        // ESM-only by design: a CommonJS `require` of these packages is expected to need `import()`.
        step(`attw ${pkg.manifest.name}`, () =>
          run(bin("attw"), [
            tarball,
            "--format",
            "table-flipped",
            "--ignore-rules",
            "cjs-resolves-to-esm",
            "--include-entrypoints",
            ...entrypoints(pkg)
          ], { quiet: true }))
      } catch (error) {
        failures.push(`${pkg.manifest.name}: attw\n${(error as Error).message}`)
      }
    }
  } finally {
    rmSync(destination, { recursive: true, force: true })
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} problem(s):\n${failures.map((f) => `- ${f}`).join("\n")}\n`)
    process.exit(1)
  }
  process.stdout.write(`${all.length} packages: manifests, publint and attw clean\n`)
}

main()
