/**
 * Local wall-clock calendar fields of every timestamp of a series in an IANA time zone, computed
 * with a per-UTC-day offset cache: Intl is consulted about twice per day instead of once per
 * row, and only days that contain a DST transition fall back to a per-row lookup.
 */
import { InputError } from "../errors.js";
import { civilFromDays } from "../util/civil-from-days.js";
import { zonedParts } from "../util/zoned-time.js";

/** Calendar fields of each row in local time; `dayNumber` counts local days since 1970-01-01. */
export interface LocalCalendar {
  readonly timeZone: string;
  readonly year: Int32Array;
  /** 1-12 */
  readonly month: Int32Array;
  readonly day: Int32Array;
  readonly hour: Int32Array;
  readonly minute: Int32Array;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: Int32Array;
  readonly dayNumber: Int32Array;
  /** local minus UTC, minutes */
  readonly offsetMinutes: Int32Array;
}

const DAY_MS = 86_400_000;

/** Returns local calendar fields of `timeUtcMs` in `timeZone` (never the machine's zone). */
export function localCalendar(timeUtcMs: ArrayLike<number>, timeZone: string): LocalCalendar {
  const offsetAt = offsetLookup(timeZone);
  const n = timeUtcMs.length;
  const cal = {
    timeZone,
    year: new Int32Array(n),
    month: new Int32Array(n),
    day: new Int32Array(n),
    hour: new Int32Array(n),
    minute: new Int32Array(n),
    weekday: new Int32Array(n),
    dayNumber: new Int32Array(n),
    offsetMinutes: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = timeUtcMs[i]!;
    const offset = offsetAt(t);
    const localMs = t + offset * 60_000;
    const dayNumber = Math.floor(localMs / DAY_MS);
    const minuteOfDay = Math.floor((localMs - dayNumber * DAY_MS) / 60_000);
    const [y, m, d] = civilFromDays(dayNumber);
    cal.year[i] = y;
    cal.month[i] = m;
    cal.day[i] = d;
    cal.hour[i] = Math.floor(minuteOfDay / 60);
    cal.minute[i] = minuteOfDay % 60;
    cal.weekday[i] = (((dayNumber + 4) % 7) + 7) % 7;
    cal.dayNumber[i] = dayNumber;
    cal.offsetMinutes[i] = offset;
  }
  return cal;
}

/** Returns a function giving the UTC offset (minutes) of an instant, cached per UTC day. */
export function offsetLookup(timeZone: string): (utcMs: number) => number {
  checkTimeZone(timeZone);
  const byDay = new Map<number, number | null>();
  return (utcMs: number): number => {
    const utcDay = Math.floor(utcMs / DAY_MS);
    let cached = byDay.get(utcDay);
    if (cached === undefined) {
      const first = zonedParts(utcDay * DAY_MS, timeZone).offsetMinutes;
      const last = zonedParts(utcDay * DAY_MS + DAY_MS - 1000, timeZone).offsetMinutes;
      cached = first === last ? first : null;
      byDay.set(utcDay, cached);
    }
    return cached ?? zonedParts(utcMs, timeZone).offsetMinutes;
  };
}

/** Returns "YYYY-MM-DD" of a local day number. */
export function isoDate(dayNumber: number): string {
  const [y, m, d] = civilFromDays(dayNumber);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Returns "YYYY-MM-DD HH:mm" local wall-clock time of `utcMs` in `timeZone`. */
export function formatLocalTime(utcMs: number, timeZone: string): string {
  const p = zonedParts(utcMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch (error) {
    throw new InputError(
      `unknown time zone: "${timeZone}" (expected an IANA name such as "America/New_York")`,
      {
        cause: error,
      },
    );
  }
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Returns the UTC instant (ms) at which local day `dayNumber` begins in the zone of `offsetAt`. */
export function localDayStartUtc(dayNumber: number, offsetAt: (utcMs: number) => number): number {
  const guess = dayNumber * DAY_MS;
  const first = guess - offsetAt(guess) * 60_000;
  return guess - offsetAt(first) * 60_000;
}

/** Returns the UTC instant (ms) at which local day `dayNumber` begins in `timeZone`. */
export function localMidnightUtc(dayNumber: number, timeZone: string): number {
  return localDayStartUtc(dayNumber, offsetLookup(timeZone));
}
