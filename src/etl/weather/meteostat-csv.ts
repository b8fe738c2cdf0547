/**
 * Meteostat bulk hourly CSV (`https://bulk.meteostat.net/v2/hourly/{station}.csv.gz`): comma
 * separated, no header, columns in the order Meteostat documents — date (YYYY-MM-DD), hour (UTC),
 * temp (°C), dwpt, rhum, prcp, snow, wdir, wspd, wpgt, pres, tsun, coco — with empty cells for
 * missing values. Files with a header row (Meteostat's newer yearly dumps) are read by column
 * name: `temp` plus `date`+`hour`, `year`+`month`+`day`+`hour` or `time`.
 */
import { ValidationError } from "../../errors.js";
import { daysInMonth } from "../extract/csv-timestamp.js";
import { WeatherRows, type RawWeather, type WeatherFile } from "./raw-weather.js";

/** The documented column order of the headerless bulk hourly files. */
export const METEOSTAT_HOURLY_COLUMNS = [
  "date",
  "hour",
  "temp",
  "dwpt",
  "rhum",
  "prcp",
  "snow",
  "wdir",
  "wspd",
  "wpgt",
  "pres",
  "tsun",
  "coco",
] as const;

type StampReader = (fields: string[]) => number | string;

const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

/** Returns the readings of Meteostat hourly CSV `text`; bad rows are quarantined. */
export function parseMeteostatCsv(text: string, file: WeatherFile): RawWeather {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  const header = first >= 0 && !/^\s*\d/.test(lines[first]!) ? split(lines[first]!) : undefined;
  const layout = header
    ? headerLayout(header, file.location)
    : { temp: 2, stamp: dateHour(0, 1), width: 3 };
  const rows = new WeatherRows();
  for (let i = header ? first + 1 : 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line.trim() !== "") readRow(line, i + 1, file.location, layout, rows);
  }
  if (rows.length === 0 && rows.quarantine.length > 0) throw notMeteostat(file.location, rows);
  return rows.utcResult(file, "meteostat", "temp");
}

interface Layout {
  temp: number;
  stamp: StampReader;
  width: number;
}

function readRow(
  line: string,
  lineNo: number,
  source: string,
  layout: Layout,
  rows: WeatherRows,
): void {
  const fields = split(line);
  if (fields.length < layout.width) {
    rows.reject(
      source,
      lineNo,
      line,
      `row too short: ${fields.length} fields (expected at least ${layout.width}: date, hour, temp, …)`,
    );
    return;
  }
  const stamp = layout.stamp(fields);
  const temp = fields[layout.temp]!.trim();
  if (typeof stamp === "string") rows.reject(source, lineNo, line, stamp);
  else if (temp === "") rows.missing();
  else if (!NUMBER.test(temp))
    rows.reject(
      source,
      lineNo,
      line,
      `value not a number: ${JSON.stringify(temp)} in column temp (expected °C or an empty cell)`,
    );
  else rows.accept(stamp, Number(temp), lineNo);
}

function split(line: string): string[] {
  return line.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
}

// A UTC instant from a YYYY-MM-DD field and an hour field, or the reason it is not one.
function dateHour(date: number, hour: number): StampReader {
  return (fields) => {
    const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(fields[date]!);
    return m ? utcHour(+m[1]!, +m[2]!, +m[3]!, fields[hour]!) : badDate(fields[date]!);
  };
}

function utcHour(year: number, month: number, day: number, hourText: string): number | string {
  const hour = /^\d{1,2}$/.test(hourText) ? Number(hourText) : NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return badDate(`${year}-${month}-${day}`);
  }
  if (!(hour >= 0 && hour <= 23)) {
    return `hour invalid: ${JSON.stringify(hourText)} in column hour (expected 0-23, UTC)`;
  }
  return Date.UTC(year, month - 1, day, hour);
}

function badDate(text: string): string {
  return `date invalid: ${JSON.stringify(text)} in column date (expected a real date YYYY-MM-DD)`;
}

function headerLayout(header: string[], file: string): Layout {
  const at = (name: string) => header.findIndex((h) => h.toLowerCase() === name);
  const temp = at("temp");
  const width = header.length;
  if (temp >= 0 && at("date") >= 0 && at("hour") >= 0)
    return { temp, stamp: dateHour(at("date"), at("hour")), width };
  if (temp >= 0 && at("year") >= 0 && at("month") >= 0 && at("day") >= 0 && at("hour") >= 0) {
    const [y, mo, d, h] = [at("year"), at("month"), at("day"), at("hour")];
    return { temp, stamp: (f) => utcHour(+f[y]!, +f[mo]!, +f[d]!, f[h]!), width };
  }
  if (temp >= 0 && at("time") >= 0) {
    const time = at("time");
    return { temp, stamp: (f) => isoUtc(f[time]!), width };
  }
  throw new ValidationError(
    `Meteostat header lacks columns: ${file} (expected temp with date+hour, year+month+day+hour or time)`,
    [
      {
        file,
        line: 1,
        column: "temp",
        value: header.join(","),
        message: "no temp and time columns in the header",
        expected: "Meteostat hourly columns",
      },
    ],
  );
}

function isoUtc(text: string): number | string {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):00(:00)?$/.exec(text);
  return m ? utcHour(+m[1]!, +m[2]!, +m[3]!, m[4]!) : badDate(text);
}

function notMeteostat(file: string, rows: WeatherRows): ValidationError {
  return new ValidationError(
    `Meteostat file has no readable rows: ${file} (expected date,hour,temp,… rows; ${rows.quarantine.length} rejected)`,
    rows.quarantine.slice(0, 5).map((q) => ({
      file,
      line: q.line,
      column: "date, hour, temp",
      value: q.raw.slice(0, 60),
      message: q.reason.split(":")[0]!,
      expected: "2015-01-01,0,-2.8,…",
    })),
  );
}
