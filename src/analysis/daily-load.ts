/**
 * Aggregates a load series into local calendar days: mean, peak, minimum and energy per day,
 * the share of the day's intervals present, and the day's mean temperature when the series
 * carries a `temperatureC` column.
 */
import type { LoadSeries } from "../frame.js";
import { isoDate, localCalendar, localDayStartUtc, offsetLookup } from "./local-calendar.js";
import { intervalHours } from "./stats.js";

/** Options of dailyLoad. */
export interface DailyLoadOptions {
  /** IANA zone whose calendar days are used; default "UTC" */
  timeZone?: string;
}

/** One row per local day present in the series, in day order. */
export interface DailyLoad {
  readonly length: number;
  readonly timeZone: string;
  /** local date, YYYY-MM-DD */
  readonly date: string[];
  /** local days since 1970-01-01 */
  readonly dayNumber: Int32Array;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: Int32Array;
  readonly meanMw: Float64Array;
  readonly peakMw: Float64Array;
  readonly minMw: Float64Array;
  /** energy of the intervals present, MWh */
  readonly energyMwh: Float64Array;
  /** intervals with a finite load ÷ intervals the local day has (23, 24 or 25 h for hourly data) */
  readonly coverage: Float64Array;
  /** mean °C of the day; NaN when the series has no temperature */
  readonly temperatureC: Float64Array;
}

/** Returns one row per local day with mean/peak/min MW, energy MWh, coverage and mean °C. */
export function dailyLoad(series: LoadSeries, options: DailyLoadOptions = {}): DailyLoad {
  const timeZone = options.timeZone ?? "UTC";
  const { timeUtcMs, loadMw } = series.columns;
  const temperature = series.columns.temperatureC;
  const temp = temperature instanceof Float64Array ? temperature : undefined;
  const cal = localCalendar(timeUtcMs, timeZone);
  const stepHours = intervalHours(timeUtcMs);
  const acc = new Map<number, DayAccumulator>();
  for (let i = 0; i < series.length; i++) {
    const key = cal.dayNumber[i]!;
    let day = acc.get(key);
    if (!day) {
      day = {
        weekday: cal.weekday[i]!,
        sum: 0,
        n: 0,
        max: -Infinity,
        min: Infinity,
        tSum: 0,
        tN: 0,
      };
      acc.set(key, day);
    }
    const v = loadMw[i]!;
    if (Number.isFinite(v)) {
      day.sum += v;
      day.n++;
      if (v > day.max) day.max = v;
      if (v < day.min) day.min = v;
    }
    const t = temp ? temp[i]! : NaN;
    if (Number.isFinite(t)) {
      day.tSum += t;
      day.tN++;
    }
  }
  return buildDaily(
    [...acc.entries()].sort((a, b) => a[0] - b[0]),
    timeZone,
    stepHours,
  );
}

interface DayAccumulator {
  weekday: number;
  sum: number;
  n: number;
  max: number;
  min: number;
  tSum: number;
  tN: number;
}

function buildDaily(
  days: [number, DayAccumulator][],
  timeZone: string,
  stepHours: number,
): DailyLoad {
  const n = days.length;
  const out = {
    length: n,
    timeZone,
    date: new Array<string>(n),
    dayNumber: new Int32Array(n),
    weekday: new Int32Array(n),
    meanMw: new Float64Array(n),
    peakMw: new Float64Array(n),
    minMw: new Float64Array(n),
    energyMwh: new Float64Array(n),
    coverage: new Float64Array(n),
    temperatureC: new Float64Array(n),
  };
  const offsetAt = dayLengthHours(timeZone);
  for (let k = 0; k < n; k++) {
    const [dayNumber, d] = days[k]!;
    out.date[k] = isoDate(dayNumber);
    out.dayNumber[k] = dayNumber;
    out.weekday[k] = d.weekday;
    out.meanMw[k] = d.n > 0 ? d.sum / d.n : NaN;
    out.peakMw[k] = d.n > 0 ? d.max : NaN;
    out.minMw[k] = d.n > 0 ? d.min : NaN;
    out.energyMwh[k] = d.sum * stepHours;
    out.coverage[k] = (d.n * stepHours) / offsetAt(dayNumber);
    out.temperatureC[k] = d.tN > 0 ? d.tSum / d.tN : NaN;
  }
  return out;
}

/** Returns a function giving the length in hours (23, 24, 25) of a local day in `timeZone`. */
function dayLengthHours(timeZone: string): (dayNumber: number) => number {
  const offsetAt = offsetLookup(timeZone);
  return (dayNumber: number): number =>
    (localDayStartUtc(dayNumber + 1, offsetAt) - localDayStartUtc(dayNumber, offsetAt)) / 3_600_000;
}
