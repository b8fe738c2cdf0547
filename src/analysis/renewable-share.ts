/**
 * Wind and solar share of electricity consumption (e.g. the OPSD Germany daily file) per local
 * calendar year or month, counting only days where consumption, wind and solar are all known.
 */
import type { Frame } from "../frame.js";
import { numberColumn } from "../frame.js";
import { localCalendar } from "./local-calendar.js";
import { periodKey } from "./describe-load.js";

/** Options of renewableShare; column names default to the OPSD reader's. */
export interface RenewableShareOptions {
  /** IANA zone of the calendar periods; default "Europe/Berlin" */
  timeZone?: string;
  /** "year" or "month"; default "year" */
  period?: "year" | "month";
  /** consumption column, GWh; default "consumptionGwh" */
  consumption?: string;
  /** wind production column, GWh; default "windGwh" */
  wind?: string;
  /** solar production column, GWh; default "solarGwh" */
  solar?: string;
}

/** One period's energies (GWh) and shares of consumption (%). */
export interface RenewableShareRow {
  period: string;
  /** days with consumption, wind and solar all known */
  days: number;
  consumptionGwh: number;
  windGwh: number;
  solarGwh: number;
  windSharePct: number;
  solarSharePct: number;
  renewableSharePct: number;
}

/** Returns wind, solar and combined shares of consumption per period, periods in order. */
export function renewableShare(
  frame: Frame,
  options: RenewableShareOptions = {},
): RenewableShareRow[] {
  const period = options.period ?? "year";
  const time = numberColumn(frame, "timeUtcMs");
  const consumption = numberColumn(frame, options.consumption ?? "consumptionGwh");
  const wind = numberColumn(frame, options.wind ?? "windGwh");
  const solar = numberColumn(frame, options.solar ?? "solarGwh");
  const cal = localCalendar(time, options.timeZone ?? "Europe/Berlin");
  const acc = new Map<string, { days: number; c: number; w: number; s: number }>();
  for (let i = 0; i < frame.length; i++) {
    const c = consumption[i]!;
    const w = wind[i]!;
    const s = solar[i]!;
    if (!Number.isFinite(c) || !Number.isFinite(w) || !Number.isFinite(s)) continue;
    const key = periodKey(cal, i, period);
    const a = acc.get(key) ?? { days: 0, c: 0, w: 0, s: 0 };
    a.days++;
    a.c += c;
    a.w += w;
    a.s += s;
    acc.set(key, a);
  }
  return [...acc.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([key, a]) => ({
      period: key,
      days: a.days,
      consumptionGwh: a.c,
      windGwh: a.w,
      solarGwh: a.s,
      windSharePct: (a.w / a.c) * 100,
      solarSharePct: (a.s / a.c) * 100,
      renewableSharePct: ((a.w + a.s) / a.c) * 100,
    }));
}
