/**
 * Fills gaps of a sorted regular series: "linear" interpolates gaps of up to `maxSteps` missing
 * intervals, "seasonal" copies the value one season earlier (default one week, else one day)
 * and falls back to linear; every inserted row is flagged in `filled` (1 linear, 2 seasonal).
 * Longer gaps stay gaps. Columns other than time and value get NaN / 0 / "" in inserted rows.
 */
import { InputError } from "../../errors.js";
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { inferIntervalMs } from "./detect-gaps.js";

/** How to fill gaps. */
export type FillMethod = "none" | "linear" | "seasonal";

/** Options of `fillGaps`. */
export interface FillGapsOptions {
  /** default "linear" */
  method?: FillMethod;
  /** longest gap filled, in missing intervals; default 3 */
  maxSteps?: number;
  /** step in ms; default inferred */
  intervalMs?: number;
  /** value column; default "loadMw" */
  column?: string;
  /** season length in ms for "seasonal"; default 7 days */
  seasonMs?: number;
}

/** The filled frame and how many rows were inserted. */
export interface FillGapsResult<F extends Frame> {
  frame: F;
  filled: number;
}

/** Returns `frame` with short gaps filled and a Uint8Array `filled` column. */
export function fillGaps<F extends Frame>(
  frame: F,
  options: FillGapsOptions = {},
): FillGapsResult<F> {
  const method = options.method ?? "linear";
  if (!["none", "linear", "seasonal"].includes(method)) {
    throw new InputError(
      `invalid fill method: "${String(method)}" (expected none, linear or seasonal)`,
    );
  }
  const t = numberColumn(frame, "timeUtcMs");
  const name = options.column ?? "loadMw";
  const x = numberColumn(frame, name);
  const step = options.intervalMs ?? inferIntervalMs(t);
  const maxSteps = options.maxSteps ?? 3;
  const source: number[] = []; // index into frame, or -1 for an inserted row
  const newTime: number[] = [];
  const newValue: number[] = [];
  const flags: number[] = [];
  const byTime = method === "seasonal" ? indexByTime(t) : undefined;
  const season = options.seasonMs ?? 7 * 86_400_000;
  for (let i = 0; i < frame.length; i++) {
    if (i > 0 && method !== "none" && step > 0) {
      const missing = Math.round((t[i]! - t[i - 1]!) / step) - 1;
      if (missing >= 1 && missing <= maxSteps) {
        for (let k = 1; k <= missing; k++) {
          const time = t[i - 1]! + k * step;
          const linear = x[i - 1]! + ((x[i]! - x[i - 1]!) * k) / (missing + 1);
          const j = byTime?.get(time - season);
          const seasonal = j === undefined ? Number.NaN : x[j]!;
          const useSeasonal = method === "seasonal" && Number.isFinite(seasonal);
          source.push(-1);
          newTime.push(time);
          newValue.push(useSeasonal ? seasonal : linear);
          flags.push(useSeasonal ? 2 : 1);
        }
      }
    }
    source.push(i);
    newTime.push(t[i]!);
    newValue.push(x[i]!);
    flags.push(0);
  }
  const inserted = source.length - frame.length;
  if (inserted === 0)
    return { frame: withColumns(frame, { filled: new Uint8Array(frame.length) }), filled: 0 };
  const columns: Record<string, Column> = {};
  for (const [key, values] of Object.entries(frame.columns)) columns[key] = expand(values, source);
  columns.timeUtcMs = Float64Array.from(newTime);
  columns[name] = Float64Array.from(newValue);
  columns.filled = Uint8Array.from(flags);
  return { frame: { length: source.length, columns } as unknown as F, filled: inserted };
}

function indexByTime(t: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < t.length; i++) map.set(t[i]!, i);
  return map;
}

function expand(values: Column, source: number[]): Column {
  if (Array.isArray(values)) return source.map((i) => (i < 0 ? "" : values[i]!));
  const Ctor = values.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
  const out = new Ctor(source.length);
  const missing = out instanceof Float64Array ? Number.NaN : 0;
  for (let k = 0; k < source.length; k++) {
    const i = source[k]!;
    out[k] = i < 0 ? missing : values[i]!;
  }
  return out;
}

function withColumns<F extends Frame>(frame: F, extra: Record<string, Column>): F {
  return { length: frame.length, columns: { ...frame.columns, ...extra } } as unknown as F;
}
