import { ServeError } from "@effect/platform/HttpServerError"
import * as Effect from "effect/Effect"

/** The Node server modules `Sandbox.serve` needs, loaded on demand so the in-process sandbox never imports them. */
export interface Modules {
  readonly NodeHttpServer: typeof import("@effect/platform-node/NodeHttpServer")
  readonly NodeHttpServerRequest: typeof import("@effect/platform-node/NodeHttpServerRequest")
  readonly createServer: typeof import("node:http").createServer
}

/** Loads the Node server stack; a missing optional peer `@effect/platform-node` is a `ServeError` naming it. */
export const load: Effect.Effect<Modules, ServeError> = Effect.tryPromise({
  try: async () => {
    const [NodeHttpServer, NodeHttpServerRequest, http] = await Promise.all([
      import("@effect/platform-node/NodeHttpServer"),
      import("@effect/platform-node/NodeHttpServerRequest"),
      import("node:http")
    ])
    return { NodeHttpServer, NodeHttpServerRequest, createServer: http.createServer }
  },
  catch: (cause) =>
    new ServeError({
      cause: new Error(
        "Serving the sandbox over HTTP needs the optional peer dependency @effect/platform-node " +
          "(npm install @effect/platform-node@^0.108.2); the in-process Sandbox.layerClient does not.",
        { cause }
      )
    })
})
