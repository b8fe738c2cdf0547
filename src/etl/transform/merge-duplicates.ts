/**
 * Merges rows of a time-sorted frame that share a stamp, by policy: mean of the value columns,
 * first or last row (source order), or fail. Every kept row that absorbed others is flagged in
 * `duplicateMerged`; the count of removed rows feeds the reconciliation.
 */
import { ValidationError } from "../../errors.js";
import { numberColumn, type Column, type Frame } from "../../frame.js";

/** What to do with rows sharing a stamp. */
export type DuplicatePolicy = "mean" | "first" | "last" | "fail";

/** Options of `mergeDuplicates`. */
export interface MergeDuplicatesOptions {
  /** default "mean" */
  policy?: DuplicatePolicy;
  /** columns averaged under "mean"; default ["loadMw"] */
  valueColumns?: string[];
  /**
   * compact the rows within `frame`'s own column buffers instead of copying them (the result's
   * columns are views of the input's, whose contents are overwritten): only for a caller that
   * gives the frame up, such as the ETL's whole-series run; default false
   */
  inPlace?: boolean;
}

/** The merged frame, the number of rows removed and a few example stamps. */
export interface MergeDuplicatesResult<F extends Frame> {
  frame: F;
  rowsMerged: number;
  groups: number;
  examples: string[];
}

/** Returns `frame` (sorted by timeUtcMs) with one row per stamp, per `options.policy`. */
export function mergeDuplicates<F extends Frame>(
  frame: F,
  options: MergeDuplicatesOptions = {},
): MergeDuplicatesResult<F> {
  const policy = options.policy ?? "mean";
  const t = numberColumn(frame, "timeUtcMs");
  const n = frame.length;
  const groups = duplicateGroups(t, n);
  const examples = groups.starts.slice(0, 5).map((i) => new Date(t[i]!).toISOString());
  const count = groups.starts.length;
  if (count === 0)
    return { frame: withFlag(frame, new Uint8Array(n)), rowsMerged: 0, groups: 0, examples };
  if (policy === "fail") throw duplicateError(frame, t, examples, count);
  const means =
    policy === "mean" ? groupMeans(frame, groups, options.valueColumns ?? ["loadMw"]) : [];
  const merged = compact(frame, groups, policy, options.inPlace ?? false);
  for (const [name, values] of means) {
    const to = merged.columns[name] as Float64Array;
    let removed = 0; // rows dropped before a group: its kept row moved left by as many
    for (let g = 0; g < groups.starts.length; g++) {
      to[groups.starts[g]! - removed] = values[g]!;
      removed += groups.ends[g]! - groups.starts[g]! - 1;
    }
  }
  return { frame: merged, rowsMerged: groups.removed, groups: count, examples };
}

// Runs of rows sharing a stamp: where each starts and ends (exclusive), and the rows they remove.
// Only the duplicated stamps are recorded, so memory follows the duplicates, not the series.
interface Groups {
  starts: number[];
  ends: number[];
  removed: number;
}

function duplicateGroups(t: Float64Array, n: number): Groups {
  const groups: Groups = { starts: [], ends: [], removed: 0 };
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && t[j] === t[i]) j++;
    if (j - i > 1) {
      groups.starts.push(i);
      groups.ends.push(j);
      groups.removed += j - i - 1;
    }
    i = j;
  }
  return groups;
}

// One row per group (its first or, for "last", its last row), the rows between groups moved as
// whole runs, into new columns or, in place, to the front of the input's (rows only move left);
// the kept row of each group is flagged in `duplicateMerged`.
function compact<F extends Frame>(
  frame: F,
  groups: Groups,
  policy: DuplicatePolicy,
  inPlace: boolean,
): F {
  const length = frame.length - groups.removed;
  const entries = Object.entries(frame.columns);
  const targets = entries.map(([, values]) => (inPlace ? values : emptyColumn(values, length)));
  const flag = new Uint8Array(length);
  let to = 0;
  let from = 0;
  const move = (start: number, end: number) => {
    for (const [c, [, values]] of entries.entries()) moveRows(values, targets[c]!, start, end, to);
    to += end - start;
  };
  for (let g = 0; g < groups.starts.length; g++) {
    const start = groups.starts[g]!;
    move(from, start);
    const kept = policy === "last" ? groups.ends[g]! - 1 : start;
    flag[to] = 1;
    move(kept, kept + 1);
    from = groups.ends[g]!;
  }
  move(from, frame.length);
  const columns: Record<string, Column> = {};
  for (const [c, [name]] of entries.entries()) columns[name] = firstRows(targets[c]!, length);
  return { length, columns: { ...columns, duplicateMerged: flag } } as unknown as F;
}

function emptyColumn(like: Column, length: number): Column {
  if (Array.isArray(like)) return new Array<string>(length);
  return new (like.constructor as new (n: number) => typeof like)(length);
}

// Rows [start, end) of `from` to row `to` of `into` (`into` may be `from`, with to <= start).
function moveRows(from: Column, into: Column, start: number, end: number, to: number): void {
  if (Array.isArray(from)) {
    for (let i = start; i < end; i++) (into as string[])[to + i - start] = from[i]!;
  } else if (into === from) from.copyWithin(to, start, end);
  else (into as typeof from).set(from.subarray(start, end), to);
}

function firstRows(values: Column, length: number): Column {
  if (!Array.isArray(values)) return values.length === length ? values : values.subarray(0, length);
  values.length = length;
  return values;
}

// Each value column's mean per group, taken before the rows move.
function groupMeans(source: Frame, groups: Groups, names: string[]): [string, Float64Array][] {
  const means: [string, Float64Array][] = [];
  for (const name of names) {
    const from = source.columns[name];
    if (!(from instanceof Float64Array)) continue;
    const values = new Float64Array(groups.starts.length);
    for (let g = 0; g < groups.starts.length; g++) {
      const start = groups.starts[g]!;
      const end = groups.ends[g]!;
      let sum = 0;
      for (let i = start; i < end; i++) sum += from[i]!;
      values[g] = sum / (end - start);
    }
    means.push([name, values]);
  }
  return means;
}

function withFlag<F extends Frame>(frame: F, flag: Uint8Array): F {
  const columns: Record<string, Column> = { ...frame.columns, duplicateMerged: flag };
  return { length: frame.length, columns } as unknown as F;
}

function duplicateError(
  frame: Frame,
  t: Float64Array,
  examples: string[],
  groups: number,
): ValidationError {
  const lines = frame.columns.line;
  const problems = examples.map((stamp) => {
    const i = t.indexOf(Date.parse(stamp));
    return {
      line: lines instanceof Int32Array ? lines[i] : undefined,
      value: stamp,
      message: "duplicate timestamp",
      expected: "one row per stamp",
    };
  });
  return new ValidationError(
    `duplicate timestamps: ${groups} stamps appear more than once (expected unique stamps; use duplicates mean|first|last)`,
    problems,
  );
}
