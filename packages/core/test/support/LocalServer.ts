/**
 * A real HTTP server on 127.0.0.1 for tests that must cross a socket (redirects, streamed bodies, compression).
 */
import * as Http from "node:http"
import * as Effect from "effect/Effect"

export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** Every request the server received, in order. */
  readonly received: ReadonlyArray<Received>
}

/** Starts a server answering with `handler`; closed (connections included) when the scope closes. */
export const localServer = (handler: (request: Http.IncomingMessage, response: Http.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Http.Server; readonly info: LocalServer }>((resume) => {
      const received: Array<Received> = []
      const server = Http.createServer((request, response) => {
        received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers })
        // Drain the request body so that the answer is never blocked on it.
        request.resume()
        handler(request, response)
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ server, info: { url: `http://127.0.0.1:${port}`, received } }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ info }) => info))
