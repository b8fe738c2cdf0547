/** A backtest metric table as a Plotly table trace: one row per model, best value per metric in bold. */
import { formatNumber } from "../format-number.js";
import { baseLayout, escapeText, type PlotlyFigure } from "./plotly-figure.js";

/** Options of metricsTableFigure. */
export interface MetricsTableFigureOptions {
  title?: string;
  /** decimals per column name; default 1 for numbers */
  digits?: Record<string, number>;
  /** columns where higher is better (others: lower is better, e.g. errors) */
  higherIsBetter?: string[];
  /** columns with no "best" value (e.g. interval coverage, best when closest to nominal); default none */
  unranked?: string[];
}

/** Returns a Plotly table of `records` (objects with the same keys); numeric columns formatted, best marked. */
export function metricsTableFigure(
  records: readonly object[],
  options: MetricsTableFigureOptions = {},
): PlotlyFigure {
  const rows = records as readonly Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {});
  const best = new Map<string, number>();
  for (const c of columns) {
    if (options.unranked?.includes(c)) continue;
    const values = rows
      .map((r) => r[c])
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (values.length === rows.length && values.length > 1)
      best.set(c, options.higherIsBetter?.includes(c) ? Math.max(...values) : Math.min(...values));
  }
  const cell = (c: string, v: unknown): string => {
    if (typeof v !== "number")
      return escapeText(typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
    const text = formatNumber(v, options.digits?.[c] ?? 1);
    return best.get(c) === v ? `<b>${text}</b>` : text;
  };
  const first = rows[0];
  const layout = baseLayout({
    title: options.title ?? (first ? "Backtest metrics (best per column in bold)" : "No metrics"),
    xTitle: "",
    yTitle: "",
    height: 120 + 28 * rows.length,
  });
  return {
    data: [
      {
        type: "table",
        header: {
          values: columns.map((c) => `<b>${escapeText(c)}</b>`),
          align: "left",
          fill: { color: "#e8eef5" },
        },
        cells: {
          values: columns.map((c) => rows.map((r) => cell(c, r[c]))),
          align: columns.map((c) => (typeof first?.[c] === "number" ? "right" : "left")),
          height: 26,
        },
      },
    ],
    layout,
  };
}
