// Small hand-built series for the analysis tests.
import { createLoadSeries, type LoadSeries } from "../../src/frame.js";

/** Returns an hourly series starting at `startIso` (UTC) with `values` (MW) and optional extra columns. */
export function hourlySeries(
  startIso: string,
  values: readonly number[],
  extra: Record<string, Float64Array> = {},
): LoadSeries {
  const t0 = Date.parse(startIso);
  const time = Float64Array.from(values, (_, i) => t0 + i * 3_600_000);
  return createLoadSeries(time, Float64Array.from(values), extra);
}

/** Returns an hourly series from `startIso` for `hours` hours with load given by `f(utcMs, index)`. */
export function hourlyFrom(
  startIso: string,
  hours: number,
  f: (utcMs: number, index: number) => number,
): LoadSeries {
  const t0 = Date.parse(startIso);
  const time = Float64Array.from({ length: hours }, (_, i) => t0 + i * 3_600_000);
  return createLoadSeries(
    time,
    Float64Array.from(time, (t, i) => f(t, i)),
  );
}
