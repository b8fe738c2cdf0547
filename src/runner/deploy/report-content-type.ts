/** The Content-Type a report file is served with from a bucket (browsers open HTML, not save it). */
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

/** Returns the Content-Type for a report file name (application/octet-stream when unknown). */
export function reportContentType(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}
