/**
 * Where a running sandbox answers and how to authenticate against it.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"

/**
 * The address and credentials of a running sandbox.
 *
 * @since 0.1.0
 */
export interface SandboxServerService {
  /** The base URL to give a client, e.g. `http://127.0.0.1:52110` (`http://localhost` in-process). */
  readonly url: string
  /** An API key the sandbox accepts (for `x-api-key`). */
  readonly apiKey: string
  /** A bearer token the sandbox accepts. */
  readonly token: string
}

/**
 * The running sandbox.
 *
 * @example
 * ```ts
 * import { SandboxServer } from "@effect-factorial/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const url = Effect.map(SandboxServer, (server) => server.url)
 * ```
 *
 * @since 0.1.0
 */
export class SandboxServer extends Context.Tag("@effect-factorial/sandbox/SandboxServer")<SandboxServer, SandboxServerService>() {}

/**
 * The failure the app raises to drop a connection without answering; the Node server destroys the socket, the
 * in-process client turns it into a transport error.
 *
 * @since 0.1.0
 */
export class DropConnection extends Data.TaggedError("DropConnection")<{}> {}
