/**
 * Daylight and season: whether the sun is above the horizon at the middle of each interval at a
 * given latitude/longitude (NOAA solar-position approximation), and the meteorological season
 * (0 winter, 1 spring, 2 summer, 3 autumn; flipped in the southern hemisphere).
 */
import { numberColumn, type Column, type Frame } from "../../frame.js";
import { civilFromDays } from "../../util/civil-from-days.js";

const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;

/** Options of `addDaylight`. */
export interface AddDaylightOptions {
  /** degrees north */
  latitude: number;
  /** degrees east */
  longitude: number;
  /** interval length in ms (the sun is checked mid-interval); default 3,600,000 */
  intervalMs?: number;
}

/** Returns `frame` plus Uint8Array `isDaylight`, Float64Array `solarElevationDeg` and Int32Array `season`. */
export function addDaylight<F extends Frame>(frame: F, options: AddDaylightOptions): F {
  const t = numberColumn(frame, "timeUtcMs");
  const half = (options.intervalMs ?? 3_600_000) / 2;
  const n = frame.length;
  const isDaylight = new Uint8Array(n);
  const elevation = new Float64Array(n);
  const season = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = solarElevationDeg(t[i]! + half, options.latitude, options.longitude);
    elevation[i] = e;
    isDaylight[i] = e > -0.833 ? 1 : 0;
    const month = civilFromDays(Math.floor(t[i]! / DAY_MS))[1];
    const north = Math.floor((month % 12) / 3);
    season[i] = options.latitude >= 0 ? north : (north + 2) % 4;
  }
  const columns: Record<string, Column> = {
    ...frame.columns,
    isDaylight,
    solarElevationDeg: elevation,
    season,
  };
  return { length: n, columns } as unknown as F;
}

/** Returns the sun's elevation in degrees at `utcMs` seen from latitude/longitude. */
export function solarElevationDeg(utcMs: number, latitude: number, longitude: number): number {
  const jd = utcMs / DAY_MS + 2440587.5;
  const n = jd - 2451545.0;
  const meanLongitude = (280.46 + 0.9856474 * n) % 360;
  const meanAnomaly = ((357.528 + 0.9856003 * n) % 360) * RAD;
  const eclipticLongitude =
    (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * RAD;
  const obliquity = (23.439 - 0.0000004 * n) * RAD;
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const rightAscension = Math.atan2(
    Math.cos(obliquity) * Math.sin(eclipticLongitude),
    Math.cos(eclipticLongitude),
  );
  const gmst = (18.697374558 + 24.06570982441908 * n) % 24;
  const hourAngle = (gmst * 15 + longitude) * RAD - rightAscension;
  const lat = latitude * RAD;
  const sinElevation =
    Math.sin(lat) * Math.sin(declination) +
    Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  return Math.asin(Math.max(-1, Math.min(1, sinElevation))) / RAD;
}
