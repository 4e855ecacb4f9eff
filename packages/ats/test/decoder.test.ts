/**
 * The compiled decoding path (`Decoder.response`) must never disagree with Effect Schema: same success, same
 * decoded value (class, DateTime, key order), same failure. Checked on every model with generated records,
 * drifted records (nulls, missing keys, wrong types at any depth) and a list page.
 */
import { Decoder, Pagination } from "@effect-factorial/core"
import * as Models from "@effect-factorial/schema"
import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"

const models: ReadonlyArray<readonly [string, Schema.Schema.AnyNoContext]> = [
  ["Answer", Models.Answer],
  ["Application", Models.Application],
  ["ApplicationPhase", Models.ApplicationPhase],
  ["Candidate", Models.Candidate],
  ["CandidateSource", Models.CandidateSource],
  ["EvaluationForm", Models.EvaluationForm],
  ["Feedback", Models.Feedback],
  ["HiringStage", Models.HiringStage],
  ["JobPosting", Models.JobPosting],
  ["Message", Models.Message],
  ["Question", Models.Question],
  ["RejectionReason", Models.RejectionReason],
  ["Page(Candidate)", Pagination.Page(Models.Candidate)]
]

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** Values a drifted API may put anywhere: nulls, wrong types, unknown enum text, ids beyond 2^53, bad dates. */
const driftValue: FastCheck.Arbitrary<Json> = FastCheck.oneof(
  FastCheck.constant(null),
  FastCheck.boolean(),
  FastCheck.constantFrom(0, -1, 1.5, 42, Number.MAX_SAFE_INTEGER),
  FastCheck.constantFrom("", "x", "42", "18446744073709551615", "2024-02-30", "2024-07-10T13:30:02Z", "new_value"),
  FastCheck.constant([]),
  FastCheck.constant({}),
  FastCheck.constant(["1", 2, null])
)

/** Every path to a value inside a JSON document (object keys and array indexes). */
const pathsOf = (value: Json, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  if (value === null || typeof value !== "object") return []
  const entries: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((item, index) => [index, item] as [number, Json])
    : Object.entries(value)
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])])
}

/** A copy of `document` with one value replaced (or, for an object key, sometimes removed). */
const mutate = (document: Json, path: ReadonlyArray<string | number>, replacement: Json, remove: boolean): Json => {
  const copy = structuredClone(document) as Record<string | number, Json>
  let parent: Record<string | number, Json> = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>
  const last = path[path.length - 1]
  if (remove && !Array.isArray(parent)) delete parent[last]
  else parent[last] = replacement
  return copy
}

const drifted = (schema: Schema.Schema.AnyNoContext): FastCheck.Arbitrary<Json> =>
  Arbitrary.make(schema).map((value) => Schema.encodeSync(schema)(value) as Json).chain((valid) => {
    const paths = pathsOf(valid)
    return FastCheck.oneof(
      { weight: 1, arbitrary: FastCheck.constant(valid) },
      {
        weight: 3,
        arbitrary: paths.length === 0
          ? FastCheck.constant(valid)
          : FastCheck.tuple(FastCheck.constantFrom(...paths), driftValue, FastCheck.boolean())
            .map(([path, replacement, remove]) => mutate(valid, path, replacement, remove))
      }
    )
  })

describe("Decoder.response", () => {
  for (const [name, schema] of models) {
    it(`compiles and agrees with Schema on ${name}`, () => {
      expect(Decoder.isCompiled(schema)).toBe(true)
      const fast = Decoder.response(schema)
      const slow = Schema.decodeUnknownEither(schema, Decoder.responseOptions)
      const seen = { success: 0, failure: 0 }
      FastCheck.assert(
        FastCheck.property(drifted(schema), (input) => {
          // Each side gets its own copy: a decoder must not depend on what the other did to the input.
          const expected = slow(structuredClone(input))
          const actual = fast(structuredClone(input))
          expect(actual._tag).toBe(expected._tag)
          if (Either.isRight(expected) && Either.isRight(actual)) {
            seen.success++
            expect(actual.right).toStrictEqual(expected.right)
            expect(JSON.stringify(actual.right)).toBe(JSON.stringify(expected.right))
          } else {
            seen.failure++
          }
        }),
        { numRuns: 150, seed: 20261129 }
      )
      // Both outcomes were exercised, so the property says something about each.
      expect(seen.success).toBeGreaterThan(0)
      expect(seen.failure).toBeGreaterThan(0)
    })
  }

  it("agrees with Schema on every node kind it compiles", () => {
    interface Tree {
      readonly value: number
      readonly children: ReadonlyArray<Tree>
    }
    const Tree: Schema.Schema<Tree> = Schema.Struct({
      value: Schema.Int,
      children: Schema.Array(Schema.suspend(() => Tree))
    })
    const synthetic = Schema.Struct({
      int: Schema.Int,
      text: Schema.Union(Schema.Literal("a", "b"), Schema.NumberFromString),
      defaulted: Schema.optionalWith(Schema.String, { default: () => "none" }),
      nullable: Schema.optionalWith(Schema.Number, { nullable: true }),
      list: Schema.Array(Schema.Trim),
      tree: Tree
    })
    expect(Decoder.isCompiled(synthetic)).toBe(true)
    const fast = Decoder.response(synthetic)
    const slow = Schema.decodeUnknownEither(synthetic, Decoder.responseOptions)
    const valid = { int: 1, text: "a", nullable: null, list: [" x "], tree: { value: 1, children: [{ value: 2, children: [] }] } }
    const inputs: ReadonlyArray<unknown> = [
      valid,
      { ...valid, int: 1.5 },
      { ...valid, text: "12" },
      { ...valid, text: "c" },
      { ...valid, defaulted: "set", nullable: 3 },
      { ...valid, list: [1] },
      { ...valid, tree: { value: 1, children: [{ value: 2.5, children: [] }] } },
      { ...valid, tree: null },
      []
    ]
    for (const input of inputs) {
      const expected = slow(structuredClone(input))
      const actual = fast(structuredClone(input))
      expect(actual).toStrictEqual(expected)
    }
  })

  /** Both paths on each input, each on its own copy; the results must be equal, failures included. */
  const agree = (schema: Schema.Schema.AnyNoContext, inputs: ReadonlyArray<unknown>) => {
    expect(Decoder.isCompiled(schema)).toBe(true)
    const fast = Decoder.response(schema)
    const slow = Schema.decodeUnknownEither(schema, Decoder.responseOptions)
    for (const input of inputs) {
      const expected = slow(structuredClone(input))
      const actual = fast(structuredClone(input))
      expect(actual).toStrictEqual(expected)
      if (Either.isRight(expected)) expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
    }
  }

  it("agrees with Schema where it skips a type side or fuses a struct transformation", () => {
    // A member the type side would reach first and accept differently: `{ a: 1, b: 2 }` decodes through the second
    // struct, then Schema's type side keeps it as the first one, `{ a: 1 }`. Nothing may be skipped here.
    const First = Schema.Struct({ a: Schema.NumberFromString })
    const Second = Schema.Struct({ a: Schema.Number, b: Schema.Number })
    // A declaration that converts (not a check): a strict position must not trust it.
    const doubleIt = (u: unknown, _: unknown, ast: AST.AST): Either.Either<number, ParseResult.ParseIssue> =>
      typeof u === "number" ? Either.right(u * 2) : Either.left(new ParseResult.Type(ast, u))
    const Doubled = Schema.declare<number, number, readonly []>([], {
      decode: () => doubleIt,
      encode: () => (u) => ParseResult.succeed(u as number)
    })
    const synthetic = Schema.Struct({
      either: Schema.optionalWith(Schema.Union(First, Second), { nullable: true }),
      doubled: Schema.optionalWith(Schema.transform(Schema.Number, Doubled, { strict: true, decode: (n) => n, encode: (n) => n }), {
        nullable: true
      }),
      enumOrText: Schema.optionalWith(Schema.Union(Schema.Literal("a", "b"), Schema.Literal(1, 2), Schema.NumberFromString, Schema.String), {
        nullable: true
      }),
      defaulted: Schema.optionalWith(Schema.Number, { nullable: true, default: () => 7 }),
      exact: Schema.optionalWith(Schema.String, { exact: true }),
      required: Schema.UndefinedOr(Schema.String),
      nullToUndefined: Schema.transform(Schema.NullOr(Schema.Number), Schema.UndefinedOr(Schema.Number), {
        strict: true,
        decode: (n) => (n === null ? undefined : n),
        encode: (n) => (n === undefined ? null : n)
      }),
      list: Schema.optionalWith(Schema.Array(Schema.NumberFromString), { nullable: true }),
      // A type side that checks more than the encoded side's type: it must run.
      narrowing: Schema.optionalWith(
        Schema.transform(Schema.NullOr(Schema.Number), Schema.UndefinedOr(Schema.Int), {
          strict: true,
          decode: (n) => (n === null ? undefined : n),
          encode: (n) => (n === undefined ? null : n)
        }),
        { nullable: true }
      )
    })
    const base = { required: "r", nullToUndefined: null }
    agree(synthetic, [
      base,
      { ...base, either: { a: 1, b: 2 } },
      { ...base, either: { a: "1" } },
      { ...base, either: null },
      { ...base, doubled: 2 },
      { ...base, doubled: null },
      { ...base, enumOrText: "a" },
      { ...base, enumOrText: 2 },
      { ...base, enumOrText: "2" },
      { ...base, enumOrText: "x" },
      { ...base, enumOrText: 3 },
      { ...base, defaulted: null },
      { ...base, defaulted: 1 },
      { ...base, exact: "e" },
      { ...base, exact: undefined },
      { ...base, exact: null },
      { nullToUndefined: 1 },
      { ...base, nullToUndefined: "1" },
      { ...base, list: ["1", "2"] },
      { ...base, list: ["1", 2] },
      { ...base, extra: true, required: undefined },
      { ...base, narrowing: 2 },
      { ...base, narrowing: 1.5 },
      { ...base, narrowing: null },
      null
    ])
  })

  it("builds a class declared to only assign its props without its constructor, and no other class", () => {
    class Declared extends Schema.Class<Declared>("Declared")({
      id: Schema.String,
      when: Schema.optionalWith(Schema.NumberFromString, { nullable: true })
    }, { [Decoder.AssignsPropsAnnotationId]: true }) {
      get label() {
        return `#${this.id}`
      }
    }
    // Not declared: a field initialiser and a default that only the constructor applies.
    class Initialised extends Schema.Class<Initialised>("Initialised")({
      id: Schema.String,
      kind: Schema.optionalWith(Schema.String, { default: () => "default" })
    }) {
      readonly seen = true
    }
    const records = [{ id: "1", when: "5" }, { id: "2", when: null }, { id: "3" }, { id: 4 }, { id: "5", extra: 1 }]
    agree(Declared, records)
    agree(Schema.Array(Declared), [records.filter((record) => typeof record.id === "string")])
    const many = Decoder.response(Declared)
    for (const record of records.slice(0, 3)) {
      const decoded = Either.getOrThrow(many(record))
      expect(decoded).toBeInstanceOf(Declared)
      expect(decoded.label).toBe(`#${record.id}`)
    }
    agree(Initialised, [{ id: "1" }, { id: "2", kind: "k" }, { id: "3" }])
    const initialised = Decoder.response(Initialised)
    for (const id of ["1", "2"]) expect(Either.getOrThrow(initialised({ id }))).toMatchObject({ seen: true, kind: "default" })
  })

  it("lets an exception thrown by a schema's own function through, as Schema does", () => {
    const Throws = Schema.transform(Schema.String, Schema.String, {
      strict: true,
      decode: (s) => {
        if (s === "boom") throw new Error("boom")
        return s
      },
      encode: (s) => s
    })
    const schema = Schema.Struct({ b: Schema.Number, a: Schema.optionalWith(Throws, { nullable: true }) })
    const fast = Decoder.response(schema)
    const slow = Schema.decodeUnknownEither(schema, Decoder.responseOptions)
    agree(schema, [{ a: "ok", b: 1 }, { a: "ok", b: "x" }])
    // Schema lets the exception through (with every error reported, even after `b` failed); so does the fast path.
    for (const input of [{ a: "boom", b: 1 }, { a: "boom", b: "x" }]) {
      expect(() => slow(input)).toThrow("boom")
      expect(() => fast(input)).toThrow("boom")
    }
  })

  it("leaves the caller's input untouched", () => {
    const input = { id: "1", first_name: null, extra: 1 }
    const copy = structuredClone(input)
    Decoder.response(Models.Candidate)(input)
    expect(input).toStrictEqual(copy)
  })
})
