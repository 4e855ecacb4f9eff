import { FactorialAuth, FactorialClient, RateLimiter } from "@effect-factorial/core"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const auth = FactorialAuth.apiKey(Redacted.make("your-api-key"))

// One POST budget (200 per minute) and one 429 gate for both clients, in this process.
const Shared = RateLimiter.layerMemory()
export const Importer = FactorialClient.layer({ auth }).pipe(Layer.provide(Shared))
export const Syncer = FactorialClient.layer({ auth, timeout: "10 seconds" }).pipe(Layer.provide(Shared))
