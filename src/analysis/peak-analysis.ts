/**
 * Peaks of a load series: the top-N peaks on distinct local days, when daily peaks happen (hour
 * of day, month), and the peak-to-average ratio overall and per year.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { formatLocalTime, localCalendar } from "./local-calendar.js";

/** Options of peakAnalysis. */
export interface PeakAnalysisOptions {
  /** IANA zone of reported times; default "UTC" */
  timeZone?: string;
  /** how many peaks to list; default 10 */
  top?: number;
}

/** One listed peak: the highest interval of its local day. */
export interface Peak {
  rank: number;
  timeUtcMs: number;
  /** local wall-clock start of the interval, "YYYY-MM-DD HH:mm" */
  local: string;
  loadMw: number;
  /** local hour 0-23, weekday 0 = Sunday, month 1-12 */
  hour: number;
  weekday: number;
  month: number;
}

/** Peak statistics of one local calendar year. */
export interface YearPeak {
  year: number;
  peakMw: number;
  meanMw: number;
  peakToAverage: number;
  peakLocal: string;
}

/** Result of peakAnalysis. */
export interface PeakAnalysis {
  peaks: Peak[];
  peakMw: number;
  meanMw: number;
  /** peak ÷ mean over the whole series */
  peakToAverage: number;
  /** how many daily peaks fall in each local hour 0-23 */
  dailyPeakHourCounts: number[];
  /** how many of the top-N peaks fall in each month (index 0 = January) */
  topPeakMonthCounts: number[];
  /** local hour at which daily peaks happen most often */
  typicalPeakHour: number;
  years: YearPeak[];
  timeZone: string;
}

/** Returns the top-N daily peaks, peak timing counts and peak-to-average ratios. */
export function peakAnalysis(series: LoadSeries, options: PeakAnalysisOptions = {}): PeakAnalysis {
  const timeZone = options.timeZone ?? "UTC";
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 1)
    throw new InputError(`invalid top: ${top} (expected a positive integer)`);
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const dayPeak = new Map<number, number>();
  const years = new Map<number, { sum: number; n: number; peakRow: number }>();
  let sum = 0;
  let n = 0;
  for (let i = 0; i < series.length; i++) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
    const d = cal.dayNumber[i]!;
    const best = dayPeak.get(d);
    if (best === undefined || v > loadMw[best]!) dayPeak.set(d, i);
    const y = years.get(cal.year[i]!) ?? { sum: 0, n: 0, peakRow: i };
    y.sum += v;
    y.n++;
    if (v > loadMw[y.peakRow]!) y.peakRow = i;
    years.set(cal.year[i]!, y);
  }
  const dailyPeakHourCounts = new Array<number>(24).fill(0);
  for (const row of dayPeak.values()) dailyPeakHourCounts[cal.hour[row]!]! += 1;
  const ranked = [...dayPeak.values()].sort(
    (a, b) => loadMw[b]! - loadMw[a]! || timeUtcMs[a]! - timeUtcMs[b]!,
  );
  const peaks = ranked.slice(0, top).map((row, k) => ({
    rank: k + 1,
    timeUtcMs: timeUtcMs[row]!,
    local: formatLocalTime(timeUtcMs[row]!, timeZone),
    loadMw: loadMw[row]!,
    hour: cal.hour[row]!,
    weekday: cal.weekday[row]!,
    month: cal.month[row]!,
  }));
  const topPeakMonthCounts = new Array<number>(12).fill(0);
  for (const p of peaks) topPeakMonthCounts[p.month - 1]! += 1;
  const meanMw = n > 0 ? sum / n : NaN;
  const peakMw = peaks[0]?.loadMw ?? NaN;
  return {
    peaks,
    peakMw,
    meanMw,
    peakToAverage: peakMw / meanMw,
    dailyPeakHourCounts,
    topPeakMonthCounts,
    typicalPeakHour: dailyPeakHourCounts.indexOf(Math.max(...dailyPeakHourCounts)),
    years: [...years.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, y]) => ({
        year,
        peakMw: loadMw[y.peakRow]!,
        meanMw: y.sum / y.n,
        peakToAverage: loadMw[y.peakRow]! / (y.sum / y.n),
        peakLocal: formatLocalTime(timeUtcMs[y.peakRow]!, timeZone),
      })),
    timeZone,
  };
}
