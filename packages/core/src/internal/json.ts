/**
 * JSON parsing that never rounds an id.
 *
 * API versions before 2026-07-01 send ids as JSON integers, and new id ranges start far above 2^53: `JSON.parse`
 * would turn such an id into the nearest double and change its last digits. So the integers of id fields beyond
 * `Number.MAX_SAFE_INTEGER` are read as strings of their exact digits, which the id schemas accept. Other numbers
 * are left to `JSON.parse`.
 *
 * An integer belongs to an id field when the object member it is the value of, directly or as an item of arrays
 * at any depth (`"ats_job_posting_ids": [1, 2]`, `"x_ids": [[1]]`), has an id key: `id`, `*_id` or `*_ids`
 * (compared after JSON unescaping, so `"candidate\u005fid"` is `candidate_id`). Integers of top-level arrays,
 * and of arrays owned by other keys, are never ids.
 */

/**
 * Bodies without a run of 16 digits that does not open a string cannot hold an unsafe integer: the common case,
 * string ids included, costs one regex test.
 */
const mayHoldUnsafeInteger = /(?:^|[^"\d])\d{16}/

const isDigit = (code: number) => code >= 48 && code <= 57

/** A character that continues a number after its integer digits: `.`, `e`, `E`, `+`, `-` or a digit. */
const continuesNumber = (code: number) =>
  isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
const isEscaped = (text: string, at: number): boolean => {
  let backslashes = 0
  while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++
  return backslashes % 2 === 1
}

const idKey = /^(?:id|.*_id|.*_ids)$/

/** Whether the raw text of a key (between its quotes, `[start, end)`) names an id field. */
const isIdKeyAt = (text: string, start: number, end: number, escaped: boolean): boolean => {
  if (escaped) {
    try {
      return idKey.test(JSON.parse(`"${text.slice(start, end)}"`) as string)
    } catch {
      return false // an invalid escape: JSON.parse of the whole body reports it
    }
  }
  const length = end - start
  // "id" alone, or ending in "_id" / "_ids".
  if (text.charCodeAt(end - 1) === 115 /* s */) {
    return length >= 4 && text.charCodeAt(end - 2) === 100 && text.charCodeAt(end - 3) === 105 &&
      text.charCodeAt(end - 4) === 95
  }
  if (text.charCodeAt(end - 1) !== 100 /* d */ || length < 2 || text.charCodeAt(end - 2) !== 105 /* i */) {
    return false
  }
  return length === 2 || text.charCodeAt(end - 3) === 95 /* _ */
}

/**
 * The open containers, innermost last, one small integer each: bit 2 set for an array, bit 1 set when the values
 * read at this point belong to an id field (an object whose current member has an id key, or an array owned by
 * one). So the owner of a value is always `top & 1`.
 */
const ARRAY = 2
const ID = 1

/** Quotes the integer literals of id fields whose value is not a safe integer. */
const quoteUnsafeIds = (text: string): string => {
  let out = ""
  let copiedUpTo = 0
  const stack: Array<number> = []
  let depth = 0
  let top = 0
  let keyStart = 0
  let keyEnd = 0
  let keyEscaped = false
  let nextBackslash = text.indexOf("\\")
  const length = text.length
  let i = 0
  while (i < length) {
    const code = text.charCodeAt(i)
    if (code === 34 /* " */) {
      // The closing quote is the next one not escaped, found with the native `indexOf`: string contents (most of
      // a body) are never visited character by character.
      const start = i + 1
      let end = text.indexOf("\"", start)
      if (nextBackslash !== -1 && nextBackslash < start) nextBackslash = text.indexOf("\\", start)
      const escaped = nextBackslash !== -1 && (end === -1 || nextBackslash < end)
      if (escaped) {
        while (end !== -1 && isEscaped(text, end)) end = text.indexOf("\"", end + 1)
      }
      if (end === -1) end = length
      keyStart = start
      keyEnd = end
      keyEscaped = escaped
      i = end + 1
    } else if (code === 58 /* : */) {
      // The last string read was this member's key.
      if ((top & ARRAY) === 0) top = isIdKeyAt(text, keyStart, keyEnd, keyEscaped) ? ID : 0
      i++
    } else if (code === 44 /* , */) {
      // A new object member has no key yet; an array keeps its owner.
      if ((top & ARRAY) === 0) top = 0
      i++
    } else if (code === 91 /* [ */) {
      stack[depth++] = top
      top = ARRAY | (top & ID)
      i++
    } else if (code === 123 /* { */) {
      stack[depth++] = top
      top = 0
      i++
    } else if (code === 93 /* ] */ || code === 125 /* } */) {
      top = depth > 0 ? stack[--depth]! : 0
      i++
    } else if (isDigit(code) || code === 45 /* - */) {
      const start = i
      i++
      while (i < length && isDigit(text.charCodeAt(i))) i++
      const digitsEnd = i
      if (i < length && continuesNumber(text.charCodeAt(i))) {
        // A fraction or exponent: not an integer. Skip the rest of the number whole.
        while (i < length && continuesNumber(text.charCodeAt(i))) i++
      } else if ((top & ID) !== 0 && digitsEnd - start >= 16) {
        const literal = text.slice(start, digitsEnd)
        // A leading zero makes the literal invalid JSON: left for JSON.parse to refuse, not turned into a string.
        const leadingZero = text.charCodeAt(code === 45 ? start + 1 : start) === 48
        if (!leadingZero && !Number.isSafeInteger(Number(literal))) {
          out += text.slice(copiedUpTo, start) + `"${literal}"`
          copiedUpTo = digitsEnd
        }
      }
    } else {
      i++
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo)
}

/** `JSON.parse`, except that id integers beyond 2^53 come back as strings of their exact digits. */
export const parse = (text: string): unknown =>
  JSON.parse(mayHoldUnsafeInteger.test(text) ? quoteUnsafeIds(text) : text)
