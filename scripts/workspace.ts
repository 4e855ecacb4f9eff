/**
 * What the release scripts share: the workspace's publishable packages (every `packages/*` with a package.json
 * that is not private), packing them, and running commands that fail loudly.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process"
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root. */
export const root = resolve(fileURLToPath(new URL("..", import.meta.url)))

/** The fields of a package.json the scripts read. */
export interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly exports?: Record<string, unknown>
  readonly bin?: Record<string, string>
  readonly files?: ReadonlyArray<string>
  readonly scripts?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>
  readonly publishConfig?: {
    readonly exports?: Record<string, unknown>
    readonly bin?: Record<string, string>
    readonly main?: string
    readonly types?: string
    readonly typesVersions?: unknown
  }
  readonly [key: string]: unknown
}

/** A publishable workspace package. */
export interface WorkspacePackage {
  /** Absolute directory. */
  readonly dir: string
  /** `packages/<name>`. */
  readonly path: string
  readonly manifest: Manifest
  /**
   * A library has an `exports` map and is built by `tsc` (`tsconfig.build.json`); a package without one is an
   * application (a bin only, such as the CLI), built by its own `build` script.
   */
  readonly library: boolean
}

/** Every publishable package under `packages/`, so that a new package is covered without editing a script. */
export const packages = (): ReadonlyArray<WorkspacePackage> =>
  readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "packages", entry.name, "package.json")))
    .map((entry) => {
      const dir = join(root, "packages", entry.name)
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest
      return { dir, path: `packages/${entry.name}`, manifest, library: manifest.exports !== undefined }
    })
    .filter((pkg) => pkg.manifest.private !== true)

/** Runs a command; throws with its output when it fails or outlives `timeout` (ms, default 2 minutes). */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: SpawnSyncOptions & { readonly quiet?: boolean } = {}
): string => {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    stdio: ["ignore", "pipe", "pipe"]
  })
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`
  if (result.error !== undefined || result.status !== 0) {
    const why = result.error?.message ?? (result.signal !== null ? `killed by ${result.signal}` : `exit ${result.status}`)
    throw new Error(`${command} ${args.join(" ")} failed (${why}):\n${output}`)
  }
  if (options.quiet !== true && output.trim() !== "") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`)
  return `${result.stdout ?? ""}`
}

/** The workspace's pinned TypeScript compiler, so consumers are checked with the same version. */
export const tsc = join(root, "node_modules", "typescript", "bin", "tsc")

/**
 * Builds every package from scratch: removes each `dist/` (so no output of a deleted module is ever packed), then
 * one `tsc -b` over every library's `tsconfig.build.json`, then each application's `build` script.
 */
export const buildAll = (): void => {
  const all = packages()
  for (const pkg of all) rmSync(join(pkg.dir, "dist"), { recursive: true, force: true })
  const libraries = all.filter((pkg) => pkg.library)
  run("node", [tsc, "-b", ...libraries.map((pkg) => join(pkg.dir, "tsconfig.build.json"))], { cwd: root, timeout: 600_000 })
  for (const pkg of all.filter((pkg) => !pkg.library)) {
    run("pnpm", ["run", "build"], { cwd: pkg.dir, timeout: 600_000, quiet: true })
  }
}

/**
 * Builds every package, then packs each with pnpm into `destination` (pnpm applies `publishConfig` and turns
 * `workspace:` ranges into versions; `prepack`, which would rebuild, is skipped since everything is fresh), and
 * returns the tarball of each package by name.
 */
export const packAll = (destination: string): ReadonlyMap<string, string> => {
  buildAll()
  const tarballs = new Map<string, string>()
  for (const pkg of packages()) {
    const out = run("pnpm", ["pack", "--config.ignore-scripts=true", "--json", "--pack-destination", destination], {
      cwd: pkg.dir,
      quiet: true
    })
    // The JSON follows whatever `prepack` printed; it starts at the first line that is a lone "{".
    const json = JSON.parse(out.slice(out.search(/^\{$/m))) as { readonly filename: string }
    tarballs.set(pkg.manifest.name, resolve(destination, json.filename))
  }
  return tarballs
}

/** Prints a step's name and how long it took; rethrows its failure. */
export const step = <A>(name: string, body: () => A): A => {
  const start = Date.now()
  process.stdout.write(`▸ ${name}\n`)
  const result = body()
  process.stdout.write(`  ✓ ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)\n`)
  return result
}
