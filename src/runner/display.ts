/**
 * Sends rich output from a notebook cell: a MIME bundle goes, as one display_data message, to
 * the cell whose code called it, through the per-cell writer that PowerFlow's kernel launcher
 * (bin/tslab-kernel.cjs, with bin/tslab-hooks.cjs) publishes on `globalThis`.
 *
 * A display that cannot be delivered is never dropped quietly: it throws DisplayError naming the
 * cause, so the cell fails and `powerflow run` exits 1. That includes plain Node and vitest:
 * code that only needs the output builds it with the pure bundle builders (plotlyBundle,
 * tableBundle, svgBundle, markdownBundle, analysisBundle) and inspects that instead.
 */
import { DisplayError } from "../errors.js";

/** What the kernel launcher publishes as `globalThis.__powerflowKernel__`. */
interface KernelHooks {
  callingCell(): KernelCell | undefined;
}

/** One cell execution, as the launcher tracks it. */
interface KernelCell {
  executionCount: number;
  running: boolean;
  write(
    content: {
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      transient: Record<string, unknown>;
    },
    update: boolean,
  ): void;
  /** Sends an error output to this cell (it may have finished already). */
  fail(ename: string, evalue: string, traceback: string[]): void;
}

/**
 * Displays `bundle` (MIME type → data, e.g. `{ "text/html": "<b>hi</b>", "text/plain": "hi" }`;
 * JSON types such as application/vnd.plotly.v1+json take objects) in the calling cell. Returns
 * nothing, so a cell ending in a display prints no extra value; throws DisplayError when no
 * running cell can receive it. Options: `metadata` per MIME type (default {}).
 */
export function display(
  bundle: Record<string, unknown>,
  options: { metadata?: Record<string, unknown> } = {},
): void {
  callingCell().write({ data: bundle, metadata: options.metadata ?? {}, transient: {} }, false);
}

function callingCell(): KernelCell {
  const hooks = (globalThis as { __powerflowKernel__?: KernelHooks }).__powerflowKernel__;
  if (hooks === undefined) {
    if ((globalThis as { __tslab__?: unknown }).__tslab__ !== undefined)
      throw new DisplayError(
        "not-launcher",
        "display failed: tslab kernel not started by PowerFlow's launcher, so no cell's display writer is reachable (expected a kernel started by `powerflow run` or by the kernelspec `powerflow kernel install` writes, whose bin/tslab-kernel.cjs installs the display hooks)",
      );
    throw new DisplayError(
      "no-kernel",
      "display failed: not inside a notebook kernel (plain Node, a test or the CLI) (expected a tslab kernel started by `powerflow run` or Jupyter; outside one, build the output with plotlyBundle, tableBundle, svgBundle, markdownBundle or analysisBundle and inspect the bundle)",
    );
  }
  const cell = hooks.callingCell();
  if (cell === undefined)
    throw new DisplayError(
      "no-cell",
      "display failed: no cell is running: display called outside any cell's code (expected a call from a cell)",
    );
  if (!cell.running) {
    const error = new DisplayError(
      "cell-finished",
      `display failed: no cell is running: display called after cell [${cell.executionCount}] finished, from a timer or callback it started (expected the cell to await its work before it ends)`,
    );
    cell.fail(error.name, error.message, (error.stack ?? error.message).split("\n"));
    throw error;
  }
  return cell;
}
