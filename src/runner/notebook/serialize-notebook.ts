/** Serialises a notebook the way nbformat writes it: sorted keys, one-space indent, final newline. */
import type { Notebook } from "./notebook-types.js";

/** Returns `notebook` as .ipynb text; the same notebook always gives the same bytes. */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    out[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}
