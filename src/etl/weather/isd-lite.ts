/**
 * NOAA ISD-Lite hourly files (one per station and year, `USAF-WBAN-YYYY`, often gzipped): fixed
 * width, one observation per line, stamped in UTC and rounded to the hour. Positions (1-based,
 * from the ISD-Lite format document): year 1-4, month 6-7, day 9-10, hour 12-13, air
 * temperature 14-19 in tenths of °C with −9999 for missing; the later fields (dew point,
 * pressure, wind, sky, precipitation) are not read.
 */
import { ValidationError } from "../../errors.js";
import { daysInMonth } from "../extract/csv-timestamp.js";
import { WeatherRows, type RawWeather, type WeatherFile } from "./raw-weather.js";

const LINE = /^(\d{4}) (\d\d) (\d\d) (\d\d)(.{6})/;
const TEMPERATURE = /^ *(-?\d{1,5})$/;
const COLUMN = "air temperature (positions 14-19)";

/** Returns the readings of ISD-Lite `text`; malformed lines are quarantined, −9999 counted missing. */
export function parseIsdLite(text: string, file: WeatherFile): RawWeather {
  const rows = new WeatherRows();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line.trim() === "") continue;
    readLine(line, i + 1, file.location, rows);
  }
  if (rows.length === 0 && rows.quarantine.length > 0) throw notIsdLite(file.location, rows);
  return rows.utcResult(file, "isd-lite", "air temperature (tenths of °C)");
}

function readLine(line: string, lineNo: number, source: string, rows: WeatherRows): void {
  const m = LINE.exec(line);
  if (!m) {
    rows.reject(
      source,
      lineNo,
      line,
      `ISD-Lite line malformed: ${JSON.stringify(line.slice(0, 40))} (expected "YYYY MM DD HH" then 6-character fields)`,
    );
    return;
  }
  const [year, month, day, hour] = [m[1], m[2], m[3], m[4]].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const t = TEMPERATURE.exec(m[5]!);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23) {
    rows.reject(
      source,
      lineNo,
      line,
      `ISD-Lite date invalid: "${m[1]} ${m[2]} ${m[3]} ${m[4]}" (expected a real date and hour 00-23 in UTC)`,
    );
  } else if (!t) {
    rows.reject(
      source,
      lineNo,
      line,
      `ISD-Lite ${COLUMN} not a number: ${JSON.stringify(m[5])} (expected tenths of °C or -9999)`,
    );
  } else if (t[1] === "-9999") rows.missing();
  else rows.accept(Date.UTC(year, month - 1, day, hour), Number(t[1]) / 10, lineNo);
}

function notIsdLite(file: string, rows: WeatherRows): ValidationError {
  const problems = rows.quarantine.slice(0, 5).map((q) => ({
    file,
    line: q.line,
    column: COLUMN,
    value: q.raw.slice(0, 60),
    message: q.reason.split(":")[0]!,
    expected: "ISD-Lite fixed-width lines such as '2015 01 01 00   -28   -94 10259 …'",
  }));
  return new ValidationError(
    `ISD-Lite file has no readable lines: ${file} (expected NOAA ISD-Lite fixed-width records; ${rows.quarantine.length} rejected)`,
    problems,
  );
}
