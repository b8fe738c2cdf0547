/**
 * The "to UTC" step: stamps arrive as UTC instants from the extractor (local time, hour-ending
 * and DST already resolved there); this step puts rows in UTC order, stably, and counts how
 * often the source went backwards. Chunked, it holds rows until they are two days behind the
 * latest stamp seen; a row older than what it already passed on breaks the stream.
 */
import { concatRows, sliceRows, takeRows, type LoadSeries } from "../../frame.js";
import { sortByTime } from "../transform/sort-by-time.js";
import {
  emptyLike,
  StreamOrderBreak,
  type ChunkOperator,
  type SeriesStep,
  type SeriesStats,
} from "./series-step.js";

const HOLD_MS = 2 * 86_400_000;
const BLOCK_ROWS = 1 << 16;

/** Sorts by `timeUtcMs`, stably. */
export const sortUtcStep: SeriesStep = {
  name: "sort-utc",
  applies: () => true,
  run(series, _config, stats) {
    const sorted = sortByTime(series);
    stats.descents += sorted.descents;
    return sorted.frame;
  },
  chunked: (_config, stats) => new SortChunks(stats),
};

class SortChunks implements ChunkOperator {
  private pending: LoadSeries | undefined;
  private pendingSorted = true;
  private previous = Number.NaN;
  private passedBelow = -Infinity;
  private latest = -Infinity;

  constructor(private readonly stats: SeriesStats) {}

  push(chunk: LoadSeries): LoadSeries {
    this.take(chunk);
    const pending = this.pending!;
    if (pending.length < BLOCK_ROWS) return emptyLike(pending);
    const cut = this.latest - HOLD_MS;
    this.passedBelow = Math.max(this.passedBelow, cut);
    const t = pending.columns.timeUtcMs;
    if (this.pendingSorted) {
      // sorted input (the common case): the rows below the cut are a prefix, passed on as views
      let at = 0;
      let hi = pending.length;
      while (at < hi) {
        const mid = (at + hi) >> 1;
        if (t[mid]! < cut) at = mid + 1;
        else hi = mid;
      }
      this.pending = sliceRows(pending, at);
      return sliceRows(pending, 0, at);
    }
    const out: number[] = [];
    const keep: number[] = [];
    for (let i = 0; i < pending.length; i++) (t[i]! < cut ? out : keep).push(i);
    this.pending = takeRows(pending, keep);
    this.pendingSorted = isSorted(this.pending.columns.timeUtcMs);
    return sortByTime(takeRows(pending, out)).frame;
  }

  end(chunk: LoadSeries): LoadSeries {
    this.take(chunk);
    const rest = this.pending!;
    this.pending = undefined;
    return sortByTime(rest).frame;
  }

  private take(chunk: LoadSeries): void {
    const t = chunk.columns.timeUtcMs;
    for (let i = 0; i < chunk.length; i++) {
      const v = t[i]!;
      if (v < this.previous) {
        this.stats.descents++;
        this.pendingSorted = false;
      }
      if (v < this.passedBelow)
        throw new StreamOrderBreak(`row at ${v} after rows up to ${this.passedBelow}`);
      if (v > this.latest) this.latest = v;
      this.previous = v;
    }
    this.pending = this.pending ? concatRows(this.pending, chunk) : chunk;
  }
}

function isSorted(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}
