/**
 * The pieces of webhook deduplication: the key of a delivery, and the bounded in-memory store.
 */
import * as Effect from "effect/Effect"

const encoder = new TextEncoder()

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("")

/**
 * `<type>:<id>:<sha-256 of the body, hex>`. The body hash rather than `updated_at`: applications and job postings
 * have no `updated_at`, and two changes within one timestamp tick would share it, so the second would be dropped.
 * A replay carries the same bytes, hence the same key. Web Crypto runs on Node, Bun, Deno and edge runtimes.
 */
export const key = (type: string, id: string, body: string): Effect.Effect<string> =>
  Effect.map(
    Effect.promise(() => globalThis.crypto.subtle.digest("SHA-256", encoder.encode(body))),
    (digest) => `${type}:${id}:${hex(digest)}`
  )

/** The state of a key in the memory store. */
type State = "handling" | "handled"

/**
 * A store of at most `capacity` keys, in memory. When full, the oldest handled key is forgotten first (then the
 * oldest being handled, should every key be in flight).
 */
export const memory = (capacity: number) => {
  const keys = new Map<string, State>()
  const evict = () => {
    for (const [key, state] of keys) {
      if (state === "handled") {
        keys.delete(key)
        return
      }
    }
    const oldest = keys.keys().next()
    if (oldest.done !== true) keys.delete(oldest.value)
  }
  return {
    claim: (key: string) =>
      Effect.sync(() => {
        if (keys.has(key)) return false
        while (keys.size >= capacity) evict()
        keys.set(key, "handling")
        return true
      }),
    complete: (key: string) =>
      Effect.sync(() => {
        if (keys.has(key)) keys.set(key, "handled")
      }),
    release: (key: string) =>
      Effect.sync(() => {
        keys.delete(key)
      }),
    size: Effect.sync(() => keys.size)
  }
}
