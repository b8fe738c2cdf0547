/**
 * Renders reports/index.html: every report in the folder with status, duration, its charts and
 * tables, the kernel it ran on and its metrics.
 */
import type { KernelRecord, OutputCounts, RunManifest } from "../manifest/run-manifest.js";
import { contentSecurityPolicy } from "./content-security-policy.js";
import { escapeHtml } from "./escape-html.js";
// Not from render-output.js, which loads KaTeX: a run whose reports are all cached stays quick.
import { formatMetricValue } from "./format-metric-value.js";
import { REPORT_CSS } from "./report-css.js";
import { isSafeLink } from "./safe-link.js";

/**
 * Returns the index page listing `manifests` (sorted by notebook path). `reused` names the
 * manifests (`outputs.manifest`) the latest run did not run again: they are marked "cached", and
 * their time is when they really ran.
 */
export function renderIndex(
  manifests: readonly RunManifest[],
  options: { reused?: ReadonlySet<string> } = {},
): string {
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
      const cached = options.reused?.has(m.outputs.manifest)
        ? `<br><small class="pf-cached" title="its inputs are unchanged: not run again; it ran at ${escapeHtml(m.timing.startedAt)}">cached</small>`
        : "";
      return `<tr><td>${link(m.outputs.html, m.title)}<br><small>${escapeHtml(m.notebook.path)}</small></td><td>${status}${cached}${failure}</td><td>${(m.timing.durationMs / 1000).toFixed(1)} s</td><td>${escapeHtml(m.timing.finishedAt)}</td><td>${outputCell(m.outputCounts)}</td><td>${kernelCell(m.kernel)}</td><td>${metrics}</td><td>${link(m.outputs.ipynb, "ipynb")} · ${link(m.outputs.manifest, "manifest")}</td></tr>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${contentSecurityPolicy()}<title>PowerFlow reports</title><style>${REPORT_CSS}</style></head>
<body><div class="pf-layout"><main>
<h1>PowerFlow reports</h1>
<table><thead><tr><th>Report</th><th>Status</th><th>Duration</th><th>Finished (UTC)</th><th>Output</th><th>Kernel</th><th>Key metrics</th><th>Files</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></div></body></html>
`;
}

// Manifests kept from earlier runs in the folder may predate these fields: shown as unknown.
function outputCell(counts: OutputCounts | undefined): string {
  if (counts === undefined) return "<small>not counted</small>";
  const byMime = Object.entries(counts.byMime)
    .map(([mime, n]) => `${mime}: ${n}`)
    .join("\n");
  const displays = counts.byType.display_data ?? 0;
  return `<span class="pf-counts" title="${escapeHtml(byMime)}">${plural(counts.charts, "chart")} · ${plural(counts.tables, "table")}</span><br><small>${plural(displays, "display")}</small>`;
}

function kernelCell(kernel: Partial<KernelRecord>): string {
  const versions = [
    kernel.tslab ? `tslab ${kernel.tslab}` : kernel.name,
    kernel.node ? `Node ${kernel.node}` : undefined,
  ].filter((x) => x !== undefined && x !== null);
  const argv = kernel.argv
    ? `<details><summary>argv</summary><code>${escapeHtml(kernel.argv.join(" "))}</code></details>`
    : "";
  const root = kernel.root ? `<br><small>${escapeHtml(kernel.root)}</small>` : "";
  return `${escapeHtml(versions.join(" · "))}${root}${argv}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// Manifests are read back from the output folder (or bucket): their file names are data.
function link(href: string, text: string): string {
  return isSafeLink(href)
    ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`
    : `<span class="pf-unsafe-link">${escapeHtml(text)}</span>`;
}
