/**
 * Public-holiday flags from `date-holidays` for a country (and optional state/region), matched
 * on the local calendar date of each stamp. Holiday lists are looked up once per year.
 */
import { InputError } from "../../errors.js";
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { civilFromDays } from "../../util/civil-from-days.js";
import { LocalToUtc } from "./local-to-utc.js";
import { holidaysClass } from "../../util/holidays-class.js";

const DAY_MS = 86_400_000;

/** Options of `addHolidays`. */
export interface AddHolidaysOptions {
  /** ISO country code, e.g. "US" or "DE"; a "US-NY" form also sets the state */
  country: string;
  /** state / province code, e.g. "NY" or "BY"; default none */
  state?: string;
  /** region code inside the state; default none */
  region?: string;
  /** zone of the local calendar; default "UTC" */
  timeZone?: string;
}

/** Returns `frame` plus Uint8Array `isHoliday` and string[] `holiday` (name or ""). */
export function addHolidays<F extends Frame>(frame: F, options: AddHolidaysOptions): F {
  const [country, stateFromCode] = options.country.split("-");
  const state = options.state ?? stateFromCode;
  const Holidays = holidaysClass();
  const hd = new Holidays();
  const known =
    hd.getCountries()[country!] !== undefined &&
    (state === undefined || hd.getStates(country!)?.[state] !== undefined);
  if (!known) {
    throw new InputError(
      `unknown holiday calendar: "${[country, state].filter(Boolean).join("-")}" (expected a date-holidays country such as US, DE or US-NY)`,
    );
  }
  if (state === undefined) hd.init(country);
  else if (options.region === undefined) hd.init(country, state);
  else hd.init(country, state, options.region);
  const t = numberColumn(frame, "timeUtcMs");
  const zone = new LocalToUtc(options.timeZone ?? "UTC");
  const byYear = new Map<number, Map<string, string>>();
  const isHoliday = new Uint8Array(frame.length);
  const names: string[] = new Array<string>(frame.length).fill("");
  for (let i = 0; i < frame.length; i++) {
    const day = Math.floor((t[i]! + zone.offsetAt(t[i]!) * 60_000) / DAY_MS);
    const [y, m, d] = civilFromDays(day);
    let list = byYear.get(y);
    if (!list) {
      list = new Map();
      for (const h of hd.getHolidays(y))
        if (h.type === "public") list.set(h.date.slice(0, 10), h.name);
      byYear.set(y, list);
    }
    const name = list.get(`${y}-${pad(m)}-${pad(d)}`);
    if (name !== undefined) {
      isHoliday[i] = 1;
      names[i] = name;
    }
  }
  const columns: Record<string, Column> = { ...frame.columns, isHoliday, holiday: names };
  return { length: frame.length, columns } as unknown as F;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
