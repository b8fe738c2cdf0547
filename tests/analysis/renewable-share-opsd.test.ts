// renewableShare on the real OPSD Germany daily file, read column by column with the ETL reader.
import { expect, test } from "vitest";
import { renewableShare } from "../../src/analysis/renewable-share.js";
import { readLoadSeries } from "../../src/etl/read-load-series.js";
import { createFrame } from "../../src/frame.js";
import { describeWithSharedData, sharedDataFile } from "../helpers/shared-data.js";

describeWithSharedData("opsd_germany_daily.csv (real data)", () => {
  test("renewableShare: wind and solar rise from 2012 to 2017 and 2017 sums match the file", async () => {
    const file = sharedDataFile("opsd_germany_daily.csv");
    // Wind and Solar are empty before their data starts (1,463 and 2,195 days): above the
    // default bad-row limit of 1,000, so this reader raises it, as `--max-bad-rows` would.
    const read = (column: string) =>
      readLoadSeries(file, {
        tz: "Europe/Berlin",
        valueColumn: column,
        outliers: "none",
        maxBadRows: 4383,
      });
    const [consumption, wind, solar] = await Promise.all([
      read("Consumption"),
      read("Wind"),
      read("Solar"),
    ]);
    const byTime = (s: typeof wind.series) =>
      new Map(Array.from(s.columns.timeUtcMs, (t, i) => [t, s.columns.loadMw[i]!] as const));
    const windAt = byTime(wind.series);
    const solarAt = byTime(solar.series);
    const t = consumption.series.columns.timeUtcMs;
    const frame = createFrame({
      timeUtcMs: t,
      consumptionGwh: consumption.series.columns.loadMw,
      windGwh: Float64Array.from(t, (x) => windAt.get(x) ?? NaN),
      solarGwh: Float64Array.from(t, (x) => solarAt.get(x) ?? NaN),
    });
    const rows = renewableShare(frame, { timeZone: "Europe/Berlin" });
    const y2012 = rows.find((r) => r.period === "2012")!;
    const y2017 = rows.find((r) => r.period === "2017")!;
    expect(y2017.days).toBe(365);
    expect(y2017.renewableSharePct).toBeGreaterThan(y2012.renewableSharePct);
    expect(y2017.windSharePct).toBeGreaterThan(15);
    expect(y2017.windSharePct).toBeLessThan(25);
    expect(y2017.consumptionGwh).toBeCloseTo(
      Array.from(t)
        .map((x, i) => [x, frame.columns.consumptionGwh[i]!] as const)
        .filter(([x]) => new Date(x + 3_600_000).getUTCFullYear() === 2017)
        .reduce((s, [, v]) => s + v, 0),
      6,
    );
  });
});
