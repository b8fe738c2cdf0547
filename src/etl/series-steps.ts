/**
 * The series steps of the ETL, in order: sort-utc → dedupe → outliers → units → fill → resample.
 * One list, two ways to execute it: on the whole series at once, or on time-ordered chunks as
 * rows stream in (every step that applies must then have a chunked form). Both fill the same
 * statistics, so both give the same series and the same quality report.
 */
import { concatRows, type Frame, type LoadSeries } from "../frame.js";
import { dedupeStep } from "./steps/dedupe-step.js";
import { fillStep } from "./steps/fill-step.js";
import { outliersStep } from "./steps/outliers-step.js";
import { resampleStep } from "./steps/resample-step.js";
import {
  emptySeriesStats,
  type ChunkOperator,
  type SeriesConfig,
  type SeriesStats,
  type SeriesStep,
} from "./steps/series-step.js";
import { sortUtcStep } from "./steps/sort-utc-step.js";
import { unitsStep } from "./steps/units-step.js";

/** The series steps in the order they run. */
export const SERIES_STEPS: readonly SeriesStep[] = [
  sortUtcStep,
  dedupeStep,
  outliersStep,
  unitsStep,
  fillStep,
  resampleStep,
];

/** Called with each step's name and the milliseconds it took (summed over chunks). */
export type StepTimer = <T>(name: string, fn: () => T) => T;

const untimed: StepTimer = (_name, fn) => fn();

/** Runs the steps that apply to `config` on the whole `series`. */
export function runSeriesSteps(
  series: LoadSeries,
  config: SeriesConfig,
  time: StepTimer = untimed,
): { series: LoadSeries; stats: SeriesStats } {
  return runSteps(series, config, time, false);
}

/**
 * `runSeriesSteps` on the frame `holder` hands over: `holder.frame` is emptied first and every
 * step runs as the owner of its input, so a step may reuse the input's buffers (dedupe compacts
 * rows in place) and, with no other reference, an input can be freed once the next step has its
 * output: a 10M-row extraction is never held twice.
 */
export function _runSeriesStepsOwned(
  holder: { frame: Frame },
  config: SeriesConfig,
  time: StepTimer = untimed,
): { series: LoadSeries; stats: SeriesStats } {
  const series = holder.frame as LoadSeries;
  holder.frame = { length: 0, columns: {} };
  return runSteps(series, config, time, true);
}

function runSteps(
  series: LoadSeries,
  config: SeriesConfig,
  time: StepTimer,
  owned: boolean,
): { series: LoadSeries; stats: SeriesStats } {
  const stats = emptySeriesStats();
  let out = series;
  for (const step of SERIES_STEPS)
    if (step.applies(config)) out = time(step.name, () => step.run(out, config, stats, owned));
  return { series: out, stats };
}

/** The steps as one chunk operator, or undefined when a step that applies cannot run chunked. */
export function chainSeriesSteps(
  config: SeriesConfig,
  stats: SeriesStats,
  time: StepTimer = untimed,
): ChunkOperator | undefined {
  const chain: { name: string; op: ChunkOperator }[] = [];
  for (const step of SERIES_STEPS) {
    if (!step.applies(config)) continue;
    const op = step.chunked(config, stats);
    if (op === undefined) return undefined;
    chain.push({ name: step.name, op });
  }
  const parts: LoadSeries[] = [];
  const collect = (frame: LoadSeries) => void (frame.length > 0 && parts.push(frame));
  return {
    push(chunk) {
      let frame = chunk;
      for (const { name, op } of chain) frame = time(name, () => op.push(frame));
      collect(frame);
      return frame;
    },
    end(chunk) {
      let frame = chunk;
      for (const { name, op } of chain) frame = time(name, () => op.end(frame));
      collect(frame);
      return parts.length === 0 ? frame : parts.reduce((a, b) => concatRows(a, b));
    },
  };
}

/** True when every step that applies to `config` has a chunked form. */
export function canChainSeriesSteps(config: SeriesConfig): boolean {
  return chainSeriesSteps(config, emptySeriesStats()) !== undefined;
}
