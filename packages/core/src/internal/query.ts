import type * as UrlParams from "@effect/platform/UrlParams"
import type { QueryParams, QueryValue } from "../FactorialRequest.js"

const encodeValue = (value: QueryValue): string | undefined =>
  value === undefined || value === null ? undefined : String(value)

/**
 * Encodes query parameters the way the Factorial API reads them: arrays as repeated `name[]` entries,
 * booleans as `true` / `false`, `undefined` and `null` left out.
 */
export const encodeQuery = (query: QueryParams | undefined): UrlParams.UrlParams => {
  const params: Array<readonly [string, string]> = []
  if (query === undefined) return params
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      const arrayName = name.endsWith("[]") ? name : `${name}[]`
      for (const item of value as ReadonlyArray<QueryValue>) {
        const encoded = encodeValue(item)
        if (encoded !== undefined) params.push([arrayName, encoded])
      }
    } else {
      const encoded = encodeValue(value as QueryValue)
      if (encoded !== undefined) params.push([name, encoded])
    }
  }
  return params
}
