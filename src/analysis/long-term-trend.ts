/**
 * The long-term trend of load: monthly means in local time, deseasonalised by subtracting each
 * calendar month's average, then a Theil–Sen slope (MW per year, with its confidence interval)
 * and a Mann–Kendall test on the deseasonalised months.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { localCalendar } from "./local-calendar.js";
import { mannKendall, type MannKendallResult } from "./mann-kendall.js";
import { intervalHours } from "./stats.js";
import { theilSen } from "./theil-sen.js";

/** Options of longTermTrend. */
export interface LongTermTrendOptions {
  /** IANA zone of the calendar months; default "UTC" */
  timeZone?: string;
  /** confidence level of the slope interval; default 0.95 */
  confidence?: number;
  /** months with less than this share of their intervals are left out; default 0.8 */
  minCoverage?: number;
}

/** One calendar month of the trend input. */
export interface TrendMonth {
  /** "YYYY-MM" */
  month: string;
  /** decimal year of the month's middle, e.g. 2015.0417 for January 2015 */
  decimalYear: number;
  meanMw: number;
  /** meanMw minus the average of this calendar month over all years */
  deseasonalizedMw: number;
}

/** Result of longTermTrend; slopes in MW per year. */
export interface LongTermTrend {
  months: TrendMonth[];
  slopeMwPerYear: number;
  lowerMwPerYear: number;
  upperMwPerYear: number;
  /** slope ÷ overall mean × 100 */
  slopePctPerYear: number;
  confidence: number;
  meanMw: number;
  mannKendall: MannKendallResult;
  /** the fitted line at the first and last month, MW (level of the overall mean) */
  line: { decimalYear: [number, number]; loadMw: [number, number] };
}

/** Returns the deseasonalised monthly series with its Theil–Sen slope and Mann–Kendall test. */
export function longTermTrend(
  series: LoadSeries,
  options: LongTermTrendOptions = {},
): LongTermTrend {
  const confidence = options.confidence ?? 0.95;
  const months = monthlyMeans(series, options.timeZone ?? "UTC", options.minCoverage ?? 0.8);
  if (months.length < 24) {
    throw new InputError(
      `too few complete months for a long-term trend: ${months.length} (expected at least 24)`,
    );
  }
  const x = months.map((m) => m.decimalYear);
  const y = months.map((m) => m.deseasonalizedMw);
  const fit = theilSen(x, y, { confidence });
  const meanMw = months.reduce((a, m) => a + m.meanMw, 0) / months.length;
  const first = x[0]!;
  const last = x[x.length - 1]!;
  return {
    months,
    slopeMwPerYear: fit.slope,
    lowerMwPerYear: fit.lowerSlope,
    upperMwPerYear: fit.upperSlope,
    slopePctPerYear: (fit.slope / meanMw) * 100,
    confidence,
    meanMw,
    mannKendall: mannKendall(y, { alpha: 1 - confidence }),
    line: {
      decimalYear: [first, last],
      loadMw: [
        meanMw + fit.intercept + fit.slope * first,
        meanMw + fit.intercept + fit.slope * last,
      ],
    },
  };
}

function monthlyMeans(series: LoadSeries, timeZone: string, minCoverage: number): TrendMonth[] {
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const stepHours = intervalHours(timeUtcMs);
  const acc = new Map<number, { sum: number; n: number }>();
  for (let i = 0; i < series.length; i++) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    const key = cal.year[i]! * 12 + cal.month[i]! - 1;
    const a = acc.get(key) ?? { sum: 0, n: 0 };
    a.sum += v;
    a.n++;
    acc.set(key, a);
  }
  const kept = [...acc.entries()]
    .filter(
      ([key, a]) =>
        (a.n * stepHours) / (daysInMonth(Math.floor(key / 12), (key % 12) + 1) * 24) >= minCoverage,
    )
    .sort((a, b) => a[0] - b[0]);
  const climatology = new Array<number>(12).fill(0);
  const climatologyN = new Array<number>(12).fill(0);
  for (const [key, a] of kept) {
    climatology[key % 12]! += a.sum / a.n;
    climatologyN[key % 12]! += 1;
  }
  return kept.map(([key, a]) => {
    const year = Math.floor(key / 12);
    const month = (key % 12) + 1;
    const meanMw = a.sum / a.n;
    return {
      month: `${year}-${month < 10 ? "0" : ""}${month}`,
      decimalYear: year + (month - 0.5) / 12,
      meanMw,
      deseasonalizedMw: meanMw - climatology[key % 12]! / climatologyN[key % 12]!,
    };
  });
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
