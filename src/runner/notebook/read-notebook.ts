/** Parses and checks an .ipynb file (nbformat 4) into a Notebook with cell ids. */
import { sha256Hex } from "../../util/sha256-hex.js";
import { InputError } from "../../errors.js";
import type { Notebook, NotebookCell } from "./notebook-types.js";

const CELL_TYPES = new Set(["code", "markdown", "raw"]);

/**
 * Returns the notebook in `text` (read from `path`), upgraded to nbformat 4.5: cells without an
 * id get a deterministic one derived from their position. Throws InputError naming the file
 * for invalid JSON, a non-notebook document or nbformat < 4.
 */
export function parseNotebook(text: string, path: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`invalid notebook JSON: ${path}: ${detail} (expected an .ipynb file)`, {
      cause: error,
    });
  }
  if (typeof raw !== "object" || raw === null || !Array.isArray((raw as Notebook).cells)) {
    throw new InputError(`not a notebook: ${path} (expected JSON with "cells" and "nbformat")`);
  }
  const doc = raw as Record<string, unknown>;
  if (doc.nbformat !== 4) {
    throw new InputError(
      `unsupported notebook format: ${path}: nbformat ${JSON.stringify(doc.nbformat)} (expected 4)`,
    );
  }
  const used = new Set<string>();
  const cells = (doc.cells as unknown[]).map((cell, index) => checkCell(cell, index, path, used));
  return {
    nbformat: 4,
    nbformat_minor: Math.max(5, typeof doc.nbformat_minor === "number" ? doc.nbformat_minor : 5),
    metadata: isRecord(doc.metadata) ? doc.metadata : {},
    cells,
  };
}

function checkCell(cell: unknown, index: number, path: string, used: Set<string>): NotebookCell {
  if (!isRecord(cell) || typeof cell.cell_type !== "string" || !CELL_TYPES.has(cell.cell_type)) {
    throw new InputError(
      `invalid notebook cell: ${path}: cell ${index + 1} (expected cell_type code, markdown or raw)`,
    );
  }
  const source = cell.source;
  const okSource =
    typeof source === "string" ||
    (Array.isArray(source) && source.every((s) => typeof s === "string"));
  if (!okSource) {
    throw new InputError(
      `invalid notebook cell source: ${path}: cell ${index + 1} (expected text)`,
    );
  }
  let id = typeof cell.id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) ? cell.id : "";
  if (id === "" || used.has(id)) id = derivedId(index, used);
  used.add(id);
  const out: NotebookCell = {
    id,
    cell_type: cell.cell_type as NotebookCell["cell_type"],
    source,
    metadata: isRecord(cell.metadata) ? cell.metadata : {},
  };
  if (out.cell_type === "code") {
    out.outputs = [];
    out.execution_count = null;
  }
  if (out.cell_type !== "code" && isRecord(cell.attachments)) out.attachments = cell.attachments;
  return out;
}

function derivedId(index: number, used: Set<string>): string {
  for (let salt = 0; ; salt += 1) {
    const id = sha256Hex(`cell:${index}:${salt}`).slice(0, 8);
    if (!used.has(id)) return id;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
