/**
 * `pnpm bundle:browser`: bundles `docs/examples/browser-app.ts` (the ATS services over `fetch`) with esbuild for
 * the browser, without externals, and reports its size minified and gzipped. It fails when anything reachable
 * needs Node (`node:*` modules or Node-only packages), which is the promise that core, schema and ats run in
 * browsers and edge runtimes.
 */
import { build, version } from "esbuild"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { root } from "./workspace.js"

const entry = "docs/examples/browser-app.ts"

const main = async () => {
  const result = await build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent"
  })
  const code = result.outputFiles[0]!.contents
  const nodeInputs = Object.keys(result.metafile.inputs).filter((input) => input.startsWith("node:"))
  if (nodeInputs.length > 0) throw new Error(`the browser bundle reaches Node modules: ${nodeInputs.join(", ")}`)
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  // What each package contributes to the minified output, largest first.
  const share = new Map<string, number>()
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1] ??
        input.split("/").slice(0, 2).join("/")
      share.set(name, (share.get(name) ?? 0) + bytesInOutput)
    }
  }
  const parts = [...share].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1])
  process.stdout.write(
    `browser bundle of ${entry}: ${kB(code.byteLength)} minified, ${kB(gzipSync(code, { level: 9 }).byteLength)} ` +
      `gzipped (esbuild ${version}, platform browser, no externals)\n` +
      `  minified, by package: ${parts.map(([name, bytes]) => `${name} ${kB(bytes)}`).join(", ")}\n`
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`browser bundle failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
