/** Fingerprint of training data for model cards. */
import { createHash } from "node:crypto";
import type { HourlyGrid } from "./hourly-grid.js";

/** Returns the hex SHA-256 of grid rows [0, end): timestamps then loads, as float64 bytes. */
export function dataSha256(grid: HourlyGrid, end: number): string {
  const hash = createHash("sha256");
  const times = grid.timeUtcMs.subarray(0, end);
  const loads = grid.loadMw.subarray(0, end);
  hash.update(new Uint8Array(times.buffer, times.byteOffset, times.byteLength));
  hash.update(new Uint8Array(loads.buffer, loads.byteOffset, loads.byteLength));
  return hash.digest("hex");
}
