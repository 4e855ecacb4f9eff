/**
 * `factorial-ats`: the command-line tool of effect-factorial. Every resource command is derived from the SDK's
 * resource descriptions, so a resource added to the SDK is a resource of the CLI.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Errors from "./internal/errors.js"
import * as Export from "./internal/exportCommand.js"
import * as Login from "./internal/loginCommands.js"
import * as Records from "./internal/recordCommands.js"
import * as SandboxCommand from "./internal/sandboxCommand.js"
import * as WebhooksCommand from "./internal/webhooksCommand.js"

/**
 * The root command and its subcommands.
 *
 * @since 0.1.0
 */
export const command = Command.make("factorial-ats").pipe(
  Command.withDescription("Export, inspect and change Factorial ATS data; log in with OAuth; listen to webhooks."),
  Command.withSubcommands([
    Export.command,
    Records.get,
    Records.list,
    Records.createCommand,
    Records.updateCommand,
    Records.deleteCommand,
    Records.actionCommand,
    Login.login,
    Login.logout,
    WebhooksCommand.command,
    SandboxCommand.command
  ])
)

/**
 * The exit codes, as documented in docs/cli.md.
 *
 * @since 0.1.0
 */
export const ExitCode = Errors.ExitCode

const cli = Command.run(command, { name: "factorial-ats", version: "0.1.0" })

/**
 * Runs the CLI on `process.argv`-style arguments; answers the exit code. Failures are printed as one line on
 * stderr (the whole cause with `--verbose`); an interruption leaves the exit to the runtime (130).
 *
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.suspend(() => cli(argv)).pipe(
    Effect.exit,
    Effect.flatMap((exit) => {
      if (Exit.isSuccess(exit)) return Effect.succeed(ExitCode.ok)
      if (Cause.isInterruptedOnly(exit.cause)) return Effect.interrupt
      const error = Option.getOrElse(Cause.failureOption(exit.cause), () => Cause.squash(exit.cause))
      const code = Errors.exitCode(error)
      return Effect.sync(() => {
        if (code !== ExitCode.ok) process.stderr.write(`factorial-ats: ${Errors.render(error)}\n`)
        if (argv.includes("--verbose")) process.stderr.write(Errors.verbose(exit.cause) + "\n")
        return code
      })
    })
  )
