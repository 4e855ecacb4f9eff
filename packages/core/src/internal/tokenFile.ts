import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** What the file store reads and writes, in the file's own words. */
export interface FileTokens {
  readonly refreshToken: Redacted.Redacted<string>
  readonly accessToken?: Redacted.Redacted<string> | undefined
  readonly tokenType: string
  readonly createdAt?: number | undefined
  readonly expiresIn?: number | undefined
  readonly scope?: string | undefined
  readonly clientId?: string | undefined
  readonly clientSecret?: Redacted.Redacted<string> | undefined
  readonly baseUrl?: string | undefined
}

/**
 * The JSON of the Python library's `RefreshTokenAuthFile` (`refresh_token, client_id, client_secret,
 * access_token, created_at, token_type, target_url`) plus `expires_in` and `scope`. `created_at` is an ISO date
 * there; a number (Unix seconds) is accepted too.
 */
const FileJson = Schema.Struct({
  refresh_token: Schema.String,
  access_token: Schema.optionalWith(Schema.String, { nullable: true }),
  token_type: Schema.optionalWith(Schema.String, { nullable: true }),
  created_at: Schema.optionalWith(Schema.Union(Schema.Number, Schema.String), { nullable: true }),
  expires_in: Schema.optionalWith(Schema.Number, { nullable: true }),
  scope: Schema.optionalWith(Schema.String, { nullable: true }),
  client_id: Schema.optionalWith(Schema.String, { nullable: true }),
  client_secret: Schema.optionalWith(Schema.String, { nullable: true }),
  target_url: Schema.optionalWith(Schema.String, { nullable: true })
})

/** Python writes `datetime.isoformat()`: `+00:00` rather than `Z`, and no offset at all for naive dates (UTC). */
const parseCreatedAt = (value: number | string | undefined): number | undefined | "invalid" => {
  if (value === undefined || typeof value === "number") return value
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`
  const millis = Date.parse(zoned)
  return Number.isNaN(millis) ? "invalid" : millis / 1000
}

/** Unix seconds as Python's `datetime.fromisoformat` reads them on every version: `2026-05-01T10:00:00+00:00`. */
const formatCreatedAt = (seconds: number): string => {
  const iso = new Date(seconds * 1000).toISOString()
  return (Number.isInteger(seconds) ? iso.replace(/\.\d{3}Z$/, "Z") : iso).replace(/Z$/, "+00:00")
}

const redactedOrUndefined = (value: string | undefined) => (value === undefined ? undefined : Redacted.make(value))

/** Parses the file's text; Left: why it cannot be used, naming fields but never their values. */
export const decode = (text: string): Effect.Effect<FileTokens, string> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return Effect.fail("the file is not valid JSON")
  }
  return Schema.decodeUnknown(FileJson)(json, { errors: "all", onExcessProperty: "ignore" }).pipe(
    Effect.mapError((error) => {
      const fields = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.path.join(".") || "root")
      return `missing or invalid: ${Array.from(new Set(fields)).join(", ")}`
    }),
    Effect.flatMap((file) => {
      const createdAt = parseCreatedAt(file.created_at)
      if (createdAt === "invalid") return Effect.fail("invalid: created_at")
      return Effect.succeed({
        refreshToken: Redacted.make(file.refresh_token),
        accessToken: redactedOrUndefined(file.access_token),
        tokenType: file.token_type ?? "Bearer",
        createdAt,
        expiresIn: file.expires_in,
        scope: file.scope,
        clientId: file.client_id,
        clientSecret: redactedOrUndefined(file.client_secret),
        baseUrl: file.target_url
      })
    })
  )
}

/** The file's text, secrets revealed: only ever written to a 0600 file. */
export const encode = (tokens: FileTokens): string => {
  const reveal = (secret: Redacted.Redacted<string> | undefined) =>
    secret === undefined ? undefined : Redacted.value(secret)
  const json = {
    refresh_token: Redacted.value(tokens.refreshToken),
    client_id: tokens.clientId,
    client_secret: reveal(tokens.clientSecret),
    access_token: reveal(tokens.accessToken),
    created_at: tokens.createdAt === undefined ? undefined : formatCreatedAt(tokens.createdAt),
    token_type: tokens.tokenType,
    target_url: tokens.baseUrl,
    expires_in: tokens.expiresIn,
    scope: tokens.scope
  }
  return `${JSON.stringify(json, null, 2)}\n`
}
