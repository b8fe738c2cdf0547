/**
 * What every weather extractor returns for one station: the readings it could place in time (UTC
 * instants and values in the source's unit, in source order), the rows it set aside with a
 * reason, and counts of what it saw (declared-missing values, local stamps that do not exist or
 * repeat). Cleaning (`cleanWeather`) takes it from here.
 */
import type { Frame } from "../../frame.js";
import type { QuarantinedRow } from "../extract/extract-result.js";
import type { QualityFinding } from "../validate/quality-report.js";
import type { TemperatureUnit, WeatherFormat } from "./weather-config.js";

/** One file or HTTP response read for a station. */
export interface WeatherFile {
  location: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
}

/** The readings of one station before cleaning. */
export interface RawWeather {
  /**
   * `timeUtcMs` (UTC ms), `value` (source unit), `line` (1-based line or record in its file),
   * `file` (index into `files`), `dstAmbiguous` (0/1)
   */
  frame: Frame & {
    columns: {
      timeUtcMs: Float64Array;
      value: Float64Array;
      line: Int32Array;
      file: Int32Array;
      dstAmbiguous: Uint8Array;
    };
  };
  quarantine: QuarantinedRow[];
  /** data rows seen = frame rows + quarantined + missing values */
  rowsRead: number;
  /** rows whose value the source declares missing (−9999, an empty cell, null) */
  missingValues: number;
  /** local stamps inside a skipped spring-forward hour (dropped, also in the quarantine) */
  nonexistentLocal: number;
  /** fall-back stamps seen once, read as their first occurrence (daylight time) */
  ambiguousLocal: number;
  /** repeated fall-back stamps resolved by order of appearance */
  fallBackRepeatsResolved: number;
  format: WeatherFormat;
  unit: TemperatureUnit;
  /** the column or field the values came from */
  column: string;
  /** the zone local stamps were read in ("UTC" when the format is in UTC) */
  timeZone: string;
  files: WeatherFile[];
  /** format-specific findings (timestamp format, dialect, …) */
  findings: QualityFinding[];
}

/** Append-only readings of one station, for the extractors. */
export class WeatherRows {
  private time: number[] = [];
  private value: number[] = [];
  private line: number[] = [];
  private flag: number[] = [];
  readonly quarantine: QuarantinedRow[] = [];
  rowsRead = 0;
  missingValues = 0;

  /** Counts a data row whose value is declared missing. */
  missing(): void {
    this.rowsRead++;
    this.missingValues++;
  }

  /** Appends an accepted reading and returns its index. */
  accept(timeUtcMs: number, value: number, line: number, ambiguous = false): number {
    this.rowsRead++;
    this.time.push(timeUtcMs);
    this.value.push(value);
    this.line.push(line);
    return this.flag.push(ambiguous ? 1 : 0) - 1;
  }

  /** Clears the `dstAmbiguous` flag of row `index` (its repeat turned up). */
  unflag(index: number): void {
    this.flag[index] = 0;
  }

  /** Sets a row aside with its location, text and reason. */
  reject(source: string, line: number, raw: string, reason: string): void {
    this.rowsRead++;
    this.quarantine.push({ source, line, raw, reason });
  }

  get length(): number {
    return this.time.length;
  }

  /** The station's RawWeather for a format stamped in UTC (no local-clock counts). */
  utcResult(
    file: Omit<WeatherFile, "rowsRead">,
    format: WeatherFormat,
    column: string,
  ): RawWeather {
    return {
      frame: this.frame(),
      quarantine: this.quarantine,
      rowsRead: this.rowsRead,
      missingValues: this.missingValues,
      nonexistentLocal: 0,
      ambiguousLocal: 0,
      fallBackRepeatsResolved: 0,
      format,
      unit: "C",
      column,
      timeZone: "UTC",
      files: [{ ...file, rowsRead: this.rowsRead }],
      findings: [],
    };
  }

  /** Returns the readings as a frame. */
  frame(): RawWeather["frame"] {
    return {
      length: this.time.length,
      columns: {
        timeUtcMs: Float64Array.from(this.time),
        value: Float64Array.from(this.value),
        line: Int32Array.from(this.line),
        file: new Int32Array(this.line.length),
        dstAmbiguous: Uint8Array.from(this.flag),
      },
    };
  }
}

/** Returns `parts` (files of one station, e.g. station-years) as one RawWeather. */
export function concatRawWeather(parts: readonly RawWeather[]): RawWeather {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const cat = <T extends Float64Array | Int32Array | Uint8Array>(
    pick: (p: RawWeather) => T,
    Ctor: new (n: number) => T,
  ): T => {
    const out = new Ctor(parts.reduce((s, p) => s + p.frame.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += p.frame.length;
    }
    return out;
  };
  const sum = (pick: (p: RawWeather) => number) => parts.reduce((s, p) => s + pick(p), 0);
  return {
    ...first,
    frame: {
      length: sum((p) => p.frame.length),
      columns: {
        timeUtcMs: cat((p) => p.frame.columns.timeUtcMs, Float64Array),
        value: cat((p) => p.frame.columns.value, Float64Array),
        line: cat((p) => p.frame.columns.line, Int32Array),
        file: fileIndices(parts),
        dstAmbiguous: cat((p) => p.frame.columns.dstAmbiguous, Uint8Array),
      },
    },
    quarantine: parts.flatMap((p) => p.quarantine),
    rowsRead: sum((p) => p.rowsRead),
    missingValues: sum((p) => p.missingValues),
    nonexistentLocal: sum((p) => p.nonexistentLocal),
    ambiguousLocal: sum((p) => p.ambiguousLocal),
    fallBackRepeatsResolved: sum((p) => p.fallBackRepeatsResolved),
    files: parts.flatMap((p) => p.files),
    findings: parts.flatMap((p) => p.findings),
  };
}

// Each row's index into the joined `files`: a part's own index shifted by the files before it.
function fileIndices(parts: readonly RawWeather[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.frame.length, 0));
  let at = 0;
  let shift = 0;
  for (const p of parts) {
    const own = p.frame.columns.file;
    for (let i = 0; i < own.length; i++) out[at + i] = own[i]! + shift;
    at += own.length;
    shift += p.files.length;
  }
  return out;
}
