/**
 * Renders a frame as Parquet bytes (hyparquet-writer): `time_utc` as TIMESTAMP (UTC millis),
 * Float64 columns as DOUBLE (NaN → null), Int32/Uint8 as INT32, strings as STRING.
 * `renderParquetChunks` yields the file one row group at a time (1,000 rows, then 100,000 per
 * group, as hyparquet-writer lays out a whole file), so only a group's values are converted and
 * held at once.
 */
import { ByteWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { numberColumn, type Frame } from "../../frame.js";
import { concatBytes } from "../../util/concat-bytes.js";
import { outputColumnNames } from "./csv-output.js";

type ColumnData = Parameters<typeof schemaFromColumnData>[0]["columnData"][number];

const FIRST_GROUP_ROWS = 1_000;
const GROUP_ROWS = 100_000;

/** Returns the Parquet file of `frame`, with `metadata` as key/value metadata. */
export function renderParquet(frame: Frame, metadata: Record<string, string> = {}): Uint8Array {
  return concatBytes([...renderParquetChunks(frame, metadata)]);
}

/** Yields the Parquet file of `frame` in pieces, one row group each, then the footer. */
export function* renderParquetChunks(
  frame: Frame,
  metadata: Record<string, string> = {},
): Generator<Uint8Array> {
  const writer = new ByteWriter();
  const kvMetadata = Object.entries(metadata).map(([key, value]) => ({ key, value }));
  const schema = schemaFromColumnData({ columnData: groupColumns(frame, 0, 0) });
  const parquet = new ParquetWriter({ writer, schema, kvMetadata });
  for (let start = 0; start < frame.length;) {
    const end = Math.min(frame.length, start + (start === 0 ? FIRST_GROUP_ROWS : GROUP_ROWS));
    void parquet.write({ columnData: groupColumns(frame, start, end), rowGroupSize: end - start });
    yield take(writer);
    start = end;
  }
  void parquet.finish();
  yield take(writer);
}

// Rows [start, end) as hyparquet-writer column data (the schema comes from the types alone).
function groupColumns(frame: Frame, start: number, end: number): ColumnData[] {
  const t = numberColumn(frame, "timeUtcMs").subarray(start, end);
  const columnData: ColumnData[] = [{ name: "time_utc", data: t, type: "TIMESTAMP" }];
  for (const name of outputColumnNames(frame)) {
    const values = frame.columns[name]!;
    if (Array.isArray(values))
      columnData.push({ name, data: values.slice(start, end), type: "STRING" });
    else if (values instanceof Float64Array)
      columnData.push({ name, data: withNulls(values.subarray(start, end)), type: "DOUBLE" });
    else
      columnData.push({ name, data: Int32Array.from(values.subarray(start, end)), type: "INT32" });
  }
  return columnData;
}

// What the writer has produced since the last take; its offsets keep counting from the start.
function take(writer: ByteWriter): Uint8Array {
  const bytes = new Uint8Array(writer.buffer, 0, writer.index).slice();
  writer.index = 0;
  return bytes;
}

function withNulls(values: Float64Array): Float64Array | (number | null)[] {
  if (!values.some(Number.isNaN)) return values;
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}
