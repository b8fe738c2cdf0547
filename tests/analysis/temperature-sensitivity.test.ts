import { expect, test } from "vitest";
import type { DailyLoad } from "../../src/analysis/daily-load.js";
import {
  predictTemperatureLoad,
  temperatureSensitivity,
} from "../../src/analysis/temperature-sensitivity.js";
import { InputError } from "../../src/errors.js";

function days(
  temps: number[],
  load: (t: number) => number,
  weekday = (k: number): number => 1 + (k % 5),
): DailyLoad {
  const n = temps.length;
  return {
    length: n,
    timeZone: "UTC",
    date: temps.map((_, k) => `d${k}`),
    dayNumber: Int32Array.from(temps, (_, k) => k),
    weekday: Int32Array.from(temps, (_, k) => weekday(k)),
    meanMw: Float64Array.from(temps, load),
    peakMw: Float64Array.from(temps, load),
    minMw: Float64Array.from(temps, load),
    energyMwh: Float64Array.from(temps, (t) => load(t) * 24),
    coverage: new Float64Array(n).fill(1),
    temperatureC: Float64Array.from(temps),
  };
}

const TEMPS = Array.from({ length: 81 }, (_, k) => -5 + k * 0.5); // -5 … 35 °C
const TRUE = (t: number): number => 1000 + 50 * Math.max(15 - t, 0) + 80 * Math.max(t - 22, 0);

test("temperatureSensitivity(exact change-point data) recovers balance points, slopes and R² = 1", () => {
  const fit = temperatureSensitivity(days(TEMPS, TRUE));
  expect(fit.heatingBalanceC).toBe(15);
  expect(fit.coolingBalanceC).toBe(22);
  expect(fit.baseMw).toBeCloseTo(1000, 6);
  expect(fit.heatingMwPerC).toBeCloseTo(50, 6);
  expect(fit.coolingMwPerC).toBeCloseTo(80, 6);
  expect(fit.r2).toBeCloseTo(1, 9);
  expect(fit.n).toBe(81);
  expect(predictTemperatureLoad(fit, 30)).toBeCloseTo(1640, 6);
});

test("temperatureSensitivity leaves weekends out by default", () => {
  // Weekends (weekday 0 or 6) carry 300 MW less: with them excluded the fit stays exact.
  const weekday = (k: number): number => k % 7;
  const data = days(TEMPS, TRUE, weekday);
  for (let k = 0; k < data.length; k++) if (k % 7 === 0 || k % 7 === 6) data.meanMw[k]! -= 300;
  expect(temperatureSensitivity(data).r2).toBeCloseTo(1, 9);
  expect(temperatureSensitivity(data, { workingDaysOnly: false }).r2).toBeLessThan(0.99);
});

test("temperatureSensitivity(no temperature) throws InputError saying why", () => {
  const data = days(TEMPS, TRUE);
  data.temperatureC.fill(NaN);
  expect(() => temperatureSensitivity(data)).toThrow(InputError);
  expect(() => temperatureSensitivity(data)).toThrow(/too few days with temperature: 0/);
});
