/** Runs every code cell of a notebook on a kernel, in order, and records outputs and timing. */
import type { DroppedOutput, ExecuteOptions, ExecuteOutcome } from "../kernel/kernel-client.js";
import type { JupyterMessage } from "../kernel/wire.js";
import {
  sourceText,
  toLines,
  type Notebook,
  type NotebookCell,
  type NotebookOutput,
} from "../notebook/notebook-types.js";
import { collectOutputs, type DisplayRegistry } from "./collect-outputs.js";
import { recoverKernelError } from "./kernel-error-output.js";
import { OutputTruncation, type TruncatedOutput } from "./output-truncation.js";

/** The part of a kernel client that execution needs. */
export interface CellKernel {
  execute(
    code: string,
    options?: Pick<
      ExecuteOptions,
      "timeoutMs" | "signal" | "onLateOutput" | "onLateOutputDropped" | "maxOutputBytes"
    >,
  ): Promise<ExecuteOutcome>;
}

/** Why execution stopped early, and where. */
export interface CellFailure {
  kind: "error" | "timeout" | "dead" | "interrupted";
  cellIndex: number;
  cellId: string;
  executionCount: number | null;
  ename: string;
  evalue: string;
}

/** Timing of one executed cell. */
export interface CellTiming {
  cellIndex: number;
  cellId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** Progress events, for live progress lines. */
export type CellEvent =
  | { type: "cell-start"; cellIndex: number; codeCellNumber: number; codeCellCount: number }
  | {
      type: "cell-end";
      cellIndex: number;
      status: "ok" | "error";
      durationMs: number;
      codeCellNumber: number;
      codeCellCount: number;
    };

/** Options of `executeNotebook`. */
export interface ExecuteNotebookOptions {
  /** Per-cell limit in ms (default: none). */
  cellTimeoutMs?: number;
  /** Keep going after a failing cell (default false); timeouts and dead kernels always stop. */
  allowErrors?: boolean;
  now?: () => Date;
  onEvent?: (event: CellEvent) => void;
  /** Aborting stops the run: the running cell is interrupted, later cells are not run. */
  signal?: AbortSignal;
  /** Output kept per cell, in bytes (default RUN_DEFAULTS.maxCellOutputBytes, 100 MiB). */
  maxCellOutputBytes?: number;
  /**
   * Awaited once the last cell has run, with the failures met so far (runNotebook asks for the
   * read trace and shuts the kernel down in it): output the cells' timers send until it resolves
   * is still added to them, or counted when past the cap.
   */
  afterLastCell?: (failures: readonly CellFailure[]) => Promise<void>;
}

/** The executed notebook, per-cell timings and the failures met. */
export interface ExecutedNotebook {
  notebook: Notebook;
  timings: CellTiming[];
  failures: CellFailure[];
  /** Cells whose output was cut at the cap (late output included). */
  truncatedOutputs: TruncatedOutput[];
}

/** Executes the code cells of `notebook` on `kernel`; never throws for a cell failure. */
export async function executeNotebook(
  notebook: Notebook,
  kernel: CellKernel,
  options: ExecuteNotebookOptions = {},
): Promise<ExecutedNotebook> {
  const now = options.now ?? (() => new Date());
  const cells = notebook.cells.map((cell) => ({ ...cell, metadata: { ...cell.metadata } }));
  const displays: DisplayRegistry = new Map();
  // Output a cell's timers or callbacks sent after the cell finished, and its drop totals once
  // some of it passed the cap, by cell index.
  const late: Late = { messages: new Map(), dropped: new Map() };
  const timings: CellTiming[] = [];
  const failures: CellFailure[] = [];
  const truncation = new OutputTruncation();
  const codeIndexes = cells.flatMap((c, i) =>
    c.cell_type === "code" && sourceText(c.source).trim() !== "" ? [i] : [],
  );
  let afterError = false;
  for (const [n, index] of codeIndexes.entries()) {
    const cell = cells[index]!;
    const code = sourceText(cell.source);
    if (options.signal?.aborted) {
      failures.push(interruptedBefore(cell, index));
      break;
    }
    // tslab drops requests arriving within 200 ms after an error (its queue reset).
    if (afterError) await new Promise((r) => setTimeout(r, 250));
    options.onEvent?.({
      type: "cell-start",
      cellIndex: index,
      codeCellNumber: n + 1,
      codeCellCount: codeIndexes.length,
    });
    const started = now();
    const outcome = await kernel.execute(code, {
      timeoutMs: options.cellTimeoutMs,
      signal: options.signal,
      maxOutputBytes: options.maxCellOutputBytes,
      onLateOutput: (message) => {
        const messages = late.messages.get(index);
        if (messages) messages.push(message);
        else late.messages.set(index, [message]);
      },
      onLateOutputDropped: (dropped) => late.dropped.set(index, dropped),
    });
    const finished = now();
    const durationMs = finished.getTime() - started.getTime();
    const { outputs, failure } = cellResult(outcome, cell, index, code, displays, {
      durationMs,
      timeoutMs: options.cellTimeoutMs,
    });
    cell.outputs = outputs;
    if (outcome.droppedOutput) {
      // Before the error that ends a failed cell, so the error stays last.
      const at = failure && outputs.at(-1)?.output_type === "error" ? -1 : outputs.length;
      truncation.record(cells, index, outcome.droppedOutput, at);
    }
    cell.execution_count =
      typeof outcome.reply.execution_count === "number" ? outcome.reply.execution_count : null;
    cell.metadata.execution = {
      "iopub.status.busy": started.toISOString(),
      "shell.execute_reply": finished.toISOString(),
      "iopub.status.idle": finished.toISOString(),
    };
    timings.push({
      cellIndex: index,
      cellId: cell.id,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs,
    });
    options.onEvent?.({
      type: "cell-end",
      cellIndex: index,
      status: failure ? "error" : "ok",
      durationMs,
      codeCellNumber: n + 1,
      codeCellCount: codeIndexes.length,
    });
    if (failure) failure.executionCount = cell.execution_count;
    const found = [...appendLateOutputs(cells, late, displays, truncation)];
    if (failure) found.push(failure);
    recordFailures(cells, found, failures);
    if (failure) afterError = true;
    if (found.length === 0) continue;
    if (found.some((f) => f.kind !== "error") || !options.allowErrors) break;
  }
  await options.afterLastCell?.(failures);
  recordFailures(cells, appendLateOutputs(cells, late, displays, truncation), failures);
  return {
    notebook: { ...notebook, cells },
    timings,
    failures,
    truncatedOutputs: truncation.list(),
  };
}

interface Late {
  messages: Map<number, JupyterMessage[]>;
  dropped: Map<number, DroppedOutput>;
}

function recordFailures(cells: NotebookCell[], found: CellFailure[], failures: CellFailure[]) {
  for (const f of found) {
    failures.push(f);
    cells[f.cellIndex]!.metadata.powerflow = { status: f.kind };
  }
}

function cellResult(
  outcome: ExecuteOutcome,
  cell: NotebookCell,
  index: number,
  code: string,
  displays: DisplayRegistry,
  time: { durationMs: number; timeoutMs: number | undefined },
): { outputs: NotebookOutput[]; failure: CellFailure | undefined } {
  const failed = outcome.status !== "ok";
  const hasError = outcome.messages.some((m) => m.header.msg_type === "error");
  const recovered =
    failed && !hasError && outcome.status !== "dead"
      ? recoverKernelError(outcome.messages, code)
      : undefined;
  const outputs = collectOutputs(recovered?.rest ?? outcome.messages, displays);
  if (!failed) return { outputs, failure: undefined };
  let error = recovered?.error ?? [...outputs].reverse().find((o) => o.output_type === "error");
  if (outcome.status === "timeout") {
    const limit = time.timeoutMs === undefined ? "" : ` of ${seconds(time.timeoutMs)}`;
    const evalue = `cell ${index + 1} exceeded the cell timeout${limit} (stopped after ${seconds(time.durationMs)}): ${outcome.reason ?? "interrupted"}`;
    error = {
      output_type: "error",
      ename: "CellTimeoutError",
      evalue,
      traceback: [`\u001b[31mCellTimeoutError\u001b[0m: ${evalue}`],
    };
  } else if (outcome.status === "dead") {
    const evalue = `the kernel died while running cell ${index + 1}: ${outcome.reason ?? "unknown reason"}`;
    error = {
      output_type: "error",
      ename: "DeadKernelError",
      evalue,
      traceback: [`\u001b[31mDeadKernelError\u001b[0m: ${evalue}`],
    };
  } else if (outcome.status === "interrupted") {
    const evalue = `the run was interrupted during cell ${index + 1} (after ${seconds(time.durationMs)}; ${outcome.reason ?? "interrupted"})`;
    error = {
      output_type: "error",
      ename: "RunInterrupted",
      evalue,
      traceback: [`\u001b[31mRunInterrupted\u001b[0m: ${evalue}`],
    };
  } else if (outcome.status === "abort") {
    error = {
      output_type: "error",
      ename: "ExecutionAborted",
      evalue: `the kernel aborted cell ${index + 1}`,
      traceback: [],
    };
  }
  const ename = error?.output_type === "error" ? error.ename : "Error";
  const evalue = error?.output_type === "error" ? error.evalue : "";
  if (error && !outputs.includes(error)) outputs.push(error);
  const kind =
    outcome.status === "timeout" || outcome.status === "dead" || outcome.status === "interrupted"
      ? outcome.status
      : "error";
  return {
    outputs,
    failure: { kind, cellIndex: index, cellId: cell.id, executionCount: null, ename, evalue },
  };
}

// Appends each cell's late output (sent after it finished) to it, then counts what was dropped
// past the cap; a late error fails that cell unless it has failed already.
function appendLateOutputs(
  cells: NotebookCell[],
  late: Late,
  displays: DisplayRegistry,
  truncation: OutputTruncation,
): CellFailure[] {
  const failures: CellFailure[] = [];
  const { messages: byCell, dropped } = late;
  for (const [index, messages] of [...byCell].sort(([a], [b]) => a - b)) {
    byCell.delete(index);
    const cell = cells[index]!;
    const outputs = collectOutputs(messages, displays);
    cell.outputs = appendOutputs(cell.outputs ?? [], outputs, truncation);
    const error = outputs.find((o) => o.output_type === "error");
    if (error?.output_type !== "error" || cell.metadata.powerflow !== undefined) continue;
    failures.push({
      kind: "error",
      cellIndex: index,
      cellId: cell.id,
      executionCount: cell.execution_count ?? null,
      ename: error.ename,
      evalue: error.evalue,
    });
  }
  for (const [index, totals] of dropped) truncation.record(cells, index, totals);
  dropped.clear();
  return failures;
}

// Late text continues the cell's last stream of the same name, as one stream reads in Jupyter.
function appendOutputs(
  outputs: NotebookOutput[],
  more: NotebookOutput[],
  truncation: OutputTruncation,
): NotebookOutput[] {
  const last = outputs.at(-1);
  const next = more[0];
  if (
    last?.output_type !== "stream" ||
    next?.output_type !== "stream" ||
    last.name !== next.name ||
    truncation.isMarker(last)
  )
    return [...outputs, ...more];
  const joined = { ...last, text: toLines(sourceText(last.text) + sourceText(next.text)) };
  return [...outputs.slice(0, -1), joined, ...more.slice(1)];
}

function interruptedBefore(cell: NotebookCell, index: number): CellFailure {
  return {
    kind: "interrupted",
    cellIndex: index,
    cellId: cell.id,
    executionCount: null,
    ename: "RunInterrupted",
    evalue: `the run was interrupted before cell ${index + 1}`,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
