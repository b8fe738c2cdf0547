/**
 * One row per model of two backtests on the same rows, one with observed weather and one
 * without: the errors side by side and what the weather gained.
 */
import { InputError } from "../errors.js";
import type { BacktestResult } from "../ml/backtest.js";

/** A model's errors without and with observed weather (ex post); MW and % as named. */
export interface WeatherComparisonRow {
  model: string;
  /** true when the model's features read the temperatures */
  usesWeather: boolean;
  maeWithoutMw: number;
  maeWithMw: number;
  rmseWithoutMw: number;
  rmseWithMw: number;
  mapeWithoutPct: number;
  mapeWithPct: number;
  /** how much lower the RMSE is with weather, % of the RMSE without */
  rmseGainPct: number;
  /** how much lower the MAPE is with weather, percentage points */
  mapeGainPoints: number;
}

/**
 * Returns one row per model of `withWeather` that `withoutWeather` also has, most accurate with
 * weather (lowest MAE) first. Throws InputError when the two share no model.
 */
export function weatherComparisonRows(
  withWeather: BacktestResult,
  withoutWeather: BacktestResult,
): WeatherComparisonRow[] {
  const rows: WeatherComparisonRow[] = [];
  for (const w of withWeather.models) {
    const o = withoutWeather.models.find((m) => m.model === w.model);
    if (o === undefined) continue;
    const a = o.metrics;
    const b = w.metrics;
    rows.push({
      model: w.model,
      usesWeather: w.usesWeather,
      maeWithoutMw: a.maeMw,
      maeWithMw: b.maeMw,
      rmseWithoutMw: a.rmseMw,
      rmseWithMw: b.rmseMw,
      mapeWithoutPct: a.mapePct,
      mapeWithPct: b.mapePct,
      rmseGainPct: ((a.rmseMw - b.rmseMw) / a.rmseMw) * 100,
      mapeGainPoints: a.mapePct - b.mapePct,
    });
  }
  if (rows.length === 0)
    throw new InputError(
      `backtests share no model: with weather ${names(withWeather)}, without ${names(withoutWeather)} (expected the same models)`,
    );
  return rows.sort((x, y) => x.maeWithMw - y.maeWithMw);
}

function names(result: BacktestResult): string {
  return result.models.map((m) => m.model).join(", ") || "none";
}
