/** The ETL's defaults, in one place. */

/**
 * The default of every ETL setting that has one. `normalizeEtlConfig` (etl-config.ts) applies them (and so
 * `powerflow etl` and `readLoadSeries`, which go through it); `cleanLoadSeries` takes its
 * policies from here; the CLI's help shows them.
 */
export const ETL_DEFAULTS = {
  timeZone: "UTC",
  hourEnding: false,
  timestampFormat: "auto",
  unit: "MW",
  duplicates: "mean",
  onBadRow: "quarantine",
  maxBadRows: 1000,
  fill: { method: "none", maxSteps: 3 },
  outliers: "flag",
  outlierThreshold: 6,
  formats: ["csv", "parquet"],
} as const;
