/**
 * The exchange type between pipeline stages: named typed columns of equal length
 * (arquero's column table). Numbers are Float64Array with NaN for missing values,
 * timestamps are UTC epoch milliseconds in Float64Array, flags are Uint8Array (0/1).
 */
import { InputError } from "./errors.js";

/** One column of a frame. */
export type Column = Float64Array | Int32Array | Uint8Array | string[];

/** Named columns of equal `length`. Transforms return new frames and share untouched columns. */
export interface Frame {
  readonly length: number;
  readonly columns: Readonly<Record<string, Column>>;
}

/** A load series: UTC timestamps (ms) and load in MW, plus any other columns. */
export interface LoadSeries extends Frame {
  readonly columns: Readonly<Record<string, Column>> & {
    readonly timeUtcMs: Float64Array;
    readonly loadMw: Float64Array;
  };
}

/** Returns a frame over `columns`, checking that every column has the same length. */
export function createFrame<C extends Record<string, Column>>(
  columns: C,
): { readonly length: number; readonly columns: Readonly<C> } {
  let length: number | undefined;
  for (const [name, values] of Object.entries(columns)) {
    if (length === undefined) length = values.length;
    else if (values.length !== length) {
      throw new InputError(
        `frame column length mismatch: "${name}" has ${values.length} rows (expected ${length})`,
      );
    }
  }
  return { length: length ?? 0, columns };
}

/** Returns a LoadSeries from timestamps and loads, plus optional extra columns. */
export function createLoadSeries(
  timeUtcMs: Float64Array,
  loadMw: Float64Array,
  extra: Record<string, Column> = {},
): LoadSeries {
  return createFrame({ ...extra, timeUtcMs, loadMw });
}

/** Returns the named Float64Array column, or throws InputError naming the columns present. */
export function numberColumn(frame: Frame, name: string): Float64Array {
  const values = frame.columns[name];
  if (!(values instanceof Float64Array)) {
    throw new InputError(
      `frame column missing or not numeric: "${name}" (expected one of ${Object.keys(frame.columns).join(", ")})`,
    );
  }
  return values;
}

/** Returns a new frame holding the rows at `indices`, in that order. */
export function takeRows<F extends Frame>(frame: F, indices: ArrayLike<number>): F {
  const columns: Record<string, Column> = {};
  for (const [name, values] of Object.entries(frame.columns)) {
    columns[name] = takeColumn(values, indices);
  }
  return { length: indices.length, columns } as unknown as F;
}

/** Returns a new frame holding rows [start, end); typed columns are views, not copies. */
export function sliceRows<F extends Frame>(frame: F, start: number, end: number = frame.length): F {
  const columns: Record<string, Column> = {};
  for (const [name, values] of Object.entries(frame.columns)) {
    columns[name] = Array.isArray(values) ? values.slice(start, end) : values.subarray(start, end);
  }
  return { length: Math.max(0, Math.min(end, frame.length) - start), columns } as unknown as F;
}

function takeColumn(values: Column, indices: ArrayLike<number>): Column {
  if (Array.isArray(values)) {
    const out: string[] = new Array<string>(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]!;
    return out;
  }
  const Ctor = values.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
  const out = new Ctor(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]!;
  return out;
}

/** Returns `a`'s rows followed by `b`'s (both with the same column names and kinds). */
export function concatRows<F extends Frame>(a: F, b: F): F {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const columns: Record<string, Column> = {};
  for (const [name, first] of Object.entries(a.columns)) {
    const second = b.columns[name];
    if (second === undefined || Array.isArray(first) !== Array.isArray(second)) {
      throw new InputError(`frame column missing or of another kind: "${name}" (expected in both)`);
    }
    if (Array.isArray(first)) columns[name] = [...first, ...(second as string[])];
    else {
      const Ctor = first.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
      const out = new Ctor(a.length + b.length);
      out.set(first);
      out.set(second as typeof first, a.length);
      columns[name] = out;
    }
  }
  return { length: a.length + b.length, columns } as unknown as F;
}
