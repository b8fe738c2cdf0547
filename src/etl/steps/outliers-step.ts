/**
 * The outliers step: flags (column `outlier`) or drops values far from their seasonal profile
 * (see flagOutliers). Chunked, `_OutlierScan` settles flags as soon as the rows they read have
 * arrived, so memory follows that span (at most a year of rows), not the series.
 */
import { concatRows, sliceRows, takeRows, type LoadSeries } from "../../frame.js";
import { _OutlierScan, type OutlierBatch } from "../transform/outlier-scan.js";
import {
  emptyLike,
  type ChunkOperator,
  type SeriesConfig,
  type SeriesStats,
  type SeriesStep,
} from "./series-step.js";

/** Flags or drops outliers per `config.outliers`; series of two rows or fewer stay as they are. */
export const outliersStep: SeriesStep = {
  name: "outliers",
  applies: (config) => config.outliers !== "none",
  run(series, config, stats) {
    if (series.length <= 2) return series;
    const scan = newScan(config, stats);
    scan.push(series.columns.timeUtcMs, series.columns.loadMw);
    return apply(series, scan.flush(true), config, stats);
  },
  chunked: (config, stats) => new OutlierChunks(config, stats),
};

function newScan(config: SeriesConfig, stats: SeriesStats): _OutlierScan {
  return new _OutlierScan({
    intervalMs: stats.intervalMs || 3_600_000,
    threshold: config.outlierThreshold,
  });
}

// `rows` are the rows of `batch`: adds the flag column, or drops the flagged rows.
function apply(
  rows: LoadSeries,
  batch: OutlierBatch,
  config: SeriesConfig,
  stats: SeriesStats,
): LoadSeries {
  const { flags } = batch;
  const t = rows.columns.timeUtcMs;
  const x = rows.columns.loadMw;
  stats.outliers += batch.indices.length;
  for (let i = 0; i < flags.length && stats.outlierExamples.length < 5; i++)
    if (flags[i] === 1) stats.outlierExamples.push(`${new Date(t[i]!).toISOString()} ${x[i]!}`);
  const flagged = { length: rows.length, columns: { ...rows.columns, outlier: flags } };
  if (config.outliers !== "drop" || batch.indices.length === 0) return flagged;
  stats.outliersDropped += batch.indices.length;
  const keep: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i] === 0) keep.push(i);
  return takeRows(flagged as LoadSeries, keep);
}

class OutlierChunks implements ChunkOperator {
  private scan: _OutlierScan | undefined;
  private pending: LoadSeries | undefined; // rows pushed but not yet flagged
  private seen = 0;

  constructor(
    private readonly config: SeriesConfig,
    private readonly stats: SeriesStats,
  ) {}

  push(chunk: LoadSeries): LoadSeries {
    this.take(chunk);
    if (this.scan === undefined) return emptyLike(chunk);
    return this.emit(this.scan.flush(false));
  }

  end(chunk: LoadSeries): LoadSeries {
    this.take(chunk);
    if (this.seen <= 2) return this.pending!; // as run() leaves so short a series
    this.scan ??= this.startScan();
    return this.emit(this.scan.flush(true));
  }

  private take(chunk: LoadSeries): void {
    this.seen += chunk.length;
    this.pending = this.pending ? concatRows(this.pending, chunk) : chunk;
    if (this.scan) this.scan.push(chunk.columns.timeUtcMs, chunk.columns.loadMw);
    else if (this.seen > 2) this.scan = this.startScan();
  }

  private startScan(): _OutlierScan {
    const scan = newScan(this.config, this.stats);
    scan.push(this.pending!.columns.timeUtcMs, this.pending!.columns.loadMw);
    return scan;
  }

  private emit(batch: OutlierBatch): LoadSeries {
    const pending = this.pending!;
    const n = batch.flags.length;
    this.pending = sliceRows(pending, n);
    return apply(sliceRows(pending, 0, n), batch, this.config, this.stats);
  }
}
