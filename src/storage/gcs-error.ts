/** The SourceErrors of the GCS client: what went wrong, on which object, and what was expected. */
import { SourceError } from "../errors.js";

/** The HTTP status of a client error, when it carries one. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** Returns the SourceError for a failed GCS `action` on `uri` (412: another writer won; a corrupt download; else the first line of the client's message). */
export function gcsError(
  error: unknown,
  uri: string,
  action: string,
  generation?: number | string,
): SourceError {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown } | null)?.code === "CONTENT_DOWNLOAD_MISMATCH") {
    return new SourceError(
      "gcs",
      `GCS ${action} failed: ${uri}: the downloaded bytes do not match the object's CRC32C (expected an intact download; nothing was used, retry)`,
      { location: uri, cause: error },
    );
  }
  if (status === 412) {
    const expected =
      String(generation) === "0" ? "no object yet" : `generation ${String(generation)}`;
    return new SourceError(
      "gcs",
      `GCS object changed by another writer: ${uri} (expected ${expected}; nothing was overwritten)`,
      {
        location: uri,
        httpStatus: 412,
        cause: error,
      },
    );
  }
  return new SourceError(
    "gcs",
    `GCS ${action} failed: ${uri}: ${message.split("\n")[0]} (expected the bucket to be reachable)`,
    {
      location: uri,
      ...(status === undefined ? {} : { httpStatus: status }),
      cause: error,
    },
  );
}
