/** Counts a notebook's outputs by kind and MIME type, so a report that lost its charts shows it. */
import { PLOTLY_MIME } from "../mime-types.js";
import type { Notebook, NotebookOutput } from "../notebook/notebook-types.js";
import type { OutputCounts } from "./run-manifest.js";

// A bundle carrying one of these shows a chart; others with an HTML <table> show a table.
const CHART_MIMES = [PLOTLY_MIME, "image/svg+xml", "image/png", "image/jpeg"];

/** Returns the counts of `notebook`'s outputs (see `OutputCounts`); keys are sorted. */
export function countOutputs(notebook: Notebook): OutputCounts {
  const byType: Record<string, number> = {};
  const byMime: Record<string, number> = {};
  let charts = 0;
  let tables = 0;
  for (const output of notebook.cells.flatMap((c) => c.outputs ?? [])) {
    add(byType, output.output_type);
    const data = bundleOf(output);
    if (data === undefined) continue;
    for (const mime of Object.keys(data)) add(byMime, mime);
    if (CHART_MIMES.some((mime) => mime in data)) charts += 1;
    else if (/<table[\s>]/i.test(htmlOf(data))) tables += 1;
  }
  return { byType: sorted(byType), byMime: sorted(byMime), charts, tables };
}

function bundleOf(output: NotebookOutput): Record<string, unknown> | undefined {
  return output.output_type === "display_data" || output.output_type === "execute_result"
    ? output.data
    : undefined;
}

function htmlOf(data: Record<string, unknown>): string {
  const html = data["text/html"];
  return Array.isArray(html) ? html.join("") : typeof html === "string" ? html : "";
}

function add(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
