/**
 * Views of a backtest result for tables and charts: one metric row per model, and the forecast
 * of one model (the most accurate by default) as actual/forecast/interval columns.
 */
import { InputError } from "../errors.js";
import type { BacktestResult, ModelBacktest } from "../ml/backtest.js";
import type { ForecastVsActual } from "./forecast-error-by.js";

/** One row of the backtest metric table; MW, % and seconds as named. */
export interface BacktestMetricRow {
  model: string;
  maeMw: number;
  rmseMw: number;
  mapePct: number;
  mase: number;
  /** share of actuals inside the 80 % / 95 % intervals, % */
  coverage80Pct: number;
  coverage95Pct: number;
  /** fitting time; only with `fitTimes: true` */
  fitSeconds?: number;
}

/** Options of backtestMetricRows. */
export interface BacktestMetricRowsOptions {
  /**
   * Add each model's fitting time (default false: a report shows only what the same inputs
   * reproduce exactly, and wall time does not).
   */
  fitTimes?: boolean;
}

/** Returns one metric row per model, most accurate (lowest MAE) first. */
export function backtestMetricRows(
  result: BacktestResult,
  options: BacktestMetricRowsOptions = {},
): BacktestMetricRow[] {
  return [...result.models]
    .sort((a, b) => a.metrics.maeMw - b.metrics.maeMw)
    .map((m) => ({
      model: m.model,
      maeMw: m.metrics.maeMw,
      rmseMw: m.metrics.rmseMw,
      mapePct: m.metrics.mapePct,
      mase: m.metrics.mase,
      coverage80Pct: m.metrics.coverage80 * 100,
      coverage95Pct: m.metrics.coverage95 * 100,
      ...(options.fitTimes ? { fitSeconds: m.fitMs / 1000 } : {}),
    }));
}

/** Options of forecastVsActual. */
export interface ForecastVsActualOptions {
  /** model name; default the one with the lowest MAE */
  model?: string;
  /** interval level shown as the band, 80 or 95; default 80 */
  level?: 80 | 95;
}

/** Returns the chosen model's backtest forecast as actual, forecast and interval columns. */
export function forecastVsActual(
  result: BacktestResult,
  options: ForecastVsActualOptions = {},
): ForecastVsActual {
  const chosen = pickModel(result.models, options.model);
  const level = options.level ?? 80;
  if (level !== 80 && level !== 95)
    throw new InputError(`invalid interval level: ${String(level)} (expected 80 or 95)`);
  const c = chosen.forecast.columns;
  return {
    timeUtcMs: c.timeUtcMs,
    actualMw: c.actualMw,
    forecastMw: c.forecastMw,
    lowerMw: level === 80 ? c.lower80Mw : c.lower95Mw,
    upperMw: level === 80 ? c.upper80Mw : c.upper95Mw,
    level: level / 100,
    model: chosen.model,
  };
}

function pickModel(models: readonly ModelBacktest[], name: string | undefined): ModelBacktest {
  if (models.length === 0) throw new InputError("backtest has no models (expected at least one)");
  if (name === undefined || name === "")
    return models.reduce((b, m) => (m.metrics.maeMw < b.metrics.maeMw ? m : b));
  const found = models.find((m) => m.model === name);
  if (!found)
    throw new InputError(
      `model not in backtest: "${name}" (expected one of ${models.map((m) => m.model).join(", ")})`,
    );
  return found;
}
