/**
 * JSON parsing that never rounds an id.
 *
 * API versions before 2026-07-01 send ids as JSON integers, and new id ranges start far above 2^53: `JSON.parse`
 * would turn such an id into the nearest double and change its last digits. So the integers of id fields (`id`,
 * `*_id`, and the items of `*_ids`) beyond `Number.MAX_SAFE_INTEGER` are read as strings of their exact digits,
 * which the id schemas accept. Other numbers are left to `JSON.parse`.
 */

/**
 * Bodies without a run of 16 digits that does not open a string cannot hold an unsafe integer: the common case,
 * string ids included, costs one regex test.
 */
const mayHoldUnsafeInteger = /(?:^|[^"\d])\d{16}/

const idKey = /^(?:id|.*_id|.*_ids)$/

const isDigit = (code: number) => code >= 48 && code <= 57

/** Quotes the integer literals of id fields whose value is not a safe integer. */
const quoteUnsafeIds = (text: string): string => {
  let out = ""
  let copiedUpTo = 0
  // For each open container: the key it is the value of (arrays), or undefined (objects).
  const containers: Array<{ readonly array: boolean; readonly key: string | undefined }> = []
  let lastString: string | undefined
  let key: string | undefined
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === 34 /* " */) {
      const start = ++i
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1
      lastString = text.slice(start, i)
      i++
      continue
    }
    if (code === 58 /* : */) key = lastString
    else if (code === 91 /* [ */) containers.push({ array: true, key })
    else if (code === 123 /* { */) containers.push({ array: false, key: undefined })
    else if (code === 93 /* ] */ || code === 125 /* } */) containers.pop()
    else if (isDigit(code) || code === 45 /* - */) {
      const start = i
      i++
      while (i < text.length && isDigit(text.charCodeAt(i))) i++
      const next = text.charCodeAt(i)
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69 /* E */
      const container = containers[containers.length - 1]
      const field = container?.array ? container.key : key
      const literal = text.slice(start, i)
      if (
        isInteger && literal.length >= 16 && field !== undefined && idKey.test(field) &&
        !Number.isSafeInteger(Number(literal))
      ) {
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

/** `JSON.parse`, except that id integers beyond 2^53 come back as strings of their exact digits. */
export const parse = (text: string): unknown =>
  JSON.parse(mayHoldUnsafeInteger.test(text) ? quoteUnsafeIds(text) : text)
