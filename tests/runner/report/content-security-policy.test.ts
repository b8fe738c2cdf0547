// Reports and the run index refuse script they did not write: unsafe links lose their target,
// and a Content-Security-Policy lets only the page's own inline scripts (plotly.js and two small
// boot scripts, by hash) run. Checked in headless Chromium: charts and math still draw with no
// CSP violation, and script injected through cell output does not run.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLOTLY_MIME } from "../../../src/runner/mime-types.js";
import type { Notebook, NotebookOutput } from "../../../src/runner/notebook/notebook-types.js";
import { renderIndex } from "../../../src/runner/report/render-index.js";
import {
  createMarkdownContext,
  renderMarkdown,
} from "../../../src/runner/report/render-markdown.js";
import { renderReport } from "../../../src/runner/report/render-report.js";
import { isSafeImage, isSafeLink } from "../../../src/runner/report/safe-link.js";
import { chromiumSkipReason, openPage } from "../../helpers/chromium.js";
import { sampleManifest } from "../deploy/sample-manifest.js";

const UNSAFE = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java&#x09;script:alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "file:///etc/passwd",
];
const SAFE = [
  "https://example.com/a?b=1",
  "http://x",
  "mailto:ops@example.com",
  "other.html",
  "#cell-3",
  "/abs",
  "../up.html",
];

const notebook = (outputs: NotebookOutput[], markdown = "# Title"): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: "m", cell_type: "markdown", source: markdown, metadata: {} },
    { id: "c", cell_type: "code", source: "x", metadata: {}, outputs, execution_count: 1 },
  ],
});
const display = (data: Record<string, unknown>): NotebookOutput => ({
  output_type: "display_data",
  data,
  metadata: {},
});

const LINKS_MARKDOWN = UNSAFE.map(
  (u, i) => `[bad ${i}](${u.replace(/ /g, "%20")}) ![img ${i}](${u})`,
).join("\n\n");

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-csp-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("report links and Content-Security-Policy", () => {
  it("isSafeLink allows only http(s), mailto, relative and in-page links", () => {
    for (const url of UNSAFE) expect(isSafeLink(url), url).toBe(false);
    for (const url of SAFE) expect(isSafeLink(url), url).toBe(true);
    expect(isSafeImage("data:image/png;base64,AAAA")).toBe(true);
    expect(isSafeImage("data:image/svg+xml,<svg onload=alert(1)>")).toBe(false);
  });

  it("renderMarkdown(output markdown) drops the target of every unsafe link and image", () => {
    const html = renderMarkdown(
      `${LINKS_MARKDOWN}\n\n[ok](https://example.com)`,
      createMarkdownContext(),
    );
    // as a browser resolves each href: every link must land on http(s)
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(hrefs.length).toBeGreaterThan(1);
    for (const href of hrefs)
      expect(new URL(href, "https://report.example/r.html").protocol, href).toMatch(/^https:$/);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(html).toContain('<span class="pf-unsafe-link">bad 0</span>');
  });

  it("renderIndex links only safe report names and carries a script-free CSP", () => {
    const manifest = sampleManifest("evil");
    manifest.outputs.html = "javascript:alert(1)";
    const html = renderIndex([manifest, sampleManifest("good")]);
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="good.html">good</a>');
    expect(html).toContain("script-src 'none'");
  });

  describe.skipIf(chromiumSkipReason() !== undefined)(
    `in headless Chromium${chromiumSkipReason() ? ` (skipped: ${chromiumSkipReason()})` : ""}`,
    () => {
      it("a report with a Plotly chart, KaTeX and unsafe output links draws with no CSP violation", async () => {
        const figure = { data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], layout: {} };
        const html = renderReport(
          notebook(
            [
              display({ [PLOTLY_MIME]: figure, "text/plain": "figure" }),
              display({ "text/markdown": LINKS_MARKDOWN }),
            ],
            "# Report\n\n$$E = mc^2$$\n\nSee [docs](https://example.com).",
          ),
          sampleManifest("report"),
        );
        expect(html).toMatch(
          /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+' 'sha256-[^']+'; /,
        );
        const path = join(dir, "report.html");
        await writeFile(path, html);
        const page = await openPage(pathToFileURL(path).href);
        try {
          await page.waitForSelector(".js-plotly-plot .main-svg");
          expect(await page.evaluate<number>("document.querySelectorAll('.katex').length")).toBe(1);
          expect(
            await page.evaluate<string[]>(
              "[...document.querySelectorAll('a[href]')].map((a) => a.protocol).filter((p) => !['http:', 'https:', 'mailto:', 'file:'].includes(p))",
            ),
          ).toEqual([]);
          expect(page.errors()).toEqual([]);
        } finally {
          await page.close();
        }
      }, 60_000);

      it("script smuggled into a text/html output does not run", async () => {
        const html = renderReport(
          notebook([
            display({
              "text/html":
                '<script>window.pwned = 1</script><img src="data:image/png;base64,AA" onerror="window.pwned = 2"><a id="j" href="javascript:window.pwned = 3">j</a>',
            }),
          ]),
          sampleManifest("hostile"),
        );
        const path = join(dir, "hostile.html");
        await writeFile(path, html);
        const page = await openPage(pathToFileURL(path).href);
        try {
          await page.evaluate("document.getElementById('j').click()");
          await new Promise((r) => setTimeout(r, 300));
          expect(await page.evaluate<string>("typeof window.pwned")).toBe("undefined");
          expect(page.errors().join("\n")).toMatch(/Content Security Policy/);
        } finally {
          await page.close();
        }
      }, 60_000);
    },
  );
});
