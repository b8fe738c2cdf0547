/** Reads the assets a report inlines (plotly.js, KaTeX CSS with fonts, highlight.js theme) once. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../util/package-root.js";

const cache = new Map<string, string>();

function cached(key: string, load: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

function moduleFile(...parts: string[]): string {
  return join(packageRoot(), "node_modules", ...parts);
}

/** Returns minified plotly.js, made safe to inline in a <script> element. */
export function plotlyScript(): string {
  return cached("plotly", () =>
    readFileSync(moduleFile("plotly.js-dist-min", "plotly.min.js"), "utf8").replace(
      /<\/(script)/gi,
      "<\\/$1",
    ),
  );
}

/** Returns the KaTeX stylesheet with its woff2 fonts inlined as data URLs (works offline). */
export function katexCss(): string {
  return cached("katex", () => {
    const css = readFileSync(moduleFile("katex", "dist", "katex.min.css"), "utf8");
    return css.replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (_m, font: string) => {
      const data = readFileSync(moduleFile("katex", "dist", "fonts", `${font}.woff2`)).toString(
        "base64",
      );
      return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
    });
  });
}

/** Returns the highlight.js GitHub theme. */
export function highlightCss(): string {
  return cached("hljs", () =>
    readFileSync(moduleFile("highlight.js", "styles", "github.min.css"), "utf8"),
  );
}
