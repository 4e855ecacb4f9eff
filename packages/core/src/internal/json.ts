/**
 * JSON parsing that never rounds an integer.
 *
 * API versions before 2026-07-01 send ids as JSON integers, and new id ranges start far above 2^53: `JSON.parse`
 * would turn such an id into the nearest double and change its last digits. Integers beyond
 * `Number.MAX_SAFE_INTEGER` are therefore read as strings of their exact digits (the id schemas accept both).
 */

/**
 * Bodies without a run of 16 digits that does not open a string cannot hold an unsafe integer: the common case,
 * string ids included, costs one regex test.
 */
const mayHoldUnsafeInteger = /(?:^|[^"\d])\d{16}/

const isDigit = (code: number) => code >= 48 && code <= 57

/** Quotes every integer literal outside strings whose value is not a safe integer. */
const quoteUnsafeIntegers = (text: string): string => {
  let out = ""
  let copiedUpTo = 0
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === 34 /* " */) {
      // Skip the string, honouring escapes.
      i++
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1
      i++
      continue
    }
    if (isDigit(code) || code === 45 /* - */) {
      const start = i
      i++
      while (i < text.length && isDigit(text.charCodeAt(i))) i++
      const next = text.charCodeAt(i)
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69 /* E */
      const literal = text.slice(start, i)
      if (isInteger && literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += text.slice(copiedUpTo, start) + `"${literal}"`
        copiedUpTo = i
      }
      // A fraction or exponent is skipped whole.
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i++
      continue
    }
    i++
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo)
}

/** `JSON.parse`, except that integers beyond 2^53 come back as strings of their exact digits. */
export const parse = (text: string): unknown =>
  JSON.parse(mayHoldUnsafeInteger.test(text) ? quoteUnsafeIntegers(text) : text)
