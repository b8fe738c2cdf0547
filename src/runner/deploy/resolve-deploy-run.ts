/**
 * The deployment side of `powerflow run`: what a container or Kubernetes Job passes without a
 * shell. Expands notebook folders/globs, checks a gs:// destination is reachable and, for a fan-out shard (`--shard … --shard-index i`),
 * redirects the output into the shard's folder, adds the shard's parameters and, once the shard
 * has run, rebuilds the run-level index over every shard folder.
 */
import { posix } from "node:path";
import type { Effects } from "../../effects.js";
import { InputError } from "../../errors.js";
import { openStore } from "../../storage/open-store.js";
import type { Store } from "../../storage/store.js";
import { openReportStore, reportTarget } from "../open-report-store.js";
import type { RawParameter } from "../params/coerce-parameters.js";
import { rebuildRunIndex, type RunIndexResult } from "../report/rebuild-run-index.js";
import { expandNotebookArgs } from "./expand-notebook-args.js";
import { pickShards, shardFolder, shardParameters } from "./pick-shard.js";

/** The deployment flags of `powerflow run`. */
export interface DeployRunFlags {
  /** `--out`: a local folder or an object-store URL. */
  out: string;
  /** `--shard NAME=V1,V2,…` lists (repeatable). */
  shard?: string[];
  /** `--shard-index N` (default: $JOB_COMPLETION_INDEX, set by Indexed Jobs). */
  shardIndex?: string;
}

/** What `powerflow run` does after resolving the deployment flags. */
export interface DeployRun {
  notebooks: string[];
  /** Where this process writes (the shard's folder when sharded). */
  out: string;
  /** Shard parameters, to go before `-p` ones (so `-p` wins). */
  parameters: RawParameter[];
  /** Rebuilds the run-level index when sharded; resolves undefined otherwise. */
  finish(): Promise<RunIndexResult | undefined>;
}

/** Options of `resolveDeployRun` (tests replace the I/O pieces). */
export interface ResolveDeployRunOptions {
  /** Environment for $JOB_COMPLETION_INDEX (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Store of the run root, where the run index goes (default: `openReportStore`). */
  indexStore?: (out: string, effects: Effects) => Store;
  /** Throws when --out cannot be written (default: lists a gs:// prefix, accepts local paths). */
  checkDestination?: (out: string, effects: Effects) => Promise<void>;
}

// Fails before any kernel starts (not after an hour of notebooks) when the bucket is unreachable
// or --out is no place for reports.
async function checkDestination(out: string, effects: Effects): Promise<void> {
  const target = reportTarget(out);
  if (target.kind === "gcs") await openStore(target, effects).list();
}

function joinOut(out: string, folder: string): string {
  return reportTarget(out).kind === "local"
    ? posix.join(out, folder)
    : `${out.replace(/\/+$/, "")}/${folder}`;
}

/** Resolves notebook arguments and shard flags into what the runner needs. */
export async function resolveDeployRun(
  notebookArgs: readonly string[],
  flags: DeployRunFlags,
  effects: Effects,
  options: ResolveDeployRunOptions = {},
): Promise<DeployRun> {
  const notebooks = await expandNotebookArgs(notebookArgs);
  await (options.checkDestination ?? checkDestination)(flags.out, effects);
  const specs = flags.shard ?? [];
  const index = flags.shardIndex ?? (options.env ?? process.env).JOB_COMPLETION_INDEX;
  if (specs.length === 0) {
    if (flags.shardIndex !== undefined)
      throw new InputError("--shard-index without --shard (expected both)");
    return { notebooks, out: flags.out, parameters: [], finish: () => Promise.resolve(undefined) };
  }
  if (index === undefined) {
    throw new InputError(
      "--shard without --shard-index (expected --shard-index N or $JOB_COMPLETION_INDEX)",
    );
  }
  const shards = pickShards(specs, index);
  const store = (options.indexStore ?? openReportStore)(flags.out, effects);
  return {
    notebooks,
    out: joinOut(flags.out, shardFolder(shards)),
    parameters: shardParameters(shards),
    finish: async () => {
      const result = await rebuildRunIndex(store, { logger: effects.logger });
      effects.logger.info(
        `index ok ${result.reports} report(s) from ${result.folders.length} shard folder(s) (${result.rounds} round(s))`,
      );
      return result;
    },
  };
}
