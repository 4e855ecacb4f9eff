/**
 * The description of one API call that resource services hand to `FactorialClient.execute`.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type { RetryOptions } from "./Retry.js"

/**
 * The HTTP methods the Factorial API uses (there is no PATCH).
 *
 * @since 0.1.0
 */
export type RequestMethod = "GET" | "POST" | "PUT" | "DELETE"

/**
 * A single query value. `undefined` and `null` are omitted; booleans are sent as `true` / `false`.
 *
 * @since 0.1.0
 */
export type QueryValue = string | number | bigint | boolean | null | undefined

/**
 * Query parameters. An array is sent as repeated `name[]=a&name[]=b` (the brackets are added unless the name
 * already ends with `[]`).
 *
 * @since 0.1.0
 */
export type QueryParams = Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>>

/**
 * A request body: JSON, or multipart form data (for uploads such as message attachments).
 *
 * @since 0.1.0
 */
export type RequestBody =
  | { readonly _tag: "Json"; readonly value: unknown }
  | { readonly _tag: "FormData"; readonly value: FormData }

/**
 * One API call.
 *
 * @since 0.1.0
 */
export interface FactorialRequest {
  readonly method: RequestMethod
  /** The path segments after `/api/<version>/resources/`, e.g. `["ats", "candidates", id]`; each is URL-encoded. */
  readonly path: ReadonlyArray<string>
  readonly query?: QueryParams | undefined
  readonly body?: RequestBody | undefined
  /** Overrides the client's retry policy for this call; `false` disables retries. */
  readonly retry?: RetryOptions | false | undefined
  /** Overrides the client's per-attempt timeout for this call. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Overrides the client's `deadline` for this call: the most the whole call may take from its first send,
   * attempts and waits between them included; `false` for none.
   */
  readonly deadline?: Duration.DurationInput | false | undefined
}
