/**
 * Renders a frame as Parquet bytes (hyparquet-writer): `time_utc` as TIMESTAMP (UTC millis),
 * Float64 columns as DOUBLE (NaN → null), Int32/Uint8 as INT32, strings as STRING.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { numberColumn, type Frame } from "../../frame.js";
import { outputColumnNames } from "./csv-output.js";

type ColumnData = Parameters<typeof parquetWriteBuffer>[0]["columnData"][number];

/** Returns the Parquet file of `frame`, with `metadata` as key/value metadata. */
export function renderParquet(frame: Frame, metadata: Record<string, string> = {}): Uint8Array {
  const t = numberColumn(frame, "timeUtcMs");
  const times = new Array<bigint>(frame.length);
  for (let i = 0; i < frame.length; i++) times[i] = BigInt(t[i]!);
  const columnData: ColumnData[] = [{ name: "time_utc", data: times, type: "TIMESTAMP" }];
  for (const name of outputColumnNames(frame)) {
    const values = frame.columns[name]!;
    if (Array.isArray(values)) columnData.push({ name, data: values, type: "STRING" });
    else if (values instanceof Float64Array)
      columnData.push({ name, data: withNulls(values), type: "DOUBLE" });
    else columnData.push({ name, data: Int32Array.from(values), type: "INT32" });
  }
  const kvMetadata = Object.entries(metadata).map(([key, value]) => ({ key, value }));
  return new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata }));
}

function withNulls(values: Float64Array): Float64Array | (number | null)[] {
  if (!values.some(Number.isNaN)) return values;
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}
