/** Query parameter names whose values must not appear in errors (OAuth codes, tokens, keys). */
const secretParameter = /(^|[_-])(token|secret|password|signature|code|api_?key)$|^(key|auth|authorization)$/i

/**
 * A URL safe to keep in an error or a log: user info removed and secret-looking query values redacted.
 */
export const safeUrl = (input: string | URL): string => {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return "<invalid url>"
  }
  url.username = ""
  url.password = ""
  const names = Array.from(new Set(url.searchParams.keys())).filter((name) => secretParameter.test(name))
  for (const name of names) {
    url.searchParams.set(name, "redacted")
  }
  return url.toString()
}
