/**
 * `pnpm smoke`: the pack-and-install test. Packs every package, installs the tarballs with npm into a new project
 * outside the workspace (with the pinned `effect` and `@effect/platform`), type-checks a consumer program with
 * `moduleResolution` nodenext, bundler and node10, imports every public module and none of the private ones, runs
 * the program on the in-process sandbox, then installs `@effect/platform-node` and runs it over HTTP on 127.0.0.1
 * against the installed `effect-factorial-sandbox` bin; applications (the CLI) are installed last and run too. Any
 * failure exits non-zero. `SMOKE_KEEP=1` keeps the project.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative, sep } from "node:path"
import { type Manifest, packAll, packages, root, run, step, tsc } from "./workspace.js"

const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest
const pinned = (name: string): string => {
  const found = [rootManifest, ...packages().map((pkg) => pkg.manifest)]
    .map((m) => (m["devDependencies"] as Record<string, string> | undefined)?.[name])
    .find((version) => version !== undefined)
  if (found === undefined) throw new Error(`no pinned devDependency ${name} in the workspace`)
  return found
}

const write = (path: string, content: unknown) =>
  writeFileSync(path, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`)

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  // Checks the published .d.ts files too, not only the program.
  skipLibCheck: false
}

/** Every module file of an installed package as an import specifier, with whether it must be importable. */
const specifiers = (consumer: string): Array<{ readonly specifier: string; readonly public: boolean }> => {
  const scope = join(consumer, "node_modules", "@effect-factorial")
  return readdirSync(scope).flatMap((name) => {
    const dist = join(scope, name, "dist")
    const walk = (dir: string): Array<string> =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith(".js") ? [join(dir, entry.name)] : []
      )
    return walk(dist).map((file) => {
      const subpath = relative(dist, file).replace(/\.js$/, "").split(sep).join("/")
      const specifier = subpath === "index" ? `@effect-factorial/${name}` : `@effect-factorial/${name}/${subpath}`
      return { specifier, public: !subpath.split("/").includes("internal") && subpath !== "bin" }
    })
  })
}

const importCheck = `
const specifiers = JSON.parse(process.env.SMOKE_SPECIFIERS)
const problems = []
for (const { specifier, public: open } of specifiers) {
  try {
    await import(specifier)
    if (!open) problems.push(specifier + " is importable but private")
  } catch (error) {
    if (open) problems.push(specifier + " does not import: " + error.message)
    else if (error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") problems.push(specifier + ": " + error.message)
  }
}
if (problems.length > 0) { console.error(problems.join("\\n")); process.exit(1) }
console.log(specifiers.filter((s) => s.public).length + " public modules import, " +
  specifiers.filter((s) => !s.public).length + " private ones are blocked")
`

/** Starts the installed bin and resolves with its URL once it listens. */
const startSandbox = (consumer: string, size: number): Promise<{ readonly url: string; readonly child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      join(consumer, "node_modules", ".bin", "effect-factorial-sandbox"),
      ["--port", "0", "--size", String(size)],
      { cwd: consumer, stdio: ["ignore", "pipe", "pipe"] }
    )
    let output = ""
    let listening = false
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`the sandbox bin did not start within 30 s:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (listening) return
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) {
        listening = true
        clearTimeout(timer)
        process.stdout.write(output)
        resolve({ url: match[1]!, child })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.on("exit", (code) => {
      if (listening) return
      clearTimeout(timer)
      reject(new Error(`the sandbox bin exited with ${code} before listening:\n${output}`))
    })
  })

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve()
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error("the sandbox bin did not stop within 10 s of SIGINT"))
    }, 10_000)
    child.once("exit", () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill("SIGINT")
  })

const main = async () => {
  const started = Date.now()
  const work = mkdtempSync(join(tmpdir(), "effect-factorial-smoke-"))
  if (work.startsWith(root + sep)) throw new Error(`${work} is inside the workspace`)
  const consumer = join(work, "consumer")
  mkdirSync(join(consumer, "src"), { recursive: true })
  let sandbox: ChildProcess | undefined
  try {
    const tarballs = step("pack every package", () => packAll(join(work, "tarballs")))
    // Libraries first, alone: installing them must not pull the Node server stack. Applications (the CLI) come
    // with @effect/platform-node later.
    const all = packages()
    const tarballsOf = (library: boolean) =>
      all.filter((pkg) => pkg.library === library).map((pkg) => [pkg.manifest.name, tarballs.get(pkg.manifest.name)!] as const)
    write(join(consumer, "package.json"), {
      name: "effect-factorial-smoke-consumer",
      private: true,
      type: "module",
      dependencies: {
        ...Object.fromEntries(tarballsOf(true).map(([name, tarball]) => [name, `file:${tarball}`])),
        "effect": pinned("effect"),
        "@effect/platform": pinned("@effect/platform")
      }
    })
    const npm = (args: ReadonlyArray<string>) =>
      run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
        cwd: consumer,
        timeout: 240_000
      })
    step("npm install the tarballs, effect and @effect/platform", () => npm(["install"]))
    step("the optional peer @effect/platform-node is not installed", () => {
      if (existsSync(join(consumer, "node_modules", "@effect", "platform-node"))) {
        throw new Error("installing the packages pulled @effect/platform-node")
      }
      run("du", ["-sh", join(consumer, "node_modules")])
    })

    copyFileSync(join(root, "scripts", "smoke", "consumer.ts"), join(consumer, "src", "consumer.ts"))
    write(join(consumer, "tsconfig.json"), {
      compilerOptions: { ...compilerOptions, module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist", rootDir: "src" },
      include: ["src"]
    })
    // The published .d.ts files are checked once, above; these two check how the imports resolve.
    write(join(consumer, "tsconfig.bundler.json"), {
      compilerOptions: { ...compilerOptions, module: "Preserve", moduleResolution: "Bundler", noEmit: true, skipLibCheck: true },
      include: ["src"]
    })
    write(join(consumer, "tsconfig.node10.json"), {
      compilerOptions: { ...compilerOptions, module: "ESNext", moduleResolution: "Node10", noEmit: true, skipLibCheck: true },
      include: ["src"]
    })
    step("type-check and compile with moduleResolution nodenext", () => run("node", [tsc, "-p", "tsconfig.json"], { cwd: consumer }))
    step("type-check with moduleResolution bundler", () => run("node", [tsc, "-p", "tsconfig.bundler.json"], { cwd: consumer }))
    step("type-check with moduleResolution node10", () => run("node", [tsc, "-p", "tsconfig.node10.json"], { cwd: consumer }))

    step("every public module imports, every private one is blocked", () => {
      write(join(consumer, "imports.mjs"), importCheck)
      run("node", ["imports.mjs"], {
        cwd: consumer,
        env: { ...process.env, SMOKE_SPECIFIERS: JSON.stringify(specifiers(consumer)) }
      })
    })
    step("run the consumer on the in-process sandbox", () =>
      run("node", ["dist/consumer.js"], { cwd: consumer, env: { ...process.env, SMOKE_MODE: "in-process" } }))

    const bin = join(consumer, "node_modules", ".bin", "effect-factorial-sandbox")
    step("the installed bin answers --help", () => {
      const out = run(bin, ["--help"], { cwd: consumer, quiet: true })
      if (!out.includes("Usage:")) throw new Error(`unexpected --help output:\n${out}`)
    })
    step("without @effect/platform-node the bin says what to install", () => {
      try {
        run(bin, ["--port", "0"], { cwd: consumer, quiet: true, timeout: 30_000 })
      } catch (error) {
        if ((error as Error).message.includes("npm install @effect/platform-node")) return
        throw error
      }
      throw new Error("the bin started without @effect/platform-node")
    })

    const apps = tarballsOf(false)
    step(`npm install @effect/platform-node${apps.map(([name]) => ` and ${name}`).join("")}`, () =>
      npm(["install", `@effect/platform-node@${pinned("@effect/platform-node")}`, ...apps.map(([, tarball]) => tarball)]))
    for (const pkg of all.filter((pkg) => !pkg.library)) {
      for (const name of Object.keys(pkg.manifest.bin ?? {})) {
        step(`the installed ${name} answers --help`, () => {
          run(join(consumer, "node_modules", ".bin", name), ["--help"], { cwd: consumer, quiet: true, timeout: 60_000 })
        })
      }
    }
    const size = 30
    const server = await startSandbox(consumer, size)
    sandbox = server.child
    step(`run the consumer over HTTP against the installed bin at ${server.url}`, () =>
      run("node", ["dist/consumer.js"], {
        cwd: consumer,
        env: {
          ...process.env,
          SMOKE_MODE: "over-http",
          SMOKE_SIZE: String(size),
          FACTORIAL_BASE_URL: server.url,
          FACTORIAL_API_KEY: "sandbox-api-key"
        }
      }))
    const cli = join(consumer, "node_modules", ".bin", "factorial-ats")
    if (existsSync(cli)) {
      step("the installed factorial-ats exports every candidate from the bin over HTTP", () => {
        const out = run(cli, ["export", "candidates", "--format", "ndjson"], {
          cwd: consumer,
          quiet: true,
          timeout: 60_000,
          env: { ...process.env, FACTORIAL_BASE_URL: server.url, FACTORIAL_API_KEY: "sandbox-api-key" }
        })
        // The seeded candidates plus the one the consumer created.
        const lines = out.trim().split("\n").filter((line) => line.startsWith("{"))
        if (lines.length !== size + 1) throw new Error(`expected ${size + 1} NDJSON lines, got ${lines.length}:\n${out}`)
      })
    }
    await stop(server.child)
    sandbox = undefined
    process.stdout.write(`smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  } finally {
    if (sandbox !== undefined) sandbox.kill("SIGKILL")
    if (process.env["SMOKE_KEEP"] === undefined) rmSync(work, { recursive: true, force: true })
    else process.stdout.write(`kept ${work}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`smoke test failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
