/** The grid rows an hourly model forecasts: origin + step, clamped to the grid's last row. */
import type { HourlyGrid } from "./hourly-grid.js";

/**
 * Returns `origins.length × horizon` grid rows, origin-major; steps past the grid end repeat its
 * last row (their forecasts are masked with `maskBeyondGrid`).
 */
export function horizonRows(grid: HourlyGrid, origins: Int32Array, horizon: number): Int32Array {
  const rows = new Int32Array(origins.length * horizon);
  for (let k = 0; k < rows.length; k++)
    rows[k] = Math.min(grid.length - 1, origins[Math.floor(k / horizon)]! + (k % horizon));
  return rows;
}

/** Sets the forecasts of steps past the grid end to NaN, in place; returns `forecast`. */
export function maskBeyondGrid(
  grid: HourlyGrid,
  origins: Int32Array,
  horizon: number,
  forecast: Float64Array,
): Float64Array {
  for (let k = 0; k < forecast.length; k++) {
    if (origins[Math.floor(k / horizon)]! + (k % horizon) >= grid.length) forecast[k] = NaN;
  }
  return forecast;
}
