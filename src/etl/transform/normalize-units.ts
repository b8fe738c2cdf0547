/**
 * Converts a value column to megawatts: power units scale (W, kW, MW, GW); energy per interval
 * (Wh, kWh, MWh, GWh) becomes average power over the interval (MWh in 15 min = 4 MW). Intervals of
 * whole local days are as long as the day really is in `timeZone`: 23 h or 25 h on DST changes.
 */
import { InputError } from "../../errors.js";
import { numberColumn, type Frame } from "../../frame.js";
import { zonedParts } from "../../util/zoned-time.js";

const POWER: Record<string, number> = { w: 1e-6, kw: 1e-3, mw: 1, gw: 1e3 };
const ENERGY: Record<string, number> = { wh: 1e-6, kwh: 1e-3, mwh: 1, gwh: 1e3 };

/** Options of `normalizeUnits`. */
export interface NormalizeUnitsOptions {
  /** unit of the column: W, kW, MW (default), GW, Wh, kWh, MWh or GWh */
  unit?: string;
  /** column to convert in place of a copy; default "loadMw" */
  column?: string;
  /** interval length in ms, required for energy units */
  intervalMs?: number;
  /** IANA zone of the local days when intervalMs is a whole number of days (default UTC) */
  timeZone?: string;
}

const DAY_MS = 86_400_000;

/** True when `unit` is an energy unit (Wh … GWh). */
export function isEnergyUnit(unit: string): boolean {
  return ENERGY[unit.toLowerCase()] !== undefined;
}

/** Returns `frame` with the column converted to MW (the same frame when the unit is MW). */
export function normalizeUnits<F extends Frame>(frame: F, options: NormalizeUnitsOptions = {}): F {
  const unit = (options.unit ?? "MW").trim();
  const key = unit.toLowerCase();
  const name = options.column ?? "loadMw";
  let factor = POWER[key];
  if (factor === undefined) {
    const energy = ENERGY[key];
    if (energy === undefined) {
      throw new InputError(`unknown unit: "${unit}" (expected W, kW, MW, GW, Wh, kWh, MWh or GWh)`);
    }
    const hours = (options.intervalMs ?? Number.NaN) / 3_600_000;
    if (!(hours > 0)) {
      throw new InputError(`energy unit needs an interval: "${unit}" (expected intervalMs > 0)`);
    }
    const zone = options.timeZone;
    if (zone !== undefined && zone !== "UTC" && options.intervalMs! % DAY_MS === 0)
      return scaled(frame, name, localDayFactors(frame, energy, options.intervalMs!, zone));
    factor = energy / hours;
  }
  if (factor === 1) return frame;
  return scaled(frame, name, () => factor);
}

function scaled<F extends Frame>(frame: F, name: string, factorAt: (i: number) => number): F {
  const x = numberColumn(frame, name);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * factorAt(i);
  return { length: frame.length, columns: { ...frame.columns, [name]: out } } as unknown as F;
}

// Energy per local-day interval → MW: divide by the interval's real length in hours, from its
// start to the same wall time `intervalMs / DAY_MS` days later.
function localDayFactors(
  frame: Frame,
  energyToMwh: number,
  intervalMs: number,
  timeZone: string,
): (i: number) => number {
  const time = numberColumn(frame, "timeUtcMs");
  const offsetMs = (t: number): number => zonedParts(t, timeZone).offsetMinutes * 60_000;
  return (i) => {
    const start = time[i]!;
    const startOffset = offsetMs(start);
    let end = start + intervalMs;
    for (let k = 0; k < 2; k++) end = start + intervalMs + startOffset - offsetMs(end);
    return energyToMwh / ((end - start) / 3_600_000);
  };
}
