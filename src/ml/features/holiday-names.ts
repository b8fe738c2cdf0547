/**
 * Which named holiday each local day is, so that a model can give every holiday its own effect:
 * a minor federal holiday (most businesses open) and Christmas move the load very differently,
 * which one shared holiday flag averages away.
 */
import type { CalendarTable } from "../calendar-table.js";
import { holidaysClass } from "../../util/holidays-class.js";

/** date-holidays types that close offices or schools (observances such as Mother's Day do not). */
const CLOSING_TYPES = new Set(["public", "bank", "optional"]);

/**
 * Returns the holiday name of each local day number in the calendar's years (public, bank and
 * optional days of `country`, e.g. "US" or "DE-BY"); a substitute day carries the name of the
 * holiday it replaces (its parenthesised suffix dropped).
 */
export function holidayNames(calendar: CalendarTable, country: string): Map<number, string> {
  const out = new Map<number, string>();
  const n = calendar.year.length;
  if (n === 0) return out;
  const [code, region] = country.split("-");
  const Holidays = holidaysClass();
  const holidays = region ? new Holidays(code!, region) : new Holidays(code!);
  for (let year = calendar.year[0]!; year <= calendar.year[n - 1]!; year++) {
    for (const holiday of holidays.getHolidays(year)) {
      if (!CLOSING_TYPES.has(holiday.type)) continue;
      const day = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
      out.set(day, holiday.name.replace(/\s*\(.*\)$/, ""));
    }
  }
  return out;
}
