/**
 * Public holidays of a country (optionally "US-NY" style with a region) for a range of years,
 * from date-holidays, keyed by local date.
 */
import { InputError } from "../errors.js";
import { holidaysClass } from "../util/holidays-class.js";

/** Returns a map from local date "YYYY-MM-DD" to holiday name for public holidays in [first, last]. */
export function publicHolidays(
  country: string,
  firstYear: number,
  lastYear: number,
): Map<string, string> {
  const [countryCode, region] = country.split("-");
  const Holidays = holidaysClass();
  const calendar = region ? new Holidays(countryCode!, region) : new Holidays(countryCode!);
  if (calendar.getCountries()[countryCode!.toUpperCase()] === undefined) {
    throw new InputError(
      `unknown holiday country: "${country}" (expected an ISO code such as "US" or "DE-BY")`,
    );
  }
  const out = new Map<string, string>();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type === "public") out.set(holiday.date.slice(0, 10), holiday.name);
    }
  }
  return out;
}
