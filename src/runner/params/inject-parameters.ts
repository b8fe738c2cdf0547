/** Inserts (or replaces) the `injected-parameters` cell after the `parameters` cell. */
import { cellTags, toLines, type Notebook, type NotebookCell } from "../notebook/notebook-types.js";
import { findParametersCell, type NotebookParameter } from "./notebook-parameters.js";

/** Returns `value` as TypeScript source: JSON for plain data, `new Date("…")` for dates. */
export function toTypeScriptLiteral(value: unknown): string {
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`;
  if (Array.isArray(value)) return `[${value.map(toTypeScriptLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    // a "__proto__" key would set the prototype; a computed key makes it a property
    const entries = Object.entries(value).map(
      ([k, v]) =>
        `${k === "__proto__" ? `[${JSON.stringify(k)}]` : JSON.stringify(k)}: ${toTypeScriptLiteral(v)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * Returns a copy of `notebook` with a cell tagged `injected-parameters` right after the
 * `parameters` cell (or at the top when there is none), replacing an earlier injected cell.
 * With no values, the notebook comes back without an injected cell. `notes` adds a trailing
 * `// note` to a parameter's line (the saved copy says which values were redacted).
 */
export function injectParameters(
  notebook: Notebook,
  values: ReadonlyMap<string, unknown>,
  parameters: readonly NotebookParameter[],
  notes: ReadonlyMap<string, string> = new Map(),
): Notebook {
  const cells = notebook.cells.filter((c) => !cellTags(c).includes("injected-parameters"));
  const base = { ...notebook, cells };
  if (values.size === 0) return base;
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const lines = ["// Parameters injected by powerflow run"];
  for (const [name, value] of values) {
    const annotation = byName.get(name)?.annotation;
    const note = notes.get(name);
    lines.push(
      `const ${name}${annotation ? `: ${annotation}` : ""} = ${toTypeScriptLiteral(value)};${note ? ` // ${note}` : ""}`,
    );
  }
  const at = findParametersCell(base);
  // the injected cell is shown like the cell it overrides: hidden code stays hidden
  const hidden = at >= 0 && cellTags(cells[at]!).includes("hide-input");
  const injected: NotebookCell = {
    id: "injected-parameters",
    cell_type: "code",
    source: toLines(lines.join("\n")),
    metadata: { tags: hidden ? ["injected-parameters", "hide-input"] : ["injected-parameters"] },
    outputs: [],
    execution_count: null,
  };
  cells.splice(at + 1, 0, injected);
  return base;
}

/**
 * Returns `executed` with its injected cell's source taken from `shown` (the same cell with
 * redacted values): the kernel ran the real values, the saved notebook shows the redacted ones.
 */
export function showInjectedCell(executed: Notebook, shown: Notebook): Notebook {
  const isInjected = (c: NotebookCell) => cellTags(c).includes("injected-parameters");
  const cell = shown.cells.find(isInjected);
  if (!cell) return executed;
  return {
    ...executed,
    cells: executed.cells.map((c) => (isInjected(c) ? { ...c, source: cell.source } : c)),
  };
}
