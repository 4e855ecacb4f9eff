/**
 * Keeping the challenge header out of spans and logs from inside the receiver, however the server was set up.
 *
 * The platform's server middleware records every request header as an attribute of the request's server span
 * (`http.request.header.<name>`) before the app runs, redacting only the names in `Headers.currentRedactedNames`
 * of the server's fiber. Whether the user's layers put the challenge header there depends on how they are
 * composed, so the receiver does not rely on it: it overwrites that attribute on every enclosing span, and runs
 * with the header among the redacted names so anything it (or the handler) logs or traces redacts it too.
 */
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"

/** How far up the span tree to look: a server span is a few levels up at most. */
const maxDepth = 32

/** What a redacted header prints as in the platform's own spans. */
const redactedValue = String(Redacted.make(""))

/** Overwrites the attribute of `header` on the current span and every enclosing one that recorded it. */
const scrubSpans = (header: string): Effect.Effect<void> => {
  const attribute = `http.request.header.${header}`
  return Effect.map(Effect.option(Effect.currentSpan), (current) => {
    let span: Tracer.AnySpan | undefined = Option.getOrUndefined(current)
    for (let depth = 0; span !== undefined && span._tag === "Span" && depth < maxDepth; depth++) {
      const recorded = span.attributes.get(attribute)
      if (recorded !== undefined && recorded !== redactedValue) span.attribute(attribute, redactedValue)
      span = Option.getOrUndefined(span.parent)
    }
  })
}

/** Runs `effect` with `header` scrubbed from enclosing spans first, and redacted in whatever `effect` records. */
export const withRedactedHeader = (header: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.zipRight(
    scrubSpans(header),
    Effect.locallyWith(
      effect,
      Headers.currentRedactedNames,
      (names) => (names.includes(header) ? names : [...names, header])
    )
  )
