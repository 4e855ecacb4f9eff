/**
 * Deterministic sample values of a schema, for the operations' tests.
 */
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

/** A deterministic valid value of a schema. */
export const sample = <A, I>(schema: Schema.Schema<A, I>, seed = 42): A =>
  FastCheck.sample(Arbitrary.make(schema), { numRuns: 1, seed })[0]!

/** A deterministic valid value of a schema, as the API would send it. */
export const sampleEncoded = <A, I>(schema: Schema.Schema<A, I>, seed = 42): I =>
  Schema.encodeSync(schema)(sample(schema, seed))
