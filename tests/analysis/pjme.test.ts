// The real PJM East file through the ETL reader: peak and trend of the cleaned series.
import { beforeAll, expect, test } from "vitest";
import { analyzeLoad, type LoadAnalysis } from "../../src/analysis/analyze-load.js";
import { insights } from "../../src/analysis/insights.js";
import { readLoadSeries } from "../../src/etl/read-load-series.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

describeWithSharedData("PJME_hourly.csv (real data)", () => {
  let analysis: LoadAnalysis;

  beforeAll(async () => {
    const { series } = await readLoadSeries(sharedDataFile("PJME_hourly.csv"), {
      tz: "America/New_York",
      hourEnding: true,
    });
    analysis = analyzeLoad(series, { timeZone: "America/New_York", name: "PJME" });
  });

  test("peakAnalysis: the all-time peak is 62,009 MW in the hour 16:00-17:00 EDT on 2006-08-02", () => {
    const peak = analysis.peaks.peaks[0]!;
    expect(peak.loadMw).toBe(62_009);
    expect(peak.local).toBe("2006-08-02 16:00");
    expect(new Date(peak.timeUtcMs).toISOString()).toBe("2006-08-02T20:00:00.000Z");
    expect(analysis.overall.count).toBe(145_366);
    expect(analysis.overall.meanMw).toBeCloseTo(32_080.2, 0);
  });

  test("longTermTrend: deseasonalised PJME load declines significantly from 2002 to 2018", () => {
    const trend = analysis.trend!;
    expect(trend.months[0]!.month).toBe("2002-01");
    expect(trend.slopeMwPerYear).toBeLessThan(0);
    expect(trend.upperMwPerYear).toBeLessThan(0);
    expect(trend.mannKendall.trend).toBe("decreasing");
    expect(insights(analysis)[0]!.text).toMatch(
      /^PJME peak load was 62,009 MW in the hour starting 2006-08-02 16:00/,
    );
  });
});
