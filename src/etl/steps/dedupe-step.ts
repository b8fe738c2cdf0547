/**
 * The dedupe step: rows sharing a stamp are merged by the duplicates policy (mean, first, last)
 * or refused (fail). Then the series step is fixed from the first 4,096 unique stamps, so a
 * streamed run knows it as early as a whole-series run. Chunked (all but fail, whose error
 * lists every repeated stamp), it holds output until those stamps have been seen.
 */
import { concatRows, type LoadSeries } from "../../frame.js";
import { inferIntervalMs } from "../transform/detect-gaps.js";
import { mergeDuplicates } from "../transform/merge-duplicates.js";
import {
  emptyLike,
  type ChunkOperator,
  type SeriesConfig,
  type SeriesStats,
  type SeriesStep,
} from "./series-step.js";

const STEP_SAMPLE = 4_097;

/** Merges duplicate stamps by `config.duplicates`; sets `stats.intervalMs`. */
export const dedupeStep: SeriesStep = {
  name: "dedupe",
  applies: () => true,
  run(series, config, stats, owned = false) {
    const merged = merge(series, config, stats, owned);
    setStep(merged, stats);
    return merged;
  },
  chunked: (config, stats) =>
    config.duplicates === "fail" ? undefined : new DedupeChunks(config, stats),
};

function merge(
  series: LoadSeries,
  config: SeriesConfig,
  stats: SeriesStats,
  inPlace = false,
): LoadSeries {
  const merged = mergeDuplicates(series, { policy: config.duplicates, inPlace });
  stats.duplicateGroups += merged.groups;
  stats.duplicatesMerged += merged.rowsMerged;
  for (const e of merged.examples)
    if (stats.duplicateExamples.length < 5) stats.duplicateExamples.push(e);
  return merged.frame;
}

function setStep(series: LoadSeries, stats: SeriesStats): void {
  stats.intervalMs = inferIntervalMs(series.columns.timeUtcMs.subarray(0, STEP_SAMPLE));
}

class DedupeChunks implements ChunkOperator {
  private held: LoadSeries | undefined;
  private holding = true;

  constructor(
    private readonly config: SeriesConfig,
    private readonly stats: SeriesStats,
  ) {}

  push(chunk: LoadSeries): LoadSeries {
    const merged = merge(chunk, this.config, this.stats);
    if (!this.holding) return merged;
    this.held = this.held ? concatRows(this.held, merged) : merged;
    return this.held.length < STEP_SAMPLE ? emptyLike(merged) : this.release();
  }

  end(chunk: LoadSeries): LoadSeries {
    const merged = merge(chunk, this.config, this.stats);
    if (!this.holding) return merged;
    this.held = this.held ? concatRows(this.held, merged) : merged;
    return this.release();
  }

  private release(): LoadSeries {
    const out = this.held!;
    setStep(out, this.stats);
    this.held = undefined;
    this.holding = false;
    return out;
  }
}
