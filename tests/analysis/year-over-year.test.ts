import { expect, test } from "vitest";
import { yearOverYear } from "../../src/analysis/year-over-year.js";
import { zonedParts } from "../../src/util/zoned-time.js";
import { hourlyFrom } from "./hourly-series.js";

test("yearOverYear(2020-2021 plus a partial 2022) compares complete years only", () => {
  // 2020 (leap, 8784 h) at 100 MW with a 150 MW peak; 2021 at 110 MW with a 120 MW peak; 48 h of 2022.
  const hours = 8784 + 8760 + 48;
  const series = hourlyFrom("2020-01-01T00:00:00Z", hours, (t, i) => {
    const year = zonedParts(t, "UTC").year;
    if (year === 2020) return i === 100 ? 150 : 100;
    if (year === 2021) return i === 9000 ? 120 : 110;
    return 90;
  });
  const rows = yearOverYear(series, { timeZone: "UTC" });
  expect(rows.map((r) => [r.year, r.complete, r.peakMw])).toEqual([
    [2020, true, 150],
    [2021, true, 120],
    [2022, false, 90],
  ]);
  expect(rows[0]!.coverage).toBe(1);
  expect(rows[0]!.meanChangePct).toBeNaN();
  expect(rows[1]!.meanMw).toBeCloseTo((110 * 8759 + 120) / 8760, 12);
  expect(rows[1]!.meanChangePct).toBeCloseTo(
    ((rows[1]!.meanMw - rows[0]!.meanMw) / rows[0]!.meanMw) * 100,
    12,
  );
  expect(rows[1]!.peakChangePct).toBe(-20);
  expect(rows[2]!.coverage).toBe(48 / 8760);
  expect(rows[2]!.meanChangePct).toBeNaN();
  expect(rows[0]!.energyGwh).toBeCloseTo((100 * 8783 + 150) / 1000, 9);
});
