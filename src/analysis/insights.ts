/**
 * Key findings of a load analysis as short sentences, each with its number, unit and period,
 * derived from the results (never hard-coded), in the order a reader wants them.
 */
import type { LoadAnalysis } from "./analyze-load.js";
import type { WeatherBacktestComparison } from "./compare-weather-backtests.js";
import { weatherInsight } from "./weather-comparison-text.js";
import { formatNumber, formatPercent } from "./format-number.js";
import { MONTH_NAMES } from "./monthly-profile.js";

/** One finding: the sentence plus the headline number behind it. */
export interface Insight {
  /** "peak", "trend", "year-over-year", "timing", "seasonality", "day-type", "duration", "temperature", "weather", "anomalies" */
  topic: string;
  text: string;
  value: number;
  unit: string;
  /** the period the finding covers, e.g. "2002-01-01 – 2018-08-02" */
  period: string;
}

/** Options of insights. */
export interface InsightsOptions {
  /** a comparison with and without observed weather (`compareWeatherBacktests`): adds what the
   * weather explains, labelled ex post; default none */
  weather?: WeatherBacktestComparison;
}

/** Returns the key findings of `analysis`, most important first; parts the analysis skipped give none. */
export function insights(analysis: LoadAnalysis, options: InsightsOptions = {}): Insight[] {
  const span = `${analysis.firstDate} – ${analysis.lastDate}`;
  const out: Insight[] = [peakInsight(analysis, span)];
  const trend = trendInsight(analysis);
  if (trend) out.push(trend);
  const yoy = yearInsight(analysis);
  if (yoy) out.push(yoy);
  out.push(
    timingInsight(analysis, span),
    seasonInsight(analysis, span),
    dayTypeInsight(analysis, span),
  );
  out.push(durationInsight(analysis, span));
  if (analysis.temperature) out.push(temperatureInsight(analysis, span));
  const weather = options.weather ? weatherInsight(options.weather) : undefined;
  if (weather) out.push(weather);
  const anomalies = anomalyInsight(analysis, span);
  if (anomalies) out.push(anomalies);
  return out;
}

function peakInsight(a: LoadAnalysis, span: string): Insight {
  const p = a.peaks.peaks[0];
  const when = p ? `in the hour starting ${p.local} (${a.timeZone})` : "";
  return {
    topic: "peak",
    text: `${a.name === "load" ? "Peak load" : `${a.name} peak load`} was ${formatNumber(a.peaks.peakMw)} MW ${when}, ${formatNumber(a.peaks.peakToAverage, 2)} × the average of ${formatNumber(a.peaks.meanMw)} MW over ${span}.`,
    value: a.peaks.peakMw,
    unit: "MW",
    period: span,
  };
}

function trendInsight(a: LoadAnalysis): Insight | undefined {
  const t = a.trend;
  if (!t) return undefined;
  const period = `${t.months[0]!.month} – ${t.months[t.months.length - 1]!.month}`;
  const ci = `${Math.round(t.confidence * 100)} % CI ${formatNumber(t.lowerMwPerYear)} to ${formatNumber(t.upperMwPerYear)} MW/yr`;
  const p = `Mann–Kendall p ${t.mannKendall.pValue < 0.001 ? "< 0.001" : `= ${formatNumber(t.mannKendall.pValue, 3)}`}`;
  const verdict =
    t.mannKendall.trend === "none"
      ? `shows no significant long-term trend (Theil–Sen slope ${formatNumber(t.slopeMwPerYear)} MW/yr, ${ci}; ${p})`
      : `${t.slopeMwPerYear > 0 ? "rose" : "fell"} by ${formatNumber(Math.abs(t.slopeMwPerYear))} MW per year (${formatPercent(t.slopePctPerYear, 2)}/yr, ${ci}; ${p})`;
  return {
    topic: "trend",
    text: `Deseasonalised monthly load ${verdict} over ${period}.`,
    value: t.slopeMwPerYear,
    unit: "MW/yr",
    period,
  };
}

function yearInsight(a: LoadAnalysis): Insight | undefined {
  const last = [...a.years].reverse().find((y) => Number.isFinite(y.meanChangePct));
  if (!last) return undefined;
  const direction = last.meanChangePct >= 0 ? "higher" : "lower";
  return {
    topic: "year-over-year",
    text: `Mean load in ${last.year} was ${formatNumber(last.meanMw)} MW, ${formatNumber(Math.abs(last.meanChangePct), 1)} % ${direction} than in ${last.year - 1}; the annual peak changed by ${formatPercent(last.peakChangePct)}.`,
    value: last.meanChangePct,
    unit: "%",
    period: `${last.year - 1} – ${last.year}`,
  };
}

function timingInsight(a: LoadAnalysis, span: string): Insight {
  const counts = a.peaks.dailyPeakHourCounts;
  const total = counts.reduce((s, c) => s + c, 0);
  const hour = a.peaks.typicalPeakHour;
  const share = (counts[hour]! / total) * 100;
  return {
    topic: "timing",
    text: `The daily peak most often falls in the hour starting ${String(hour).padStart(2, "0")}:00 local time (${formatNumber(share, 0)} % of ${formatNumber(total)} days, ${span}).`,
    value: hour,
    unit: "hour of day",
    period: span,
  };
}

function seasonInsight(a: LoadAnalysis, span: string): Insight {
  const rows = a.monthly.filter((m) => Number.isFinite(m.meanMw));
  const high = rows.reduce((b, m) => (m.meanMw > b.meanMw ? m : b));
  const low = rows.reduce((b, m) => (m.meanMw < b.meanMw ? m : b));
  const pct = ((high.meanMw - low.meanMw) / low.meanMw) * 100;
  return {
    topic: "seasonality",
    text: `${MONTH_NAMES[high.month - 1]} has the highest mean load (${formatNumber(high.meanMw)} MW), ${formatNumber(pct, 0)} % above the lowest month, ${MONTH_NAMES[low.month - 1]} (${formatNumber(low.meanMw)} MW), ${span}.`,
    value: pct,
    unit: "%",
    period: span,
  };
}

function dayTypeInsight(a: LoadAnalysis, span: string): Insight {
  const d = a.dayTypes;
  const holiday = Number.isFinite(d.holidayVsWeekdayPct)
    ? ` and public holidays (${d.holidayCountry}) ${formatNumber(Math.abs(d.holidayVsWeekdayPct), 1)} % ${d.holidayVsWeekdayPct < 0 ? "below" : "above"}`
    : "";
  return {
    topic: "day-type",
    text: `Weekends run ${formatNumber(Math.abs(d.weekendVsWeekdayPct), 1)} % ${d.weekendVsWeekdayPct < 0 ? "below" : "above"} working days${holiday} on average, ${span}.`,
    value: d.weekendVsWeekdayPct,
    unit: "%",
    period: span,
  };
}

function durationInsight(a: LoadAnalysis, span: string): Insight {
  const d = a.duration;
  const hoursTotal = a.overall.count;
  const share = (d.hoursAbove90PctOfPeak / hoursTotal) * 100;
  return {
    topic: "duration",
    text: `Load is within 10 % of its peak for only ${formatNumber(d.hoursAbove90PctOfPeak)} hours (${formatNumber(share, 2)} % of the time) and stays above ${formatNumber(d.baseMw)} MW 99 % of the time; load factor ${formatNumber(d.loadFactor * 100, 1)} % (${span}).`,
    value: d.hoursAbove90PctOfPeak,
    unit: "h",
    period: span,
  };
}

function temperatureInsight(a: LoadAnalysis, span: string): Insight {
  const t = a.temperature!;
  return {
    topic: "temperature",
    text: `On working days, each °C colder than ${formatNumber(t.heatingBalanceC, 1)} °C adds ${formatNumber(t.heatingMwPerC)} MW and each °C warmer than ${formatNumber(t.coolingBalanceC, 1)} °C adds ${formatNumber(t.coolingMwPerC)} MW to daily mean load (R² ${formatNumber(t.r2, 2)}, ${formatNumber(t.n)} days, ${span}).`,
    value: t.coolingMwPerC,
    unit: "MW/°C",
    period: span,
  };
}

function anomalyInsight(a: LoadAnalysis, span: string): Insight | undefined {
  const first = a.anomalies[0];
  if (!first) return undefined;
  const label = first.holiday ? ` (${first.holiday})` : "";
  return {
    topic: "anomalies",
    text: `${formatNumber(a.anomalies.length)} days break the usual weekly pattern; the largest, ${first.date}${label}, was ${formatNumber(Math.abs(first.deviationPct), 1)} % ${first.direction === "high" ? "above" : "below"} expected (${formatNumber(first.observed)} vs ${formatNumber(first.expected)} MW, ${span}).`,
    value: a.anomalies.length,
    unit: "days",
    period: span,
  };
}

/** Returns the findings as a Markdown bullet list, for `showMarkdown`. */
export function insightsMarkdown(list: readonly Insight[]): string {
  return list.map((i) => `- ${i.text}`).join("\n");
}
