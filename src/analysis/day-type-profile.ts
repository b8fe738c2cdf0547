/**
 * Load on working days, weekends and public holidays: the mean daily curve (local hours) of
 * each day type and how much lower weekends and holidays run than working days.
 */
import type { LoadSeries } from "../frame.js";
import { isoDate, localCalendar } from "./local-calendar.js";
import { publicHolidays } from "./public-holidays.js";

/** Options of dayTypeProfile. */
export interface DayTypeProfileOptions {
  /** IANA zone of days and hours; default "UTC" */
  timeZone?: string;
  /** holiday calendar, ISO country optionally with region ("US", "DE-BY"); default "US" */
  holidayCountry?: string;
}

/** Day types compared by dayTypeProfile. */
export type DayType = "weekday" | "weekend" | "holiday";

/** Mean hourly curve and mean load of one day type. */
export interface DayTypeCurve {
  dayType: DayType;
  /** mean MW for local hours 0-23 */
  hourlyMeanMw: number[];
  meanMw: number;
  /** distinct local days of this type */
  days: number;
}

/** The three curves plus relative levels against working days. */
export interface DayTypeProfile {
  curves: DayTypeCurve[];
  /** (weekend mean − weekday mean) ÷ weekday mean × 100 */
  weekendVsWeekdayPct: number;
  /** (holiday mean − weekday mean) ÷ weekday mean × 100 */
  holidayVsWeekdayPct: number;
  holidayCountry: string;
}

/** Returns mean hourly curves of working days, weekends and public holidays (holidays win). */
export function dayTypeProfile(
  series: LoadSeries,
  options: DayTypeProfileOptions = {},
): DayTypeProfile {
  const timeZone = options.timeZone ?? "UTC";
  const country = options.holidayCountry ?? "US";
  const { timeUtcMs, loadMw } = series.columns;
  const cal = localCalendar(timeUtcMs, timeZone);
  const n = series.length;
  const holidays =
    n > 0 ? publicHolidays(country, cal.year[0]!, cal.year[n - 1]!) : new Map<string, string>();
  const types: DayType[] = ["weekday", "weekend", "holiday"];
  const sum = types.map(() => new Array<number>(24).fill(0));
  const count = types.map(() => new Array<number>(24).fill(0));
  const days = types.map(() => new Set<number>());
  for (let i = 0; i < n; i++) {
    const v = loadMw[i]!;
    if (!Number.isFinite(v)) continue;
    const dayNumber = cal.dayNumber[i]!;
    const weekday = cal.weekday[i]!;
    const t = holidays.has(isoDate(dayNumber)) ? 2 : weekday === 0 || weekday === 6 ? 1 : 0;
    sum[t]![cal.hour[i]!]! += v;
    count[t]![cal.hour[i]!]! += 1;
    days[t]!.add(dayNumber);
  }
  const curves = types.map((dayType, t) => {
    const totalSum = sum[t]!.reduce((a, b) => a + b, 0);
    const totalCount = count[t]!.reduce((a, b) => a + b, 0);
    return {
      dayType,
      hourlyMeanMw: sum[t]!.map((s, h) => (count[t]![h]! > 0 ? s / count[t]![h]! : NaN)),
      meanMw: totalCount > 0 ? totalSum / totalCount : NaN,
      days: days[t]!.size,
    };
  });
  const base = curves[0]!.meanMw;
  return {
    curves,
    weekendVsWeekdayPct: ((curves[1]!.meanMw - base) / base) * 100,
    holidayVsWeekdayPct: ((curves[2]!.meanMw - base) / base) * 100,
    holidayCountry: country,
  };
}
