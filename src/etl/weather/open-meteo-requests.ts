/**
 * Plans the requests of an Open-Meteo historical weather query
 * (`https://archive-api.open-meteo.com/v1/archive?latitude=…&longitude=…&start_date=…&end_date=…`):
 * the date range is split into requests of at most `maxDaysPerRequest` days, `hourly` always asks
 * for `temperature_2m`, and `timeformat=unixtime` is added unless given, so every stamp is an
 * unambiguous UTC instant whatever `timezone` says.
 */
import { InputError } from "../../errors.js";

/** Options of `openMeteoRequests`. */
export interface OpenMeteoRequestsOptions {
  /** days per request; default 366 */
  maxDaysPerRequest?: number;
  /** the period to fetch when the URL has no start_date/end_date (UTC ms, inclusive) */
  range?: { startUtcMs: number; endUtcMs: number };
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `input` is an Open-Meteo archive URL (host open-meteo or path /v1/archive). */
export function isOpenMeteoUrl(input: string): boolean {
  return /^https?:\/\//i.test(input) && /open-meteo\.com|\/v1\/archive(\?|$)/i.test(input);
}

/** Returns the request URLs covering the query in `input`, in date order. */
export function openMeteoRequests(input: string, options: OpenMeteoRequestsOptions = {}): string[] {
  const url = parse(input);
  for (const key of ["latitude", "longitude"]) {
    if (!url.searchParams.get(key)) {
      throw new InputError(
        `Open-Meteo URL lacks ${key}: "${input}" (expected ?latitude=…&longitude=…&start_date=YYYY-MM-DD&end_date=YYYY-MM-DD)`,
      );
    }
  }
  const [start, end] = dateRange(url, options.range, input);
  const hourly = (url.searchParams.get("hourly") ?? "").split(",").filter((v) => v !== "");
  if (!hourly.includes("temperature_2m")) hourly.push("temperature_2m");
  url.searchParams.set("hourly", hourly.join(","));
  if (!url.searchParams.has("timeformat")) url.searchParams.set("timeformat", "unixtime");
  const step = (options.maxDaysPerRequest ?? 366) * DAY_MS;
  const out: string[] = [];
  for (let from = start; from <= end; from += step) {
    const to = Math.min(end, from + step - DAY_MS);
    url.searchParams.set("start_date", isoDate(from));
    url.searchParams.set("end_date", isoDate(to));
    out.push(url.toString());
  }
  return out;
}

function parse(input: string): URL {
  try {
    return new URL(input);
  } catch (error) {
    throw new InputError(`Open-Meteo URL malformed: "${input}" (expected an http(s) URL)`, {
      cause: error,
    });
  }
}

function dateRange(
  url: URL,
  range: OpenMeteoRequestsOptions["range"],
  input: string,
): [number, number] {
  const start = url.searchParams.get("start_date");
  const end = url.searchParams.get("end_date");
  if (start === null && end === null && range) {
    // a day either side: `timezone` may make the API's dates local days
    return [dayStart(range.startUtcMs) - DAY_MS, dayStart(range.endUtcMs) + DAY_MS];
  }
  for (const [key, value] of [
    ["start_date", start],
    ["end_date", end],
  ] as const) {
    if (value === null || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00Z`))) {
      throw new InputError(
        `Open-Meteo ${key} ${value === null ? "missing" : "invalid"}: ${JSON.stringify(value ?? input)} (expected YYYY-MM-DD${range ? "" : ", or a load series whose period sets it"})`,
      );
    }
  }
  const from = Date.parse(`${start}T00:00Z`);
  const to = Date.parse(`${end}T00:00Z`);
  if (to < from) {
    throw new InputError(
      `Open-Meteo end_date before start_date: "${end}" < "${start}" (expected start_date ≤ end_date)`,
    );
  }
  return [from, to];
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
