/** The Content-Type a stored blob is served with (a browser opens HTML from a bucket, not saves it). */
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json",
  ipynb: "application/x-ipynb+json",
  csv: "text/csv; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  parquet: "application/vnd.apache.parquet",
  txt: "text/plain; charset=utf-8",
};

/** Returns the Content-Type for a file name (application/octet-stream when unknown). */
export function contentTypeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}
