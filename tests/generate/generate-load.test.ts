import { describe, expect, it } from "vitest";
import { generateLoad } from "../../src/generate/generate-load.js";
import { formatLoadCsv } from "../../src/generate/format-load-csv.js";
import { zonedParts } from "../../src/util/zoned-time.js";
import { InputError } from "../../src/errors.js";

const TZ = "America/New_York";

function meanBy(
  values: Float64Array,
  times: Float64Array,
  key: (t: number) => number,
): Map<number, number> {
  const sums = new Map<number, [number, number]>();
  for (let i = 0; i < values.length; i++) {
    const k = key(times[i]!);
    const s = sums.get(k) ?? [0, 0];
    s[0] += values[i]!;
    s[1] += 1;
    sums.set(k, s);
  }
  return new Map([...sums].map(([k, [sum, n]]) => [k, sum / n]));
}

describe("generateLoad", () => {
  const data = generateLoad({ seed: 7, days: 730 });
  const alpha = data.zones[0]!;

  it("generateLoad({days: 730}) returns hourly UTC rows for two zones, 17,520 each", () => {
    expect(data.zones.map((z) => z.zone)).toEqual(["ALPHA", "BETA"]);
    expect(alpha.timeUtcMs.length).toBe(730 * 24);
    expect(alpha.timeUtcMs[0]).toBe(Date.parse("2021-01-01T05:00:00Z"));
    expect(alpha.timeUtcMs[1]! - alpha.timeUtcMs[0]!).toBe(3_600_000);
    expect(data.temperature.temperatureC.length).toBe(alpha.timeUtcMs.length);
  });

  it("same seed gives identical numbers; another seed does not", () => {
    const again = generateLoad({ seed: 7, days: 730 });
    expect(Array.from(again.zones[0]!.loadMw)).toEqual(Array.from(alpha.loadMw));
    const other = generateLoad({ seed: 8, days: 730 });
    expect(other.zones[0]!.loadMw[100]).not.toBe(alpha.loadMw[100]);
  });

  it("has a daily cycle: evening peak above the 4 a.m. trough by more than 25 %", () => {
    const byHour = meanBy(alpha.loadMw, alpha.timeUtcMs, (t) => zonedParts(t, TZ).hour);
    const trough = byHour.get(4)!;
    const peak = byHour.get(18)!;
    expect(peak / trough).toBeGreaterThan(1.25);
    const hours = [...byHour.entries()].sort((a, b) => a[1] - b[1]);
    expect([2, 3, 4, 5]).toContain(hours[0]![0]);
    expect([17, 18, 19, 20]).toContain(hours[23]![0]);
  });

  it("has a weekly cycle: weekdays at least 8 % above weekends", () => {
    const byDay = meanBy(alpha.loadMw, alpha.timeUtcMs, (t) => zonedParts(t, TZ).weekday);
    const weekend = (byDay.get(0)! + byDay.get(6)!) / 2;
    const weekday = (byDay.get(2)! + byDay.get(3)! + byDay.get(4)!) / 3;
    expect(weekday / weekend).toBeGreaterThan(1.08);
  });

  it("has an annual cycle driven by temperature: July and January above April and October", () => {
    const byMonth = meanBy(alpha.loadMw, alpha.timeUtcMs, (t) => zonedParts(t, TZ).month);
    expect(byMonth.get(7)!).toBeGreaterThan(byMonth.get(4)! * 1.1);
    expect(byMonth.get(1)!).toBeGreaterThan(byMonth.get(10)! * 1.1);
    const temp = meanBy(
      data.temperature.temperatureC,
      data.temperature.timeUtcMs,
      (t) => zonedParts(t, TZ).month,
    );
    expect(temp.get(7)!).toBeGreaterThan(temp.get(1)! + 15);
  });

  it("dips on public holidays: 2021-12-25 (a Saturday) and 2021-07-05 below the same weekday a week earlier", () => {
    const dayMean = (date: string) => {
      const start =
        Date.parse(`${date}T05:00:00Z`) -
        (date >= "2021-03-14" && date < "2021-11-07" ? 3_600_000 : 0);
      let sum = 0;
      for (let i = 0; i < alpha.timeUtcMs.length; i++) {
        const t = alpha.timeUtcMs[i]!;
        if (t >= start && t < start + 86_400_000) sum += alpha.loadMw[i]!;
      }
      return sum / 24;
    };
    expect(dayMean("2021-07-05")).toBeLessThan(dayMean("2021-06-28") * 0.95);
    expect(dayMean("2021-11-25")).toBeLessThan(dayMean("2021-11-18") * 0.95);
  });

  it("writes the fall-back hour twice and the spring-forward hour never, like PJM", () => {
    const csv = formatLoadCsv({ ...alpha, zone: "ALPHA" }, TZ);
    expect(csv.match(/^2021-11-07 01:00:00,/gm)).toHaveLength(2);
    expect(csv.match(/^2021-03-14 02:00:00,/gm)).toBeNull();
    expect(csv.startsWith("Datetime,ALPHA_MW\n2021-01-01 00:00:00,")).toBe(true);
  });

  it("injects exactly the faults asked for and reports where", () => {
    const faulty = generateLoad({
      seed: 3,
      days: 60,
      zones: [{ name: "Z", baseMw: 1000 }],
      faults: { gaps: 3, duplicates: 4, outliers: 2 },
    });
    const zone = faulty.zones[0]!;
    const kinds = faulty.faults.map((f) => f.kind);
    expect(kinds.filter((k) => k === "gap")).toHaveLength(3);
    expect(kinds.filter((k) => k === "duplicate")).toHaveLength(4);
    expect(kinds.filter((k) => k === "outlier")).toHaveLength(2);
    const missing = faulty.faults
      .filter((f) => f.kind === "gap")
      .reduce((n, f) => n + f.intervals, 0);
    const clean = generateLoad({ seed: 3, days: 60, zones: [{ name: "Z", baseMw: 1000 }] })
      .zones[0]!;
    // overlapping gaps may share intervals, so count distinct dropped stamps
    const kept = new Set(Array.from(zone.timeUtcMs));
    const dropped = Array.from(clean.timeUtcMs).filter((t) => !kept.has(t)).length;
    expect(dropped).toBeLessThanOrEqual(missing);
    expect(dropped).toBeGreaterThan(0);
    expect(zone.timeUtcMs.length).toBe(clean.timeUtcMs.length - dropped + 4);
    for (const fault of faulty.faults.filter((f) => f.kind === "duplicate")) {
      expect(Array.from(zone.timeUtcMs).filter((t) => t === fault.timeUtcMs)).toHaveLength(2);
    }
    for (const fault of faulty.faults.filter((f) => f.kind === "outlier")) {
      const i = Array.from(zone.timeUtcMs).indexOf(fault.timeUtcMs);
      const ratio =
        zone.loadMw[i]! / clean.loadMw[Array.from(clean.timeUtcMs).indexOf(fault.timeUtcMs)]!;
      expect([1.9, 0.1].some((r) => Math.abs(ratio - r) < 1e-9)).toBe(true);
    }
  });

  it("rejects an unsupported interval with InputError", () => {
    expect(() => generateLoad({ intervalMinutes: 7 })).toThrow(InputError);
    expect(() => generateLoad({ intervalMinutes: 7 })).toThrow(
      /invalid interval: 7 minutes \(expected 15, 30 or 60\)/,
    );
  });

  it("supports 15-minute intervals: 96 rows per ordinary day", () => {
    const quarter = generateLoad({ days: 2, intervalMinutes: 15, start: "2021-06-01" });
    expect(quarter.zones[0]!.timeUtcMs.length).toBe(192);
  });
});
