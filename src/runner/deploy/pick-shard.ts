/**
 * Chooses the parameter values one worker of a fan-out runs with: an Indexed Kubernetes Job
 * passes every value list (`--shard zone=ALPHA,BETA --shard input=a.csv,b.csv`) and its
 * completion index (`--shard-index $(JOB_COMPLETION_INDEX)`); index i runs the notebooks with
 * the i-th value of every list.
 */
import { InputError } from "../../errors.js";
import type { RawParameter } from "../params/coerce-parameters.js";

/** One parameter value of one shard. */
export interface Shard {
  /** Notebook parameter name, e.g. "zone". */
  name: string;
  /** This shard's value, e.g. "BETA". */
  value: string;
  /** 0-based shard index. */
  index: number;
  /** Number of shards (values per list). */
  count: number;
}

const SPEC = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/;

function parseSpec(spec: string): { name: string; values: string[] } {
  const match = SPEC.exec(spec.trim());
  const values = match ? match[2]!.split(",").map((v) => v.trim()) : [];
  if (!match || values.some((v) => v === "")) {
    throw new InputError(
      `invalid --shard: "${spec}" (expected NAME=VALUE,VALUE,…, e.g. zone=ALPHA,BETA)`,
    );
  }
  return { name: match[1]!, values };
}

/**
 * Returns shard `index` (a decimal string, as Kubernetes passes it) of every `specs` list
 * ("name=v1,v2,…"); all lists must be equally long and the first one's values distinct.
 */
export function pickShards(specs: readonly string[], index: string): Shard[] {
  const lists = specs.map(parseSpec);
  const first = lists[0];
  if (!first)
    throw new InputError(
      "missing --shard (expected at least one NAME=VALUE,VALUE,… with --shard-index)",
    );
  const duplicate = first.values.find((v, i) => first.values.indexOf(v) !== i);
  if (duplicate !== undefined) {
    throw new InputError(
      `invalid --shard: "${specs[0]}" lists ${duplicate} twice (expected distinct values)`,
    );
  }
  for (const [i, list] of lists.entries()) {
    if (list.values.length !== first.values.length) {
      throw new InputError(
        `invalid --shard: "${specs[i]}" has ${list.values.length} values (expected ${first.values.length}, as many as ${first.name})`,
      );
    }
    if (lists.findIndex((l) => l.name === list.name) !== i) {
      throw new InputError(
        `invalid --shard: ${list.name} is given twice (expected one list per parameter)`,
      );
    }
  }
  if (!/^\d+$/.test(index.trim()) || Number(index) >= first.values.length) {
    throw new InputError(
      `invalid --shard-index: "${index}" (expected an integer from 0 to ${first.values.length - 1}, one per value of ${first.name})`,
    );
  }
  const i = Number(index);
  return lists.map((l) => ({
    name: l.name,
    value: l.values[i]!,
    index: i,
    count: l.values.length,
  }));
}

/** The folder a shard writes under its run's output, from its first list, e.g. "zone=BETA". */
export function shardFolder(shards: readonly Shard[]): string {
  const first = shards[0]!;
  if (!/^[A-Za-z0-9._-]+$/.test(first.value)) {
    throw new InputError(
      `invalid --shard value for a folder name: "${first.value}" (expected letters, digits, . _ -)`,
    );
  }
  return `${first.name}=${first.value}`;
}

/** The shard's values as `-p`-style parameters (typed by each notebook's parameters cell). */
export function shardParameters(shards: readonly Shard[]): RawParameter[] {
  return shards.map((s) => ({ name: s.name, value: s.value, fromText: true, origin: "--shard" }));
}
