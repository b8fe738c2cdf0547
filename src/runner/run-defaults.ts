/** The defaults of `powerflow run`, shared by its CLI flags and `runNotebooks`' options. */

/** Defaults applied when a flag or option is not given. */
export const RUN_DEFAULTS = {
  /** Output folder. */
  out: "reports",
  /** Per-cell limit, in ms. */
  cellTimeoutMs: 600_000,
  /** Limit for a kernel to answer its first kernel_info_request, in ms. */
  startupTimeoutMs: 60_000,
  /** Largest input file hashed for the manifest, in bytes (256 MiB). */
  inputHashMaxBytes: 256 * 1024 * 1024,
  /** Output one cell may produce before the rest is dropped, in bytes (100 MiB). */
  maxCellOutputBytes: 100 * 1024 * 1024,
} as const;
