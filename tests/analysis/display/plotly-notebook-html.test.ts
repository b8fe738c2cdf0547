import { JSDOM, VirtualConsole } from "jsdom";
import { expect, test } from "vitest";
import { plotlyNotebookHtml } from "../../../src/analysis/display/plotly-notebook-html.js";
import { InputError } from "../../../src/errors.js";
import { plotlyScript } from "../../../src/runner/report/report-assets.js";

const spec = {
  data: [{ type: "bar", x: ["a"], y: [1], name: "</script><script>alert(1)</script>" }],
  layout: { height: 300, title: { text: "t" } },
  config: { responsive: true },
};

// An old-style UMD header, as plotly.js 1.x/2.x ship it: under require.js it registers an
// anonymous AMD module and never sets window.Plotly, unless the loader shadows `define`.
const UMD_FAKE_PLOTLY = `!function (root, factory) {
  if (typeof exports === "object" && typeof module === "object") module.exports = factory();
  else if (typeof define === "function" && define.amd) define([], factory);
  else root.Plotly = factory();
}(this, function () {
  return { newPlot: function (el, data) { el.setAttribute("data-drawn", data[0].name); } };
});`;

/** A page whose require.js-like `define` records calls, with `body` appended as HTML. */
function page(body: string): JSDOM {
  const requireJs =
    "<script>window.amdCalls = 0; window.define = function () { window.amdCalls++; }; window.define.amd = {};</script>";
  return new JSDOM(`<!DOCTYPE html><body>${requireJs}${body}</body>`, {
    runScripts: "dangerously",
    virtualConsole: new VirtualConsole(),
  });
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("plotlyNotebookHtml(spec, { plotlyJs }) sets window.Plotly under require.js and draws", async () => {
  const dom = page(
    plotlyNotebookHtml(spec, { elementId: "c1", title: "T", plotlyJs: UMD_FAKE_PLOTLY }),
  );
  const w = dom.window as unknown as { Plotly?: unknown; amdCalls: number };
  expect(w.Plotly).toBeDefined();
  expect(w.amdCalls).toBe(0);
  await tick(20);
  const div = dom.window.document.getElementById("c1")!;
  expect(div.getAttribute("data-drawn")).toBe(spec.data[0]!.name);
  expect(div.textContent).toBe("");
});

test("a figure whose script runs before the loader waits in the queue and draws when it loads", async () => {
  const later = plotlyNotebookHtml(spec, { elementId: "late", title: "Late" });
  const first = plotlyNotebookHtml(spec, {
    elementId: "first",
    title: "First",
    plotlyJs: UMD_FAKE_PLOTLY,
  });
  const dom = page(later + first);
  await tick(20);
  const doc = dom.window.document;
  expect(doc.getElementById("late")!.getAttribute("data-drawn")).toBe(spec.data[0]!.name);
  expect(doc.getElementById("first")!.getAttribute("data-drawn")).toBe(spec.data[0]!.name);
});

test("a figure whose loader never comes says so in its div", async () => {
  const dom = page(
    plotlyNotebookHtml(spec, { elementId: "alone", title: "Alone <1>", waitMs: 10 }),
  );
  const div = dom.window.document.getElementById("alone")!;
  expect(div.textContent).toContain("Chart “Alone <1>”: drawn by plotly.js in a trusted notebook");
  await tick(60);
  expect(div.textContent).toMatch(/^plotly\.js is not loaded in this page.*Restart & Run All/);
  expect(div.className).toContain("pf-plotly-missing");
});

test("plotlyNotebookHtml escapes </script in the inlined source and in the figure JSON", () => {
  const html = plotlyNotebookHtml(spec, {
    elementId: "c2",
    title: "T",
    plotlyJs: 'var s = "</SCRIPT><script>alert(1)</script>";',
  });
  // exactly the loader's and the figure's own closing tags
  expect(html.match(/<\/script/gi)).toHaveLength(2);
  expect(html).toContain('"<\\/SCRIPT><script>alert(1)<\\/script>"');
  expect(html).toContain("\\u003c/script\\u003e");
  expect(() => plotlyNotebookHtml(spec, { elementId: 'x" onload="', title: "T" })).toThrow(
    InputError,
  );
});

test("the loader with the real plotly.js sets window.Plotly under require.js (classic Notebook)", () => {
  const dom = page(
    plotlyNotebookHtml(spec, { elementId: "real", title: "T", plotlyJs: plotlyScript() }),
  );
  const w = dom.window as unknown as { Plotly?: { newPlot?: unknown }; amdCalls: number };
  expect(typeof w.Plotly?.newPlot).toBe("function");
  expect(w.amdCalls).toBe(0);
});
