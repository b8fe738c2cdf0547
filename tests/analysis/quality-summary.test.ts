import { expect, test } from "vitest";
import { gapTable, qualitySummary } from "../../src/analysis/quality-summary.js";
import type { QualityReport } from "../../src/etl/validate/quality-report.js";

const report: QualityReport = {
  rowsRead: 100,
  rowsWritten: 95,
  rowsQuarantined: 2,
  duplicatesMerged: 3,
  reconciled: true,
  outliersDropped: 0,
  intervalMinutes: 60,
  firstUtc: "2021-01-01T05:00:00Z",
  lastUtc: "2021-01-05T04:00:00Z",
  gaps: [
    {
      afterUtc: "2021-01-02T05:00:00Z",
      beforeUtc: "2021-01-02T07:00:00Z",
      afterUtcMs: Date.parse("2021-01-02T05:00:00Z"),
      beforeUtcMs: Date.parse("2021-01-02T07:00:00Z"),
      missing: 1,
    },
    {
      afterUtc: "2021-01-03T05:00:00Z",
      beforeUtc: "2021-01-03T09:00:00Z",
      afterUtcMs: Date.parse("2021-01-03T05:00:00Z"),
      beforeUtcMs: Date.parse("2021-01-03T09:00:00Z"),
      missing: 3,
    },
  ],
  findings: [],
};

test("qualitySummary(report) lists the reconciled counts and total missing intervals", () => {
  const rows = qualitySummary(report);
  expect(rows.find((r) => r.measure === "counts reconcile")!.value).toBe("yes");
  expect(rows.find((r) => r.measure === "missing intervals in gaps")!.value).toBe(4);
  expect(rows[0]).toEqual({ measure: "rows read", value: 100 });
});

test("gapTable(report, New York) lists the largest gaps first in local time", () => {
  expect(gapTable(report, { timeZone: "America/New_York", top: 1 })).toEqual([
    { lastBefore: "2021-01-03 00:00", firstAfter: "2021-01-03 04:00", missing: 3 },
  ]);
});
