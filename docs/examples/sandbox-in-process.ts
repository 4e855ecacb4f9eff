// The in-process sandbox: no socket, the app runs in the calling fiber; here with injected faults.
import { Ats, Candidates } from "@effect-factorial/ats"
import { FactorialAuth, FactorialClient } from "@effect-factorial/core"
import { Faults, Sandbox } from "@effect-factorial/sandbox"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// 20% of requests fail with a 500, a 502 or a dropped connection, always the same ones for seed 7.
const FlakySandbox = Sandbox.layerClient({
  size: 1_000,
  faults: { seed: 7, probabilities: Faults.uniform(0.2, ["serverError", "badGateway", "dropConnection"]) }
})

// `Sandbox.layerClient` provides the `HttpClient`; any base URL works, `Sandbox.inProcessUrl` reads best.
const AtsOnFlakySandbox = Ats.layer.pipe(
  Layer.provide(FactorialClient.layer({ baseUrl: Sandbox.inProcessUrl, auth: FactorialAuth.apiKey("sandbox-api-key") })),
  Layer.provideMerge(FlakySandbox)
)

// A full scan still sees every candidate exactly once: the client retries the failed pages.
export const scan = Effect.flatMap(Candidates, (candidates) => candidates.all()).pipe(
  Effect.map((all) => new Set(all.map((candidate) => candidate.id)).size === 1_000),
  Effect.provide(AtsOnFlakySandbox)
)
