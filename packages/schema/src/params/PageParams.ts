/**
 * The paging query parameters every list endpoint accepts at runtime (the spec does not declare them).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"

const PageParamsStruct = Schema.Struct({
  /** Records per page: a positive integer; the API clamps values above 100 to 100. */
  limit: optionalField(Schema.Int.pipe(Schema.positive())),
  /** Cursor: the page after this one (the previous page's `meta.end_cursor`). */
  after_id: optionalField(Schema.String),
  /** Cursor: the page before this one (a page's `meta.start_cursor`). */
  before_id: optionalField(Schema.String),
  /** Page number for offset paging, starting at 1. */
  page: optionalField(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)))
}).annotations(outbound("PageParams", "Paging query parameters of a list endpoint."))

/**
 * The value `PageParams` accepts.
 *
 * @since 0.1.0
 */
export interface PageParams extends Schema.Schema.Type<typeof PageParamsStruct> {}

/**
 * Paging parameters, spread into every `List*Params` schema.
 *
 * - `limit`: records per page, any positive integer. The API serves at most 100 (also its default) and
 *   silently clamps a larger value, so `limit: 500` is accepted here and yields 100-record pages.
 * - `after_id` / `before_id`: opaque cursors; pass the previous page's `meta.end_cursor` /
 *   `meta.start_cursor` as they are.
 * - `page`: 1-based page number, for offset paging (use with `limit`, without cursors).
 *
 * @since 0.1.0
 */
export const PageParams: Outbound<typeof PageParamsStruct, PageParams> = PageParamsStruct
