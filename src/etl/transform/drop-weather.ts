/** The inverse of `joinWeather`: the same rows without the weather columns it adds. */
import type { Column, Frame } from "../../frame.js";

/** The columns `joinWeather` adds. */
export const WEATHER_COLUMNS: readonly string[] = [
  "temperatureC",
  "temperatureFilled",
  "heatingDegreeHours",
  "coolingDegreeHours",
];

/**
 * Returns `frame` without temperatureC, temperatureFilled, heatingDegreeHours and
 * coolingDegreeHours (the other columns shared, not copied), so models that read the weather when
 * it is there use load and calendar only.
 */
export function dropWeather<F extends Frame>(frame: F): F {
  const columns: Record<string, Column> = {};
  for (const [name, values] of Object.entries(frame.columns))
    if (!WEATHER_COLUMNS.includes(name)) columns[name] = values;
  return { length: frame.length, columns } as unknown as F;
}
