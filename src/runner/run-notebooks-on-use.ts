/**
 * `runNotebooks` as `src/index` exports it: the runner (ZeroMQ, the kernel client, the report
 * renderer with marked, KaTeX and highlight.js) loads on the first call, not when `src/index` is
 * imported, so notebooks and the CLI's other commands do not pay for it.
 */
import type { Effects } from "../effects.js";
import type { RunNotebooksOptions, RunSummary } from "./run-notebooks.js";

/**
 * Runs `paths` and writes `<name>.ipynb`, `<name>.html`, `<name>.manifest.json` and
 * `index.html` under `options.out` (default RUN_DEFAULTS.out); see `RunNotebooksOptions` for
 * every option and its default. Bad input throws InputError before any kernel starts; failed
 * notebooks are reported in the summary (see `assertRunSucceeded`).
 */
export async function runNotebooks(
  paths: readonly string[],
  effects: Effects,
  options: RunNotebooksOptions = {},
): Promise<RunSummary> {
  const runner = await import("./run-notebooks.js");
  return runner.runNotebooks(paths, effects, options);
}
