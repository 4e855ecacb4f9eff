/**
 * Describing a failed decode without any of the decoded values: each mismatch is a path and the kind of problem
 * (`data[3].first_name: expected string, got null`), never the value found, which may be personal data or a
 * secret. The SDK's own errors (`DecodeError`, `InvalidRequest`, the webhook receiver's `WebhookDecodeError`) are
 * built from it.
 *
 * @example
 * ```ts
 * import { Mismatches } from "@effect-factorial/core"
 * import * as Either from "effect/Either"
 * import * as Schema from "effect/Schema"
 *
 * const result = Schema.decodeUnknownEither(Schema.Struct({ email: Schema.String }))({ email: 42 })
 * if (Either.isLeft(result)) Mismatches.lines(result.left) // ["email: expected string, got an integer"]
 * ```
 *
 * @since 0.1.0
 */
import type * as ParseResult from "effect/ParseResult"
import * as Issues from "./internal/issues.js"

/**
 * One mismatch: where (`path`, e.g. `["data", 3, "first_name"]`) and what kind of problem, without the value.
 *
 * @since 0.1.0
 */
export type Mismatch = Issues.Mismatch

/**
 * Every mismatch of a parse error.
 *
 * @since 0.1.0
 */
export const of: (error: ParseResult.ParseError) => ReadonlyArray<Mismatch> = Issues.mismatches

/**
 * Every mismatch of a parse error as one line each, `path: problem` (the root is `the root`).
 *
 * @since 0.1.0
 */
export const lines = (error: ParseResult.ParseError): ReadonlyArray<string> =>
  Issues.mismatches(error).map((mismatch) => `${Issues.formatPath(mismatch.path)}: ${mismatch.problem}`)
