import { describe, expect, it } from "vitest";
import { backtestMetricRows } from "../../src/analysis/backtest-views.js";
import type { BacktestResult, ModelBacktest } from "../../src/ml/backtest.js";

function model(name: string, maeMw: number, fitMs: number): ModelBacktest {
  return {
    model: name,
    metrics: {
      n: 48,
      maeMw,
      rmseMw: maeMw * 1.25,
      mapePct: maeMw / 100,
      smapePct: maeMw / 100,
      mase: maeMw / 1000,
      pinballMw: maeMw / 10,
      coverage80: 0.8125,
      coverage95: 0.9375,
      width80Mw: 1,
      width95Mw: 2,
    },
    fitMs,
    predictMs: 1,
    fits: 1,
  } as ModelBacktest;
}

const result = { models: [model("ridge", 500, 1234), model("mlp", 400, 5678)] } as BacktestResult;

describe("backtestMetricRows", () => {
  it("ranks models by MAE and converts coverage to %, leaving wall times out by default", () => {
    expect(backtestMetricRows(result)).toEqual([
      {
        model: "mlp",
        maeMw: 400,
        rmseMw: 500,
        mapePct: 4,
        mase: 0.4,
        coverage80Pct: 81.25,
        coverage95Pct: 93.75,
      },
      {
        model: "ridge",
        maeMw: 500,
        rmseMw: 625,
        mapePct: 5,
        mase: 0.5,
        coverage80Pct: 81.25,
        coverage95Pct: 93.75,
      },
    ]);
  });

  it("adds fitting seconds with fitTimes: true", () => {
    expect(backtestMetricRows(result, { fitTimes: true }).map((r) => r.fitSeconds)).toEqual([
      5.678, 1.234,
    ]);
  });
});
