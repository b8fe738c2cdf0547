/**
 * One EIA API v2 `region-data` record → a UTC instant and a value in MW, or a reason to
 * quarantine it. `period` is `YYYY-MM-DDTHH` in UTC for `frequency=hourly`; `value` arrives as a
 * number or a numeric string, and is null when the balancing authority did not report.
 */

/** What the record check needs from the request. */
export interface EiaRecordExpectation {
  respondent: string;
  type: string;
  allowNegative: boolean;
  /** shift stamps back one hour (they mark the end of the hour) */
  hourEnding: boolean;
}

/** A parsed record or why it was rejected. */
export type EiaRecordResult = { timeUtcMs: number; valueMw: number } | { reason: string };

const PERIOD = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Checks one record of `response.data`; never throws. */
export function parseEiaRecord(record: unknown, expect: EiaRecordExpectation): EiaRecordResult {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { reason: `EIA record not an object: ${short(record)} (expected {period, value, …})` };
  }
  const r = record as Record<string, unknown>;
  if (r.respondent !== undefined && r.respondent !== expect.respondent) {
    return {
      reason: `EIA record for another respondent: ${short(r.respondent)} (expected "${expect.respondent}")`,
    };
  }
  if (r.type !== undefined && r.type !== expect.type) {
    return { reason: `EIA record of another type: ${short(r.type)} (expected "${expect.type}")` };
  }
  const timeUtcMs = parsePeriod(r.period);
  if (timeUtcMs === undefined) {
    return {
      reason: `EIA period unparsable: ${short(r.period)} (expected YYYY-MM-DDTHH in UTC)`,
    };
  }
  const value = parseValue(r.value);
  if (value === undefined) {
    return { reason: `EIA value not a number: ${short(r.value)} (expected a finite number)` };
  }
  if (value < 0 && !expect.allowNegative) {
    return { reason: `EIA value negative: ${value} (expected load >= 0 MW)` };
  }
  return { timeUtcMs: expect.hourEnding ? timeUtcMs - 3_600_000 : timeUtcMs, valueMw: value };
}

function parsePeriod(period: unknown): number | undefined {
  if (typeof period !== "string") return undefined;
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  const [year, month, day, hour] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (month < 1 || month > 12 || hour > 23 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour);
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

function parseValue(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return NUMBER.test(text) ? Number(text) : undefined;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
