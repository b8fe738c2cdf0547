/**
 * The ETL source registry: which extractor reads an `--input`. A source says whether it handles
 * an input string and extracts it into an ExtractResult. To add one (HTTP APIs, databases,
 * buckets): write `src/etl/extract/<name>.ts` exporting an `EtlSource`, then add one import and
 * one entry to SOURCES below — earlier entries win, and the CSV source (paths, globs, .gz) is
 * last because it accepts anything that is not a URL.
 */
import type { Effects } from "../effects.js";
import { InputError } from "../errors.js";
import type { ExtractResult } from "./extract/extract-result.js";
import { csvSource } from "./extract/csv-source.js";
import { eiaSource } from "./extract/eia-source.js";
import { entsoeSource } from "./extract/entsoe-source.js";
import { opsdSource } from "./extract/opsd-source.js";
import { postgresSource } from "./extract/postgres-source.js";
import { sqliteSource } from "./extract/sqlite-source.js";

/** What every source may receive from the run config (each uses what applies to it). */
export interface SourceOptions {
  /** IANA zone of local stamps; default "UTC" */
  timeZone: string;
  hourEnding: boolean;
  intervalMinutes?: number;
  timestampFormat?: string;
  timeColumn?: string;
  valueColumn?: string;
  allowNegative?: boolean;
  /** progress callback: rows and bytes read so far */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
  /** sources that stream rows (CSV) pass each accepted row here instead of into the frame */
  onRow?: (utcMs: number, value: number, line: number) => void;
  /** source-specific settings from the config file's `source:` block */
  settings?: Record<string, unknown>;
}

/** An extractor the pipeline can pick by input string. */
export interface EtlSource {
  /** short name shown in errors and manifests: "csv", "eia", "postgres", … */
  name: string;
  /** true when this source reads `input` (e.g. starts with `postgres://`) */
  matches(input: string): boolean;
  /** reads `input`; quarantines bad rows; throws typed errors (SourceError, ValidationError) */
  extract(input: string, options: SourceOptions, effects: Effects): Promise<ExtractResult>;
}

/** Every source, most specific first; the CSV source comes last. */
export const SOURCES: EtlSource[] = [
  eiaSource,
  entsoeSource,
  opsdSource,
  postgresSource,
  sqliteSource,
  csvSource,
];

/** Returns the first source that matches `input`, or throws InputError naming the known ones. */
export function findSource(input: string, sources: readonly EtlSource[] = SOURCES): EtlSource {
  const source = sources.find((s) => s.matches(input));
  if (!source) {
    throw new InputError(
      `no ETL source for input: "${input}" (expected one of: ${sources.map((s) => s.name).join(", ")})`,
    );
  }
  return source;
}
