import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` in seconds or as an
 * HTTP date (relative to `nowMillis`, never negative).
 */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string>>,
  nowMillis: number
): Option.Option<Duration.Duration> => {
  const millis = headers["retry-after-ms"]
  if (millis !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(millis)) {
    return Option.some(Duration.millis(Number(millis)))
  }
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(value)) return Option.some(Duration.seconds(Number(value)))
  const date = Date.parse(value)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - nowMillis)))
}
