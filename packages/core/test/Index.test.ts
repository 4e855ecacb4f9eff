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
        "FactorialErrorTypeId",
        "Pagination",
        "OAuth",
        "TokenStore",
        "TokenStoreError"
      ]
    ) {
      expect([name, name in Core]).toEqual([name, true])
    }
    // Each name once: what a namespace module defines is reached through the namespace only.
    for (const name of ["Page", "PageMeta", "PaginationError", "OAuthError", "TokenResponse"]) {
      expect([name, name in Core]).toEqual([name, false])
    }
    expect(typeof Core.Pagination.PaginationError).toBe("function")
    expect(typeof Core.OAuth.OAuthError).toBe("function")
    expect(typeof Core.FactorialAuth.apiKey).toBe("function")
    expect(typeof Core.FactorialClient.layerConfig).toBe("function")
  })
})
