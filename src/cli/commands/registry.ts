/**
 * The list of CLI subcommands. Each lives in its own file and exports one
 * `register…Command(program)` function; add new ones here, in help order.
 */
import type { Command } from "commander";
import { registerGenerateCommand } from "./generate.js";
import { registerRunCommand } from "./run.js";
import { registerParamsCommand } from "./params.js";
import { registerKernelCommand } from "./kernel.js";
import { registerEtlCommand } from "./etl.js";
import { registerBacktestCommand } from "./backtest.js";
import { registerForecastCommand } from "./forecast.js";

/** A function that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `powerflow --help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerGenerateCommand,
  registerEtlCommand,
  registerRunCommand,
  registerParamsCommand,
  registerKernelCommand,
  registerBacktestCommand,
  registerForecastCommand,
];
