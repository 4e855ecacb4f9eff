/**
 * The CLI's own errors, the exit code of every error, and the one line a person sees.
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Input the CLI refused before sending anything: a filter, an id, a payload file that does not match its schema.
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@effect-factorial/cli/InvalidInput")(
  "InvalidInput",
  {
    /** What was wrong, naming the flag, argument or field. */
    detail: Schema.String
  }
) {
  override get message(): string {
    return this.detail
  }
}

/** Writing the output failed; `Closed` when the reader went away (`| head`). */
export class OutputError extends Schema.TaggedError<OutputError>("@effect-factorial/cli/OutputError")(
  "OutputError",
  {
    target: Schema.String,
    reason: Schema.Literal("Closed", "Failed"),
    detail: Schema.String
  }
) {
  override get message(): string {
    return `Could not write to ${this.target}: ${this.detail}`
  }
}

/** The OAuth login could not complete: refused, wrong state, no callback in time, callback server failed. */
export class LoginError extends Schema.TaggedError<LoginError>("@effect-factorial/cli/LoginError")(
  "LoginError",
  {
    reason: Schema.Literal("Denied", "StateMismatch", "MissingCode", "Timeout", "CallbackServer", "NotLoggedIn"),
    detail: Schema.String
  }
) {
  override get message(): string {
    return this.detail
  }
}

/** The exit codes, documented in docs/cli.md. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** Anything not listed below. */
  failure: 1,
  /** Wrong usage: unknown command or flag, an invalid filter, id or payload (nothing was sent). */
  usage: 2,
  /** Authentication: missing or refused credentials, an OAuth failure. */
  auth: 3,
  /** The record (or route) does not exist, or these credentials may not see it. */
  notFound: 4,
  /** Try again later: rate limited, a server error, a timeout, the API unreachable. */
  unavailable: 5,
  /** Interrupted (Ctrl-C); what was written is valid. */
  interrupted: 130
} as const

const tag = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : undefined

const credentialVariables = /FACTORIAL_(API_KEY|TOKEN|CLIENT_ID|CLIENT_SECRET)/

/** The exit code of a failure. */
export const exitCode = (error: unknown): number => {
  if (ValidationError.isValidationError(error)) return ExitCode.usage
  if (ConfigError.isConfigError(error)) {
    return credentialVariables.test(String(error)) ? ExitCode.auth : ExitCode.usage
  }
  switch (tag(error)) {
    case "InvalidInput":
    case "InvalidRequest":
      return ExitCode.usage
    case "Unauthorized":
    case "Forbidden":
    case "AuthError":
    case "OAuthError":
    case "LoginError":
    case "TokenStoreError":
      return ExitCode.auth
    case "NotFound":
      return ExitCode.notFound
    case "RateLimited":
    case "ServerError":
    case "TimeoutError":
    case "TransportError":
      return ExitCode.unavailable
    case "OutputError":
      return Predicate.hasProperty(error, "reason") && error.reason === "Closed" ? ExitCode.ok : ExitCode.failure
    default:
      return ExitCode.failure
  }
}

const hints: Record<string, string> = {
  InvalidInput: "see --help for the expected input",
  InvalidRequest: "fix the input; nothing was sent",
  Unauthorized: "check FACTORIAL_API_KEY or FACTORIAL_TOKEN, or run `factorial-ats login`",
  Forbidden: "these credentials may not do this; use credentials with access to the ATS",
  AuthError: "authorize again with `factorial-ats login`, or check FACTORIAL_API_KEY / FACTORIAL_TOKEN",
  OAuthError: "check the client id and secret (FACTORIAL_CLIENT_ID, FACTORIAL_CLIENT_SECRET) and authorize again",
  LoginError: "run `factorial-ats login` again",
  TokenStoreError: "check the --store file and its permissions",
  NotFound: "check the resource and the id; the record may have been deleted or be hidden from these credentials",
  RateLimited: "wait a minute and try again",
  ServerError: "try again later; quote the request id to Factorial support if it persists",
  TimeoutError: "try again later, or check your network",
  TransportError: "check your network and --base-url",
  PaginationError: "the pages changed during the scan; export again (the cursor and exact strategies are immune)",
  DecodeError: "the API answered something the SDK does not understand; try another --api-version or report it",
  UnprocessableEntity: "fix the fields named above and try again",
  Conflict: "reload the record and try again",
  BadRequest: "check the flags and filters",
  OutputError: "check the --out path"
}

/** One line for a person: the tag, the status when there is one, what happened and what to do. */
export const render = (error: unknown): string => {
  if (ValidationError.isValidationError(error)) {
    return "Usage error (see above); run with --help for the usage"
  }
  if (ConfigError.isConfigError(error)) {
    const hint = credentialVariables.test(String(error))
      ? "set FACTORIAL_API_KEY (or FACTORIAL_TOKEN), use --store after `factorial-ats login`, or try --sandbox"
      : "check the flags and FACTORIAL_* variables"
    return `ConfigError: ${oneLine(String(error))} — ${hint}`
  }
  const name = tag(error) ?? "Error"
  const status = Predicate.hasProperty(error, "status") && typeof error.status === "number"
    ? ` (status ${error.status})`
    : ""
  const message = error instanceof Error ? error.message : String(error)
  const hint = hints[name]
  return `${name}${status}: ${oneLine(message)}${hint === undefined ? "" : ` — ${hint}`}`
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim()

/** What `--verbose` adds: the whole cause, with spans. Errors hold no secret, so neither does this. */
export const verbose = (cause: Cause.Cause<unknown>): string => Cause.pretty(cause, { renderErrorCause: true })
