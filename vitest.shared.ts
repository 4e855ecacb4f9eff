import { defineConfig } from "vitest/config"

/** Settings every package's test project shares. */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    fakeTimers: { toFake: undefined },
    sequence: { concurrent: false },
    testTimeout: 30_000
  }
})
