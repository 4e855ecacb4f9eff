/**
 * `factorial-ats sandbox`: the sandbox served over HTTP, as `pnpm sandbox` does, until Ctrl-C.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Faults, Sandbox, SandboxOAuth, SandboxServer, SandboxState } from "@effect-factorial/sandbox"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** The command. */
export const command = Command.make(
  "sandbox",
  {
    port: Options.integer("port").pipe(Options.withDescription("Port to listen on (0 picks a free one)."), Options.withDefault(4010)),
    host: Options.text("host").pipe(Options.withDescription("Interface to listen on."), Options.withDefault("127.0.0.1")),
    candidates: Options.integer("candidates").pipe(Options.withDescription("Seeded candidates."), Options.withDefault(50)),
    seed: Options.integer("seed").pipe(Options.withDescription("Seed of the generated data."), Options.withDefault(1)),
    faults: Options.choice("faults", Faults.kinds).pipe(
      Options.withDescription("A fault kind to inject, repeatable (spread over --fault-rate)."),
      Options.repeated
    ),
    faultRate: Options.float("fault-rate").pipe(
      Options.withDescription("Probability of a fault per request (default 0.1 when --faults is given)."),
      Options.optional
    ),
    latency: Options.integer("latency").pipe(Options.withDescription("Milliseconds of latency per request."), Options.optional),
    bigIds: Options.boolean("big-ids").pipe(Options.withDescription("Start ids above 2^53."))
  },
  (config) =>
    Effect.gen(function*() {
      const server = yield* SandboxServer
      const state = yield* SandboxState
      const oauth = yield* SandboxOAuth
      const client = oauth.clients[0]
      yield* Effect.sync(() =>
        process.stdout.write(
          `Factorial sandbox listening on ${server.url} (${state.count("candidates")} candidates)\n` +
            `  FACTORIAL_BASE_URL=${server.url} FACTORIAL_API_KEY=${server.apiKey}\n` +
            `  OAuth: FACTORIAL_CLIENT_ID=${client?.id} FACTORIAL_CLIENT_SECRET=${client?.secret}\n`
        )
      )
      return yield* Effect.never
    }).pipe(Effect.provide(Sandbox.layerServer({
      port: config.port,
      host: config.host,
      size: config.candidates,
      seed: config.seed,
      bigIds: config.bigIds,
      faults: {
        probabilities: config.faults.length === 0 && Option.isNone(config.faultRate)
          ? undefined
          : Faults.uniform(Option.getOrElse(config.faultRate, () => 0.1), config.faults.length === 0 ? undefined : config.faults),
        latency: Option.getOrUndefined(Option.map(config.latency, Duration.millis))
      }
    })))
).pipe(Command.withDescription("Serve the sandbox (a fake Factorial with seeded data) on 127.0.0.1 until Ctrl-C."))
