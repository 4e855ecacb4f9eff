import { AuthError } from "../FactorialError.js"

/**
 * Header values the SDK sends: credentials and the `user-agent`. A value that a header cannot carry must be
 * refused before it reaches the transport, whose own error message would quote it.
 */

/** Names a character without showing the value around it. */
const describe = (code: number): string => {
  switch (code) {
    case 0x0a:
      return "a line feed (LF)"
    case 0x0d:
      return "a carriage return (CR)"
    case 0x00:
      return "a NUL byte"
    default:
      return code < 0x20 || code === 0x7f
        ? `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`
        : "a character outside printable ASCII"
  }
}

/**
 * Why `value` cannot be sent in a header, or `undefined` when it can. Accepted: printable ASCII, with spaces and
 * tabs inside (not at either end, where transports strip them silently and the value changes).
 */
export const problem = (value: string): string | undefined => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code === 0x09) continue
    if (code < 0x20 || code > 0x7e) {
      return `it contains ${describe(code)}, which a header cannot carry`
    }
  }
  if (/^[ \t]|[ \t]$/.test(value)) return "it starts or ends with a space or tab"
  return undefined
}

/** A single line ending at the end, as a file or a `echo` adds: trimmed, like the rest of the value is not. */
export const trimFinalNewline = (value: string): string => value.replace(/\r?\n$/, "")

/** Why a credential cannot be sent in a header, as an `AuthError` naming it (never showing it), or `undefined`. */
export const checkCredential = (description: string, value: string): AuthError | undefined => {
  if (value.trim() === "") return new AuthError({ reason: "MissingCredentials", message: `The ${description} is empty` })
  const why = problem(value)
  return why === undefined ? undefined : new AuthError({
    reason: "InvalidCredential",
    message: `The ${description} cannot be sent: ${why}. Check where it is read from ` +
      `(a file with more than one line, a pasted value with a line break...)`
  })
}

/** How an error names the credential of a header. */
export const credentialName = (header: string): string => {
  switch (header.toLowerCase()) {
    case "x-api-key":
      return "API key"
    case "authorization":
      return "access token (authorization header)"
    default:
      return `credential header ${JSON.stringify(header)}`
  }
}
