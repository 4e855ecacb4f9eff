/**
 * Builds the executable once before the tests, so they run `dist/bin.js` as a user would.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

export default function setup() {
  execFileSync(process.execPath, ["build.mjs"], { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: "inherit" })
}
