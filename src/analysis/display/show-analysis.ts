/**
 * Shows one named part of a LoadAnalysis as its chart, or, when the analysis had to skip that
 * part (too little data, no temperature), as a short note saying why: notebooks stay free of
 * branches and still run on any input.
 */
import { InputError } from "../../errors.js";
import type { LoadAnalysis } from "../analyze-load.js";
import { anomaliesFigure } from "../figures/anomalies-figure.js";
import { dayTypeProfileFigure } from "../figures/day-type-profile-figure.js";
import { decompositionFigure } from "../figures/decomposition-figure.js";
import { hourWeekdayHeatmapFigure } from "../figures/hour-weekday-heatmap-figure.js";
import { loadDurationCurveFigure } from "../figures/load-duration-curve-figure.js";
import { longTermTrendFigure } from "../figures/long-term-trend-figure.js";
import { monthlyProfileFigure } from "../figures/monthly-profile-figure.js";
import { peakTimingFigure } from "../figures/peak-timing-figure.js";
import type { PlotlyFigure } from "../figures/plotly-figure.js";
import { temperatureSensitivityFigure } from "../figures/temperature-sensitivity-figure.js";
import { weeklyProfileFigure } from "../figures/weekly-profile-figure.js";
import { yearOverYearFigure } from "../figures/year-over-year-figure.js";
import type { MimeBundle } from "./mime-bundle.js";
import { markdownBundle, showMarkdown } from "./show-markdown.js";
import { plotlyBundle, showPlotly } from "./show-plotly.js";

type Builder = (a: LoadAnalysis) => PlotlyFigure | string;

const PARTS: Record<string, Builder> = {
  heatmap: (a) => hourWeekdayHeatmapFigure(a.hourWeekday, { timeZone: a.timeZone }),
  weekly: (a) => weeklyProfileFigure(a.hourWeekday, { timeZone: a.timeZone }),
  monthly: (a) => monthlyProfileFigure(a.monthly),
  dayTypes: (a) => dayTypeProfileFigure(a.dayTypes, { timeZone: a.timeZone }),
  duration: (a) => loadDurationCurveFigure(a.duration),
  peaks: (a) => peakTimingFigure(a.peaks),
  years: (a) => yearOverYearFigure(a.years),
  trend: (a) => (a.trend ? longTermTrendFigure(a.trend) : skippedNote(a, "trend")),
  decomposition: (a) =>
    a.decomposition ? decompositionFigure(a.decomposition) : skippedNote(a, "decomposition"),
  anomalies: (a) =>
    a.decomposition
      ? anomaliesFigure(a.decomposition, a.anomalies)
      : skippedNote(a, "decomposition"),
  temperature: (a) =>
    a.temperature ? temperatureSensitivityFigure(a.temperature) : skippedNote(a, "temperature"),
};

/** Names accepted by analysisBundle / showAnalysis. */
export const ANALYSIS_PARTS: readonly string[] = Object.keys(PARTS);

/** Returns the MIME bundle of part `part` of `analysis`: a Plotly chart, or a Markdown note when skipped. */
export function analysisBundle(analysis: LoadAnalysis, part: string): MimeBundle {
  const result = partBuilder(part)(analysis);
  return typeof result === "string" ? markdownBundle(result) : plotlyBundle(result);
}

/**
 * Displays part `part` ("heatmap", "trend", "temperature", …) of `analysis` in the notebook; a
 * chart goes through showPlotly, so it shares the session's one plotly.js loader.
 */
export function showAnalysis(analysis: LoadAnalysis, part: string): void {
  const result = partBuilder(part)(analysis);
  if (typeof result === "string") showMarkdown(result);
  else showPlotly(result);
}

function partBuilder(part: string): Builder {
  const build = PARTS[part];
  if (!build)
    throw new InputError(
      `unknown analysis part: "${part}" (expected one of ${ANALYSIS_PARTS.join(", ")})`,
    );
  return build;
}

function skippedNote(a: LoadAnalysis, part: string): string {
  return `> **Not shown:** ${a.skipped[part] ?? "this part of the analysis was skipped"}.`;
}
