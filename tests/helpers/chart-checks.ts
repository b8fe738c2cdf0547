/**
 * What a page in headless Chromium really drew, measured in the page itself: Plotly charts that
 * finished drawing, SVG figures with paths, and layout faults a reader would see (a table whose
 * rows or cell text are cut off or that runs past the page, a chart title or subtitle running past its chart).
 *
 *   const drawn = await countDrawnCharts(page, ".output_area");
 *   expect(await layoutProblems(page)).toEqual([]);
 */
import type { ChromiumPage } from "./chromium.js";

/**
 * In-page JavaScript `(plot) => boolean`: a Plotly chart finished drawing when it has data, a
 * full layout, its SVG layers and at least one data mark in them (a line or marker path, a bar, a
 * heatmap image, a table cell), and no "WebGL is not supported" box (`.no-webgl`, which plotly.js
 * puts over a WebGL trace it cannot draw, above an otherwise complete SVG frame).
 */
export const PLOTLY_DRAWN_JS = `((p) => Array.isArray(p.data) && p.data.length > 0 && !!p._fullLayout
  && !!p.querySelector(".main-svg") && p.getBoundingClientRect().height > 0
  && !p.querySelector(".no-webgl")
  && Array.from(p.querySelectorAll(".main-svg .scatterlayer path, .main-svg .barlayer path, "
    + ".main-svg .boxlayer path, .main-svg .pielayer path, .main-svg .heatmaplayer image, "
    + ".main-svg .table .cell-rect")).some((m) => m.tagName !== "path" || (m.getAttribute("d") ?? "").length > 2))`;

/** Charts found under the scope selector, and how many finished drawing. */
export interface DrawnCharts {
  /** `.js-plotly-plot` elements */
  plotly: number;
  /** Plotly charts drawn: data, a full layout, SVG layers with data marks, no WebGL failure */
  plotlyDrawn: number;
  /** static SVG figures (`figure svg`, Jupyter's `.output_svg svg`) holding a drawn path */
  svgDrawn: number;
}

/** Counts the charts under every element matching `scope` (default: the whole document). */
export function countDrawnCharts(page: ChromiumPage, scope = "html"): Promise<DrawnCharts> {
  return page.evaluate<DrawnCharts>(`(() => {
    const scopes = Array.from(document.querySelectorAll(${JSON.stringify(scope)}));
    const all = (sel) => scopes.flatMap((s) => Array.from(s.querySelectorAll(sel)));
    const plots = [...new Set(all(".js-plotly-plot"))];
    const drawn = plots.filter(${PLOTLY_DRAWN_JS});
    // Static SVG charts: a figure's SVG in a report or Jupyter's HTML/SVG output (icons excluded).
    const svgs = [...new Set(all("figure svg, .output_svg svg"))].filter((s) =>
      !s.closest(".js-plotly-plot") && s.querySelector("path") && s.getBoundingClientRect().height > 20);
    return { plotly: plots.length, plotlyDrawn: drawn.length, svgDrawn: svgs.length };
  })()`);
}

/** Polls until every Plotly chart under `scope` is drawn and at least `expected` are, or `timeoutMs`. */
export async function waitForDrawnCharts(
  page: ChromiumPage,
  expected: number,
  scope = "html",
  timeoutMs = 30_000,
): Promise<DrawnCharts> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const counts = await countDrawnCharts(page, scope);
    const done = counts.plotlyDrawn === counts.plotly && counts.plotlyDrawn >= expected;
    if (done || Date.now() > end) return counts;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Options of `layoutProblems`. */
export interface LayoutProblemsOptions {
  /** Only tables and charts under elements matching this selector (default "html": all). */
  scope?: string;
  /** Boxes that scroll the whole page (Jupyter's `#site`): not faults when they scroll. */
  rootScrollers?: string[];
}

/**
 * Returns one line per layout fault on the page: an HTML table cut off by a box that hides or
 * scrolls its rows (the page's own scroller, `rootScrollers`, excepted) or running past the right
 * edge of the window outside any sideways scroller, a Plotly table showing
 * fewer rows than its data holds (or cell text wider than its cell), or a Plotly title/subtitle whose box leaves its chart's SVG.
 */
export function layoutProblems(
  page: ChromiumPage,
  options: LayoutProblemsOptions = {},
): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const scopes = Array.from(document.querySelectorAll(${JSON.stringify(options.scope ?? "html")}));
    const all = (sel) => [...new Set(scopes.flatMap((s) => Array.from(s.querySelectorAll(sel))))];
    const roots = new Set([document.documentElement, document.body,
      ...${JSON.stringify(options.rootScrollers ?? [])}.flatMap((s) => Array.from(document.querySelectorAll(s)))]);
    const label = (el) => (el.querySelector("caption")?.textContent
      ?? el.closest(".js-plotly-plot")?.querySelector(".gtitle")?.textContent
      ?? el.textContent).trim().replace(/\\s+/g, " ").slice(0, 60);
    const pageRight = document.documentElement.clientWidth;
    all("table").forEach((table) => {
      // Wider than the window and not inside a box that scrolls sideways: the page itself scrolls
      // sideways and the table's right part is off screen.
      let scroller = null;
      for (let box = table.parentElement; box && !roots.has(box) && !scroller; box = box.parentElement)
        if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) scroller = box;
      if (!scroller && table.getBoundingClientRect().right > pageRight + 1)
        problems.push("table '" + label(table) + "': runs past the page (right edge at "
          + Math.round(table.getBoundingClientRect().right) + " px in a " + pageRight + " px window)");
      for (let box = table; box && !roots.has(box); box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflowY !== "visible" && box.scrollHeight > box.clientHeight + 1)
          problems.push("table '" + label(table) + "': rows cut off (" + box.tagName.toLowerCase()
            + "." + box.className + " shows " + box.clientHeight + " of " + box.scrollHeight + " px)");
        if ((style.overflowX === "hidden" || style.overflowX === "clip") && box.scrollWidth > box.clientWidth + 1)
          problems.push("table '" + label(table) + "': columns cut off (" + box.clientWidth + " of " + box.scrollWidth + " px)");
      }
    });
    all(".js-plotly-plot").forEach((plot) => {
      const svg = plot.querySelector(".main-svg");
      if (!svg) return;
      const frame = svg.getBoundingClientRect();
      const name = (plot.querySelector(".gtitle")?.textContent ?? "untitled").slice(0, 60);
      plot.querySelectorAll(".gtitle, .gtitle-subtitle").forEach((title) => {
        const box = title.getBoundingClientRect();
        if (box.width === 0) return;
        if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1)
          problems.push("chart '" + name + "': " + title.getAttribute("class") + " runs past the chart ("
            + Math.round(box.left - frame.left) + ".." + Math.round(box.right - frame.left)
            + " px in a " + Math.round(frame.width) + " px chart)");
      });
      (plot.data ?? []).forEach((trace, i) => {
        if (trace.type !== "table") return;
        const rows = (trace.cells?.values?.[0] ?? []).length;
        const table = plot.querySelectorAll(".table")[i];
        const column = table?.querySelector(".y-column");
        const header = column?.querySelector("#header .column-cell")?.getBoundingClientRect();
        // The table's domain (g.table's height) is all it may use; rows below it need scrolling.
        const limit = (header?.top ?? 0) + Number(table?.getAttribute("height") ?? 0);
        const cells = Array.from(column?.querySelectorAll(".column-block:not(#header) .column-cell") ?? []);
        const visible = new Set(cells.map((c) => c.getBoundingClientRect())
          .filter((r) => r.height > 0 && r.bottom <= Math.min(limit, frame.bottom) + 1)
          .map((r) => Math.round(r.top))).size;
        if (visible < rows)
          problems.push("chart '" + name + "': table shows " + visible + " of " + rows + " rows");
        const cut = Array.from(table?.querySelectorAll(".column-cell") ?? []).filter((c) => {
          const text = c.querySelector(".cell-text")?.getBoundingClientRect();
          const box = c.querySelector(".cell-rect")?.getBoundingClientRect();
          return text && box && text.width > 0 && text.right > box.right + 1;
        }).map((c) => c.textContent);
        if (cut.length > 0)
          problems.push("chart '" + name + "': table text cut off: " + cut.slice(0, 5).join(", "));
      });
    });
    return problems;
  })()`);
}
