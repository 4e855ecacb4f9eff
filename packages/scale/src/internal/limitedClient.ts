/**
 * A shared rate limiter applied to every attempt a client sends: each waits for a slot of its method (held until
 * the response when the limiter can), and a 429 closes the gate for every replica until its `Retry-After`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { RateLimiter } from "@effect-factorial/core/RateLimit"

/** `Retry-After` as epoch milliseconds: delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
const retryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return now + Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : date
}

/** A limiter that may hold a slot for a whole request (`RedisRateLimiter`'s `withSlot`). */
export interface SharedLimiter extends RateLimiter.Service {
  readonly withSlot?: <A, E, R>(method: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** The client with `limiter` in front of every attempt. */
export const limited = (limiter: SharedLimiter) => (http: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.transform(http, (send, request) => {
    const sent = Effect.tap(send, (response) => {
      if (response.status !== 429) return Effect.void
      return Effect.flatMap(Clock.currentTimeMillis, (now) => {
        // Without a readable Retry-After, hold everyone one second rather than not at all.
        const until = retryAfter(response.headers["retry-after"], now) ?? now + 1000
        return limiter.pauseUntil(until)
      })
    })
    return limiter.withSlot === undefined
      ? Effect.zipRight(limiter.acquire(request.method), sent)
      : limiter.withSlot(request.method, sent)
  })
