/**
 * Comparing a secret with a value someone sent (an OAuth `state`, a webhook challenge) without the comparison's
 * time telling them anything about the secret.
 *
 * Why not hash both sides and call `node:crypto`'s `timingSafeEqual`: core runs in browsers and on edge runtimes
 * that have no `node:crypto`, and WebCrypto's digest is asynchronous while the checks built on this one
 * (`OAuth.verifyState`, `Webhooks.verifyChallenge`) are plain functions. Walking the received value's bytes only,
 * and the secret's cyclically beside them, gives what the hash buys without it: the work depends on the length of
 * the value the sender chose (which they know), never on the secret's length or on where the values differ.
 *
 * @since 0.2.0
 */
import * as Redacted from "effect/Redacted"

const encoder = new TextEncoder()

/**
 * Whether `received` is exactly `expected` (byte for byte in UTF-8), in time that depends on the length of
 * `received` only. A missing or empty value never matches, and nothing matches an empty secret: a check without a
 * secret would let everyone through.
 *
 * @example
 * ```ts
 * import { Secret } from "@effect-factorial/core"
 * import * as Redacted from "effect/Redacted"
 *
 * const secret = Redacted.make("s3cr3t")
 * Secret.matches(secret, "s3cr3t") // true
 * Secret.matches(secret, "s3cr3") // false
 * Secret.matches("", "") // false
 * ```
 *
 * @since 0.2.0
 */
export const matches = (
  expected: string | Redacted.Redacted<string>,
  received: string | null | undefined
): boolean => {
  const secret = Redacted.isRedacted(expected) ? Redacted.value(expected) : expected
  if (received === undefined || received === null || received === "" || secret === "") return false
  const a = encoder.encode(secret)
  const b = encoder.encode(received)
  // No early exit: every byte of `b` is visited and every difference, the lengths' included, is folded in.
  let difference = a.length ^ b.length
  for (let i = 0; i < b.length; i++) difference |= b[i]! ^ a[i % a.length]!
  return difference === 0
}
