/**
 * The deployment side of `powerflow run`: what a container or Kubernetes Job passes without a
 * shell. Expands notebook folders/globs, checks a gs:// destination is reachable and, for a fan-out shard (`--shard … --shard-index i`),
 * redirects the output into the shard's folder, adds the shard's parameters and, once the shard
 * has run, rebuilds the run-level index over every shard folder.
 */
import { posix } from "node:path";
import type { Effects } from "../../effects.js";
import { isGcsUri, listObjects } from "../../etl/load/storage.js";
import { InputError } from "../../errors.js";
import type { RawParameter } from "../params/coerce-parameters.js";
import { expandNotebookArgs } from "./expand-notebook-args.js";
import { gcsIndexStore } from "./gcs-index-store.js";
import { gcsPrefix } from "./gcs-report-sink.js";
import { localIndexStore } from "./local-index-store.js";
import { pickShards, shardFolder, shardParameters } from "./pick-shard.js";
import { rebuildRunIndex, type IndexStore, type RunIndexResult } from "./rebuild-run-index.js";

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
  /** Index store of the run root (default: local folder or gs:// by scheme). */
  indexStore?: IndexStoreFactory;
  /** Throws when --out cannot be written (default: lists a gs:// prefix, accepts local paths). */
  checkDestination?: (out: string) => Promise<void>;
}

// Fails before any kernel starts (not after an hour of notebooks) when the bucket is unreachable.
async function checkDestination(out: string): Promise<void> {
  if (isGcsUri(out)) await listObjects(`${gcsPrefix(out)}/`);
}

/** Returns an IndexStore for a run's output root (local folder or object-store URL). */
export type IndexStoreFactory = (out: string, effects: Effects) => IndexStore;

function defaultIndexStore(out: string, effects: Effects): IndexStore {
  if (isGcsUri(out)) return gcsIndexStore(out);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(out)) {
    throw new InputError(
      `unsupported --out destination for --shard: ${out} (expected a local folder or gs://bucket/prefix)`,
    );
  }
  return localIndexStore(out, effects);
}

function joinOut(out: string, folder: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(out)
    ? `${out.replace(/\/+$/, "")}/${folder}`
    : posix.join(out, folder);
}

/** Resolves notebook arguments and shard flags into what the runner needs. */
export async function resolveDeployRun(
  notebookArgs: readonly string[],
  flags: DeployRunFlags,
  effects: Effects,
  options: ResolveDeployRunOptions = {},
): Promise<DeployRun> {
  const notebooks = await expandNotebookArgs(notebookArgs);
  await (options.checkDestination ?? checkDestination)(flags.out);
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
  const store = (options.indexStore ?? defaultIndexStore)(flags.out, effects);
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
