import { expect, test } from "vitest";
import { peakAnalysis } from "../../src/analysis/peak-analysis.js";
import { hourlyFrom } from "./hourly-series.js";

test("peakAnalysis(three days, New York) ranks one peak per local day and times them locally", () => {
  // From 2021-07-01 00:00 EDT; day k peaks at local 17:00 with 100 + 10k MW, other hours 50 MW.
  const series = hourlyFrom("2021-07-01T04:00:00Z", 72, (_, i) =>
    i % 24 === 17 ? 100 + 10 * Math.floor(i / 24) : 50,
  );
  const result = peakAnalysis(series, { timeZone: "America/New_York", top: 2 });
  expect(result.peaks.map((p) => [p.rank, p.local, p.loadMw, p.hour, p.month])).toEqual([
    [1, "2021-07-03 17:00", 120, 17, 7],
    [2, "2021-07-02 17:00", 110, 17, 7],
  ]);
  expect(result.peaks[0]!.timeUtcMs).toBe(Date.parse("2021-07-03T21:00:00Z"));
  expect(result.typicalPeakHour).toBe(17);
  expect(result.dailyPeakHourCounts[17]).toBe(3);
  const mean = (50 * 69 + 330) / 72;
  expect(result.meanMw).toBeCloseTo(mean, 12);
  expect(result.peakToAverage).toBeCloseTo(120 / mean, 12);
  expect(result.topPeakMonthCounts[6]).toBe(2);
  expect(result.years).toEqual([
    {
      year: 2021,
      peakMw: 120,
      meanMw: result.meanMw,
      peakToAverage: result.peakToAverage,
      peakLocal: "2021-07-03 17:00",
    },
  ]);
});
