/** `pnpm build`: every package from scratch into its `dist/` (ESM, `.d.ts`, source and declaration maps). */
import { buildAll, packages, step } from "./workspace.js"

step(`build ${packages().length} packages`, buildAll)
