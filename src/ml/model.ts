/**
 * The model interfaces. A `Model` fits point forecasts on an hourly grid; the shared lifecycle
 * wrapper (`fitForecaster`) adds validation, conformal intervals, timing and the model card.
 */
import type { Logger } from "../effects.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { ForecastMetrics } from "./metrics.js";

/** The two standard tasks: calendar-only long-horizon, or 24 h ahead from each local midnight. */
export type ForecastTaskKind = "long-horizon" | "day-ahead";

/** What a model learns from: grid rows [0, end) only. */
export interface FitContext {
  task: ForecastTaskKind;
  /** first row NOT available for fitting */
  end: number;
  /** steps forecast from each origin (day-ahead: 24) */
  horizon: number;
  seed: number;
  logger: Logger;
  /** hyperparameters chosen in an earlier fit; when given, the model skips its own search */
  hyperparameters?: Record<string, number>;
  /** model-specific options (epochs, hidden units, …) */
  options: Record<string, unknown>;
}

/** Point forecasts for `origins.length × horizon` steps, origin-major. */
export type PointForecast = Float64Array;

/** A fitted model: deterministic point forecasts that read only rows before each origin. */
export interface FittedPointModel {
  /** hyperparameters actually used (chosen by validation inside the training rows) */
  readonly hyperparameters: Record<string, number>;
  /** feature names, for the model card */
  readonly features: readonly string[];
  /** forecasts rows origin … origin + horizon − 1 for each origin, using rows < origin only */
  predict(grid: HourlyGrid, origins: Int32Array, horizon: number): PointForecast;
  /**
   * Hyperparameters for the refit, re-chosen on the forecasts from `origins` (the held-out
   * calibration block, which this fit never saw); models with nothing to re-choose leave it out.
   */
  tuneOnHeldOut?(grid: HourlyGrid, origins: Int32Array, horizon: number): Record<string, number>;
  /** serialisable state: JSON plus optional binary weights */
  exportState(): Promise<ModelState>;
  /** frees tensors, if any */
  dispose(): void;
}

/** A model's saved state. */
export interface ModelState {
  json: unknown;
  /** tfjs weights (little-endian float32) */
  weights?: Uint8Array;
}

/** A forecasting model: name, supported tasks, fit and restore. */
export interface Model {
  readonly name: string;
  readonly description: string;
  readonly tasks: readonly ForecastTaskKind[];
  /** true when it runs on TensorFlow.js */
  readonly usesTensorflow: boolean;
  fit(grid: HourlyGrid, context: FitContext): Promise<FittedPointModel>;
  restore(state: ModelState, card: ModelCard): Promise<FittedPointModel>;
}

/** Everything needed to judge and reproduce a fitted model; saved as model-card.json. */
export interface ModelCard {
  model: string;
  description: string;
  task: ForecastTaskKind;
  horizon: number;
  seed: number;
  /** "none" for models without TensorFlow.js */
  backend: string;
  timeZone: string;
  holidayCountry: string;
  features: readonly string[];
  hyperparameters: Record<string, number>;
  /** ISO UTC, first and last training interval start */
  trainingRange: { startUtc: string; endUtc: string; rows: number };
  /** ISO UTC range of the held-out calibration block used for the intervals */
  calibrationRange: { startUtc: string; endUtc: string };
  /** metrics on the calibration block (out of sample) */
  validationMetrics: ForecastMetrics;
  /** per step (day-ahead) or per local hour (long-horizon): residual quantiles 2.5/10/90/97.5 % */
  conformal: ConformalTable;
  /** SHA-256 of the training data (timestamps and loads), hex */
  dataSha256: string;
  fitMs: number;
  createdWith: string;
}

/** Signed residual quantiles per group (horizon step or local hour). */
export interface ConformalTable {
  groupBy: "step" | "hour";
  q025: number[];
  q10: number[];
  q90: number[];
  q975: number[];
}
