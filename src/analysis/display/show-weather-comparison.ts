/**
 * Shows one part of a comparison with and without observed weather: the weather used, the
 * temperature–load chart, the per-model table, or a plain-language summary. Without weather the
 * "source" and "summary" parts show the one-line note and the others show nothing, so notebooks
 * run unchanged with `weather = ""` and stay free of branches.
 */
import { InputError } from "../../errors.js";
import type { WeatherBacktestComparison } from "../compare-weather-backtests.js";
import { temperatureLoadFigure } from "../figures/temperature-load-figure.js";
import { temperatureLoadDays } from "../temperature-load-days.js";
import {
  comparisonPeriod,
  headlineRow,
  weatherGainMarkdown,
  withoutWeatherInputs,
  weatherSourceMarkdown,
} from "../weather-comparison-text.js";
import { sendBundle, type MimeBundle } from "./mime-bundle.js";
import { markdownBundle } from "./show-markdown.js";
import { metricsTableBundle } from "./show-metrics-table.js";
import { plotlyBundle } from "./show-plotly.js";
import { tableBundle } from "./show-table.js";

type Part = (c: WeatherBacktestComparison) => MimeBundle[];

const TABLE_LABELS = {
  model: "model",
  maeWithoutMw: "MAE without (MW)",
  maeWithMw: "MAE with (MW)",
  rmseWithoutMw: "RMSE without (MW)",
  rmseWithMw: "RMSE with (MW)",
  mapeWithoutPct: "MAPE without (%)",
  mapeWithPct: "MAPE with (%)",
  rmseGainPct: "RMSE gain (%)",
  mapeGainPoints: "MAPE gain (points)",
};

const PARTS: Record<string, Part> = {
  source: (c) => [markdownBundle(weatherSourceMarkdown(c))],
  summary: (c) => [
    markdownBundle(weatherGainMarkdown(c)),
    ...(c.withWeather ? [summaryTable(c)] : []),
  ],
  temperature: (c) => {
    const series = c.series;
    const result = c.withWeather;
    if (series === undefined || result === undefined) return [];
    const days = temperatureLoadDays(series, {
      timeZone: result.timeZone,
      holidayCountry: result.holidayCountry,
    });
    return [plotlyBundle(temperatureLoadFigure(days))];
  },
  table: (c) => (c.withWeather ? [comparisonTable(c)] : []),
};

/** Names accepted by weatherComparisonBundles / showWeatherComparison. */
export const WEATHER_COMPARISON_PARTS: readonly string[] = Object.keys(PARTS);

/**
 * Returns the MIME bundles of part `part` ("source", "temperature", "table" or "summary") of
 * `comparison`: [] when the part has nothing to show without weather.
 */
export function weatherComparisonBundles(
  comparison: WeatherBacktestComparison,
  part: string,
): MimeBundle[] {
  const build = PARTS[part];
  if (build === undefined)
    throw new InputError(
      `unknown weather comparison part: "${part}" (expected one of ${WEATHER_COMPARISON_PARTS.join(", ")})`,
    );
  return build(comparison);
}

/** Displays part `part` of `comparison` in the notebook (nothing for a part without weather). */
export function showWeatherComparison(comparison: WeatherBacktestComparison, part: string): void {
  for (const bundle of weatherComparisonBundles(comparison, part)) sendBundle(bundle);
}

function comparisonTable(c: WeatherBacktestComparison): MimeBundle {
  const rows = c.rows.map((r) => ({
    model: r.usesWeather ? r.model : `${r.model} (reads no weather)`,
    maeWithoutMw: r.maeWithoutMw,
    maeWithMw: r.maeWithMw,
    rmseWithoutMw: r.rmseWithoutMw,
    rmseWithMw: r.rmseWithMw,
    mapeWithoutPct: r.mapeWithoutPct,
    mapeWithPct: r.mapeWithPct,
    rmseGainPct: r.rmseGainPct,
    mapeGainPoints: r.mapeGainPoints,
  }));
  return metricsTableBundle(rows, {
    caption: `${c.task === "day-ahead" ? "Day-ahead" : "Long-horizon"} backtest, ${c.evaluation ?? "ex post"}: the same models on the same rows without and with the observed temperatures, ${comparisonPeriod(c)} (best per column in bold)`,
    digits: {
      maeWithoutMw: 0,
      maeWithMw: 0,
      rmseWithoutMw: 0,
      rmseWithMw: 0,
      mapeWithoutPct: 2,
      mapeWithPct: 2,
      rmseGainPct: 1,
      mapeGainPoints: 2,
    },
    higherIsBetter: ["rmseGainPct", "mapeGainPoints"],
    labels: TABLE_LABELS,
  });
}

function summaryTable(c: WeatherBacktestComparison): MimeBundle {
  const row = headlineRow(c)!;
  return tableBundle(
    [
      {
        from: `without weather: ${withoutWeatherInputs(c)}`,
        rmse: row.rmseWithoutMw,
        mape: row.mapeWithoutPct,
      },
      {
        from: `with the observed temperatures: ${c.evaluation ?? "ex post"}`,
        rmse: row.rmseWithMw,
        mape: row.mapeWithPct,
      },
    ],
    {
      caption: `${row.model}, ${comparisonPeriod(c)}: typical error of the forecast`,
      digits: { rmse: 0, mape: 1 },
      labels: { from: "forecast", rmse: "RMSE (MW)", mape: "MAPE (%)" },
    },
  );
}
