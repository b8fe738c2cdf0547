/**
 * The Cloud Storage sink: `--out gs://bucket/prefix`. Each output becomes one object (visible
 * only once fully uploaded and checksum-verified) carrying the run's provenance as metadata.
 * A re-run never silently clobbers: identical content is left alone (reported unchanged), an
 * object written by a run that started later is refused unless `sink.overwrite: true`, and every
 * write is conditional on the generation seen just before it (a concurrent writer → 412 error).
 */
import { createHash } from "node:crypto";
import { SourceError } from "../../errors.js";
import { redactSecrets } from "../../util/redact-secrets.js";
import type { EtlSink } from "../sinks.js";
import { checkOutputName } from "./check-output-name.js";
import { gcsStat, gcsWrite, parseGsUri, type GcsOptions } from "./gcs.js";

/** Writes outputs under a `gs://bucket/prefix`; settings: apiEndpoint, projectId, retries, overwrite. */
export const gcsSink: EtlSink = {
  name: "gcs",
  matches: (target) => target.startsWith("gs://"),
  write: async (target, files, context) => {
    const { bucket, name: prefix } = parseGsUri(target);
    const settings = context.settings ?? {};
    const options: GcsOptions = {};
    if (typeof settings.apiEndpoint === "string") options.apiEndpoint = settings.apiEndpoint;
    if (typeof settings.projectId === "string") options.projectId = settings.projectId;
    if (typeof settings.retries === "number") options.retries = settings.retries;
    const overwrite = settings.overwrite === true;
    const base = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
    const written = [];
    for (const file of files) checkOutputName(file.name);
    for (const file of files) {
      const uri = `gs://${bucket}/${base}${file.name}`;
      const existing = await gcsStat(uri, options);
      const md5 = createHash("md5").update(file.bytes).digest("base64");
      if (existing?.md5Base64 === md5) {
        written.push({ name: file.name, location: `${uri}#${existing.generation ?? ""}` });
        continue;
      }
      const theirs = existing?.metadata.startedAt;
      const ours = context.provenance.startedAt;
      if (!overwrite && theirs !== undefined && ours !== undefined && theirs > ours) {
        throw new SourceError(
          "gcs",
          `GCS object is newer than this run: ${uri} written by a run started ${theirs} (expected runs started before ${ours}; set sink.overwrite: true to replace it)`,
          { location: uri, httpStatus: 412 },
        );
      }
      const info = await gcsWrite(uri, file.bytes, {
        ...options,
        contentType: file.mediaType,
        metadata: {
          ...redacted(context.provenance),
          rows: String(file.rows),
          sha256: sha256(file.bytes),
        },
        ifGenerationMatch: existing?.generation ?? 0,
      });
      written.push({ name: file.name, location: `${uri}#${info.generation ?? ""}` });
    }
    return written;
  },
};

/** Provenance values without credentials (an input URI may carry a password). */
function redacted(provenance: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(provenance).map(([k, v]) => [k, redactSecrets(v)]));
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
