/**
 * Picks the temperature column of a weather CSV from its header and first rows: the column named
 * by `--weather-column`, else the only numeric column besides the time column, else the only
 * numeric one named like a temperature — temp* anywhere in the name, or the usual short names
 * t2m (ERA5), tmp (NOAA), tas (climate models), tair / t_air (numeric: at least half the
 * non-empty cells of the first rows are numbers).
 * Anything else is a ValidationError listing the candidates.
 */
import { ValidationError } from "../../errors.js";
import { mapColumns } from "../extract/csv-columns.js";

/** The chosen time and value columns. */
export interface WeatherColumns {
  timeColumn: string;
  valueColumn: string;
}

const TEMPERATURE_NAME = /temp|^(t2m|tmp|tas|tair|t_air)\b/i;
const NUMBER = /^[-+]?(\d+[.,]?\d*|[.,]\d+)([eE][-+]?\d+)?$/;

/** Returns the columns to read from `header` given sample `rows` (split like the header). */
export function chooseWeatherColumn(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  file: string,
  wanted: { column?: string | undefined; timeColumn?: string | undefined } = {},
): WeatherColumns {
  const names = header.map((h) => h.trim().replace(/^"(.*)"$/, "$1"));
  const time = mapColumns(names, file, wanted.timeColumn ? { timeColumn: wanted.timeColumn } : {});
  const numeric = names.filter((n, i) => i !== time.time && n !== "" && isNumeric(rows, i));
  const timeColumn = time.timeName;
  if (wanted.column !== undefined) {
    if (names.includes(wanted.column)) return { timeColumn, valueColumn: wanted.column };
    throw columnError(file, `weather column missing: "${wanted.column}"`, names, numeric);
  }
  if (numeric.length === 1) return { timeColumn, valueColumn: numeric[0]! };
  const temp = numeric.filter((n) => TEMPERATURE_NAME.test(n));
  if (temp.length === 1) return { timeColumn, valueColumn: temp[0]! };
  const problem =
    numeric.length === 0
      ? "weather CSV has no numeric column"
      : `weather column ambiguous: ${numeric.length} numeric columns${temp.length > 1 ? `, ${temp.length} named like a temperature (temp*, t2m, tmp, tas, tair)` : ""}`;
  throw columnError(file, problem, names, numeric);
}

// At least as many numbers as other text among the non-empty cells: a stray bad cell (quarantined later) does not count.
function isNumeric(rows: readonly (readonly string[])[], index: number): boolean {
  let numbers = 0;
  let others = 0;
  for (const row of rows) {
    const cell = (row[index] ?? "").trim().replace(/^"(.*)"$/, "$1");
    if (cell === "" || /^(nan|null|na)$/i.test(cell)) continue;
    if (NUMBER.test(cell)) numbers++;
    else others++;
  }
  return numbers > 0 && numbers >= others;
}

function columnError(
  file: string,
  problem: string,
  names: string[],
  numeric: string[],
): ValidationError {
  const list = (numeric.length > 0 ? numeric : names).map((n) => JSON.stringify(n)).join(", ");
  return new ValidationError(
    `${problem} in ${file} (expected --weather-column NAME, one of ${list})`,
    [
      {
        file,
        line: 1,
        column: "header",
        value: names.join(","),
        message: problem,
        expected: `one of ${list}`,
      },
    ],
  );
}
