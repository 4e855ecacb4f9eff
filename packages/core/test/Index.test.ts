import { describe, expect, it } from "@effect/vitest"
import * as Core from "../src/index.js"

describe("package root", () => {
  it("exports the public surface by name", () => {
    for (
      const name of [
        "FactorialClient",
        "FactorialAuth",
        "BadRequest",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "Conflict",
        "UnprocessableEntity",
        "RateLimited",
        "ServerError",
        "UnexpectedStatus",
        "TransportError",
        "TimeoutError",
        "DecodeError",
        "InvalidRequest",
        "AuthError",
        "isFactorialError",
        "Json",
        "Pagination",
        "Page",
        "PageMeta",
        "PaginationError",
        "OAuth",
        "OAuthError",
        "TokenStore",
        "TokenStoreError",
        "TokenResponse"
      ]
    ) {
      expect([name, name in Core]).toEqual([name, true])
    }
    expect(typeof Core.FactorialAuth.apiKey).toBe("function")
    expect(typeof Core.FactorialClient.layerConfig).toBe("function")
  })
})
