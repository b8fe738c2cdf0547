/**
 * Local calendar columns of UTC instants (hour, weekday, month, day of year, year, public holiday,
 * local day number), computed in an explicit IANA zone, never the machine's.
 */
import { InputError } from "../errors.js";
import { zonedParts } from "../util/zoned-time.js";
import { holidaysClass } from "../util/holidays-class.js";

const DAY_MS = 86_400_000;

/** Options of calendarTable. */
export interface CalendarTableOptions {
  /** IANA zone; default "UTC" */
  timeZone?: string;
  /** ISO country, optionally with region ("US", "DE-BY"); default "US" */
  holidayCountry?: string;
}

/** Local calendar of each instant; `dayNumber` is the local date as days since 1970-01-01. */
export interface CalendarTable {
  readonly hour: Int32Array;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: Int32Array;
  /** 1-12 */
  readonly month: Int32Array;
  /** 1-366 */
  readonly dayOfYear: Int32Array;
  readonly year: Int32Array;
  readonly dayNumber: Int32Array;
  /** 1 on public holidays of the country */
  readonly holiday: Uint8Array;
}

/** Returns the local calendar of every instant in `timeUtcMs`. */
export function calendarTable(
  timeUtcMs: Float64Array,
  options: CalendarTableOptions = {},
): CalendarTable {
  const timeZone = options.timeZone ?? "UTC";
  const n = timeUtcMs.length;
  const offsets = localOffsets(timeUtcMs, timeZone);
  const table = {
    hour: new Int32Array(n),
    weekday: new Int32Array(n),
    month: new Int32Array(n),
    dayOfYear: new Int32Array(n),
    year: new Int32Array(n),
    dayNumber: new Int32Array(n),
    holiday: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const local = new Date(timeUtcMs[i]! + offsets[i]! * 60_000);
    const year = local.getUTCFullYear();
    const dayNumber = Math.floor(local.getTime() / DAY_MS);
    table.hour[i] = local.getUTCHours();
    table.weekday[i] = local.getUTCDay();
    table.month[i] = local.getUTCMonth() + 1;
    table.year[i] = year;
    table.dayNumber[i] = dayNumber;
    table.dayOfYear[i] = dayNumber - Date.UTC(year, 0, 1) / DAY_MS + 1;
  }
  markHolidays(table, options.holidayCountry ?? "US");
  return table;
}

/** Local-minus-UTC minutes per instant; the zone is asked once a day unless the offset changes. */
function localOffsets(timeUtcMs: Float64Array, timeZone: string): Int32Array {
  const n = timeUtcMs.length;
  const out = new Int32Array(n);
  const offsetAt = (i: number): number => zonedParts(timeUtcMs[i]!, timeZone).offsetMinutes;
  for (let start = 0; start < n; start += 24) {
    const end = Math.min(n, start + 24);
    const a = offsetAt(start);
    const b = offsetAt(end - 1);
    for (let i = start; i < end; i++) out[i] = a === b ? a : offsetAt(i);
  }
  return out;
}

function markHolidays(
  table: { year: Int32Array; dayNumber: Int32Array; holiday: Uint8Array },
  country: string,
): void {
  if (table.year.length === 0) return;
  const [code, region] = country.split("-");
  const Holidays = holidaysClass();
  const calendar = region ? new Holidays(code!, region) : new Holidays(code!);
  if (!code || calendar.getCountries()[code.toUpperCase()] === undefined) {
    throw new InputError(
      `unknown holiday country: "${country}" (expected an ISO code such as "US" or "DE-BY")`,
    );
  }
  const days = new Set<number>();
  for (let year = table.year[0]!; year <= table.year[table.year.length - 1]!; year++) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== "public") continue;
      days.add(Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
    }
  }
  for (let i = 0; i < table.dayNumber.length; i++) {
    if (days.has(table.dayNumber[i]!)) table.holiday[i] = 1;
  }
}
