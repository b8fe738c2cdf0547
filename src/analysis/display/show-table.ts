import { formatNumber } from "../format-number.js";
import { escapeHtml } from "../../util/escape-html.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";

/** Options of tableBundle / showTable. */
export interface ShowTableOptions {
  /** caption above the table */
  caption?: string;
  /** decimals per column; default 0 for numbers ≥ 100, else 2 */
  digits?: Record<string, number>;
  /** columns to show, in order; default the keys of the first row */
  columns?: string[];
  /** rows shown before "… N more rows"; default 50 */
  maxRows?: number;
  /** cells shown in bold: column → the value to emphasise (e.g. each metric's best); default none */
  emphasis?: Record<string, unknown>;
  /** header text per column (e.g. "RMSE (MW)" for rmseMw); default the column name */
  labels?: Record<string, string>;
}

/** Returns the MIME bundle of an HTML table of `rows` (every cell escaped) with a plain-text twin. */
export function tableBundle(rows: readonly object[], options: ShowTableOptions = {}): MimeBundle {
  const records = rows as readonly Record<string, unknown>[];
  const columns = options.columns ?? Object.keys(records[0] ?? {});
  if (columns.length === 0) {
    const note = `${options.caption ? `${options.caption}: ` : ""}(no rows)`;
    return { "text/html": `<p class="pf-table-empty">${escapeHtml(note)}</p>`, "text/plain": note };
  }
  const maxRows = options.maxRows ?? 50;
  const shown = records.slice(0, maxRows);
  const cell = (column: string, value: unknown): string =>
    formatCell(value, options.digits?.[column]);
  const htmlCell = (column: string, value: unknown): string => {
    const text = escapeHtml(cell(column, value));
    const bold = options.emphasis !== undefined && column in options.emphasis;
    const shown = bold && options.emphasis![column] === value ? `<b>${text}</b>` : text;
    return `<td${typeof value === "number" ? ' class="num"' : ""}>${shown}</td>`;
  };
  const label = (column: string): string => options.labels?.[column] ?? column;
  const head = columns.map((c) => `<th>${escapeHtml(label(c))}</th>`).join("");
  const body = shown
    .map((r) => `<tr>${columns.map((c) => htmlCell(c, r[c])).join("")}</tr>`)
    .join("");
  const more =
    rows.length > shown.length
      ? `<tfoot><tr><td colspan="${columns.length}">… ${rows.length - shown.length} more rows</td></tr></tfoot>`
      : "";
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  const html = `<table class="pf-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody>${more}</table>`;
  const text = [
    columns.map(label).join("\t"),
    ...shown.map((r) => columns.map((c) => cell(c, r[c])).join("\t")),
  ].join("\n");
  return {
    "text/html": html,
    "text/plain": options.caption ? `${options.caption}\n${text}` : text,
  };
}

/** Displays `rows` as an HTML table in the notebook. */
export function showTable(rows: readonly object[], options: ShowTableOptions = {}): void {
  sendBundle(tableBundle(rows, options));
}

function formatCell(value: unknown, digits: number | undefined): string {
  if (typeof value === "number") {
    if (Number.isInteger(value) && digits === undefined)
      return Math.abs(value) >= 10_000 ? formatNumber(value) : String(value);
    return formatNumber(value, digits ?? (Math.abs(value) >= 100 ? 0 : 2));
  }
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}
