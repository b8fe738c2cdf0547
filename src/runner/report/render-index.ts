/** Renders reports/index.html: every report in the folder with status, duration and metrics. */
import type { RunManifest } from "../manifest/run-manifest.js";
import { contentSecurityPolicy } from "./content-security-policy.js";
import { escapeHtml } from "./escape-html.js";
import { formatMetricValue } from "./render-output.js";
import { REPORT_CSS } from "./report-css.js";
import { isSafeLink } from "./safe-link.js";

/** Returns the index page listing `manifests` (sorted by notebook path). */
export function renderIndex(manifests: readonly RunManifest[]): string {
  const rows = [...manifests]
    .sort((a, b) => a.notebook.path.localeCompare(b.notebook.path))
    .map((m) => {
      const metrics = m.metrics
        .map(
          (x) =>
            `<div class="pf-metric"><span>${escapeHtml(x.name)}</span><b>${escapeHtml(formatMetricValue(x.value) + (x.unit ? ` ${x.unit}` : ""))}</b></div>`,
        )
        .join("");
      const status =
        m.status === "ok"
          ? '<span style="color:var(--ok)">ok</span>'
          : '<span style="color:var(--bad)">failed</span>';
      const failure = m.failures[0]
        ? `<div class="pf-ename">${escapeHtml(`${m.failures[0].ename}: ${m.failures[0].evalue.split("\n")[0] ?? ""}`)}</div>`
        : "";
      return `<tr><td>${link(m.outputs.html, m.title)}<br><small>${escapeHtml(m.notebook.path)}</small></td><td>${status}${failure}</td><td>${(m.timing.durationMs / 1000).toFixed(1)} s</td><td>${escapeHtml(m.timing.finishedAt)}</td><td>${metrics}</td><td>${link(m.outputs.ipynb, "ipynb")} · ${link(m.outputs.manifest, "manifest")}</td></tr>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${contentSecurityPolicy()}<title>PowerFlow reports</title><style>${REPORT_CSS}</style></head>
<body><div class="pf-layout"><main>
<h1>PowerFlow reports</h1>
<table><thead><tr><th>Report</th><th>Status</th><th>Duration</th><th>Finished (UTC)</th><th>Key metrics</th><th>Files</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></div></body></html>
`;
}

// Manifests are read back from the output folder (or bucket): their file names are data.
function link(href: string, text: string): string {
  return isSafeLink(href)
    ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`
    : `<span class="pf-unsafe-link">${escapeHtml(text)}</span>`;
}
