/**
 * How requests authenticate: an API key, an access token, or any credential that changes over time.
 *
 * An auth is resolved on every attempt, so a token that is refreshed (OAuth) is picked up without
 * rebuilding the client, and a 401 can invalidate it and replay the request once.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { AuthError } from "./FactorialError.js"

/**
 * Identifies a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export const TypeId: unique symbol = Symbol.for("@effect-factorial/core/FactorialAuth")

/**
 * Identifies a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export type TypeId = typeof TypeId

/**
 * A way to authenticate requests.
 *
 * @since 0.1.0
 */
export interface FactorialAuth extends Inspectable.Inspectable {
  readonly [TypeId]: TypeId
  /** A name for logs and debugging, e.g. `"ApiKey"`; never a secret. */
  readonly kind: string
  /** The headers to attach to the next attempt (lower-case names). Values stay `Redacted` until sent. */
  readonly headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError>
  /**
   * Called after a 401. Answers `true` when the credential was renewed and the request should be replayed
   * once; `false` (or no handler) lets the `Unauthorized` error through.
   */
  readonly onUnauthorized: Effect.Effect<boolean, AuthError>
}

/**
 * What `make` needs to build an auth.
 *
 * @since 0.1.0
 */
export interface MakeOptions {
  readonly kind: string
  readonly headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError>
  readonly onUnauthorized?: Effect.Effect<boolean, AuthError>
}

const Proto = {
  [TypeId]: TypeId,
  ...Inspectable.BaseProto,
  toJSON(this: FactorialAuth) {
    return { _id: "FactorialAuth", kind: this.kind }
  }
}

const neverReplay: Effect.Effect<boolean, AuthError> = Effect.succeed(false)

/**
 * Builds an auth from a header source. This is the extension point for credentials that change over time.
 *
 * @since 0.1.0
 */
export const make = (options: MakeOptions): FactorialAuth =>
  Object.assign(Object.create(Proto), {
    kind: options.kind,
    headers: options.headers,
    onUnauthorized: options.onUnauthorized ?? neverReplay
  })

/**
 * Whether a value is a `FactorialAuth`.
 *
 * @since 0.1.0
 */
export const isFactorialAuth = (u: unknown): u is FactorialAuth => Predicate.hasProperty(u, TypeId)

const toRedacted = (secret: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

const staticHeader = (
  kind: string,
  name: string,
  secret: Redacted.Redacted<string>,
  value: Redacted.Redacted<string>,
  description: string
) => {
  const headers: Effect.Effect<Readonly<Record<string, Redacted.Redacted>>, AuthError> =
    Redacted.value(secret).trim() === ""
      ? Effect.fail(new AuthError({ reason: "MissingCredentials", message: `The ${description} is empty` }))
      : Effect.succeed({ [name]: value })
  return make({ kind, headers })
}

/**
 * Authenticates with a company API key, sent as the `x-api-key` header.
 *
 * @example
 * ```ts
 * import { FactorialAuth } from "@effect-factorial/core"
 * import * as Redacted from "effect/Redacted"
 *
 * const auth = FactorialAuth.apiKey(Redacted.make("my-api-key"))
 * ```
 *
 * @since 0.1.0
 */
export const apiKey = (key: string | Redacted.Redacted<string>): FactorialAuth => {
  const secret = toRedacted(key)
  return staticHeader("ApiKey", "x-api-key", secret, secret, "API key")
}

/**
 * Authenticates with an OAuth access token, sent as `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 */
export const accessToken = (token: string | Redacted.Redacted<string>): FactorialAuth => {
  const secret = toRedacted(token)
  const header = Redacted.make(`Bearer ${Redacted.value(secret)}`)
  return staticHeader("AccessToken", "authorization", secret, header, "access token")
}
