/**
 * Shows one part of the observed weather a notebook read (readObservedWeather): its quality
 * report (what was read, counts reconciled, policies), its findings, the gaps left unfilled, or
 * daily load against temperature. Without weather the "quality" and "temperature" parts show the
 * one-line note and the others show nothing, so notebooks run unchanged with `weather = ""`, stay
 * free of branches, and show the note once when they use "quality" or "temperature" (not both).
 */
import { InputError } from "../../errors.js";
import { temperatureLoadFigure } from "../figures/temperature-load-figure.js";
import type { ObservedWeather } from "../read-observed-weather.js";
import { temperatureLoadDays } from "../temperature-load-days.js";
import {
  weatherFindings,
  weatherGapTable,
  weatherQualitySummary,
  weatherReadMarkdown,
} from "../weather-quality.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";
import { markdownBundle } from "./show-markdown.js";
import { plotlyBundle } from "./show-plotly.js";
import { tableBundle } from "./show-table.js";

/** Options of observedWeatherBundles / showObservedWeather. */
export interface ShowObservedWeatherOptions {
  /** IANA zone of local times and days; default "UTC" */
  timeZone?: string;
  /** public-holiday calendar of the day types ("temperature"); default "US" */
  holidayCountry?: string;
}

type Part = (o: ObservedWeather, options: ShowObservedWeatherOptions) => MimeBundle[];

const note = (o: ObservedWeather): MimeBundle => markdownBundle(weatherReadMarkdown(o));

const PARTS: Record<string, Part> = {
  quality: (o) =>
    o.weather
      ? [
          note(o),
          tableBundle(weatherQualitySummary(o), {
            caption: "Weather: row reconciliation and cleaning policies",
          }),
        ]
      : [note(o)],
  findings: (o) =>
    o.weather
      ? [
          tableBundle(weatherFindings(o), {
            caption: "Weather data-quality findings",
            columns: ["code", "count", "message"],
          }),
        ]
      : [],
  gaps: (o, options) => {
    const weather = o.weather;
    if (weather === undefined) return [];
    const rows = weatherGapTable(o, { timeZone: options.timeZone ?? "UTC" });
    const limit = weather.quality.policies.maxFillHours;
    return rows.length === 0
      ? [markdownBundle(`No weather gap is longer than the fill limit (${limit} h).`)]
      : [
          tableBundle(rows, {
            caption: `Longest weather gaps, longer than ${limit} h and left NaN (local time)`,
          }),
        ];
  },
  temperature: (o, options) => {
    if (o.overlap === undefined) return [note(o)];
    const days = temperatureLoadDays(o.overlap, {
      timeZone: options.timeZone ?? "UTC",
      holidayCountry: options.holidayCountry ?? "US",
    });
    return [plotlyBundle(temperatureLoadFigure(days))];
  },
};

/** Names accepted by observedWeatherBundles / showObservedWeather. */
export const OBSERVED_WEATHER_PARTS: readonly string[] = Object.keys(PARTS);

/**
 * Returns the MIME bundles of part `part` ("quality", "findings", "gaps" or "temperature") of
 * `observed`: [] when the part has nothing to show without weather. Throws InputError on an
 * unknown part.
 */
export function observedWeatherBundles(
  observed: ObservedWeather,
  part: string,
  options: ShowObservedWeatherOptions = {},
): MimeBundle[] {
  const build = PARTS[part];
  if (build === undefined)
    throw new InputError(
      `unknown observed weather part: "${part}" (expected one of ${OBSERVED_WEATHER_PARTS.join(", ")})`,
    );
  return build(observed, options);
}

/** Displays part `part` of `observed` in the notebook (nothing for a part without weather). */
export function showObservedWeather(
  observed: ObservedWeather,
  part: string,
  options: ShowObservedWeatherOptions = {},
): void {
  for (const bundle of observedWeatherBundles(observed, part, options)) sendBundle(bundle);
}
