/**
 * The outliers step: flags (column `outlier`) or drops values far from their seasonal profile
 * (see flagOutliers). Whole or chunked, `_OutlierScan` settles flags as soon as the rows they
 * read have arrived, so memory follows that span (at most a year of rows), not the series.
 */
import { concatRows, sliceRows, takeRows, type LoadSeries } from "../../frame.js";
import { _OutlierScan, _scanWhole, type OutlierBatch } from "../transform/outlier-scan.js";
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
    return apply(
      series,
      _scanWhole(scan, series.columns.timeUtcMs, series.columns.loadMw),
      config,
      stats,
    );
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
  private queue: LoadSeries[] = []; // rows pushed but not yet flagged, in order
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
    if (this.seen <= 2) return this.next(this.seen); // as run() leaves so short a series
    this.scan ??= this.startScan();
    return this.emit(this.scan.flush(true));
  }

  private take(chunk: LoadSeries): void {
    this.seen += chunk.length;
    if (chunk.length > 0) this.queue.push(chunk);
    if (this.scan) this.scan.push(chunk.columns.timeUtcMs, chunk.columns.loadMw);
    else if (this.seen > 2) this.scan = this.startScan();
  }

  private startScan(): _OutlierScan {
    const scan = newScan(this.config, this.stats);
    for (const part of this.queue) scan.push(part.columns.timeUtcMs, part.columns.loadMw);
    return scan;
  }

  private emit(batch: OutlierBatch): LoadSeries {
    return apply(this.next(batch.flags.length), batch, this.config, this.stats);
  }

  // Takes the first n queued rows as one frame.
  private next(n: number): LoadSeries {
    let rows: LoadSeries | undefined;
    let left = n;
    while (left > 0) {
      const head = this.queue[0]!;
      const part = head.length <= left ? this.queue.shift()! : sliceRows(head, 0, left);
      if (part !== head) this.queue[0] = sliceRows(head, left);
      rows = rows ? concatRows(rows, part) : part;
      left -= part.length;
    }
    return rows ?? emptyLike(this.queue[0] ?? emptyFrame());
  }
}

function emptyFrame(): LoadSeries {
  return { length: 0, columns: { timeUtcMs: new Float64Array(0), loadMw: new Float64Array(0) } };
}
