import { describe, it } from "@effect/vitest"
import type { Availability } from "./engines.js"

/** `describe` for a suite that needs a service: run, skipped on a developer machine, or one failing test in CI. */
export const describeWith = (availability: Availability, name: string, body: () => void): void => {
  if (availability === "run") describe(name, body)
  else if (availability === "skip") describe.skip(name, body)
  else {
    describe(name, () => {
      it(`needs ${name}`, () => {
        throw new Error(`${name}: the service does not answer and CI=true; start it or set its URL`)
      })
    })
  }
}
