/**
 * The list of CLI subcommands. Each lives in its own file and exports one
 * `register…Command(program)` function; add new ones here, in help order. Modules load on use:
 * `powerflow run …` loads only the run command (not TensorFlow.js, the ETL connectors, …).
 */
import type { Command } from "commander";

/** A function that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** One subcommand: its name and how to load its registration function. */
export interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
}

/** Every subcommand, in the order `powerflow --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: "generate", load: async () => (await import("./generate.js")).registerGenerateCommand },
  { name: "etl", load: async () => (await import("./etl.js")).registerEtlCommand },
  { name: "run", load: async () => (await import("./run.js")).registerRunCommand },
  { name: "params", load: async () => (await import("./params.js")).registerParamsCommand },
  { name: "verify", load: async () => (await import("./verify.js")).registerVerifyCommand },
  { name: "kernel", load: async () => (await import("./kernel.js")).registerKernelCommand },
  { name: "backtest", load: async () => (await import("./backtest.js")).registerBacktestCommand },
  { name: "forecast", load: async () => (await import("./forecast.js")).registerForecastCommand },
];

/**
 * The commands needed to parse `argv`: only the one it names when its first word is a command
 * name, else all of them (for --help, `help <command>` and unknown-command messages).
 */
export async function loadCommands(argv: readonly string[]): Promise<RegisterCommand[]> {
  const word = argv.find((arg) => !arg.startsWith("-"));
  const named = COMMANDS.find((entry) => entry.name === word);
  return Promise.all((named ? [named] : COMMANDS).map((entry) => entry.load()));
}
