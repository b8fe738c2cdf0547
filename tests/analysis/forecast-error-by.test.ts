import { expect, test } from "vitest";
import { forecastErrorBy } from "../../src/analysis/forecast-error-by.js";
import { InputError } from "../../src/errors.js";

test("forecastErrorBy(hour) gives MAE, bias and MAPE per local hour", () => {
  // 2021-07-05 (Mon) 00:00 and 01:00 EDT, twice a week apart.
  const t = [
    "2021-07-05T04:00:00Z",
    "2021-07-05T05:00:00Z",
    "2021-07-12T04:00:00Z",
    "2021-07-12T05:00:00Z",
  ].map(Date.parse);
  const input = { timeUtcMs: t, actualMw: [100, 200, 100, 200], forecastMw: [110, 180, 90, NaN] };
  const byHour = forecastErrorBy(input, { timeZone: "America/New_York", by: "hour" });
  expect(byHour).toHaveLength(24);
  expect(byHour[0]).toEqual({ group: "00:00", n: 2, maeMw: 10, biasMw: 0, mapePct: 10 });
  expect(byHour[1]).toEqual({ group: "01:00", n: 1, maeMw: 20, biasMw: -20, mapePct: 10 });
  expect(byHour[2]!.n).toBe(0);
  const byWeekday = forecastErrorBy(input, { timeZone: "America/New_York", by: "weekday" });
  expect(byWeekday[0]).toMatchObject({ group: "Mon", n: 3 });
  expect(forecastErrorBy(input, { timeZone: "America/New_York", by: "month" })[6]).toMatchObject({
    group: "Jul",
    n: 3,
  });
});

test("forecastErrorBy(mismatched lengths) throws InputError", () => {
  expect(() => forecastErrorBy({ timeUtcMs: [0, 1], actualMw: [1], forecastMw: [1, 2] })).toThrow(
    InputError,
  );
});
