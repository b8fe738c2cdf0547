/**
 * The fill step: finds the gaps of the cleaned series (and counts its rows and span for the
 * quality report), then fills short gaps when `config.fill` asks. Chunked, it carries the last
 * row of the previous chunk so gaps across chunk edges are found and filled alike; seasonal
 * fill reads a week back in the whole series and does not stream.
 */
import { concatRows, sliceRows, type LoadSeries } from "../../frame.js";
import { detectGaps } from "../transform/detect-gaps.js";
import { fillGaps } from "../transform/fill-gaps.js";
import type { SeriesConfig, SeriesStats, SeriesStep } from "./series-step.js";

/** Records gaps and span in `stats`; fills gaps of up to `config.fill.maxSteps` intervals. */
export const fillStep: SeriesStep = {
  name: "fill",
  applies: () => true,
  run: (series, config, stats) => gapsAndFill(series, 0, config, stats),
  chunked(config, stats) {
    if (config.fill.method === "seasonal") return undefined;
    let last: LoadSeries | undefined;
    const push = (chunk: LoadSeries): LoadSeries => {
      if (chunk.length === 0) return chunk;
      if (config.fill.method === "none") {
        // nothing to insert: the edge is checked on two rows instead of copying the chunk
        if (last) gapsAndFill(concatRows(last, sliceRows(chunk, 0, 1)), 1, config, stats);
        gapsAndFill(chunk, last ? 1 : 0, config, stats);
        last = sliceRows(chunk, chunk.length - 1);
        return chunk;
      }
      const carried = last ? 1 : 0;
      const out = gapsAndFill(last ? concatRows(last, chunk) : chunk, carried, config, stats);
      last = sliceRows(chunk, chunk.length - 1);
      return carried ? sliceRows(out, 1) : out;
    };
    return { push, end: push };
  },
};

// Rows before `carried` were counted by the previous chunk: only their gaps to this one count.
function gapsAndFill(
  series: LoadSeries,
  carried: number,
  config: SeriesConfig,
  stats: SeriesStats,
): LoadSeries {
  const t = series.columns.timeUtcMs;
  if (series.length > carried) {
    if (Number.isNaN(stats.firstUtcMs)) stats.firstUtcMs = t[carried]!;
    stats.lastUtcMs = t[series.length - 1]!;
    stats.rowsKept += series.length - carried;
  }
  const gaps = detectGaps(series, { intervalMs: stats.intervalMs });
  stats.gaps.push(...gaps.gaps);
  stats.missingIntervals += gaps.missingIntervals;
  if (config.fill.method === "none") return series;
  const filled = fillGaps(series, {
    method: config.fill.method,
    maxSteps: config.fill.maxSteps,
    intervalMs: stats.intervalMs,
  });
  stats.rowsFilled += filled.filled;
  return filled.frame;
}
