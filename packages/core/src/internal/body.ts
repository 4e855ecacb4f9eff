/**
 * Response bodies read with a bound: as a stream, counting bytes as they arrive (after decompression, which
 * fetch does while the stream is read), and never holding more than the limit.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** What was read of a body. */
export interface Read {
  readonly bytes: Uint8Array
  /** `false` when the body went on past the limit; the rest was not read. */
  readonly complete: boolean
  readonly contentType: string | undefined
}

/** How much of a body an error may show with `debugBodies`. */
const previewLength = 500

const concat = (chunks: ReadonlyArray<Uint8Array>, length: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/**
 * Reads at most `limit` bytes of the body. Stops (and cancels the rest of the stream, closing the connection)
 * as soon as one more byte arrives, answering what it has with `complete: false`. A declared `content-length`
 * above the limit stops before reading anything.
 */
export const read = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Read, HttpClientError.ResponseError> =>
  Effect.suspend(() => {
    const contentType = response.headers["content-type"]
    const declared = Number(response.headers["content-length"])
    if (Number.isFinite(declared) && declared > limit && response.headers["content-encoding"] === undefined) {
      // Opening the stream and closing it at once cancels the body.
      return Effect.as(Effect.ignore(Stream.runHead(response.stream)), {
        bytes: new Uint8Array(0),
        complete: false,
        contentType
      })
    }
    if (Number.isFinite(declared) && response.headers["content-encoding"] === undefined) {
      // The common case: an uncompressed body of a declared length within the limit. The transport reads exactly
      // that many bytes (a longer body is a protocol error), so reading it whole is as bounded as the stream,
      // and costs one read instead of a stream pipeline per chunk.
      return Effect.map(response.arrayBuffer, (buffer) => ({ bytes: new Uint8Array(buffer), complete: true, contentType }))
    }
    const chunks: Array<Uint8Array> = []
    let length = 0
    let complete = true
    return Stream.runForEachWhile(response.stream, (chunk) =>
      Effect.sync(() => {
        const room = limit - length
        if (chunk.length > room) {
          if (room > 0) chunks.push(chunk.subarray(0, room))
          length += Math.max(room, 0)
          complete = false
          return false
        }
        chunks.push(chunk)
        length += chunk.length
        return true
      })).pipe(
        // A response without a body (204, HEAD) has no stream at all.
        Effect.catchIf((error) => error.reason === "EmptyBody", () => Effect.void),
        Effect.map(() => ({ bytes: concat(chunks, length), complete, contentType }))
      )
  })

const decoder = new TextDecoder()

/** The body as text (invalid UTF-8 replaced, never thrown). */
export const text = (body: Read): string => decoder.decode(body.bytes)

/** What an error says about a body: length, type, whether it was cut, and a preview only when asked. */
export const info = (body: Read | undefined, debugBodies: boolean) => {
  if (body === undefined) return {}
  const preview = debugBodies && body.bytes.length > 0
    ? decoder.decode(body.bytes.subarray(0, previewLength * 4)).slice(0, previewLength)
    : undefined
  return {
    bodyLength: body.bytes.length,
    ...(body.contentType === undefined ? {} : { contentType: body.contentType }),
    ...(body.complete ? {} : { bodyTruncated: true }),
    ...(preview === undefined ? {} : { bodyPreview: preview })
  }
}
