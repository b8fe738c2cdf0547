import { describe, expect, it } from "vitest";
import { normalizeEtlConfig } from "../../src/etl/etl-config.js";
import { _runSeriesStepsOwned, runSeriesSteps } from "../../src/etl/series-steps.js";
import type { LoadSeries } from "../../src/frame.js";

const H = 3_600_000;
// Five days of hours with a duplicated stamp in each day and one pair of rows out of order.
function series(): LoadSeries {
  const hours: number[] = [];
  for (let h = 0; h < 120; h++) hours.push(h, ...(h % 24 === 5 ? [h] : []));
  [hours[40], hours[41]] = [hours[41]!, hours[40]!];
  return {
    length: hours.length,
    columns: {
      timeUtcMs: Float64Array.from(hours, (h) => h * H),
      loadMw: Float64Array.from(hours, (h, i) => 1000 + (h % 24) * 10 + i),
      line: Int32Array.from(hours, (_, i) => i + 2),
    },
  };
}
const snapshot = (s: LoadSeries) =>
  Object.fromEntries(
    Object.entries(s.columns).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
  );

describe("series steps", () => {
  const config = normalizeEtlConfig({ input: "x.csv", out: "-" });

  it("runSeriesSteps(series) leaves its input as it was", () => {
    const input = series();
    const before = snapshot(input);
    const { stats } = runSeriesSteps(input, config);
    expect(stats.duplicatesMerged).toBe(5);
    expect(stats.descents).toBe(1);
    expect(snapshot(input)).toEqual(before);
  });

  it("_runSeriesStepsOwned(holder) empties the holder and gives runSeriesSteps' series and stats", () => {
    const expected = runSeriesSteps(series(), config);
    const holder = { frame: series() };
    const owned = _runSeriesStepsOwned(holder, config);
    expect(holder.frame.length).toBe(0);
    expect(snapshot(owned.series)).toEqual(snapshot(expected.series));
    expect(owned.stats).toEqual(expected.stats);
    expect(owned.series.length).toBe(120);
  });
});
