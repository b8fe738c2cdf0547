/**
 * Inputs and targets of the TensorFlow.js models: the standardised design (day-ahead: the ridge's
 * level-relative features, log level, the ridge's forecast and last-day error; long-horizon: day
 * features), the optional load-history sequence, and row slices for training and validation.
 */
import {
  DAY_AHEAD_HISTORY,
  dayAheadFeatures,
  dayAheadLevels,
} from "./features/day-ahead-features.js";
import type { NamedDesign } from "./features/calendar-features.js";
import { dayFeatures } from "./features/day-features.js";
import type { HourlyGrid } from "./hourly-grid.js";
import type { FittedPointModel, ForecastTaskKind } from "./model.js";
import { applyStandardizer, type Standardizer } from "./standardizer.js";
import type { NetworkData } from "./tf-network.js";

/**
 * Returns the network design of `samples` (origins or day starts) before standardisation;
 * day-ahead, `seasonal` (when given) adds that model's 24-hour forecast relative to the level.
 */
export function networkDesign(
  grid: HourlyGrid,
  task: ForecastTaskKind,
  samples: Int32Array,
  baseline: FittedPointModel,
  seasonal?: FittedPointModel,
): NamedDesign {
  if (task !== "day-ahead") return dayFeatures(grid, samples);
  // the relative features hide the absolute level, which the network may still use; the
  // baseline's own forecast (relative) saves the network from re-learning it
  const base = dayAheadFeatures(grid, samples);
  const levels = dayAheadLevels(grid, samples);
  const ridge = baseline.predict(grid, samples, 24);
  const previous = Int32Array.from(samples, (o) => Math.max(DAY_AHEAD_HISTORY, o - 24));
  const yesterday = baseline.predict(grid, previous, 24);
  const extra = seasonal?.predict(grid, samples, 24);
  const cols = base.cols + 49 + (extra ? 24 : 0);
  const x = new Float64Array(base.rows * cols);
  for (let r = 0; r < base.rows; r++) {
    x.set(base.x.subarray(r * base.cols, (r + 1) * base.cols), r * cols);
    x[r * cols + base.cols] = Math.log(levels[r]!);
    for (let h = 0; h < 24; h++) x[r * cols + base.cols + 1 + h] = ridge[r * 24 + h]! / levels[r]!;
    // the baseline's error on the last day (0 where that day had no full history)
    const o = previous[r]!;
    for (let h = 0; h < 24; h++) {
      const error = o === samples[r]! - 24 ? grid.filledMw[o + h]! - yesterday[r * 24 + h]! : 0;
      x[r * cols + base.cols + 25 + h] = error / levels[r]!;
    }
    if (extra) {
      for (let h = 0; h < 24; h++)
        x[r * cols + base.cols + 49 + h] = extra[r * 24 + h]! / levels[r]!;
    }
  }
  const names = [...base.names, "logLevel"];
  for (let h = 0; h < 24; h++) names.push(`ridge_t+${h}/level`);
  for (let h = 0; h < 24; h++) names.push(`ridgeError_t-${24 - h}/level`);
  if (extra) for (let h = 0; h < 24; h++) names.push(`seasonalRidge_t+${h}/level`);
  return { x, rows: base.rows, cols, names };
}

/** Per-sample level the targets are relative to (day-ahead), or 1 (long-horizon). */
export function sampleLevels(
  grid: HourlyGrid,
  task: ForecastTaskKind,
  samples: Int32Array,
): Float64Array {
  return task === "day-ahead"
    ? dayAheadLevels(grid, samples)
    : new Float64Array(samples.length).fill(1);
}

/** Returns the network's inputs (standardised design, optional sequence) and scaled targets. */
export function networkData(
  sequenceHours: number,
  grid: HourlyGrid,
  samples: Int32Array,
  design: NamedDesign,
  scaler: Standardizer,
  load: { mean: number; scale: number },
  residual: Float64Array | undefined,
  residualScale: number,
): NetworkData {
  const inputs = [{ data: applyStandardizer(scaler, design.x, design.cols), shape: [design.cols] }];
  const hours = sequenceHours;
  if (hours > 0) {
    const seq = new Float32Array(samples.length * hours);
    const levels = sampleLevels(grid, "day-ahead", samples);
    for (let r = 0; r < samples.length; r++) {
      for (let j = 0; j < hours; j++) {
        const ratio = grid.filledMw[samples[r]! - hours + j]! / levels[r]!;
        seq[r * hours + j] = (ratio - load.mean) / load.scale;
      }
    }
    inputs.push({ data: seq, shape: [hours, 1] });
  }
  const target = new Float32Array(samples.length * 24);
  if (residual) for (let k = 0; k < target.length; k++) target[k] = residual[k]! / residualScale;
  return { inputs, target, outputs: 24, rows: samples.length };
}

/** Returns samples [from, to) of `data` (views, no copies). */
export function rowsOf(data: NetworkData, from: number, to: number): NetworkData {
  return {
    inputs: data.inputs.map((i) => {
      const width = i.shape.reduce((a, b) => a * b, 1);
      return { data: i.data.subarray(from * width, to * width), shape: i.shape };
    }),
    target: data.target.subarray(from * data.outputs, to * data.outputs),
    outputs: data.outputs,
    rows: to - from,
  };
}

/** Mean and standard deviation of the training sequences' load-to-level ratios. */
export function sequenceScale(
  grid: HourlyGrid,
  samples: Int32Array,
  levels: Float64Array,
  hours: number,
): { mean: number; scale: number } {
  let sum = 0;
  let ss = 0;
  for (let r = 0; r < samples.length; r++) {
    for (let j = samples[r]! - hours; j < samples[r]!; j++) {
      const ratio = grid.filledMw[j]! / levels[r]!;
      sum += ratio;
      ss += ratio * ratio;
    }
  }
  const n = samples.length * hours;
  const mean = sum / n;
  return { mean, scale: Math.sqrt(Math.max(0, ss / n - mean * mean)) || 1 };
}
