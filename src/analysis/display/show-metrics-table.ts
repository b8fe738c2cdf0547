/** A backtest metric table as an HTML table: one row per model, each metric's best value in bold. */
import { sendBundle, type MimeBundle } from "./mime-bundle.js";
import { tableBundle } from "./show-table.js";

/** Options of metricsTableBundle / showMetricsTable. */
export interface MetricsTableOptions {
  /** caption above the table; default "Backtest metrics (best per column in bold)" */
  caption?: string;
  /** decimals per column name; default 1 for every numeric column */
  digits?: Record<string, number>;
  /** columns where higher is better (others: lower is better, e.g. errors); default none */
  higherIsBetter?: string[];
  /** columns with no "best" value (e.g. interval coverage, best when closest to nominal); default none */
  unranked?: string[];
  /** header text per column; default the column name */
  labels?: Record<string, string>;
}

/** Returns the HTML-table bundle of `records` (objects with the same keys), best value per metric in bold. */
export function metricsTableBundle(
  records: readonly object[],
  options: MetricsTableOptions = {},
): MimeBundle {
  const rows = records as readonly Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {});
  const digits: Record<string, number> = {};
  const best: Record<string, number> = {};
  for (const c of columns) {
    const values = rows
      .map((r) => r[c])
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (values.length === 0) continue;
    digits[c] = options.digits?.[c] ?? 1;
    if (values.length === rows.length && values.length > 1 && !options.unranked?.includes(c))
      best[c] = options.higherIsBetter?.includes(c) ? Math.max(...values) : Math.min(...values);
  }
  return tableBundle(rows, {
    caption: options.caption ?? "Backtest metrics (best per column in bold)",
    digits,
    emphasis: best,
    maxRows: Math.max(rows.length, 1),
    ...(options.labels ? { labels: options.labels } : {}),
  });
}

/** Displays `records` as a metric table (HTML) in the notebook. */
export function showMetricsTable(
  records: readonly object[],
  options: MetricsTableOptions = {},
): void {
  sendBundle(metricsTableBundle(records, options));
}
