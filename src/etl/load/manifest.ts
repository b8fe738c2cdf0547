/**
 * The run manifest: inputs with SHA-256, the parameters, outputs with SHA-256 and row counts,
 * the reconciled counts, the data-quality summary and per-step timings.
 */
import type { BlobInput, StoredBlob } from "../../storage/store.js";
import type { SourceInfo } from "../extract/extract-result.js";
import { redactDeep } from "../../util/redact-secrets.js";
import type { EtlConfig } from "../etl-config.js";
import type { QualityReport } from "../validate/quality-report.js";

/** Counts every run reconciles (see `reconcile`). */
export interface EtlCounts {
  rowsRead: number;
  rowsQuarantined: number;
  duplicatesMerged: number;
  outliersDropped: number;
  /** rows after cleaning = read − quarantined − merged − dropped */
  rowsKept: number;
  /** rows inserted by gap filling */
  rowsFilled: number;
  /** rows in the data outputs (after filling and resampling) */
  rowsWritten: number;
  reconciled: boolean;
}

/** One output of the run. */
export interface ManifestOutput {
  name: string;
  location: string;
  sha256: string;
  bytes: number;
  rows: number;
  mediaType: string;
}

/** What `runEtl` returns and writes as `<name>.manifest.json`. */
export interface EtlManifest {
  tool: "powerflow etl";
  startedAt: string;
  finishedAt: string;
  elapsedMs: number;
  inputs: (SourceInfo & { rowsRead: number })[];
  parameters: EtlConfig;
  counts: EtlCounts;
  outputs: ManifestOutput[];
  quality: QualityReport;
  steps: { name: string; elapsedMs: number }[];
}

/**
 * Returns `config` with every credential removed (URI passwords, key/token query values), as it
 * goes into the manifest, object metadata and log lines: `postgres://u:pw@h/db` → `u:***@`.
 */
export function redactConfig(config: EtlConfig): EtlConfig {
  return redactDeep(config);
}

/** One rendered output of the ETL: a blob that states its rows and media type. */
export type EtlOutput = BlobInput & { rows: number; contentType: string };

/** Returns manifest output entries for `outputs` as the store wrote them (`written`, same order). */
export function describeOutputs(outputs: EtlOutput[], written: StoredBlob[]): ManifestOutput[] {
  return outputs.map((o, i) => ({
    name: o.name,
    location: written[i]!.location,
    sha256: written[i]!.sha256,
    bytes: written[i]!.bytes,
    rows: o.rows,
    mediaType: o.contentType,
  }));
}

/** Returns the manifest as pretty JSON bytes (gaps beyond the first 200 are summarised). */
export function renderManifest(manifest: EtlManifest): Uint8Array {
  const gaps = manifest.quality.gaps;
  const quality =
    gaps.length > 200
      ? { ...manifest.quality, gaps: gaps.slice(0, 200), gapsOmitted: gaps.length - 200 }
      : manifest.quality;
  return new TextEncoder().encode(`${JSON.stringify({ ...manifest, quality }, null, 2)}\n`);
}
