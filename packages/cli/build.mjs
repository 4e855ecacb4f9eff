// Bundles the executable into dist/bin.js: one file with its dependencies, so it starts fast and runs
// wherever Node 20 does, without the workspace's TypeScript sources.
import { build } from "esbuild"

await build({
  entryPoints: ["src/bin.ts"],
  outfile: "dist/bin.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  logLevel: "warning",
  // Packages that `require` Node built-ins from an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" }
})
