/**
 * The Content-Security-Policy of reports and the run index, as a <meta> tag: only the page's
 * own inline scripts run (each allowed by its SHA-256), so a script or event handler that
 * slipped into cell output, and any javascript: URL, is refused by the browser. Styles may be
 * inline (KaTeX and Plotly set style attributes); fonts and images come inline or over https.
 */
import { createHash } from "node:crypto";

const hashes = new Map<string, string>();

/** Returns the CSP source for the inline script `code`: `'sha256-<base64>'` (cached). */
export function scriptHash(code: string): string {
  let hash = hashes.get(code);
  if (hash === undefined) {
    hash = `'sha256-${createHash("sha256").update(code, "utf8").digest("base64")}'`;
    hashes.set(code, hash); // the report's few fixed scripts (plotly.js is 3.5 MB): once each
  }
  return hash;
}

/** Returns the `<meta http-equiv="Content-Security-Policy">` tag allowing exactly `scripts`. */
export function contentSecurityPolicy(scripts: readonly string[] = []): string {
  const scriptSrc = scripts.length === 0 ? "'none'" : scripts.map(scriptHash).join(" ");
  const policy = [
    "default-src 'none'",
    `script-src ${scriptSrc}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}
