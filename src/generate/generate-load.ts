/**
 * A seeded generator of realistic electricity load: daily, weekly and annual seasonality,
 * public-holiday dips, temperature dependence on a generated temperature series, growth,
 * autocorrelated noise and optional injected faults. Pure: seed and zone arrive as options.
 */
import { InputError } from "../errors.js";
import { seededRandom, type SeededRandom } from "../util/seeded-random.js";
import { zonedParts } from "../util/zoned-time.js";
import { holidaysClass } from "../util/holidays-class.js";

/** One zone to generate: its name and its average load in MW. */
export interface ZoneSpec {
  name: string;
  baseMw: number;
}

/** How many faults of each kind to inject into every zone's rows. */
export interface FaultCounts {
  /** missing blocks of 1–6 consecutive intervals */
  gaps?: number;
  /** rows written twice */
  duplicates?: number;
  /** implausible spikes (×1.9) and drops (×0.1) */
  outliers?: number;
}

/** Options of generateLoad. */
export interface GenerateLoadOptions {
  /** PRNG seed; default 42 */
  seed?: number;
  /** zones; default ALPHA 12,000 MW and BETA 4,500 MW */
  zones?: ZoneSpec[];
  /** first local day, YYYY-MM-DD; default "2021-01-01" */
  start?: string;
  /** number of local days; default 1095 (three years) */
  days?: number;
  /** interval length in minutes (60, 30 or 15); default 60 */
  intervalMinutes?: number;
  /** IANA zone of the local timestamps; default "America/New_York" */
  timeZone?: string;
  /** ISO country (optionally "US-NY" style) for holiday dips; default "US" */
  holidayCountry?: string;
  /** injected faults; default none */
  faults?: FaultCounts;
}

/** A fault the generator injected, so tests and notebooks can check it was found. */
export interface InjectedFault {
  kind: "gap" | "duplicate" | "outlier";
  zone: string;
  /** UTC start of the affected interval(s), epoch ms */
  timeUtcMs: number;
  /** intervals affected (gaps) or 1 */
  intervals: number;
}

/** One generated zone: rows in file order (faults applied). */
export interface GeneratedZone {
  zone: string;
  timeUtcMs: Float64Array;
  loadMw: Float64Array;
}

/** The generator's result: zones, the temperature series, and the faults injected. */
export interface GeneratedLoad {
  intervalMinutes: number;
  timeZone: string;
  zones: GeneratedZone[];
  temperature: { timeUtcMs: Float64Array; temperatureC: Float64Array };
  faults: InjectedFault[];
}

/** The defaults of generateLoad (and so of `powerflow generate`'s flags). */
export const GENERATE_DEFAULTS: Readonly<Required<Omit<GenerateLoadOptions, "faults">>> = {
  seed: 42,
  zones: [
    { name: "ALPHA", baseMw: 12000 },
    { name: "BETA", baseMw: 4500 },
  ],
  start: "2021-01-01",
  days: 1095,
  intervalMinutes: 60,
  timeZone: "America/New_York",
  holidayCountry: "US",
};

/** Returns generated load for every zone plus temperature; same options give identical output. */
export function generateLoad(options: GenerateLoadOptions = {}): GeneratedLoad {
  const config = normalizeOptions(options);
  const random = seededRandom(config.seed);
  const times = intervalTimes(config.start, config.days, config.intervalMinutes, config.timeZone);
  const temperatureC = temperatureSeries(times, config.timeZone, config.intervalMinutes, random);
  const holidays = holidayDates(config.holidayCountry, times, config.timeZone);
  const faults: InjectedFault[] = [];
  const zones = config.zones.map((zone) => {
    const clean = zoneLoad(zone, times, temperatureC, holidays, config, random);
    return injectFaults(zone.name, times, clean, config.faults, random, faults);
  });
  return {
    intervalMinutes: config.intervalMinutes,
    timeZone: config.timeZone,
    zones,
    temperature: { timeUtcMs: times, temperatureC },
    faults,
  };
}

type GenerateLoadConfig = Required<GenerateLoadOptions> & { faults: Required<FaultCounts> };

function normalizeOptions(options: GenerateLoadOptions): GenerateLoadConfig {
  const intervalMinutes = options.intervalMinutes ?? GENERATE_DEFAULTS.intervalMinutes;
  if (![15, 30, 60].includes(intervalMinutes)) {
    throw new InputError(`invalid interval: ${intervalMinutes} minutes (expected 15, 30 or 60)`);
  }
  const start = options.start ?? GENERATE_DEFAULTS.start;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) {
    throw new InputError(`invalid start date: "${start}" (expected YYYY-MM-DD)`);
  }
  const days = options.days ?? GENERATE_DEFAULTS.days;
  if (!Number.isInteger(days) || days < 1) {
    throw new InputError(`invalid number of days: ${days} (expected a positive integer)`);
  }
  const zones = options.zones ?? GENERATE_DEFAULTS.zones.map((zone) => ({ ...zone }));
  if (zones.length === 0) throw new InputError("no zones to generate (expected at least one)");
  return {
    seed: options.seed ?? GENERATE_DEFAULTS.seed,
    zones,
    start,
    days,
    intervalMinutes,
    timeZone: options.timeZone ?? GENERATE_DEFAULTS.timeZone,
    holidayCountry: options.holidayCountry ?? GENERATE_DEFAULTS.holidayCountry,
    faults: { gaps: 0, duplicates: 0, outliers: 0, ...options.faults },
  };
}

/** UTC instants of every interval between local midnight of `start` and `days` later. */
function intervalTimes(
  start: string,
  days: number,
  intervalMinutes: number,
  timeZone: string,
): Float64Array {
  const first = localMidnightUtc(start, timeZone);
  const endDate = new Date(`${start}T00:00:00Z`);
  endDate.setUTCDate(endDate.getUTCDate() + days);
  const last = localMidnightUtc(endDate.toISOString().slice(0, 10), timeZone);
  const step = intervalMinutes * 60_000;
  const count = Math.round((last - first) / step);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = first + i * step;
  return times;
}

function localMidnightUtc(date: string, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offset = zonedParts(guess, timeZone).offsetMinutes;
  return guess - offset * 60_000;
}

function temperatureSeries(
  times: Float64Array,
  timeZone: string,
  intervalMinutes: number,
  random: SeededRandom,
): Float64Array {
  const out = new Float64Array(times.length);
  const persistence = Math.pow(0.985, intervalMinutes / 60);
  const shock = (0.55 * Math.sqrt(1 - persistence * persistence)) / Math.sqrt(1 - 0.985 * 0.985);
  let anomaly = 0;
  for (let i = 0; i < times.length; i++) {
    const local = zonedParts(times[i]!, timeZone);
    const dayOfYear = dayOfYearOf(local.year, local.month, local.day);
    const hour = local.hour + local.minute / 60;
    const seasonal = 12.5 - 12 * Math.cos((2 * Math.PI * (dayOfYear - 22)) / 365.25);
    const daily = 4.5 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
    anomaly = persistence * anomaly + shock * random.normal();
    out[i] = seasonal + daily + anomaly;
  }
  return out;
}

function holidayDates(country: string, times: Float64Array, timeZone: string): Set<string> {
  const [countryCode, region] = country.split("-");
  const Holidays = holidaysClass();
  const calendar = region ? new Holidays(countryCode!, region) : new Holidays(countryCode!);
  const first = zonedParts(times[0] ?? 0, timeZone).year;
  const last = zonedParts(times[times.length - 1] ?? 0, timeZone).year;
  const dates = new Set<string>();
  for (let year = first; year <= last; year++) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type === "public") dates.add(holiday.date.slice(0, 10));
    }
  }
  return dates;
}

function zoneLoad(
  zone: ZoneSpec,
  times: Float64Array,
  temperatureC: Float64Array,
  holidays: Set<string>,
  config: GenerateLoadConfig,
  random: SeededRandom,
): Float64Array {
  const out = new Float64Array(times.length);
  const persistence = Math.pow(0.9, config.intervalMinutes / 60);
  let noise = 0;
  const t0 = times[0] ?? 0;
  for (let i = 0; i < times.length; i++) {
    const local = zonedParts(times[i]!, config.timeZone);
    const hour = local.hour + local.minute / 60;
    const dateKey = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
    const weekend = local.weekday === 0 || local.weekday === 6;
    const holiday = holidays.has(dateKey);
    const shape = dailyShape(hour, weekend || holiday);
    const level = weekend ? 0.9 : holiday ? 0.86 : local.weekday === 1 ? 0.985 : 1;
    const t = temperatureC[i]!;
    const weather = 1 + 0.018 * Math.max(0, 15 - t) + 0.05 * Math.max(0, t - 18.5);
    const years = (times[i]! - t0) / (365.25 * 86_400_000);
    noise = persistence * noise + 0.012 * random.normal();
    out[i] = zone.baseMw * 0.82 * shape * level * weather * (1 + 0.006 * years) * (1 + noise);
  }
  return out;
}

/** Relative load by hour of day: night trough, morning ramp, evening peak. */
function dailyShape(hour: number, restDay: boolean): number {
  const h = restDay ? hour - 1.5 : hour;
  const morning = Math.exp(-((h - 8.5) ** 2) / 8);
  const evening = Math.exp(-((h - 18.5) ** 2) / 10);
  const night = Math.exp(-((((h + 24) % 24) - 3.5) ** 2) / 6);
  return 1 + 0.12 * morning + 0.2 * evening - 0.22 * night;
}

function injectFaults(
  zone: string,
  times: Float64Array,
  clean: Float64Array,
  counts: Required<FaultCounts>,
  random: SeededRandom,
  faults: InjectedFault[],
): GeneratedZone {
  const drop = new Uint8Array(times.length);
  const repeat = new Uint8Array(times.length);
  const loads = clean.slice();
  const n = times.length;
  for (let k = 0; k < counts.gaps && n > 10; k++) {
    const length = 1 + random.int(6);
    const at = 1 + random.int(n - length - 2);
    for (let j = at; j < at + length; j++) drop[j] = 1;
    faults.push({ kind: "gap", zone, timeUtcMs: times[at]!, intervals: length });
  }
  for (let k = 0; k < counts.duplicates && n > 2; k++) {
    const at = pickUntouched(random, n, drop, repeat);
    repeat[at] = 1;
    faults.push({ kind: "duplicate", zone, timeUtcMs: times[at]!, intervals: 1 });
  }
  for (let k = 0; k < counts.outliers && n > 2; k++) {
    const at = pickUntouched(random, n, drop, repeat);
    loads[at] = loads[at]! * (k % 2 === 0 ? 1.9 : 0.1);
    repeat[at] = 2;
    faults.push({ kind: "outlier", zone, timeUtcMs: times[at]!, intervals: 1 });
  }
  faults.sort((a, b) => a.timeUtcMs - b.timeUtcMs || a.kind.localeCompare(b.kind));
  const outTimes: number[] = [];
  const outLoads: number[] = [];
  for (let i = 0; i < n; i++) {
    if (drop[i]) continue;
    const copies = repeat[i] === 1 ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      outTimes.push(times[i]!);
      outLoads.push(loads[i]!);
    }
  }
  return { zone, timeUtcMs: Float64Array.from(outTimes), loadMw: Float64Array.from(outLoads) };
}

function pickUntouched(
  random: SeededRandom,
  n: number,
  drop: Uint8Array,
  marked: Uint8Array,
): number {
  for (;;) {
    const at = 1 + random.int(n - 2);
    if (!drop[at] && !marked[at]) return at;
  }
}

function dayOfYearOf(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
