/**
 * Runs every load analysis on one series with one set of options, so a report can call a single
 * function: statistics, profiles, duration curve, peaks, year-over-year, long-term trend,
 * weekly decomposition, anomalies and (when the series has temperature) temperature sensitivity.
 */
import type { LoadSeries } from "../frame.js";
import { isInputError } from "../errors.js";
import { dailyLoad, type DailyLoad } from "./daily-load.js";
import { dayTypeProfile, type DayTypeProfile } from "./day-type-profile.js";
import { decomposeDaily, type DailyDecomposition } from "./decompose-daily.js";
import { describeLoad, type PeriodStats } from "./describe-load.js";
import { detectAnomalies, type Anomaly } from "./detect-anomalies.js";
import { hourWeekdayProfile, type HourWeekdayProfile } from "./hour-weekday-profile.js";
import { loadDurationCurve, type LoadDurationCurve } from "./load-duration-curve.js";
import { longTermTrend, type LongTermTrend } from "./long-term-trend.js";
import { monthlyProfile, type MonthProfileRow } from "./monthly-profile.js";
import { peakAnalysis, type PeakAnalysis } from "./peak-analysis.js";
import { publicHolidays } from "./public-holidays.js";
import { temperatureSensitivity, type TemperatureSensitivity } from "./temperature-sensitivity.js";
import { yearOverYear, type YearRow } from "./year-over-year.js";

/** Options of analyzeLoad. */
export interface AnalyzeLoadOptions {
  /** IANA zone for every calendar grouping; default "UTC" */
  timeZone?: string;
  /** holiday calendar ("US", "DE"); default "US" */
  holidayCountry?: string;
  /** peaks to list; default 10 */
  top?: number;
  /** robust z threshold for anomalous days; default 3.5 */
  anomalyThreshold?: number;
  /** name of the series for titles and sentences; default "load" */
  name?: string;
}

/** Every analysis result; an optional part is absent when the data cannot support it, with `skipped` saying why. */
export interface LoadAnalysis {
  name: string;
  timeZone: string;
  /** first and last local date, YYYY-MM-DD */
  firstDate: string;
  lastDate: string;
  overall: PeriodStats;
  byYear: PeriodStats[];
  daily: DailyLoad;
  hourWeekday: HourWeekdayProfile;
  monthly: MonthProfileRow[];
  dayTypes: DayTypeProfile;
  duration: LoadDurationCurve;
  peaks: PeakAnalysis;
  years: YearRow[];
  trend?: LongTermTrend;
  decomposition?: DailyDecomposition;
  anomalies: Anomaly[];
  temperature?: TemperatureSensitivity;
  /** reasons for parts left out, e.g. { trend: "too few complete months …" } */
  skipped: Record<string, string>;
}

/** Returns every load analysis of `series` in `timeZone`. */
export function analyzeLoad(series: LoadSeries, options: AnalyzeLoadOptions = {}): LoadAnalysis {
  const timeZone = options.timeZone ?? "UTC";
  const holidayCountry = options.holidayCountry ?? "US";
  const daily = dailyLoad(series, { timeZone });
  const skipped: Record<string, string> = {};
  const trend = attempt("trend", skipped, () => longTermTrend(series, { timeZone }));
  const decomposition = attempt("decomposition", skipped, () => decomposeDaily(daily));
  const firstDate = daily.date[0] ?? "";
  const lastDate = daily.date[daily.length - 1] ?? "";
  const holidays =
    daily.length > 0
      ? publicHolidays(holidayCountry, Number(firstDate.slice(0, 4)), Number(lastDate.slice(0, 4)))
      : new Map<string, string>();
  const hasTemperature = series.columns.temperatureC instanceof Float64Array;
  const temperature = hasTemperature
    ? attempt("temperature", skipped, () => temperatureSensitivity(daily))
    : undefined;
  if (!hasTemperature) skipped.temperature = "the series has no temperatureC column";
  return {
    name: options.name ?? "load",
    timeZone,
    firstDate,
    lastDate,
    overall: describeLoad(series, { timeZone, period: "all" })[0]!,
    byYear: describeLoad(series, { timeZone, period: "year" }),
    daily,
    hourWeekday: hourWeekdayProfile(series, { timeZone }),
    monthly: monthlyProfile(series, { timeZone }),
    dayTypes: dayTypeProfile(series, { timeZone, holidayCountry }),
    duration: loadDurationCurve(series),
    peaks: peakAnalysis(series, { timeZone, top: options.top ?? 10 }),
    years: yearOverYear(series, { timeZone }),
    ...(trend ? { trend } : {}),
    ...(decomposition ? { decomposition } : {}),
    anomalies: decomposition
      ? detectAnomalies(decomposition, { threshold: options.anomalyThreshold ?? 3.5, holidays })
      : [],
    ...(temperature ? { temperature } : {}),
    skipped,
  };
}

function attempt<T>(part: string, skipped: Record<string, string>, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isInputError(error)) throw error;
    skipped[part] = error.message;
    return undefined;
  }
}
