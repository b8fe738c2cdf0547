/**
 * Parses ENTSO-E Transparency Platform XML: a `GL_MarketDocument` (actual total load, A65/A16)
 * into points — each `TimeSeries/Period` has a `timeInterval` (start, end), a `resolution`
 * (PT15M, PT30M, PT60M) and `Point`s (`position` from 1, `quantity` in MW); curve type A03
 * omits positions whose value repeats the previous one — or an `Acknowledgement_MarketDocument`
 * (the API's error answer) into its reason.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../../util/package-root.js";

/** One accepted point or one rejected point. */
export type EntsoePoint =
  { timeUtcMs: number; valueMw: number; raw: string } | { reason: string; raw: string };

/** A parsed document: points in document order, or the acknowledgement's reason. */
export type EntsoeDocument =
  { kind: "load"; points: EntsoePoint[] } | { kind: "acknowledgement"; code: string; text: string };

const RESOLUTION = /^PT(\d+)M$|^PT(\d+)H$/;

/** Parses `xml`; throws Error with the parser's message when the XML is malformed or unknown. */
export function parseEntsoeDocument(xml: string): EntsoeDocument {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (root.localName === "Acknowledgement_MarketDocument") {
    const reason = first(root, "Reason");
    return {
      kind: "acknowledgement",
      code: text(reason && first(reason, "code")) ?? "?",
      text: text(reason && first(reason, "text")) ?? "no reason given",
    };
  }
  if (root.localName !== "GL_MarketDocument") {
    throw new Error(
      `ENTSO-E document of unknown type: "${root.localName}" (expected GL_MarketDocument or Acknowledgement_MarketDocument)`,
    );
  }
  const points: EntsoePoint[] = [];
  for (const series of all(root, "TimeSeries")) {
    const curve = text(first(series, "curveType")) ?? "A01";
    for (const period of all(series, "Period")) readPeriod(period, curve, points);
  }
  return { kind: "load", points };
}

/** The Reason text of an acknowledgement body, for HTTP error messages. */
export function entsoeErrorText(body: string): string | undefined {
  const m = /<(?:\w+:)?text>([^<]*)<\/(?:\w+:)?text>/.exec(body);
  return m?.[1]?.trim() || undefined;
}

function readPeriod(period: Element, curve: string, out: EntsoePoint[]): void {
  const interval = first(period, "timeInterval");
  const startText = text(interval && first(interval, "start"));
  const endText = text(interval && first(interval, "end"));
  const resolutionText = text(first(period, "resolution"));
  const start = parseInstant(startText);
  const end = parseInstant(endText);
  const stepMs = parseResolution(resolutionText);
  const raw = `Period ${startText ?? "?"}/${endText ?? "?"} ${resolutionText ?? "?"}`;
  if (start === undefined || end === undefined || stepMs === undefined || end <= start) {
    out.push({
      raw,
      reason: `ENTSO-E period malformed: ${JSON.stringify(raw)} (expected timeInterval start < end in UTC and a PT<n>M/PT<n>H resolution)`,
    });
    return;
  }
  const slots = Math.round((end - start) / stepMs);
  const seen = new Map<number, number>();
  for (const point of all(period, "Point")) {
    const positionText = text(first(point, "position"));
    const quantityText = text(first(point, "quantity"));
    const rawPoint = `${raw} position=${positionText ?? ""} quantity=${quantityText ?? ""}`;
    const position = Number(positionText);
    const quantity = quantityText === undefined || quantityText === "" ? NaN : Number(quantityText);
    if (!Number.isInteger(position) || position < 1 || position > slots) {
      out.push({
        raw: rawPoint,
        reason: `ENTSO-E position out of range: ${JSON.stringify(positionText)} (expected 1 to ${slots})`,
      });
    } else if (!Number.isFinite(quantity)) {
      out.push({
        raw: rawPoint,
        reason: `ENTSO-E quantity not a number: ${JSON.stringify(quantityText)} (expected a finite number in MW)`,
      });
    } else if (seen.has(position)) {
      out.push({
        raw: rawPoint,
        reason: `ENTSO-E position repeated: ${position} (expected each position once per period)`,
      });
    } else seen.set(position, quantity);
  }
  let previous: number | undefined;
  for (let p = 1; p <= slots; p++) {
    const value = seen.get(p);
    // A03 ("variable sized block") leaves out positions whose value equals the previous one.
    const filled = value ?? (curve === "A03" ? previous : undefined);
    if (filled === undefined) continue;
    previous = filled;
    out.push({ timeUtcMs: start + (p - 1) * stepMs, valueMw: filled, raw: `${raw} position=${p}` });
  }
}

function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(value))
    return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseResolution(value: string | undefined): number | undefined {
  const m = value === undefined ? null : RESOLUTION.exec(value);
  if (!m) return undefined;
  const ms = m[1] !== undefined ? Number(m[1]) * 60_000 : Number(m[2]) * 3_600_000;
  return ms > 0 ? ms : undefined;
}

function all(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS("*", name));
}

function first(parent: Element, name: string): Element | undefined {
  for (const child of Array.from(parent.children)) if (child.localName === name) return child;
  return undefined;
}

function text(element: Element | undefined): string | undefined {
  return element?.textContent?.trim();
}

interface JsdomModule {
  JSDOM: new (xml: string, options: { contentType: string }) => { window: { document: Document } };
}

function parseXml(xml: string): Document {
  // jsdom is loaded on first use: it is large and only this source needs an XML parser.
  const { JSDOM } = createRequire(join(packageRoot(), "package.json"))("jsdom") as JsdomModule;
  return new JSDOM(xml, { contentType: "application/xml" }).window.document;
}
