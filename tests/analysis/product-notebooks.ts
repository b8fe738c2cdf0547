// Runs the product notebooks (notebooks/<name>.ipynb) with `powerflow run` and reads what their
// executed copies show, for the tests that check a notebook's outputs on given parameters.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { nodeEffects, silentLogger } from "../../src/effects.js";
import { runNotebooks, type RunSummary } from "../../src/runner/run-notebooks.js";
import { FIXED_PROVENANCE } from "../runner/helpers/run-fixture.js";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** One output of an executed cell, as nbformat stores it. */
export interface CellOutput {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** One executed cell: its id and outputs. */
export interface ExecutedCell {
  id: string;
  outputs: CellOutput[];
}

/** Runs `names` (two at a time) into `out` with `parameters` given as `-p name=value`. */
export function runProductNotebooks(
  names: readonly string[],
  out: string,
  parameters: Record<string, string>,
): Promise<RunSummary> {
  return runNotebooks(
    names.map((n) => join(ROOT, "notebooks", `${n}.ipynb`)),
    nodeEffects({ logger: silentLogger() }),
    {
      out,
      jobs: 2,
      startupTimeoutMs: 180_000,
      provenance: FIXED_PROVENANCE,
      parameters: Object.entries(parameters).map(([name, value]) => ({
        name,
        value,
        fromText: true,
        origin: "-p",
      })),
    },
  );
}

/** Returns the cells of `out`/`name`.ipynb with their outputs. */
export async function executedCells(out: string, name: string): Promise<ExecutedCell[]> {
  const nb = JSON.parse(await readFile(join(out, `${name}.ipynb`), "utf8")) as {
    cells: { id: string; outputs?: CellOutput[] }[];
  };
  return nb.cells.map((c) => ({ id: c.id, outputs: c.outputs ?? [] }));
}

/** Returns the `mime` text of `output` ("" when absent); nbformat may store it as lines. */
export function outputText(output: CellOutput, mime = "text/plain"): string {
  const value = output.data?.[mime];
  return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "";
}

/** Returns the `mime` texts of the outputs of cell `id` ("" for outputs without it). */
export function cellTexts(
  cells: readonly ExecutedCell[],
  id: string,
  mime = "text/plain",
): string[] {
  const cell = cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no cell with id ${id}`);
  return cell.outputs.map((o) => outputText(o, mime));
}
