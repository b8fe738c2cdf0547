/**
 * The guard against a temperature column read in the wrong unit. Implausible readings are
 * quarantined one by one, which is right for a few bad values but wrong for a unit mistake: °F
 * read as °C keeps the mild half of the readings and quarantines the warm half, so a backtest
 * would run on half a temperature series. When more than `MAX_IMPLAUSIBLE_SHARE` of a station's
 * readings fall outside the plausible range, the read fails, naming the file, the column, the
 * share, the values' range and the units under which every reading would be plausible.
 */
import { ValidationError } from "../../errors.js";
import { toCelsius } from "../transform/to-celsius.js";
import type { RawWeather } from "./raw-weather.js";
import type { TemperatureUnit } from "./weather-config.js";

/** Above this share of implausible readings a station's unit (or column) is taken to be wrong. */
export const MAX_IMPLAUSIBLE_SHARE = 0.01;

const UNITS: readonly TemperatureUnit[] = ["C", "F", "K"];

/** Share of `values` (in `unit`) outside minC … maxC once converted to °C. */
function implausibleShare(
  values: Float64Array,
  unit: TemperatureUnit,
  minC: number,
  maxC: number,
): number {
  if (values.length === 0) return 0;
  let outside = 0;
  for (const t of toCelsius(values, unit)) if (!(t >= minC && t <= maxC)) outside++;
  return outside / values.length;
}

/**
 * Throws ValidationError when `implausible` of `raw`'s readings (cleanWeather's count, in its
 * unit) are too many: the readings look like another unit (or not temperatures at all).
 */
export function assertPlausibleUnit(
  raw: RawWeather,
  implausible: number,
  minC: number,
  maxC: number,
): void {
  const values = raw.frame.columns.value;
  const share = values.length === 0 ? 0 : implausible / values.length;
  if (share <= MAX_IMPLAUSIBLE_SHARE) return;
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const fitting = UNITS.filter(
    (u) => u !== raw.unit && implausibleShare(values, u, minC, maxC) <= MAX_IMPLAUSIBLE_SHARE,
  );
  const hint =
    fitting.length === 0
      ? "no temperature unit makes them plausible: check the column (--weather-column) and the format"
      : raw.format === "csv"
        ? `read as ${fitting.map(unitName).join(" or ")} they are plausible: pass --weather-unit ${fitting[0]!} (etl.yaml: unit: ${fitting[0]!})`
        : `read as ${fitting.map(unitName).join(" or ")} they are plausible: check the format (--weather-format; read as ${raw.format})`;
  const percent = (100 * share).toFixed(1);
  throw new ValidationError(
    `weather values do not look like ${unitName(raw.unit)}: ${percent} % of ${values.length} readings of column ${raw.column} fall outside ${minC} … ${maxC} °C (values ${low} … ${high}); ${hint}`,
    [
      {
        file: raw.files[0]?.location ?? "weather",
        column: raw.column,
        message: `${percent} % of the readings implausible in ${unitName(raw.unit)} (at most ${100 * MAX_IMPLAUSIBLE_SHARE} % are quarantined as single bad values)`,
        expected: `temperatures in ${unitName(raw.unit)}`,
      },
    ],
  );
}

function unitName(unit: TemperatureUnit): string {
  return unit === "K" ? "kelvin" : `°${unit}`;
}
