/**
 * Reading a webhook delivery's body with a bound, on any `@effect/platform` server (Node, Bun, Deno, a fetch
 * handler): a declared `Content-Length` above the bound is refused before a byte is read, and a body without one
 * is read chunk by chunk and dropped as soon as it passes the bound. Nothing beyond the bound is ever held.
 *
 * Why not `HttpIncomingMessage.withMaxBodySize`: only the Node server honours it (a fetch handler's request reads
 * the whole body whatever the bound), and the Node server already sets its own (10 MB) default.
 */
import type * as Error from "@effect/platform/HttpServerError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** The outcome of reading a body. */
export type Body =
  | { readonly _tag: "Read"; readonly text: string; readonly bytes: number }
  /** Longer than the bound: `declared` when the Content-Length said so, else `read` is how much was read. */
  | { readonly _tag: "TooLarge"; readonly declared: number | undefined; readonly read: number }
  /** Not UTF-8 text; `text` is what a lenient decoder makes of it (invalid bytes as U+FFFD). */
  | { readonly _tag: "NotText"; readonly text: string; readonly bytes: number }
  /** The connection failed while the body was read (the sender went away). */
  | { readonly _tag: "Unreadable"; readonly read: number }

/**
 * A web request without a body has no stream: the platform fails with this description. That is an empty body,
 * not a failed connection.
 */
const isNoBody = (error: Error.RequestError) => error.description === "can not create stream from empty body"

const decoder = new TextDecoder("utf-8", { fatal: true })

/** Reads at most `limit` bytes of the request's body. Never fails: every outcome is a `Body`. */
export const read = (request: HttpServerRequest.HttpServerRequest, limit: number): Effect.Effect<Body> =>
  Effect.suspend(() => {
    const header = request.headers["content-length"]
    const declared = header === undefined || !/^\d+$/.test(header) ? undefined : Number(header)
    if (declared !== undefined && declared > limit) {
      return Effect.succeed<Body>({ _tag: "TooLarge", declared, read: 0 })
    }
    const chunks: Array<Uint8Array> = []
    let bytes = 0
    let over = false
    return request.stream.pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.sync(() => {
          bytes += chunk.length
          if (bytes > limit) {
            over = true
            return false
          }
          chunks.push(chunk)
          return true
        })
      ),
      Effect.map((): Body => {
        if (over) return { _tag: "TooLarge", declared: undefined, read: bytes }
        const all = new Uint8Array(bytes)
        let offset = 0
        for (const chunk of chunks) {
          all.set(chunk, offset)
          offset += chunk.length
        }
        try {
          return { _tag: "Read", text: decoder.decode(all), bytes }
        } catch {
          return { _tag: "NotText", text: new TextDecoder().decode(all), bytes }
        }
      }),
      Effect.catchAll((error) =>
        Effect.succeed<Body>(
          bytes === 0 && isNoBody(error) ? { _tag: "Read", text: "", bytes: 0 } : { _tag: "Unreadable", read: bytes }
        )
      )
    )
  })
