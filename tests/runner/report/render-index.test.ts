import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../../src/runner/manifest/run-manifest.js";
import { renderIndex } from "../../../src/runner/report/render-index.js";
import { sampleManifest } from "../deploy/sample-manifest.js";

describe("renderIndex", () => {
  it("renderIndex(manifests) shows each report's charts, tables and kernel (versions, root, argv)", () => {
    const m = sampleManifest("explore");
    m.outputCounts = {
      byType: { display_data: 14 },
      byMime: { "application/vnd.plotly.v1+json": 9, "text/html": 5 },
      charts: 9,
      tables: 5,
    };
    m.kernel.argv = ["node", "/repo/bin/tslab-kernel.cjs", "<x>"];
    const html = renderIndex([m]);
    expect(html).toContain("<th>Output</th><th>Kernel</th>");
    expect(html).toContain(">9 charts · 5 tables</span><br><small>14 displays</small>");
    expect(html).toContain('title="application/vnd.plotly.v1+json: 9\ntext/html: 5"');
    expect(html).toContain("tslab 1.0.22 · Node v24.0.0<br><small>/repo</small>");
    expect(html).toContain("<code>node /repo/bin/tslab-kernel.cjs &lt;x&gt;</code>");
  });

  it("a manifest kept from an older run, without counts or kernel details, still renders", () => {
    const old = sampleManifest("old") as Partial<RunManifest>;
    delete old.outputCounts;
    old.kernel = { name: "tslab" } as RunManifest["kernel"];
    const html = renderIndex([old as RunManifest]);
    expect(html).toContain("<small>not counted</small>");
    expect(html).toMatch(/<td>tslab<\/td>/);
  });
});
