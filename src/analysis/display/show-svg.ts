import type { StaticFigure } from "../figures/monthly-profiles-by-year-svg.js";
import { escapeHtml } from "../../util/escape-html.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";

/** Returns the MIME bundle of an SVG chart: `image/svg+xml`, plus HTML with its title when given a StaticFigure. */
export function svgBundle(figure: string | StaticFigure): MimeBundle {
  if (typeof figure === "string") return { "image/svg+xml": figure, "text/plain": "SVG figure" };
  const html =
    `<figure class="pf-static-figure"><figcaption><strong>${escapeHtml(figure.title)}</strong>` +
    `<br><small>${escapeHtml(figure.subtitle)}</small></figcaption>${figure.svg}</figure>`;
  return { "text/html": html, "image/svg+xml": figure.svg, "text/plain": figure.title };
}

/** Displays an SVG chart (a string or a StaticFigure with title) in the notebook. */
export function showSvg(figure: string | StaticFigure): void {
  sendBundle(svgBundle(figure));
}
