/**
 * The powerflow CLI: argument parsing, dispatch and exit codes; nothing else.
 * Exit codes: 0 ok, 1 failed work, 2 bad usage or input.
 */
import { Command, CommanderError } from "commander";
import {
  isCliError,
  isInputError,
  isNotebookError,
  isValidationError,
  redactSecrets,
} from "../index.js";
import { loadCommands } from "./commands/registry.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";

/** Builds the commander program with the subcommands `argv` needs (all when it names none). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("powerflow")
    .description(
      "PowerFlow: electricity analytics — ETL, forecasting, analysis and notebook reports",
    )
    .option("--debug", "print stack traces and debug logs")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of await loadCommands(argv)) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  const debug = argv.includes("--debug");
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return EXIT_OK;
    if (error.code === "commander.help") return EXIT_OK;
    return EXIT_USAGE;
  }
  if (isCliError(error)) {
    if (error.print) process.stderr.write(`powerflow: ${redactSecrets(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // The last line of defence: a message that quotes a URL never prints its credentials.
  process.stderr.write(`powerflow: ${redactSecrets(message)}\n`);
  if (debug && error instanceof Error && error.stack)
    process.stderr.write(`${redactSecrets(error.stack)}\n`);
  else if (!debug) process.stderr.write("(rerun with --debug for the stack trace)\n");
  if (isInputError(error) || isValidationError(error)) return EXIT_USAGE;
  if (isNotebookError(error)) return EXIT_FAILED;
  return EXIT_FAILED;
}
