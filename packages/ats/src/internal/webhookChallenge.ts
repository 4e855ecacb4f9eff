/**
 * Checking the challenge a webhook delivery carries against the configured one.
 */
import * as Redacted from "effect/Redacted"
import { constantTimeEqual } from "./webhookCompare.js"

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
