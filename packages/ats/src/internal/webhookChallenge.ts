/**
 * Checking the challenge a webhook delivery carries against the configured one, in constant time.
 *
 * Why not `node:crypto`'s `timingSafeEqual`: the webhook receiver also runs on edge runtimes (Deno, Bun,
 * Cloudflare Workers) that have no `node:crypto`. `constantTimeEqual` does the same job portably: it compares the
 * UTF-8 bytes of both strings, visits every byte of the longer one whatever the content, and folds every difference
 * (the lengths included) into one accumulator, so how long it takes does not depend on where the first mismatch is.
 */
import * as Redacted from "effect/Redacted"

const encoder = new TextEncoder()

/**
 * Whether two strings are equal, in time that depends on their lengths only, never on their content.
 *
 * @since 0.1.0
 */
export const constantTimeEqual = (left: string, right: string): boolean => {
  const a = encoder.encode(left)
  const b = encoder.encode(right)
  const length = Math.max(a.length, b.length)
  let difference = a.length ^ b.length
  for (let i = 0; i < length; i++) {
    // Out-of-range reads give `undefined`; `| 0` turns them into 0 without a data-dependent branch.
    difference |= (a[i]! | 0) ^ (b[i]! | 0)
  }
  return difference === 0
}

/**
 * Whether the challenge a delivery carries matches the expected one, compared in constant time. A missing or
 * empty value never matches, and neither does anything when the expected challenge is empty: a receiver without a
 * secret would accept anyone's deliveries.
 *
 * @since 0.1.0
 */
export const verifyChallenge = (
  expected: string | Redacted.Redacted<string>,
  received: string | null | undefined
): boolean => {
  const secret = Redacted.isRedacted(expected) ? Redacted.value(expected) : expected
  if (received === undefined || received === null || received === "" || secret === "") return false
  return constantTimeEqual(secret, received)
}
