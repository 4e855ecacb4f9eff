// Arranging and inspecting records directly, and answering with raw HTTP.
import { Sandbox, SandboxServer, SandboxState } from "@effect-factorial/sandbox"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import * as Effect from "effect/Effect"

export const program = Effect.gen(function*() {
  const state = yield* SandboxState
  // Arrange: a candidate the test knows by name (records are wire-form objects: string ids, ISO timestamps).
  const ada = state.insert("candidates", {
    id: null,
    company_id: state.companyId,
    first_name: "Ada",
    last_name: "Lovelace",
    full_name: "Ada Lovelace",
    email: "ada@example.com",
    talent_pool: false,
    created_at: "2026-06-01T10:00:00.000Z",
    updated_at: "2026-06-01T10:00:00.000Z"
  })

  // Act: any HTTP client works; this one is the in-process client of `Sandbox.layerClient`.
  const server = yield* SandboxServer
  const response = yield* HttpClientRequest.get(`${server.url}/api/2026-07-01/resources/ats/candidates/${ada.id}`).pipe(
    HttpClientRequest.setHeader("x-api-key", server.apiKey),
    HttpClient.execute
  )
  const body = yield* response.json

  // Assert on the answer and on the state.
  return { status: response.status, body, candidates: state.count("candidates") }
}).pipe(Effect.scoped, Effect.provide(Sandbox.layerClient({ size: 10 })))
