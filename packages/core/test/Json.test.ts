/**
 * The id-preserving JSON reader (`Json.parse`, the one every response body and webhook delivery goes through),
 * checked example by example and against `JSON.parse` on generated JSON: ids and non-ids at every depth, arrays
 * nested directly in arrays, big and small integers, fractions and exponents, escaped keys, tricky strings and
 * random whitespace. The expected value is computed from the generated tree, with the exact digits of every id
 * integer beyond 2^53.
 */
import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import { Json } from "../src/index.js"

describe("Json.parse examples", () => {
  it("keeps the exact digits of id integers beyond 2^53, as strings", () => {
    expect(Json.parse('{"id": 18446744073709551615, "ats_candidate_id": -36893488147419103, "n": 7}')).toEqual({
      id: "18446744073709551615",
      ats_candidate_id: "-36893488147419103",
      n: 7
    })
  })

  it("an array nested directly in an array belongs to the key that owns the outer array", () => {
    // Before the fix the inner number took the last key seen (`candidate_id`) and became a string.
    expect(Json.parse('{"scores":[{"candidate_id":1},[12345678901234567890]]}')).toEqual({
      scores: [{ candidate_id: 1 }, [12345678901234567890]]
    })
    expect(Json.parse('{"ats_job_posting_ids":[[12345678901234567890],{"x":12345678901234567891}]}')).toEqual({
      ats_job_posting_ids: [["12345678901234567890"], { x: 12345678901234567891 }]
    })
  })

  it("a member after an object or an array value is read with its own key", () => {
    expect(Json.parse('{"a":{"id":1},"b":12345678901234567890,"c":[{"x_id":2}],"d":12345678901234567890}'))
      .toEqual({ a: { id: 1 }, b: 12345678901234567890, c: [{ x_id: 2 }], d: 12345678901234567890 })
  })

  it("compares keys after unescaping them", () => {
    expect(Json.parse('{"candidate\\u005fid": 12345678901234567890, "\\u0069d": 12345678901234567891}')).toEqual({
      candidate_id: "12345678901234567890",
      id: "12345678901234567891"
    })
  })

  it("leaves safe integers, fractions, exponents and other keys' integers to JSON.parse", () => {
    const text = '{"id": 9007199254740991, "x_id": 12345678901234567.5, "y_id": 12345678901234567890e0, ' +
      '"ids": 12345678901234567890, "paid": 12345678901234567890, "s": "\\"id\\": 12345678901234567890"}'
    expect(Json.parse(text)).toEqual(JSON.parse(text))
  })

  it("refuses what JSON.parse refuses, even where quoting an id would make it valid", () => {
    for (
      const text of [
        '{"id": 1, 12345678901234567890: 2}',
        '{"id": 012345678901234567890}',
        '{"id" 12345678901234567890}',
        '{"id": 12345678901234567890',
        '{"id": "12345678901234567890}'
      ]
    ) {
      expect(() => Json.parse(text)).toThrow(SyntaxError)
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Generated JSON

type Node =
  | { readonly _tag: "Integer"; readonly value: bigint }
  | { readonly _tag: "Fraction"; readonly text: string }
  | { readonly _tag: "String"; readonly value: string }
  | { readonly _tag: "Literal"; readonly value: boolean | null }
  | { readonly _tag: "Array"; readonly items: ReadonlyArray<Node> }
  | { readonly _tag: "Object"; readonly members: ReadonlyArray<readonly [string, Node]> }

/** The test's own statement of which keys name ids. */
const isIdKey = (key: string) => key === "id" || key.endsWith("_id") || key.endsWith("_ids")

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

const idKeys = ["id", "candidate_id", "ats_job_posting_ids", "_id", "_ids", "a_b_id", "x_ids", "ats_candidate_id"]
const otherKeys = ["ids", "idx", "ID", "Id", "iD", "uuid", "paid", "valid", "id_", "_idss", "candidate_id_x", "scores",
  "data", "", "i d", "id ", " id", "d", "s", "__proto__", "constructor"]

const key = FastCheck.oneof(
  { weight: 4, arbitrary: FastCheck.constantFrom(...idKeys) },
  { weight: 3, arbitrary: FastCheck.constantFrom(...otherKeys) },
  { weight: 1, arbitrary: FastCheck.string({ maxLength: 6 }) }
)

const integer = FastCheck.oneof(
  FastCheck.bigInt({ min: -1000n, max: 1000n }),
  FastCheck.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  FastCheck.bigInt({ min: MAX - 3n, max: MAX + 3n }),
  FastCheck.bigInt({ min: -MAX - 3n, max: -MAX + 3n }),
  FastCheck.constantFrom(10n ** 15n, 10n ** 16n - 1n, 10n ** 16n, 18446744073709551615n, 36893488147419103n)
).map((value): Node => ({ _tag: "Integer", value }))

const fraction = FastCheck.oneof(
  FastCheck.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  FastCheck.tuple(FastCheck.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), FastCheck.nat(999)).map(([whole, part]) =>
    `${whole}.${part}`
  ),
  FastCheck.tuple(FastCheck.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), FastCheck.constantFrom("e", "E"),
    FastCheck.constantFrom("", "+", "-"), FastCheck.nat(30)).map(([whole, e, sign, exponent]) =>
      `${whole}${e}${sign}${exponent}`
    )
).map((text): Node =>
  // `JSON.stringify` of a double may print an integer (e.g. `1e21` as `1e+21`, but `123` as `123`).
  /[.eE]/.test(text) ? { _tag: "Fraction", text } : { _tag: "Integer", value: BigInt(text) }
)

const string = FastCheck.oneof(
  FastCheck.string({ maxLength: 8 }),
  FastCheck.fullUnicodeString({ maxLength: 4 }),
  FastCheck.constantFrom(
    "\"",
    "\\",
    "\\\"",
    "\"\\",
    "12345678901234567890",
    "\"id\": 12345678901234567890",
    "[1,[12345678901234567890]]",
    "{\"x_id\":",
    "\u2028\u2029",
    "a\\\\"
  )
).map((value): Node => ({ _tag: "String", value }))

const literal = FastCheck.constantFrom(true, false, null).map((value): Node => ({ _tag: "Literal", value }))

const { node } = FastCheck.letrec<{ node: Node; array: Node; object: Node }>((tie) => ({
  node: FastCheck.oneof(
    { maxDepth: 6, depthSize: "small", withCrossShrink: true },
    integer,
    integer,
    fraction,
    string,
    literal,
    tie("array"),
    tie("array"),
    tie("object"),
    tie("object")
  ),
  array: FastCheck.array(tie("node"), { maxLength: 4 }).map((items): Node => ({ _tag: "Array", items })),
  object: FastCheck.array(FastCheck.tuple(key, tie("node")), { maxLength: 4 }).map((members): Node => ({
    _tag: "Object",
    members
  }))
}))

/** A small seeded generator, for whitespace and key escapes. */
const prng = (seed: number) => {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Writes a tree as JSON text, with random whitespace and, sometimes, keys written with `\u` escapes. */
const write = (root: Node, seed: number): string => {
  const random = prng(seed)
  const space = () => ["", "", "", " ", "\n", "\t ", "\r\n  "][Math.floor(random() * 7)]!
  const writeKey = (name: string) => {
    const text = JSON.stringify(name)
    if (random() < 0.7) return text
    return text.replace(/[_id]/g, (c) => random() < 0.5 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
  }
  const go = (node: Node): string => {
    switch (node._tag) {
      case "Integer":
        return String(node.value)
      case "Fraction":
        return node.text
      case "String":
        return JSON.stringify(node.value)
      case "Literal":
        return String(node.value)
      case "Array":
        return `[${space()}${node.items.map((item) => go(item) + space()).join(`,${space()}`)}]`
      case "Object":
        return `{${space()}${
          node.members.map(([name, value]) => `${writeKey(name)}${space()}:${space()}${go(value)}${space()}`)
            .join(`,${space()}`)
        }}`
    }
  }
  return space() + go(root) + space()
}

/** What `Json.parse` must answer: `JSON.parse`'s value, except the exact digits of id integers beyond 2^53. */
const expected = (node: Node, ownedById: boolean): unknown => {
  switch (node._tag) {
    case "Integer":
      return ownedById && (node.value > MAX || node.value < -MAX) ? node.value.toString() : JSON.parse(String(node.value))
    case "Fraction":
      return JSON.parse(node.text)
    case "String":
    case "Literal":
      return node.value
    case "Array":
      return node.items.map((item) => expected(item, ownedById))
    case "Object": {
      const out: Record<string, unknown> = {}
      for (const [name, value] of node.members) {
        // Like JSON.parse: an own property even for `__proto__`; a repeated key keeps its place, the last value.
        Object.defineProperty(out, name, {
          value: expected(value, isIdKey(name)),
          enumerable: true,
          writable: true,
          configurable: true
        })
      }
      return out
    }
  }
}

/** Whether a tree holds an id integer beyond 2^53 somewhere (so the property really exercises the quoting). */
const holdsUnsafeId = (node: Node, ownedById: boolean): boolean => {
  switch (node._tag) {
    case "Integer":
      return ownedById && (node.value > MAX || node.value < -MAX)
    case "Array":
      return node.items.some((item) => holdsUnsafeId(item, ownedById))
    case "Object":
      return node.members.some(([name, value]) => holdsUnsafeId(value, isIdKey(name)))
    default:
      return false
  }
}

/** Whether a tree holds an array directly inside an array. */
const holdsArrayInArray = (node: Node): boolean =>
  node._tag === "Array"
    ? node.items.some((item) => item._tag === "Array" || holdsArrayInArray(item))
    : node._tag === "Object" && node.members.some(([, value]) => holdsArrayInArray(value))

describe("Json.parse on generated JSON", () => {
  it.prop(
    "equals JSON.parse, except that id integers beyond 2^53 keep their exact digits",
    { tree: node, seed: FastCheck.integer() },
    ({ seed, tree }) => {
      const text = write(tree, seed)
      expect(Json.parse(text)).toEqual(expected(tree, false))
    },
    { fastCheck: { numRuns: 3000 } }
  )

  it.prop(
    "the same inside a list page, where every shape is under data[]",
    { items: FastCheck.array(node, { minLength: 1, maxLength: 4 }), seed: FastCheck.integer() },
    ({ items, seed }) => {
      const tree: Node = {
        _tag: "Object",
        members: [["data", { _tag: "Array", items }], ["meta", { _tag: "Object", members: [] }]]
      }
      expect(Json.parse(write(tree, seed))).toEqual(expected(tree, false))
    },
    { fastCheck: { numRuns: 1000 } }
  )

  it.prop(
    "throws exactly when JSON.parse throws, on texts with a character removed or inserted",
    {
      tree: node,
      seed: FastCheck.integer(),
      at: FastCheck.nat(),
      insert: FastCheck.option(FastCheck.constantFrom(..."\"\\:,[]{}0123456789-.eE "))
    },
    ({ at, insert, seed, tree }) => {
      const text = write(tree, seed)
      const position = at % (text.length + 1)
      const mutated = insert === null
        ? text.slice(0, position) + text.slice(position + 1)
        : text.slice(0, position) + insert + text.slice(position)
      const outcome = (parse: (text: string) => unknown) => {
        try {
          parse(mutated)
          return "parsed"
        } catch (error) {
          return error instanceof SyntaxError ? "SyntaxError" : String(error)
        }
      }
      expect(outcome(Json.parse)).toBe(outcome(JSON.parse))
    },
    { fastCheck: { numRuns: 3000 } }
  )

  it("the generator produces unsafe ids at depth, in arrays of arrays, often enough to matter", () => {
    const samples = FastCheck.sample(node, { numRuns: 2000, seed: 42 })
    const withIds = samples.filter((tree) => holdsUnsafeId(tree, false)).length
    const nestedArrays = samples.filter(holdsArrayInArray).length
    expect(withIds).toBeGreaterThan(200)
    expect(nestedArrays).toBeGreaterThan(100)
  })
})
