/** The verdict on a run: whether `powerflow run` exits 0. */
import { NotebookError } from "../errors.js";
import type { RunSummary } from "./run-notebooks.js";

/** Throws NotebookError describing the first failure when any notebook failed. */
export function assertRunSucceeded(summary: RunSummary): void {
  const first = summary.failed[0];
  if (!first) return;
  const failure = first.manifest.failures[0];
  const where =
    failure && failure.cellIndex >= 0
      ? `cell ${failure.cellIndex + 1}${failure.executionCount ? ` (execution ${failure.executionCount})` : ""}`
      : "kernel";
  const others =
    summary.failed.length > 1 ? ` (and ${summary.failed.length - 1} more failed notebook(s))` : "";
  throw new NotebookError(
    `notebook failed: ${first.path}: ${where}: ${failure?.ename ?? "Error"}: ${(failure?.evalue ?? "").split("\n")[0]}${others}`,
    {
      notebook: first.path,
      cellIndex: failure?.cellIndex,
      executionCount: failure?.executionCount,
      errorName: failure?.ename,
      errorValue: failure?.evalue,
    },
  );
}
