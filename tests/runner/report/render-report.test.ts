import { describe, expect, it } from "vitest";
import { ansiToHtml } from "../../../src/runner/report/ansi-to-html.js";
import { escapeHtml, jsonForScript } from "../../../src/runner/report/escape-html.js";
import {
  createMarkdownContext,
  renderMarkdown,
} from "../../../src/runner/report/render-markdown.js";
import { renderOutput } from "../../../src/runner/report/render-output.js";
import { plotlyBundle } from "../../../src/analysis/display/show-plotly.js";
import {
  collectOutputs,
  type DisplayRegistry,
} from "../../../src/runner/execute/collect-outputs.js";
import { recoverKernelError } from "../../../src/runner/execute/kernel-error-output.js";
import type { JupyterMessage } from "../../../src/runner/kernel/wire.js";
import { createMessage, decodeMessage, encodeMessage } from "../../../src/runner/kernel/wire.js";

const context = () => ({ markdown: createMarkdownContext(), usesPlotly: false });

function message(type: string, content: Record<string, unknown>): JupyterMessage {
  return createMessage(type, content, "s");
}

describe("report pieces", () => {
  it("ansiToHtml(text) colours SGR codes, escapes text and honours carriage returns", () => {
    expect(ansiToHtml("\u001b[1;31m<b>\u001b[0m ok")).toBe(
      '<span class="ansi-red-fg ansi-bold">&lt;b&gt;</span> ok',
    );
    expect(ansiToHtml("\u001b[38;2;255;0;10mx\u001b[39m")).toBe(
      '<span style="color:#ff000a">x</span>',
    );
    expect(ansiToHtml("10%\r50%\r100%\ndone")).toBe("100%\ndone");
  });

  it("escapeHtml and jsonForScript neutralise markup", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    expect(jsonForScript({ s: "</script><!--" })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--"}');
  });

  it("renderMarkdown renders GFM tables, KaTeX math and unique heading ids", () => {
    const ctx = createMarkdownContext();
    const html = renderMarkdown("# Load\n\n| a |\n|---|\n| 1 |\n\n$x^2$\n\n# Load", ctx, {
      trusted: true,
    });
    expect(html).toContain("<table>");
    expect(html).toContain('class="katex"');
    expect(ctx.headings.map((h) => h.id)).toEqual(["load", "load-2"]);
    expect(ctx.usesMath).toBe(true);
  });

  it("renderMarkdown escapes raw HTML in untrusted (output) markdown but keeps it in cells", () => {
    expect(renderMarkdown("<script>alert(1)</script>", createMarkdownContext())).toContain(
      "&lt;script&gt;",
    );
    expect(renderMarkdown("<b>x</b>", createMarkdownContext(), { trusted: true })).toContain(
      "<b>x</b>",
    );
  });

  it("renderOutput picks Plotly over HTML over text and escapes text/plain", () => {
    const ctx = context();
    const plot = renderOutput(
      {
        output_type: "display_data",
        metadata: {},
        data: {
          "application/vnd.plotly.v1+json": { data: [], layout: { title: "</script>" } },
          "text/html": "<b>x</b>",
        },
      },
      "p1",
      ctx,
    );
    expect(plot).toContain('<div class="pf-plotly" id="p1"></div>');
    expect(plot).toContain("\\u003c/script\\u003e");
    expect(ctx.usesPlotly).toBe(true);
    expect(
      renderOutput(
        {
          output_type: "execute_result",
          execution_count: 1,
          metadata: {},
          data: { "text/plain": "<script>" },
        },
        "p2",
        ctx,
      ),
    ).toBe('<div class="pf-output"><pre>&lt;script&gt;</pre></div>');
    expect(
      renderOutput(
        {
          output_type: "display_data",
          metadata: {},
          data: {
            "application/vnd.powerflow.publish+json": { name: "<peak>", value: 1234.5, unit: "MW" },
          },
        },
        "p3",
        ctx,
      ),
    ).toContain("<span>&lt;peak&gt;</span><b>1,234.5 MW</b>");
  });

  it("renderOutput(first notebook figure) draws the Plotly JSON and leaves out the bundled plotly.js", () => {
    const ctx = context();
    const bundle = plotlyBundle(
      { data: [{ type: "bar", x: [1], y: [2] }], layout: { title: { text: "t" } } },
      { includePlotlyJs: true },
    );
    expect(bundle["text/html"]).toContain("window.PlotlyConfig");
    const html = renderOutput(
      { output_type: "display_data", metadata: {}, data: bundle },
      "p9",
      ctx,
    );
    expect(html).toContain('<div class="pf-plotly" id="p9"></div>');
    expect(html).not.toContain("PlotlyConfig");
    expect(html.length).toBeLessThan(2_000);
    expect(ctx.usesPlotly).toBe(true);
  });

  it("collectOutputs merges streams, honours clear_output(wait) and update_display_data", () => {
    const displays: DisplayRegistry = new Map();
    const first = collectOutputs(
      [
        message("stream", { name: "stdout", text: "a" }),
        message("stream", { name: "stdout", text: "b\n" }),
        message("display_data", {
          data: { "text/plain": "v1" },
          metadata: {},
          transient: { display_id: "d" },
        }),
      ],
      displays,
    );
    collectOutputs(
      [
        message("update_display_data", {
          data: { "text/plain": "v2" },
          metadata: {},
          transient: { display_id: "d" },
        }),
      ],
      displays,
    );
    expect(first).toEqual([
      { output_type: "stream", name: "stdout", text: ["ab\n"] },
      { output_type: "display_data", data: { "text/plain": ["v2"] }, metadata: {} },
    ]);
    const cleared = collectOutputs(
      [
        message("stream", { name: "stdout", text: "old" }),
        message("clear_output", { wait: true }),
        message("stream", { name: "stdout", text: "new" }),
      ],
      new Map() as DisplayRegistry,
    );
    expect(cleared).toEqual([{ output_type: "stream", name: "stdout", text: ["new"] }]);
  });

  it("recoverKernelError turns tslab's stderr into an error output", () => {
    const thrown = recoverKernelError(
      [
        message("stream", { name: "stdout", text: "x\n" }),
        message("stream", {
          name: "stderr",
          text: "evalmachine.<anonymous>:1\n\nTypeError [ERR_X]: bad thing\n    at f\n",
        }),
      ],
      "f()",
    );
    expect(thrown.error).toMatchObject({ ename: "TypeError", evalue: "bad thing" });
    expect(thrown.rest).toHaveLength(1);
    const compiled = recoverKernelError(
      [message("stream", { name: "stderr", text: "2:1 - Cannot find name 'y'.\n" })],
      "const a = 1;\ny;",
    );
    expect(compiled.error.traceback[1]).toBe("   2 | y;");
    expect(compiled.error.evalue).toBe("2:1 - Cannot find name 'y'.");
    const many = recoverKernelError(
      [
        message("stream", { name: "stderr", text: "1:1 - A.\n" }),
        message("stream", { name: "stderr", text: "90:3 - B.\n" }),
      ],
      "x;",
    );
    expect(many.error.evalue).toBe("1:1 - A. (and 1 more diagnostics)");
    expect(many.error.traceback[3]).toBe(
      "\u001b[31mline 90, column 3 (in an imported module; tslab does not name it)\u001b[0m - B.",
    );
  });

  it("encodeMessage/decodeMessage sign with HMAC-SHA256 and reject a wrong key", () => {
    const msg = message("execute_request", { code: "1" });
    const frames = encodeMessage(msg, "secret");
    expect(frames[1]!.toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeMessage([Buffer.from("identity"), ...frames], "secret").content).toEqual({
      code: "1",
    });
    expect(() => decodeMessage(frames, "other")).toThrow(/invalid HMAC signature/);
  });
});
