/**
 * Forecast errors grouped by local hour, weekday or month: mean absolute error, bias and MAPE per
 * group, so a report can show when a model goes wrong.
 */
import { InputError } from "../errors.js";
import { localCalendar } from "./local-calendar.js";
import { WEEKDAY_LABELS } from "./hour-weekday-profile.js";
import { MONTH_LABELS } from "./monthly-profile.js";

/** Actuals and forecasts on the same timestamps; optional interval bounds (MW). */
export interface ForecastVsActual {
  timeUtcMs: ArrayLike<number>;
  actualMw: ArrayLike<number>;
  forecastMw: ArrayLike<number>;
  lowerMw?: ArrayLike<number>;
  upperMw?: ArrayLike<number>;
  /** nominal coverage of [lower, upper], 0-1, e.g. 0.9 */
  level?: number;
  /** model name for legends; default "Forecast" */
  model?: string;
}

/** Options of forecastErrorBy. */
export interface ForecastErrorByOptions {
  /** IANA zone of the grouping; default "UTC" */
  timeZone?: string;
  /** grouping; default "hour" */
  by?: "hour" | "weekday" | "month";
}

/** Error statistics of one group; MW and %. */
export interface ForecastErrorGroup {
  group: string;
  n: number;
  maeMw: number;
  /** mean of forecast − actual */
  biasMw: number;
  mapePct: number;
}

/** Returns MAE, bias and MAPE per local hour (0-23), weekday (Mon first) or month (Jan first). */
export function forecastErrorBy(
  input: ForecastVsActual,
  options: ForecastErrorByOptions = {},
): ForecastErrorGroup[] {
  const by = options.by ?? "hour";
  const { timeUtcMs, actualMw, forecastMw } = input;
  if (actualMw.length !== timeUtcMs.length || forecastMw.length !== timeUtcMs.length) {
    throw new InputError(
      `forecast length mismatch: ${timeUtcMs.length} times, ${actualMw.length} actuals, ${forecastMw.length} forecasts (expected equal)`,
    );
  }
  const cal = localCalendar(timeUtcMs, options.timeZone ?? "UTC");
  const labels =
    by === "hour"
      ? Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)
      : by === "weekday"
        ? [...WEEKDAY_LABELS]
        : [...MONTH_LABELS];
  const acc = labels.map(() => ({ n: 0, abs: 0, bias: 0, ape: 0, apeN: 0 }));
  for (let i = 0; i < timeUtcMs.length; i++) {
    const a = actualMw[i]!;
    const f = forecastMw[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(f)) continue;
    const g =
      by === "hour"
        ? cal.hour[i]!
        : by === "weekday"
          ? (cal.weekday[i]! + 6) % 7
          : cal.month[i]! - 1;
    const s = acc[g]!;
    s.n++;
    s.abs += Math.abs(f - a);
    s.bias += f - a;
    if (a !== 0) {
      s.ape += Math.abs((f - a) / a);
      s.apeN++;
    }
  }
  return labels.map((group, g) => {
    const s = acc[g]!;
    return {
      group,
      n: s.n,
      maeMw: s.abs / s.n,
      biasMw: s.bias / s.n,
      mapePct: (s.ape / s.apeN) * 100,
    };
  });
}
