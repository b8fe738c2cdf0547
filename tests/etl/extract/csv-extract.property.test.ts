// Property-based tests of the CSV reader (scanner, row reader, extractCsv) and of the row count
// reconciliation of readLoadSeries: random bytes, random quoting (quotes, doubled quotes,
// embedded newlines, CR, commas, BOM, unterminated quotes) and random chunk boundaries. Whatever
// the input: a result or a typed error naming the file, never a crash or a hang; every row read
// is kept or quarantined with its line; rows read = rows written + quarantined + merged.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidationError } from "../../../src/errors.js";
import { extractCsv, type ExtractCsvOptions } from "../../../src/etl/extract/csv-extract.js";
import { readLoadSeries } from "../../../src/etl/read-load-series.js";
import { expectTypedError, propertyRuns, settle } from "../../helpers/property.js";

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-csv-prop-"));
  // extractCsv checks the path is a file; the bytes themselves come from `open`
  path = join(dir, "input.csv");
  await writeFile(path, "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MAX_DATE_MS = 8.64e15;
const encoder = new TextEncoder();

/** Opens `bytes` as chunks of the given sizes (repeated), like a stream would deliver them. */
function opener(bytes: Uint8Array, sizes: readonly number[]): ExtractCsvOptions["open"] {
  return async function* () {
    for (let i = 0, k = 0; i < bytes.length; k++) {
      const n = sizes[k % sizes.length]!;
      yield await Promise.resolve(bytes.slice(i, i + n));
      i += n;
    }
  };
}

const chunkSizes = fc.oneof(
  fc.constant([1 << 20]),
  fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 }),
);

// ---- any bytes --------------------------------------------------------------------------------

const TOKENS = [
  "time",
  "load",
  "Datetime",
  "MW",
  ",",
  ",",
  ";",
  "\t",
  "|",
  '"',
  '"',
  '""',
  "\n",
  "\n",
  "\r\n",
  "\r",
  "\uFEFF",
  " ",
  "2024-03-10 02:30",
  "2024-11-03 01:00",
  "2024-01-01T00:00Z",
  "2024-01-01T05:00:00+05:45",
  "31/12/2024 23:00",
  "12/31/24 1:00",
  "1700000000",
  "1700000000000",
  "99999999999999999999",
  "9".repeat(400),
  "1.5",
  "1,5",
  "-3",
  "1e400",
  "x",
  "é",
  "\u0000",
  "\u0001",
];

const soup = fc
  .tuple(
    fc.constantFrom("", "time,load\n", "Datetime;MW\r\n", '"time","load"\n'),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }),
  )
  .map(([head, tokens]) => encoder.encode(head + tokens.join("")));

const STAMPS = TOKENS.filter((t) => /^\d/.test(t)).concat(["", '"2024-01-01T00:00Z"', "soon"]);
const VALUES = ["1.5", "1,5", "-3", "1e400", "", "x", '"7"', '"8\n9"', "0"];

// Row-like lines (stamp, delimiter, value, line end) with stray tokens among them.
const rows = fc
  .tuple(
    fc.constantFrom("time,load\n", "Datetime;MW\r\n", "time\tload\n"),
    fc.array(
      fc.tuple(
        fc.constantFrom(...STAMPS),
        fc.constantFrom(",", ";", "\t", "|"),
        fc.constantFrom(...VALUES),
        fc.constantFrom("\n", "\r\n", "\r", ""),
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 2 }),
      ),
      { maxLength: 60 },
    ),
  )
  .map(([head, lines]) => encoder.encode(head + lines.map((l) => l.flat().join("")).join("")));

const anyBytes = fc.oneof(
  { weight: 3, arbitrary: soup },
  { weight: 3, arbitrary: rows },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "binary", maxLength: 400 }).map((s) => encoder.encode(s)),
  },
);

const readOptions = fc.record({
  timeZone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin"),
  hourEnding: fc.boolean(),
  timestampFormat: fc.constantFrom("auto", "iso", "dmy", "mdy", "epoch-s", "epoch-ms"),
  maxRecordBytes: fc.constantFrom(16, 64, 1 << 20),
});

describe("extractCsv on any bytes", () => {
  it("returns rows and quarantine that add up, or a typed error naming the file", async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, chunkSizes, readOptions, async (bytes, sizes, options) => {
        const outcome = await settle(extractCsv(path, { ...options, open: opener(bytes, sizes) }));
        if ("error" in outcome) {
          const error = expectTypedError(outcome.error);
          if (isValidationError(error)) expect(error.message).toContain(path);
          return;
        }
        const r = outcome.value;
        expect(r.rowsRead).toBe(r.rowsAccepted + r.quarantine.length);
        expect(r.rowsAccepted).toBe(r.frame.length);
        for (const q of r.quarantine) {
          expect(q.source).toBe(path);
          expect(Number.isInteger(q.line) && q.line >= 1).toBe(true);
          expect(q.reason).toMatch(/^[^\n]+$/);
        }
        for (const t of r.frame.columns.timeUtcMs as Float64Array)
          expect(Math.abs(t)).toBeLessThanOrEqual(MAX_DATE_MS);
        for (const v of r.frame.columns.loadMw as Float64Array)
          expect(Number.isFinite(v)).toBe(true);
      }),
      propertyRuns(1000),
    );
  }, 60_000);

  it("readLoadSeries reconciles every row, or fails with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, chunkSizes, readOptions, async (bytes, sizes, options) => {
        const { timeZone, ...rest } = options;
        const outcome = await settle(
          readLoadSeries(path, {
            ...rest,
            tz: timeZone,
            maxBadRows: 1e6,
            open: opener(bytes, sizes),
          }),
        );
        if ("error" in outcome) {
          expectTypedError(outcome.error);
          return;
        }
        const q = outcome.value.quality;
        expect(q.reconciled).toBe(true);
        expect(q.rowsRead).toBe(
          q.rowsWritten + q.rowsQuarantined + q.duplicatesMerged + q.outliersDropped,
        );
      }),
      propertyRuns(500),
    );
  }, 60_000);
});

// ---- well-formed files with known rows --------------------------------------------------------

const HOUR_MS = 3_600_000;
const BASE_MS = Date.UTC(2024, 0, 1);

type StampFormat = "iso-z" | "iso-offset" | "space-z" | "epoch-s";

function stampText(hour: number, format: StampFormat): string {
  const ms = BASE_MS + hour * HOUR_MS;
  const iso = new Date(ms).toISOString().slice(0, 19);
  if (format === "iso-z") return `${iso}Z`;
  if (format === "space-z") return `${iso.slice(0, 16).replace("T", " ")}Z`;
  if (format === "epoch-s") return String(ms / 1000);
  return `${new Date(ms + 90 * 60_000).toISOString().slice(0, 19)}+01:30`;
}

const BAD_STAMPS = ["", "soon", "12:00", "2024-01-01T25:00:00Z"];
const BAD_ISO_DATES = ["2024-13-01T00:00:00Z", "2024-02-30T10:00:00Z"];
const BAD_VALUES = ["", "abc", "1.2.3", "inf", "-5", "1e999", "12 34", "0x10", "NaN"];

const note = fc
  .array(fc.constantFrom("a", "b", " ", ",", ";", '"', '""', "\n", "\r\n", "é", "\t", "|"), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

const valueText = fc
  .tuple(fc.nat(1_000_000), fc.option(fc.nat(999), { nil: undefined }), fc.constantFrom("", " "))
  .map(([int, frac, pad]) => `${pad}${int}${frac === undefined ? "" : `.${frac}`}${pad}`);

const row = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("good" as const),
      hour: fc.nat(3000),
      value: valueText,
      note,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bad-value" as const),
      hour: fc.nat(3000),
      value: fc.constantFrom(...BAD_VALUES),
      note,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bad-stamp" as const),
      stamp: fc.nat(BAD_STAMPS.length + BAD_ISO_DATES.length - 1),
      value: valueText,
      note,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("short" as const), hour: fc.nat(3000) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("stray-quote" as const),
      hour: fc.nat(3000),
      value: valueText,
    }),
  },
);
type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;

const fileShape = fc.record({
  rows: fc.array(row, { maxLength: 40 }),
  format: fc.constantFrom<StampFormat>("iso-z", "iso-offset", "space-z", "epoch-s"),
  bom: fc.boolean(),
  quoteHeader: fc.boolean(),
  // per row: CRLF, blank lines before it, quote stamp / value / note when not needed
  style: fc.array(fc.tuple(fc.boolean(), fc.nat(2), fc.boolean(), fc.boolean(), fc.boolean()), {
    minLength: 41,
    maxLength: 41,
  }),
  unterminated: fc.boolean(),
  finalNewline: fc.boolean(),
});

const quoteField = (text: string) => `"${text.replaceAll('"', '""')}"`;
const field = (text: string, quote: boolean) =>
  quote || /[",\r\n]/.test(text) ? quoteField(text) : text;

interface Expected {
  text: string;
  rows: number;
  kept: { value: number; utcMs: number; line: number }[];
  quarantinedLines: number[];
}

function render(shape: typeof fileShape extends fc.Arbitrary<infer S> ? S : never): Expected {
  const header = shape.quoteHeader ? '"time","load","note"' : "time,load,note";
  let text = `${shape.bom ? "\uFEFF" : ""}${header}\n`;
  const kept: Expected["kept"] = [];
  const quarantinedLines: number[] = [];
  const lineOf = () => text.split("\n").length;
  const badStamps = shape.format === "epoch-s" ? BAD_STAMPS : [...BAD_STAMPS, ...BAD_ISO_DATES];
  shape.rows.forEach((r: Row, i) => {
    const [crlf, blanks, qStamp, qValue, qNote] = shape.style[i]!;
    const eol = crlf ? "\r\n" : "\n";
    text += (blanks === 2 ? "  " : "").concat(eol).repeat(blanks);
    const line = lineOf();
    const stamp =
      r.kind === "bad-stamp"
        ? badStamps[r.stamp % badStamps.length]!
        : stampText(r.hour, shape.format);
    if (r.kind === "short") text += field(stamp, qStamp);
    else if (r.kind === "stray-quote")
      text += `${field(stamp, qStamp)},${field(r.value, qValue)},it"s`;
    else text += [field(stamp, qStamp), field(r.value, qValue), field(r.note, qNote)].join(",");
    text += eol;
    if (r.kind === "good")
      kept.push({ value: Number(r.value), utcMs: BASE_MS + r.hour * HOUR_MS, line });
    else quarantinedLines.push(line);
  });
  let rows = shape.rows.length;
  if (shape.unterminated) {
    quarantinedLines.push(lineOf());
    text += `${stampText(0, shape.format)},"12${shape.finalNewline ? "\n" : ""}`;
    rows += 1;
  } else if (!shape.finalNewline) text = text.replace(/\r?\n$/, "");
  return { text, rows, kept, quarantinedLines };
}

describe("extractCsv on well-formed files with known rows", () => {
  it("reads each record once: good rows kept in order with their lines, every bad one quarantined", async () => {
    await fc.assert(
      fc.asyncProperty(fileShape, chunkSizes, async (shape, sizes) => {
        const expected = render(shape);
        const open = opener(encoder.encode(expected.text), sizes);
        const outcome = await settle(
          extractCsv(path, { open, delimiter: ",", decimalComma: false }),
        );
        if (expected.kept.length === 0) {
          if (!("error" in outcome)) throw new Error("expected no parsable rows");
          expect(expectTypedError(outcome.error).message).toMatch(
            new RegExp(`^CSV has no parsable rows: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
          );
          return;
        }
        if ("error" in outcome) throw outcome.error;
        const r = outcome.value;
        expect(r.rowsRead).toBe(expected.rows);
        expect(Array.from(r.frame.columns.loadMw as Float64Array)).toEqual(
          expected.kept.map((k) => k.value),
        );
        expect(Array.from(r.frame.columns.timeUtcMs as Float64Array)).toEqual(
          expected.kept.map((k) => k.utcMs),
        );
        expect(Array.from(r.frame.columns.line as Int32Array)).toEqual(
          expected.kept.map((k) => k.line),
        );
        expect(r.quarantine.map((q) => q.line)).toEqual(expected.quarantinedLines);
      }),
      propertyRuns(300),
    );
  }, 60_000);

  it("readLoadSeries: rows read = rows written + quarantined + merged duplicates + dropped outliers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fileShape,
        chunkSizes,
        fc.constantFrom("flag" as const, "drop" as const, "none" as const),
        fc.constantFrom("mean" as const, "first" as const, "last" as const),
        async (shape, sizes, outliers, duplicates) => {
          const expected = render(shape);
          const open = opener(encoder.encode(expected.text), sizes);
          const outcome = await settle(
            readLoadSeries(path, {
              open,
              delimiter: ",",
              decimalComma: false,
              outliers,
              duplicates,
            }),
          );
          if (expected.kept.length === 0) {
            if (!("error" in outcome)) throw new Error("expected no parsable rows");
            expectTypedError(outcome.error);
            return;
          }
          if ("error" in outcome) throw outcome.error;
          const { quality, series, quarantine } = outcome.value;
          const distinct = new Set(expected.kept.map((k) => k.utcMs)).size;
          expect(quality.rowsRead).toBe(expected.rows);
          expect(quality.rowsQuarantined).toBe(expected.quarantinedLines.length);
          expect(quarantine.map((q) => q.line)).toEqual(expected.quarantinedLines);
          expect(quality.duplicatesMerged).toBe(expected.kept.length - distinct);
          expect(quality.rowsWritten + quality.outliersDropped).toBe(distinct);
          expect(series.length).toBe(quality.rowsWritten);
          expect(quality.reconciled).toBe(true);
          if (outliers !== "drop") expect(quality.outliersDropped).toBe(0);
        },
      ),
      propertyRuns(400),
    );
  }, 60_000);
});
