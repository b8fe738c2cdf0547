/**
 * The plain result of every forecast: one row per (origin, step) with the point forecast,
 * 80 %/95 % interval bounds and the actual load (NaN when unknown), all in MW.
 */
import { createFrame, type Frame } from "../frame.js";
import { conformalGroup } from "./conformal.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { ConformalTable } from "./model.js";

/** Forecast rows, origin-major; timestamps are UTC interval starts (ms). */
export interface ForecastFrame extends Frame {
  readonly columns: {
    readonly originUtcMs: Float64Array;
    readonly timeUtcMs: Float64Array;
    /** 0-based step after the origin */
    readonly step: Int32Array;
    readonly forecastMw: Float64Array;
    readonly lower80Mw: Float64Array;
    readonly upper80Mw: Float64Array;
    readonly lower95Mw: Float64Array;
    readonly upper95Mw: Float64Array;
    readonly actualMw: Float64Array;
  };
}

/** Returns the forecast frame of point forecasts `mean` widened by the conformal `table`. */
export function forecastFrame(
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
  mean: Float64Array,
  table: ConformalTable,
): ForecastFrame {
  const n = origins.length * horizon;
  const columns = {
    originUtcMs: new Float64Array(n),
    timeUtcMs: new Float64Array(n),
    step: new Int32Array(n),
    forecastMw: mean,
    lower80Mw: new Float64Array(n),
    upper80Mw: new Float64Array(n),
    lower95Mw: new Float64Array(n),
    upper95Mw: new Float64Array(n),
    actualMw: new Float64Array(n),
  };
  const last = table.q10.length - 1;
  for (let r = 0; r < origins.length; r++) {
    const o = origins[r]!;
    for (let h = 0; h < horizon; h++) {
      const k = r * horizon + h;
      const row = o + h;
      const g = Math.min(last, conformalGroup(grid, row, h, table.groupBy));
      const f = mean[k]!;
      columns.originUtcMs[k] = grid.timeUtcMs[o]!;
      columns.timeUtcMs[k] = grid.timeUtcMs[0]! + row * 3_600_000;
      columns.step[k] = h;
      columns.lower80Mw[k] = f + table.q10[g]!;
      columns.upper80Mw[k] = f + table.q90[g]!;
      columns.lower95Mw[k] = f + table.q025[g]!;
      columns.upper95Mw[k] = f + table.q975[g]!;
      columns.actualMw[k] = row < grid.length ? grid.loadMw[row]! : NaN;
    }
  }
  return createFrame(columns);
}
