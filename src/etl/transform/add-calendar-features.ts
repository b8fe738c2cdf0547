/**
 * Calendar features in local time: hour, day of week (0 = Sunday), month, quarter, year, day of
 * year and weekend flag, from UTC stamps and an IANA zone (offsets cached per day).
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { civilFromDays } from "../../util/civil-from-days.js";
import { daysFromCivil } from "../../util/days-from-civil.js";
import { LocalToUtc } from "./local-to-utc.js";

const DAY_MS = 86_400_000;

/** Returns `frame` plus Int32Array columns hour, dayOfWeek, month, quarter, year, dayOfYear and Uint8Array isWeekend. */
export function addCalendarFeatures<F extends Frame>(
  frame: F,
  options: { timeZone?: string } = {},
): F {
  const t = numberColumn(frame, "timeUtcMs");
  const zone = new LocalToUtc(options.timeZone ?? "UTC");
  const n = frame.length;
  const hour = new Int32Array(n);
  const dayOfWeek = new Int32Array(n);
  const month = new Int32Array(n);
  const quarter = new Int32Array(n);
  const year = new Int32Array(n);
  const dayOfYear = new Int32Array(n);
  const isWeekend = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const local = t[i]! + zone.offsetAt(t[i]!) * 60_000;
    const day = Math.floor(local / DAY_MS);
    const [y, m, d] = civilFromDays(day);
    hour[i] = Math.floor((local - day * DAY_MS) / 3_600_000);
    const dow = (((day + 4) % 7) + 7) % 7;
    dayOfWeek[i] = dow;
    isWeekend[i] = dow === 0 || dow === 6 ? 1 : 0;
    month[i] = m;
    quarter[i] = Math.floor((m - 1) / 3) + 1;
    year[i] = y;
    dayOfYear[i] = day - daysFromCivil(y, 1, 1) + 1;
    void d;
  }
  const columns: Record<string, Column> = {
    ...frame.columns,
    hour,
    dayOfWeek,
    month,
    quarter,
    year,
    dayOfYear,
    isWeekend,
  };
  return { length: n, columns } as unknown as F;
}
