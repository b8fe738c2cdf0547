/** `powerflow run`: executes notebooks headlessly into .ipynb + HTML reports. */
import type { Command } from "commander";
import {
  assertRunSucceeded,
  CliError,
  createProgressReporter,
  InputError,
  nodeEffects,
  parsePairArgs,
  parseParamsFile,
  RUN_DEFAULTS,
  runNotebooks,
  type Effects,
  type RawParameter,
  type RunNotebooksOptions,
  type RunSummary,
} from "../../index.js";
import { resolveDeployRun } from "../../runner/deploy/resolve-deploy-run.js";
import { parseIntegerOption, parseNumberOption } from "../parse-options.js";

interface RunFlags {
  out: string;
  param: string[];
  params?: string;
  kernel?: string;
  jobs?: string;
  cellTimeout?: string;
  startupTimeout?: string;
  inputHashMaxBytes?: string;
  maxCellOutputBytes?: string;
  allowErrors?: boolean;
  input: boolean;
  liveSrc?: boolean;
  quiet?: boolean;
  shard: string[];
  shardIndex?: string;
  force?: boolean;
  resume?: boolean;
  cacheHttp?: boolean;
}

/** Adds `run` to the program. */
export function registerRunCommand(program: Command): void {
  const command = program
    .command("run")
    .description(
      "execute notebooks on the tslab kernel into <name>.ipynb, <name>.html and <name>.manifest.json",
    )
    .argument("<notebooks...>", "notebooks (.ipynb), folders of them or name globs (nb/*.ipynb)");
  addExecutionOptions(command);
  addFreshnessOptions(command);
  addDeployOptions(command);
  command.action((notebookArgs: string[], flags: RunFlags) => runCommand(notebookArgs, flags));
}

function addExecutionOptions(command: Command): void {
  command
    // resolveDeployRun needs the folder itself (to redirect shards into it), so the flag has it
    .option("--out <dir>", "output folder or gs://bucket/prefix", RUN_DEFAULTS.out)
    .option(
      "-p, --param <name=value>",
      "set a parameter (repeatable); typed by the notebook's parameters cell",
      collect,
      [],
    )
    .option("--params <file>", "parameters from a JSON or YAML file (-p wins)")
    .option(
      "--kernel <name>",
      "kernelspec name from Jupyter's paths (default: this checkout's tslab launcher; another checkout's kernelspec is refused)",
    )
    .option("-j, --jobs <n>", "notebooks run at once (default: number of CPUs)")
    .option(
      "--cell-timeout <seconds>",
      `per-cell limit: interrupt, then kill the kernel (default: ${RUN_DEFAULTS.cellTimeoutMs / 1000})`,
    )
    .option(
      "--startup-timeout <seconds>",
      `limit for the kernel to start (default: ${RUN_DEFAULTS.startupTimeoutMs / 1000})`,
    )
    .option(
      "--input-hash-max-bytes <n>",
      `largest input file hashed for the manifest; larger ones are listed with a note (default ${RUN_DEFAULTS.inputHashMaxBytes})`,
    )
    .option(
      "--max-cell-output-bytes <n>",
      `output one cell may produce; the rest is dropped with a marker (default ${RUN_DEFAULTS.maxCellOutputBytes})`,
    )
    .option("--allow-errors", "keep running after a failing cell (the run still exits 1)")
    .option("--no-input", "leave code out of the HTML reports")
    .option(
      "--live-src",
      "let the kernels compile src/ themselves (as in Jupyter) even when the build (dist/) is up to date",
    )
    .option("-q, --quiet", "no progress output");
}

function addFreshnessOptions(command: Command): void {
  command
    .option("--force", "run every notebook, even those whose report in --out is fresh")
    .option(
      "--resume",
      "continue the failed or interrupted batch in --out: run only its failed, interrupted and not started notebooks",
    )
    .option(
      "--cache-http",
      "let HTTP responses key a run (fetched again to check it); otherwise a notebook that reads the network always runs",
    );
}

function addDeployOptions(command: Command): void {
  command
    .option(
      "--shard <name=values>",
      "fan-out: run with the --shard-index'th value of each list, into <out>/<name>=<value>/ (repeatable)",
      collect,
      [],
    )
    .option("--shard-index <n>", "which --shard value to run (default $JOB_COMPLETION_INDEX)");
}

async function runCommand(notebookArgs: string[], flags: RunFlags): Promise<void> {
  const effects = nodeEffects();
  const deploy = await resolveDeployRun(notebookArgs, flags, effects);
  const parameters = [
    ...(await readParamsFile(flags.params, effects)),
    ...deploy.parameters,
    ...parsePairArgs(flags.param),
  ];
  const options = runnerOptions(flags);
  const interruption = interruptOnSignals();
  try {
    const summary = await runNotebooks(deploy.notebooks, effects, {
      ...options,
      out: deploy.out,
      parameters,
      signal: interruption.signal,
    });
    await deploy.finish();
    const stoppedBy = interruption.stoppedBy();
    if (stoppedBy !== undefined) throw interruptedError(stoppedBy, summary);
    assertRunSucceeded(summary);
  } finally {
    interruption.dispose();
  }
}

/** The runner's options from the flags; a flag not given leaves the runner's default. */
function runnerOptions(flags: RunFlags): RunNotebooksOptions {
  return {
    kernel: flags.kernel,
    jobs: positiveInteger("--jobs", flags.jobs),
    cellTimeoutMs: secondsAsMs("--cell-timeout", flags.cellTimeout),
    startupTimeoutMs: secondsAsMs("--startup-timeout", flags.startupTimeout),
    inputHashMaxBytes: positiveInteger("--input-hash-max-bytes", flags.inputHashMaxBytes),
    maxCellOutputBytes: positiveInteger("--max-cell-output-bytes", flags.maxCellOutputBytes),
    allowErrors: flags.allowErrors ?? false,
    noInput: !flags.input,
    prebuilt: !flags.liveSrc,
    force: flags.force ?? false,
    resume: flags.resume ?? false,
    cacheHttp: flags.cacheHttp ?? false,
    progress: createProgressReporter(progressMode(flags), (text) => process.stderr.write(text)),
  };
}

function progressMode(flags: RunFlags): "quiet" | "live" | "plain" {
  if (flags.quiet) return "quiet";
  return process.stderr.isTTY && !process.env.CI ? "live" : "plain";
}

/**
 * The first Ctrl-C (or SIGTERM, as Kubernetes sends before killing a pod) interrupts the running
 * cells and writes the partial reports; a second one exits at once (the kernels are killed by the
 * launcher's exit hook).
 */
function interruptOnSignals(): {
  signal: AbortSignal;
  stoppedBy: () => NodeJS.Signals | undefined;
  dispose: () => void;
} {
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stoppedBy !== undefined) process.exit(exitCodeOf(signal));
    stoppedBy = signal;
    process.stderr.write(
      `\npowerflow: ${signal}: interrupting the running cells and writing partial reports (${signal} again to quit at once)\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    dispose: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}

function interruptedError(signal: NodeJS.Signals, summary: RunSummary): CliError {
  const skipped = summary.skipped.length > 0 ? `; not started: ${summary.skipped.join(", ")}` : "";
  const ran = summary.results.filter((r) => !summary.reused.includes(r.path)).map((r) => r.path);
  return new CliError(
    `run interrupted by ${signal}: partial reports written for ${ran.join(", ") || "no notebook"}${skipped} (the same command with --resume runs what is left)`,
    exitCodeOf(signal),
  );
}

async function readParamsFile(path: string | undefined, effects: Effects): Promise<RawParameter[]> {
  if (path === undefined) return [];
  let bytes: Uint8Array;
  try {
    bytes = await effects.readFile(path);
  } catch (error) {
    throw new InputError(`params file not found: ${path} (expected a readable JSON or YAML file)`, {
      cause: error,
    });
  }
  return parseParamsFile(new TextDecoder().decode(bytes), path);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : positive(flag, parseIntegerOption(flag, text));
}

function secondsAsMs(flag: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : positive(flag, parseNumberOption(flag, text)) * 1000;
}

function positive(flag: string, value: number): number {
  if (value <= 0) throw new InputError(`invalid ${flag}: ${value} (expected a positive number)`);
  return value;
}

// 128 + the signal number, as shells report a process a signal stopped.
function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === "SIGTERM" ? 143 : 130;
}
