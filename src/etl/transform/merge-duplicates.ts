/**
 * Merges rows of a time-sorted frame that share a stamp, by policy: mean of the value columns,
 * first or last row (source order), or fail. Every kept row that absorbed others is flagged in
 * `duplicateMerged`; the count of removed rows feeds the reconciliation.
 */
import { ValidationError } from "../../errors.js";
import { numberColumn, takeRows, type Column, type Frame } from "../../frame.js";

/** What to do with rows sharing a stamp. */
export type DuplicatePolicy = "mean" | "first" | "last" | "fail";

/** Options of `mergeDuplicates`. */
export interface MergeDuplicatesOptions {
  /** default "mean" */
  policy?: DuplicatePolicy;
  /** columns averaged under "mean"; default ["loadMw"] */
  valueColumns?: string[];
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
  const keepAll = new Uint32Array(n);
  const endsAll = new Uint32Array(n);
  let kept = 0;
  let groups = 0;
  const examples: string[] = [];
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && t[j] === t[i]) j++;
    if (j - i > 1) {
      groups++;
      if (examples.length < 5) examples.push(new Date(t[i]!).toISOString());
    }
    keepAll[kept] = policy === "last" ? j - 1 : i;
    endsAll[kept++] = j;
    i = j;
  }
  const keep = keepAll.subarray(0, kept);
  const groupEnds = endsAll.subarray(0, kept);
  if (groups === 0)
    return { frame: withFlag(frame, new Uint8Array(n)), rowsMerged: 0, groups, examples };
  if (policy === "fail") throw duplicateError(frame, t, examples, groups);
  const merged = takeRows(frame, keep);
  const flag = new Uint8Array(keep.length);
  let start = 0;
  for (let g = 0; g < kept; g++) {
    if (groupEnds[g]! - start > 1) flag[g] = 1;
    start = groupEnds[g]!;
  }
  if (policy === "mean")
    averageGroups(frame, merged, groupEnds, options.valueColumns ?? ["loadMw"]);
  return { frame: withFlag(merged, flag), rowsMerged: n - keep.length, groups, examples };
}

function averageGroups(source: Frame, merged: Frame, ends: Uint32Array, names: string[]): void {
  for (const name of names) {
    const from = source.columns[name];
    const to = merged.columns[name];
    if (!(from instanceof Float64Array) || !(to instanceof Float64Array)) continue;
    let start = 0;
    for (let g = 0; g < ends.length; g++) {
      const end = ends[g]!;
      if (end - start > 1) {
        let sum = 0;
        for (let i = start; i < end; i++) sum += from[i]!;
        to[g] = sum / (end - start);
      }
      start = end;
    }
  }
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
