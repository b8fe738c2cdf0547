/**
 * The resample step: hourly, daily or weekly buckets (mean MW, energy, count, coverage) with the
 * series step fixed by dedupe. Chunked, only the buckets' sums are kept, so memory follows the
 * number of buckets.
 */
import type { LoadSeries } from "../../frame.js";
import { _BucketSums, type ResampledFrame } from "../transform/resample.js";
import type { SeriesConfig, SeriesStats, SeriesStep } from "./series-step.js";

/** Resamples to `config.resample`; counts buckets with coverage < 1. */
export const resampleStep: SeriesStep = {
  name: "resample",
  applies: (config) => config.resample !== undefined,
  run(series, config, stats) {
    const sums = new _BucketSums(config.resample!, config.timeZone);
    sums.push(series.columns.timeUtcMs, series.columns.loadMw);
    return finish(sums, stats);
  },
  chunked(config: SeriesConfig, stats: SeriesStats) {
    const sums = new _BucketSums(config.resample!, config.timeZone);
    const push = (chunk: LoadSeries): LoadSeries => {
      sums.push(chunk.columns.timeUtcMs, chunk.columns.loadMw);
      return emptyBuckets();
    };
    return {
      push,
      end: (chunk) => {
        push(chunk);
        return finish(sums, stats);
      },
    };
  },
};

function finish(sums: _BucketSums, stats: SeriesStats): LoadSeries {
  const frame: ResampledFrame = sums.finish(stats.intervalMs);
  for (const c of frame.columns.coverage) if (c < 1) stats.partialBuckets++;
  return frame;
}

function emptyBuckets(): LoadSeries {
  const f = new Float64Array(0);
  return {
    length: 0,
    columns: { timeUtcMs: f, loadMw: f, energyMwh: f, count: new Int32Array(0), coverage: f },
  };
}
