/**
 * A bridge between load series and danfo.js DataFrames for exploration in notebooks. danfo.js
 * is loaded lazily (it takes about a second) and never on the ETL path. Its dependency on the
 * native `@tensorflow/tfjs-node` is met with the pure-JS `@tensorflow/tfjs` while danfo loads,
 * so the native binding is not needed and other code still sees the real module.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { createLoadSeries, type Column, type LoadSeries } from "../frame.js";
import { packageRoot } from "../util/package-root.js";
import { localTimeLabels } from "./figures/local-time-labels.js";

/** The slice of danfo.js's DataFrame API the bridge uses. */
export interface DanfoFrame {
  columns: string[];
  index: (string | number)[];
  values: unknown[][];
  shape: [number, number];
  column(name: string): { values: unknown[] };
  head(rows?: number): DanfoFrame;
  describe(): DanfoFrame;
}

interface DanfoModule {
  DataFrame: new (data: Record<string, unknown[]>) => DanfoFrame;
}

let danfo: DanfoModule | undefined;

/** Returns the danfojs-node module, loading it on first use. */
export function loadDanfo(): DanfoModule {
  if (danfo) return danfo;
  const req = createRequire(join(packageRoot(), "node_modules", "danfojs-node", "package.json"));
  const nativePath = req.resolve("@tensorflow/tfjs-node");
  const previous = req.cache[nativePath];
  let native: unknown;
  try {
    native = req("@tensorflow/tfjs-node");
  } catch {
    native = undefined;
  }
  if (native === undefined) {
    const tf = req("@tensorflow/tfjs") as unknown;
    req.cache[nativePath] = {
      id: nativePath,
      filename: nativePath,
      loaded: true,
      exports: tf,
      children: [],
      paths: [],
    } as unknown as NodeJS.Module;
  }
  try {
    danfo = req("danfojs-node") as DanfoModule;
  } finally {
    if (native === undefined) {
      if (previous) req.cache[nativePath] = previous;
      else delete req.cache[nativePath];
    }
  }
  return danfo;
}

/** Options of toDanfo. */
export interface ToDanfoOptions {
  /** also add a `localTime` column ("YYYY-MM-DD HH:mm") in this IANA zone; default none */
  timeZone?: string;
  /** refuse larger series (danfo.js's describe() slows down quadratically); default 20,000 */
  maxRows?: number;
}

/** Returns a danfo DataFrame with `time` (ISO UTC), optional `localTime`, `loadMw` and the other columns. */
export function toDanfo(series: LoadSeries, options: ToDanfoOptions = {}): DanfoFrame {
  const maxRows = options.maxRows ?? 20_000;
  if (series.length > maxRows) {
    throw new InputError(
      `too many rows for danfo.js: ${series.length} (expected at most ${maxRows}; take a sample with sampleRows(series, { size, seed }))`,
    );
  }
  const { DataFrame } = loadDanfo();
  const data: Record<string, unknown[]> = {
    time: Array.from(series.columns.timeUtcMs, (t) => new Date(t).toISOString()),
  };
  if (options.timeZone)
    data.localTime = localTimeLabels(series.columns.timeUtcMs, options.timeZone);
  data.loadMw = Array.from(series.columns.loadMw);
  for (const [name, values] of Object.entries(series.columns)) {
    if (name === "timeUtcMs" || name === "loadMw") continue;
    data[name] = Array.from(values as ArrayLike<unknown>);
  }
  return new DataFrame(data);
}

/** Returns a LoadSeries from a DataFrame with `timeUtcMs` (numbers) or `time` (ISO UTC) and `loadMw`. */
export function fromDanfo(df: DanfoFrame): LoadSeries {
  const names = df.columns;
  if (!names.includes("loadMw")) {
    throw new InputError(
      `DataFrame has no loadMw column: ${JSON.stringify(names)} (expected loadMw and time or timeUtcMs)`,
    );
  }
  const timeUtcMs = names.includes("timeUtcMs")
    ? Float64Array.from(df.column("timeUtcMs").values as number[])
    : parseTimes(df);
  const extra: Record<string, Column> = {};
  for (const name of names) {
    if (["time", "timeUtcMs", "localTime", "loadMw"].includes(name)) continue;
    const values = df.column(name).values;
    extra[name] = isNumberArray(values) ? Float64Array.from(values) : values.map(String);
  }
  return createLoadSeries(
    timeUtcMs,
    Float64Array.from(df.column("loadMw").values, toNumber),
    extra,
  );
}

/** Returns rows of a DataFrame (index as the first column, named `index`) for showTable. */
export function danfoRows(df: DanfoFrame, rows = 10): Record<string, unknown>[] {
  return df.values.slice(0, rows).map((row, i) => {
    const out: Record<string, unknown> = { index: df.index[i] };
    df.columns.forEach((c, k) => (out[c] = row[k]));
    return out;
  });
}

function parseTimes(df: DanfoFrame): Float64Array {
  if (!df.columns.includes("time")) {
    throw new InputError(
      `DataFrame has no time column: ${JSON.stringify(df.columns)} (expected time or timeUtcMs)`,
    );
  }
  return Float64Array.from(df.column("time").values, (v, i) => {
    const t = Date.parse(String(v));
    if (!Number.isFinite(t))
      throw new InputError(
        `DataFrame time not ISO 8601 at row ${i}: ${JSON.stringify(v)} (expected e.g. 2021-01-01T05:00:00.000Z)`,
      );
    return t;
  });
}

// An explicit guard: tslab's TypeScript 5.0 does not infer predicates from `every` callbacks.
function isNumberArray(values: unknown[]): values is number[] {
  return values.every((v) => typeof v === "number");
}

function toNumber(v: unknown): number {
  return typeof v === "number" ? v : v === null || v === undefined ? NaN : Number(v);
}
