/** The one SHA-256 fingerprint of PowerFlow's manifests, object metadata and model cards. */
import { createHash } from "node:crypto";

/** Returns the SHA-256 of `data` (bytes, or text as UTF-8) as 64 lowercase hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
