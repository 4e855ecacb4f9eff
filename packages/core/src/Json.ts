/**
 * The JSON reader the client parses every response body with, for code that receives Factorial's JSON by
 * another way (webhook deliveries, files, queues): `JSON.parse`, except that the integers of id fields beyond
 * 2^53 come back as strings of their exact digits, which the id schemas of `@effect-factorial/schema` accept.
 *
 * @example
 * ```ts
 * import { Json } from "@effect-factorial/core"
 *
 * Json.parse('{"id": 18446744073709551615, "score": 7}')
 * // { id: "18446744073709551615", score: 7 }
 * ```
 *
 * @since 0.1.0
 */
import * as Internal from "./internal/json.js"

/**
 * Parses JSON text like `JSON.parse` (and throws like it on invalid text), except for the integers of id fields
 * that are not safe integers: those are returned as strings of their exact digits. An integer belongs to an id
 * field when the object member it is the value of, directly or as an item of arrays at any depth, has the key
 * `id`, `*_id` or `*_ids`. Every other number, however large, is left to `JSON.parse`.
 *
 * @since 0.1.0
 */
export const parse: (text: string) => unknown = Internal.parse
