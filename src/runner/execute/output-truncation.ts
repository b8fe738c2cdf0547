/**
 * The cells whose output passed the per-cell cap: one manifest entry and one visible marker per
 * cell, kept up to date as output the cell's timers send after it finished is dropped too.
 */
import type { DroppedOutput } from "../kernel/kernel-client.js";
import type { NotebookCell, NotebookOutput } from "../notebook/notebook-types.js";

/** A cell whose output passed the cap: what was kept is in the notebook, the rest was dropped. */
export interface TruncatedOutput {
  cellIndex: number;
  cellId: string;
  /** The cap, in bytes of output messages. */
  capBytes: number;
  droppedBytes: number;
  droppedMessages: number;
}

type Marker = Extract<NotebookOutput, { output_type: "stream" }>;

/** Records dropped output per cell and keeps each cell's marker in step with its totals. */
export class OutputTruncation {
  private readonly cut = new Map<number, { entry: TruncatedOutput; marker: Marker }>();

  /**
   * Notes `dropped` (the cell's totals so far) for `cells[index]`: the first time, a marker is
   * put at `at` in its outputs (default: the end); later, the entry and marker are updated.
   */
  record(cells: NotebookCell[], index: number, dropped: DroppedOutput, at?: number): void {
    const known = this.cut.get(index);
    if (known) {
      known.entry.droppedBytes = dropped.bytes;
      known.entry.droppedMessages = dropped.messages;
      known.marker.text = markerText(dropped);
      return;
    }
    const cell = cells[index]!;
    const entry: TruncatedOutput = {
      cellIndex: index,
      cellId: cell.id,
      capBytes: dropped.capBytes,
      droppedBytes: dropped.bytes,
      droppedMessages: dropped.messages,
    };
    const marker: Marker = { output_type: "stream", name: "stderr", text: markerText(dropped) };
    const outputs = cell.outputs ?? [];
    outputs.splice(at ?? outputs.length, 0, marker);
    cell.outputs = outputs;
    this.cut.set(index, { entry, marker });
  }

  /** True for a marker this object put into a cell. */
  isMarker(output: NotebookOutput): boolean {
    for (const c of this.cut.values()) if (c.marker === output) return true;
    return false;
  }

  /** The entries, in cell order. */
  list(): TruncatedOutput[] {
    return [...this.cut.values()].map((c) => c.entry).sort((a, b) => a.cellIndex - b.cellIndex);
  }
}

function markerText(dropped: DroppedOutput): string[] {
  return [
    `[powerflow: output cap reached: ${mebibytes(dropped.bytes)} of further output ` +
      `(${dropped.messages} messages) dropped after the first ${mebibytes(dropped.capBytes)} ` +
      `of this cell; raise --max-cell-output-bytes to keep more]\n`,
  ];
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(bytes < 1024 ** 2 ? 3 : 1)} MiB`;
}
