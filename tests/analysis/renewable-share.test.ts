import { expect, test } from "vitest";
import { renewableShare } from "../../src/analysis/renewable-share.js";
import { createFrame } from "../../src/frame.js";
import { InputError } from "../../src/errors.js";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00+01:00`);

test("renewableShare(daily frame) sums energies per local year and skips days with a gap", () => {
  const frame = createFrame({
    timeUtcMs: Float64Array.from(["2016-12-31", "2017-01-01", "2017-01-02", "2017-01-03"].map(day)),
    consumptionGwh: Float64Array.from([1000, 1200, 1300, 1100]),
    windGwh: Float64Array.from([100, 300, 100, NaN]),
    solarGwh: Float64Array.from([10, 20, 30, 40]),
  });
  expect(renewableShare(frame, { timeZone: "Europe/Berlin" })).toEqual([
    {
      period: "2016",
      days: 1,
      consumptionGwh: 1000,
      windGwh: 100,
      solarGwh: 10,
      windSharePct: 10,
      solarSharePct: 1,
      renewableSharePct: 11,
    },
    {
      period: "2017",
      days: 2,
      consumptionGwh: 2500,
      windGwh: 400,
      solarGwh: 50,
      windSharePct: 16,
      solarSharePct: 2,
      renewableSharePct: 18,
    },
  ]);
  expect(
    renewableShare(frame, { timeZone: "Europe/Berlin", period: "month" }).map((r) => r.period),
  ).toEqual(["2016-12", "2017-01"]);
});

test("renewableShare(frame without the named column) throws InputError listing the columns", () => {
  const frame = createFrame({
    timeUtcMs: new Float64Array(1),
    consumptionGwh: new Float64Array(1),
  });
  expect(() => renewableShare(frame)).toThrow(InputError);
  expect(() => renewableShare(frame)).toThrow(/"windGwh"/);
});
