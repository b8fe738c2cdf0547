/**
 * The ETL up to its outputs: extract → validate → the series steps (sort-utc, dedupe, outliers,
 * units, fill, resample) → enrich. Used by `runEtl` (CLI) and `readLoadSeries` (notebooks).
 * The series steps run chunked while rows stream in when the source can stream rows and every
 * step that applies has a chunked form (any resampled CSV run but seasonal fill or duplicates
 * fail); otherwise on the whole series. A streamed run that meets rows more than two days out
 * of order reads the input again and runs on the whole series: both give the same result.
 */
import type { Effects } from "../effects.js";
import type { LoadSeries } from "../frame.js";
import type { EtlConfig } from "./etl-config.js";
import { enrichSeries, type EnrichNotes } from "./enrich-series.js";
import type { ExtractResult } from "./extract/extract-result.js";
import {
  canChainSeriesSteps,
  chainSeriesSteps,
  _runSeriesStepsOwned,
  type StepTimer,
} from "./series-steps.js";
import { seriesQuality } from "./steps/series-quality.js";
import { emptySeriesStats, StreamOrderBreak, type SeriesStats } from "./steps/series-step.js";
import { checkBadRows } from "./validate/check-bad-rows.js";
import { finding, type QualityReport } from "./validate/quality-report.js";

/** A source as the pipeline reads it. */
export interface SeriesInput {
  /** reads everything; with `onRow`, accepted rows go there instead of into the frame */
  extract(onRow?: (utcMs: number, value: number, line: number) => void): Promise<ExtractResult>;
  /** true when `extract` honours `onRow` (CSV) */
  streamsRows: boolean;
}

/** The prepared series, its quality report, the extraction and per-step timings. */
export interface PreparedSeries {
  extracted: ExtractResult;
  series: LoadSeries;
  quality: QualityReport;
  rowsFilled: number;
  intervalMs: number;
  steps: { name: string; elapsedMs: number }[];
  /** the weather joined by `enrich.weather`: series, report, quarantine, overlap */
  weather?: EnrichNotes["weather"];
}

const CHUNK_ROWS = 1 << 16;

/** Runs extract → validate → series steps → enrich for `config`, timing each step. */
export async function prepareSeries(
  input: SeriesInput,
  config: EtlConfig,
  effects: Effects,
): Promise<PreparedSeries> {
  const clock = () => effects.now().getTime();
  const steps: PreparedSeries["steps"] = [];
  const totals = new Map<string, number>();
  const time: StepTimer = (name, fn) => {
    const t0 = clock();
    try {
      return fn();
    } finally {
      totals.set(name, (totals.get(name) ?? 0) + clock() - t0);
    }
  };
  const timeAsync = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = clock();
    const result = await fn();
    totals.set(name, (totals.get(name) ?? 0) + clock() - t0);
    return result;
  };
  const stream = input.streamsRows && config.resample !== undefined && canChainSeriesSteps(config);
  let run = stream ? await streamed(input, config, time, timeAsync) : undefined;
  if (run === undefined) {
    if (stream) steps.push({ name: "stream stopped: rows out of order, read again", elapsedMs: 0 });
    totals.clear();
    const extracted = await timeAsync("extract", () => input.extract());
    time("validate", () => checkBadRows(extracted, config));
    // the steps take the extraction's rows over (emptying extracted.frame), so the rows can go
    // as soon as the first step that copies them is done
    const whole = _runSeriesStepsOwned(extracted, config, time);
    run = { extracted, ...whole };
  }
  const quality = seriesQuality(run.extracted, run.stats, config);
  if (stream && run.streamed)
    quality.findings.push(
      finding(
        "streamed",
        run.stats.rowsKept,
        `streamed into ${run.series.length} ${config.resample} bucket(s) without holding the rows (memory follows the buckets)`,
      ),
    );
  const intervalMs = run.stats.intervalMs;
  const notes: EnrichNotes = {};
  const series = await timeAsync("enrich", () =>
    enrichSeries(run.series, config, effects, intervalMs, quality.findings, notes),
  );
  if (notes.weather) quality.weather = { ...notes.weather.report, overlap: notes.weather.overlap };
  for (const [name, ms] of totals) steps.push({ name, elapsedMs: Math.round(ms) });
  return {
    extracted: run.extracted,
    series,
    quality,
    rowsFilled: run.stats.rowsFilled,
    intervalMs,
    steps,
    ...(notes.weather ? { weather: notes.weather } : {}),
  };
}

interface Run {
  extracted: ExtractResult;
  series: LoadSeries;
  stats: SeriesStats;
  streamed?: boolean;
}

// Extract with rows streaming through the chained steps; undefined when the rows' order broke it.
async function streamed(
  input: SeriesInput,
  config: EtlConfig,
  time: StepTimer,
  timeAsync: <T>(name: string, fn: () => Promise<T>) => Promise<T>,
): Promise<Run | undefined> {
  const stats = emptySeriesStats();
  const chain = chainSeriesSteps(config, stats, time)!;
  let chunk = newChunk();
  let n = 0;
  const onRow = (t: number, v: number, line: number) => {
    chunk.time[n] = t;
    chunk.value[n] = v;
    chunk.line[n++] = line;
    if (n === CHUNK_ROWS) {
      chain.push(frameOf(chunk, n));
      chunk = newChunk();
      n = 0;
    }
  };
  try {
    const extracted = await timeAsync("extract+resample (streaming)", () => input.extract(onRow));
    checkBadRows(extracted, config);
    const series = chain.end(frameOf(chunk, n));
    return { extracted, series, stats, streamed: true };
  } catch (error) {
    if (error instanceof StreamOrderBreak) return undefined;
    throw error;
  }
}

function newChunk() {
  return {
    time: new Float64Array(CHUNK_ROWS),
    value: new Float64Array(CHUNK_ROWS),
    line: new Int32Array(CHUNK_ROWS),
  };
}

function frameOf(chunk: ReturnType<typeof newChunk>, n: number): LoadSeries {
  return {
    length: n,
    columns: {
      timeUtcMs: chunk.time.subarray(0, n),
      loadMw: chunk.value.subarray(0, n),
      line: chunk.line.subarray(0, n),
    },
  };
}
