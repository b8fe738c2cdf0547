/**
 * Daily mean load against daily mean temperature, each day tagged with its season (a quarter of
 * the year named by its months, so it reads right in either hemisphere) and its day type, plus a
 * least-squares slope per season on working days: how many MW each °C adds or removes there.
 */
import type { LoadSeries } from "../frame.js";
import { InputError } from "../errors.js";
import { dailyLoad } from "./daily-load.js";
import type { DayType } from "./day-type-profile.js";
import { publicHolidays } from "./public-holidays.js";

/** Options of temperatureLoadDays. */
export interface TemperatureLoadDaysOptions {
  /** IANA zone of the local days; default "UTC" */
  timeZone?: string;
  /** public-holiday calendar (ISO country, optionally "US-NY"); default "US" */
  holidayCountry?: string;
  /** days with less than this share of their hours are left out; default 0.9 */
  minCoverage?: number;
}

/** The seasons, as the months they cover (Dec–Feb first). */
export const SEASONS: readonly string[] = ["Dec–Feb", "Mar–May", "Jun–Aug", "Sep–Nov"];

/** One season's least-squares line of daily mean load on daily mean temperature (working days). */
export interface SeasonSlope {
  season: string;
  /** MW per °C warmer (negative: load falls as it warms, i.e. heating) */
  mwPerC: number;
  /** the line's load at 0 °C, MW */
  interceptMw: number;
  /** working days fitted; the slope is NaN below 10 */
  days: number;
  /** temperature range of those days, °C */
  minC: number;
  maxC: number;
}

/** Days with a temperature and enough hours: parallel arrays, in day order. */
export interface TemperatureLoadDays {
  timeZone: string;
  date: string[];
  /** daily mean temperature, °C */
  temperatureC: number[];
  /** daily mean load, MW */
  meanMw: number[];
  /** index into SEASONS */
  season: number[];
  dayType: DayType[];
  /** one per SEASONS entry */
  slopes: SeasonSlope[];
}

/** Returns the days of `series` with a mean temperature, their season and day type, and the slopes. */
export function temperatureLoadDays(
  series: LoadSeries,
  options: TemperatureLoadDaysOptions = {},
): TemperatureLoadDays {
  const timeZone = options.timeZone ?? "UTC";
  const minCoverage = options.minCoverage ?? 0.9;
  const daily = dailyLoad(series, { timeZone });
  const out: TemperatureLoadDays = {
    timeZone,
    date: [],
    temperatureC: [],
    meanMw: [],
    season: [],
    dayType: [],
    slopes: [],
  };
  const years = daily.date.map((d) => Number(d.slice(0, 4)));
  const holidays =
    daily.length === 0
      ? new Map<string, string>()
      : publicHolidays(options.holidayCountry ?? "US", years[0]!, years[years.length - 1]!);
  for (let k = 0; k < daily.length; k++) {
    const t = daily.temperatureC[k]!;
    const y = daily.meanMw[k]!;
    if (!Number.isFinite(t) || !Number.isFinite(y) || !(daily.coverage[k]! >= minCoverage))
      continue;
    const date = daily.date[k]!;
    const weekday = daily.weekday[k]!;
    out.date.push(date);
    out.temperatureC.push(t);
    out.meanMw.push(y);
    out.season.push(Math.floor((Number(date.slice(5, 7)) % 12) / 3));
    out.dayType.push(
      holidays.has(date) ? "holiday" : weekday === 0 || weekday === 6 ? "weekend" : "weekday",
    );
  }
  if (out.date.length === 0)
    throw new InputError(
      "no day with a temperature: 0 days (expected a series with a temperatureC column over whole days)",
    );
  out.slopes = SEASONS.map((season, s) => seasonSlope(out, s, season));
  return out;
}

function seasonSlope(days: TemperatureLoadDays, s: number, season: string): SeasonSlope {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < days.date.length; k++) {
    if (days.season[k] !== s || days.dayType[k] !== "weekday") continue;
    x.push(days.temperatureC[k]!);
    y.push(days.meanMw[k]!);
  }
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k]! - mx) * (y[k]! - my);
    sxx += (x[k]! - mx) ** 2;
  }
  const slope = n >= 10 && sxx > 0 ? sxy / sxx : Number.NaN;
  return {
    season,
    mwPerC: slope,
    interceptMw: my - slope * mx,
    days: n,
    minC: n === 0 ? Number.NaN : Math.min(...x),
    maxC: n === 0 ? Number.NaN : Math.max(...x),
  };
}
