// compareWeatherBacktests end to end on small generated data: a real weather CSV read by the ETL's
// reader (readObservedWeather), real backtests with and without it on the same rows.
import { describe, expect, it } from "vitest";
import { compareWeatherBacktests } from "../../src/analysis/compare-weather-backtests.js";
import { NO_WEATHER_NOTE, readObservedWeather } from "../../src/analysis/read-observed-weather.js";
import { recentSplit } from "../../src/analysis/recent-split.js";
import { selectPeriod } from "../../src/analysis/select-period.js";
import { sliceRows } from "../../src/frame.js";
import { backtest } from "../../src/ml/backtest.js";
import { EX_POST_LABEL } from "../../src/ml/backtest-weather.js";
import { useWeatherFiles } from "./weather-files.js";

const TZ = "America/New_York";
const MODELS = ["seasonal-naive-24", "vanilla-benchmark", "ridge"];
const files = useWeatherFiles();

describe("compareWeatherBacktests", () => {
  it("compareWeatherBacktests(observed) runs the models with and without weather on the same rows, ex post", async () => {
    const observed = await readObservedWeather(files.load, files.celsiusPath);
    const compared = await compareWeatherBacktests(observed, {
      task: "day-ahead",
      testDays: 14,
      historyDays: 180,
      models: MODELS,
      timeZone: TZ,
    });
    expect(compared.note).toBeUndefined();
    expect(compared.evaluation).toBe(EX_POST_LABEL);
    expect(compared.weather).toBe(observed.weather);
    expect(compared.series!.length).toBe(24 * 180 - 1); // 180 local days, one of 23 h (DST)
    const w = compared.withWeather!;
    const o = compared.withoutWeather!;
    expect(w.evaluation).toBe(EX_POST_LABEL);
    expect(o.evaluation).toBeUndefined();
    expect([w.splitUtc, w.origins]).toEqual([o.splitUtc, o.origins]);
    expect(w.origins).toBe(14);
    expect(w.models.map((m) => m.usesWeather)).toEqual([false, true, true]);
    expect(o.models.map((m) => m.usesWeather)).toEqual([false, false, false]);
    expect(compared.reused).toEqual([]);
    const byModel = Object.fromEntries(compared.rows.map((r) => [r.model, r]));
    // the load-only peer reads no weather: identical either way
    expect(byModel["seasonal-naive-24"]!.rmseWithMw).toBe(
      byModel["seasonal-naive-24"]!.rmseWithoutMw,
    );
    // the generated load follows its temperature: weather helps the ridge (vanilla-benchmark's
    // temperature × month terms need more than these few months of training)
    expect(byModel.ridge!.rmseGainPct).toBeGreaterThan(10);
    expect(byModel.ridge!.rmseGainPct).toBeCloseTo(
      (1 - byModel.ridge!.rmseWithMw / byModel.ridge!.rmseWithoutMw) * 100,
      9,
    );
    expect(compared.rows[0]!.model).toBe("ridge"); // most accurate with weather first
  });

  it("compareWeatherBacktests reuses a load-only backtest of the same rows and runs only the models it lacks", async () => {
    const observed = await readObservedWeather(files.load, files.celsiusPath);
    const history = selectPeriod(files.load, {
      start: recentSplit(files.load, { days: 180, timeZone: TZ }),
      timeZone: TZ,
    });
    const split = recentSplit(history, { days: 14, timeZone: TZ });
    const main = await backtest(history, {
      task: "day-ahead",
      split,
      models: ["seasonal-naive-24", "ridge"],
      timeZone: TZ,
    });
    const options = {
      task: "day-ahead" as const,
      testDays: 14,
      historyDays: 180,
      models: MODELS,
      timeZone: TZ,
    };
    const reused = await compareWeatherBacktests(observed, { ...options, withoutWeather: main });
    const fresh = await compareWeatherBacktests(observed, options);
    expect(reused.reused).toEqual(["seasonal-naive-24", "ridge"]);
    expect(reused.withoutWeather!.models.map((m) => m.model)).toEqual(MODELS);
    expect(reused.withoutWeather!.models[2]).toBe(main.models[1]);
    expect(reused.rows).toEqual(fresh.rows);
    // another split: nothing reused
    const other = await backtest(history, {
      task: "day-ahead",
      split: recentSplit(history, { days: 10, timeZone: TZ }),
      models: ["ridge"],
      timeZone: TZ,
    });
    const notReused = await compareWeatherBacktests(observed, {
      ...options,
      models: ["ridge"],
      withoutWeather: other,
    });
    expect(notReused.reused).toEqual([]);
    expect(notReused.rows).toEqual(fresh.rows.filter((r) => r.model === "ridge"));
  });

  it("compareWeatherBacktests(weather ending before the load) compares on the end of the overlap", async () => {
    const observed = await readObservedWeather(files.load, files.fahrenheitPath, {
      column: "temp_f",
      unit: "F",
      tz: "Etc/GMT+5",
    });
    const compared = await compareWeatherBacktests(observed, {
      task: "day-ahead",
      testDays: 7,
      models: ["ridge"],
      timeZone: TZ,
    });
    const last = compared.series!.columns.timeUtcMs[compared.series!.length - 1]!;
    expect(last).toBe(observed.overlap!.columns.timeUtcMs[observed.overlap!.length - 1]);
    expect(last).toBeLessThan(files.load.columns.timeUtcMs[files.load.length - 1]!);
    expect(compared.withWeather!.models[0]!.usesWeather).toBe(true);
  });

  it("compareWeatherBacktests(no weather) returns the note and no backtest", async () => {
    const compared = await compareWeatherBacktests(await readObservedWeather(files.load, ""), {
      task: "long-horizon",
    });
    expect(compared).toEqual({ task: "long-horizon", rows: [], reused: [], note: NO_WEATHER_NOTE });
  });

  it("compareWeatherBacktests(overlap too short for the test period) returns a note naming the overlap", async () => {
    const observed = await readObservedWeather(
      sliceRows(files.load, 0, 24 * 60),
      files.celsiusPath,
    );
    const compared = await compareWeatherBacktests(observed, {
      task: "long-horizon",
      testDays: 40,
      models: ["ridge"],
      timeZone: TZ,
    });
    expect(compared.withWeather).toBeUndefined();
    expect(compared.rows).toEqual([]);
    expect(compared.note).toMatch(
      /^Not compared with and without weather: the load–weather overlap \(2021-01-01T05:00:00.000Z … 2021-03-02T04:00:00.000Z\) leaves 4\d\d hours before the test period from 2021-01-2\d \(expected at least 2688, 16 weeks\)\.$/,
    );
  });
});
