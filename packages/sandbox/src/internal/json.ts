/**
 * JSON in and out without ever turning an id into a JS `number`.
 *
 * API versions before 2026-07-01 send ids as JSON integers, and ids may be far above 2^53. `JSON.parse` would
 * round such an integer, so request bodies are read with `parse`, which turns every integer literal that is not a
 * safe integer into a string of its digits first. Responses for those versions are written with `stringify`,
 * which emits id fields (`id`, `*_id`, `*_ids`) as raw digits.
 */

const isDigit = (code: number) => code >= 48 && code <= 57

/**
 * Parses JSON, keeping integers that are not safe integers as strings of digits. Throws like `JSON.parse` on
 * invalid input.
 */
export const parse = (text: string): unknown => {
  let out = ""
  let last = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // skip a string literal, honouring escapes
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 92) i += 2
        else if (d === 34) break
        else i++
      }
      i++
    } else if (c === 45 || isDigit(c)) {
      const start = i
      i++
      while (i < n && isDigit(text.charCodeAt(i))) i++
      const next = text.charCodeAt(i)
      const isInteger = !(next === 46 || next === 101 || next === 69)
      const literal = text.slice(start, i)
      if (isInteger && literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += text.slice(last, start) + "\"" + literal + "\""
        last = i
      }
      // a fraction or exponent: leave it to JSON.parse
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++
    } else {
      i++
    }
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last))
}

const DIGITS = /^-?[0-9]+$/

/** Whether a key names an id (`id`, `*_id`, `*_ids`), the fields whose type changed with 2026-07-01. */
export const isIdKey = (key: string): boolean => key === "id" || key.endsWith("_id") || key.endsWith("_ids")

const writeIdValue = (value: unknown): string | undefined => {
  if (typeof value === "string" && DIGITS.test(value)) return value
  if (Array.isArray(value)) {
    return "[" + value.map((item) => writeIdValue(item) ?? JSON.stringify(item)).join(",") + "]"
  }
  return undefined
}

const write = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return "[" + value.map(write).join(",") + "]"
  let out = "{"
  let first = true
  for (const key in value as Record<string, unknown>) {
    const field = (value as Record<string, unknown>)[key]
    if (field === undefined) continue
    const raw = isIdKey(key) ? writeIdValue(field) : undefined
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + (raw ?? write(field))
    first = false
  }
  return out + "}"
}

/**
 * Serialises a response body. With `integerIds`, id fields at any depth are written as JSON integers made of the
 * exact digits of the stored string (so an id above 2^53 keeps every digit).
 */
export const stringify = (value: unknown, integerIds: boolean): string =>
  integerIds ? write(value) : JSON.stringify(value)
