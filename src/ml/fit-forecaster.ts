/**
 * The shared model lifecycle: fit on the training rows minus a held-out calibration block
 * (the model picks its hyperparameters inside what it is given), turn the block's residuals into
 * conformal intervals and validation metrics, refit on all training rows with the chosen
 * hyperparameters, time both, and write the model card.
 */
import { ModelError } from "../errors.js";
import type { Logger } from "../effects.js";
import { silentLogger } from "../effects.js";
import { activeBackend } from "./backend.js";
import { conformalGroup, conformalTable } from "./conformal.js";
import { dataSha256 } from "./data-sha256.js";
import { horizonTargets } from "./features/day-ahead-features.js";
import { forecastFrame, type ForecastFrame } from "./forecast-frame.js";
import type { HourlyGrid } from "./hourly-grid.js";
import { forecastMetrics, seasonalNaiveScale } from "./metrics.js";
import type { FitContext, FittedPointModel, ForecastTaskKind, Model, ModelCard } from "./model.js";
import { dayAheadOrigins, HOURS_PER_YEAR } from "./training-rows.js";
import { FORECAST_DEFAULTS } from "./forecast-defaults.js";

/** Options of fitForecaster. */
export interface FitForecasterOptions {
  task: ForecastTaskKind;
  /** first grid row not used for fitting */
  end: number;
  /** steps per origin; default 24 */
  horizon?: number;
  /** default 42 */
  seed?: number;
  /** hours held out at the end of training for the intervals; default 8760 (one year) */
  calibrationHours?: number;
  /** model-specific options; default {} */
  modelOptions?: Record<string, unknown>;
  /** default silent */
  logger?: Logger;
  /** monotonic milliseconds, used only to report durations; default performance.now */
  clock?: () => number;
}

/** A fitted model with intervals: forecasts as frames, and its card. */
export interface Forecaster {
  readonly model: Model;
  readonly fitted: FittedPointModel;
  readonly card: ModelCard;
  /** forecasts `horizon` steps from each origin row, with intervals and actuals */
  forecast(grid: HourlyGrid, origins: Int32Array, horizon: number): ForecastFrame;
}

/** Returns `model` fitted on grid rows [0, options.end) with conformal intervals and a card. */
export async function fitForecaster(
  model: Model,
  grid: HourlyGrid,
  options: FitForecasterOptions,
): Promise<Forecaster> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const horizon = options.horizon ?? FORECAST_DEFAULTS.horizonHours;
  const end = options.end;
  const calibrationStart = end - calibrationLength(options, end);
  const context = (fitEnd: number, hyperparameters?: Record<string, number>): FitContext => ({
    task: options.task,
    end: fitEnd,
    horizon,
    seed: options.seed ?? FORECAST_DEFAULTS.seed,
    logger: options.logger ?? silentLogger(),
    options: options.modelOptions ?? {},
    ...(hyperparameters ? { hyperparameters } : {}),
  });
  const first = await model.fit(grid, context(calibrationStart));
  const calibration = calibrate(first, grid, options.task, calibrationStart, end, horizon);
  // the intervals keep the first fit's residuals; only the refit uses re-chosen hyperparameters
  const hyperparameters =
    first.tuneOnHeldOut?.(grid, calibration.origins, calibration.steps) ?? first.hyperparameters;
  first.dispose();
  const fitted = await model.fit(grid, context(end, hyperparameters));
  const card = modelCard(model, fitted, grid, options, {
    horizon,
    end,
    calibrationStart,
    calibration,
    fitMs: clock() - started,
  });
  return forecasterOf(model, fitted, card);
}

/** Wraps a fitted point model and its card (also used when loading a saved model). */
export function forecasterOf(model: Model, fitted: FittedPointModel, card: ModelCard): Forecaster {
  return {
    model,
    fitted,
    card,
    forecast: (grid, origins, horizon) =>
      forecastFrame(grid, origins, horizon, fitted.predict(grid, origins, horizon), card.conformal),
  };
}

function calibrationLength(options: FitForecasterOptions, end: number): number {
  const wanted = options.calibrationHours ?? HOURS_PER_YEAR;
  const length = Math.min(wanted, Math.floor(end / 4));
  if (length < 24 * 7) {
    throw new ModelError(
      `too little history to fit and calibrate: ${end} hours before the origin (expected at least ${24 * 7 * 4})`,
    );
  }
  return length;
}

interface Calibration {
  table: ModelCard["conformal"];
  metrics: ModelCard["validationMetrics"];
  /** the held-out origins and steps forecast from each */
  origins: Int32Array;
  steps: number;
}

function calibrate(
  fitted: FittedPointModel,
  grid: HourlyGrid,
  task: ForecastTaskKind,
  start: number,
  end: number,
  horizon: number,
): Calibration {
  const dayAhead = task === "day-ahead";
  const origins = dayAhead
    ? dayAheadOrigins(grid, start, end, horizon, false)
    : Int32Array.of(start);
  const steps = dayAhead ? horizon : end - start;
  if (origins.length === 0) {
    throw new ModelError(
      `no calibration origins between rows ${start} and ${end} (expected at least one local midnight)`,
    );
  }
  const predicted = fitted.predict(grid, origins, steps);
  const actual = horizonTargets(grid, origins, steps);
  const residuals = actual.map((y, k) => y - predicted[k]!);
  const groupBy = dayAhead ? "step" : "hour";
  const table = conformalTable(
    residuals,
    (k) => conformalGroup(grid, origins[Math.floor(k / steps)]! + (k % steps), k % steps, groupBy),
    dayAhead ? horizon : 24,
    groupBy,
  );
  const scale = seasonalNaiveScale(grid.loadMw.subarray(0, start), 24);
  return {
    table,
    metrics: forecastMetrics(actual, predicted, { maseScale: scale }),
    origins,
    steps,
  };
}

function modelCard(
  model: Model,
  fitted: FittedPointModel,
  grid: HourlyGrid,
  options: FitForecasterOptions,
  run: {
    horizon: number;
    end: number;
    calibrationStart: number;
    calibration: Calibration;
    fitMs: number;
  },
): ModelCard {
  const iso = (row: number): string => new Date(grid.timeUtcMs[row]!).toISOString();
  return {
    model: model.name,
    description: model.description,
    task: options.task,
    horizon: run.horizon,
    seed: options.seed ?? FORECAST_DEFAULTS.seed,
    backend: model.usesTensorflow ? activeBackend() : "none",
    timeZone: grid.timeZone,
    holidayCountry: grid.holidayCountry,
    features: fitted.features,
    hyperparameters: fitted.hyperparameters,
    trainingRange: { startUtc: iso(0), endUtc: iso(run.end - 1), rows: run.end },
    calibrationRange: { startUtc: iso(run.calibrationStart), endUtc: iso(run.end - 1) },
    validationMetrics: run.calibration.metrics,
    conformal: run.calibration.table,
    dataSha256: dataSha256(grid, run.end),
    fitMs: run.fitMs,
    createdWith: "powerflow",
  };
}
