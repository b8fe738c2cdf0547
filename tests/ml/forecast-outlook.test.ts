import { describe, expect, it } from "vitest";
import { createLoadSeries } from "../../src/frame.js";
import { generateLoad } from "../../src/generate/generate-load.js";
import { forecastOutlook } from "../../src/ml/forecast-outlook.js";
import { forecastOutlookFigure } from "../../src/analysis/figures/forecast-outlook-figure.js";
import { InputError } from "../../src/errors.js";

const TZ = "America/New_York";
const zone = generateLoad({ seed: 5, days: 500, zones: [{ name: "Z", baseMw: 1000 }] }).zones[0]!;
const series = createLoadSeries(zone.timeUtcMs, zone.loadMw);
const last = zone.timeUtcMs[zone.timeUtcMs.length - 1]!;

describe("forecastOutlook", () => {
  it("forecastOutlook(series) returns 48 h of actuals then 72 h of forecast with an 80 % band", async () => {
    const outlook = await forecastOutlook(series, {
      timeZone: TZ,
      horizonHours: 72,
      historyHours: 48,
    });
    expect(outlook.model).toBe("ridge");
    expect(outlook.level).toBe(0.8);
    expect(outlook.timeUtcMs.length).toBe(120);
    expect(outlook.timeUtcMs[47]).toBe(last);
    expect(outlook.startUtcMs).toBe(last + 3_600_000);
    expect(outlook.timeUtcMs[48]).toBe(last + 3_600_000);
    expect(outlook.timeUtcMs[119]).toBe(last + 72 * 3_600_000);
    for (let i = 0; i < 48; i++) {
      expect(outlook.actualMw[i]).toBe(zone.loadMw[zone.loadMw.length - 48 + i]);
      expect(outlook.forecastMw[i]).toBeNaN();
    }
    for (let i = 48; i < 120; i++) {
      expect(outlook.actualMw[i]).toBeNaN();
      expect(outlook.lowerMw[i]!).toBeLessThanOrEqual(outlook.forecastMw[i]!);
      expect(outlook.upperMw[i]!).toBeGreaterThanOrEqual(outlook.forecastMw[i]!);
      // a sane level for a zone averaging about 1,000 MW
      expect(outlook.forecastMw[i]! / 1000).toBeGreaterThan(0.5);
      expect(outlook.forecastMw[i]! / 1000).toBeLessThan(2);
    }
    const again = await forecastOutlook(series, {
      timeZone: TZ,
      horizonHours: 72,
      historyHours: 48,
    });
    expect(Array.from(again.forecastMw.subarray(48))).toEqual(
      Array.from(outlook.forecastMw.subarray(48)),
    );
  });

  it("forecastOutlookFigure titles the chart with the outlook's mean and peak hour", async () => {
    const outlook = await forecastOutlook(series, {
      timeZone: TZ,
      horizonHours: 48,
      historyHours: 24,
    });
    const figure = forecastOutlookFigure(outlook, { timeZone: TZ });
    // baseLayout wraps long titles with <br> to fit 800 px: compare the text with breaks as spaces
    const title = JSON.stringify(figure.layout.title).replaceAll("<br>", " ");
    expect(title).toMatch(
      /Next 2 days \(ridge\): mean [\d,]+ MW, peak [\d,]+ MW in the hour starting 20\d\d-\d\d-\d\d \d\d:00/,
    );
  });

  it("forecastOutlook(series with temperature) ignores the weather: calendar only, as without it", async () => {
    const temperatureC = Float64Array.from(zone.timeUtcMs, (_, i) => 10 + (i % 24));
    const withWeather = createLoadSeries(zone.timeUtcMs, zone.loadMw, { temperatureC });
    const options = { timeZone: TZ, horizonHours: 48, historyHours: 0 };
    const a = await forecastOutlook(withWeather, options);
    const b = await forecastOutlook(series, options);
    expect(a.card.features.some((f) => /temperature|degreeHours/i.test(f))).toBe(false);
    expect(Array.from(a.forecastMw)).toEqual(Array.from(b.forecastMw));
  });

  it("rejects a zero-hour outlook and an unknown model with InputError", async () => {
    await expect(forecastOutlook(series, { horizonHours: 0 })).rejects.toThrow(InputError);
    await expect(forecastOutlook(series, { model: "prophet" })).rejects.toThrow(
      /unknown model: "prophet"/,
    );
  });
});
