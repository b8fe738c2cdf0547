import { localCalendar } from "../local-calendar.js";

/** Returns "YYYY-MM-DD HH:mm" local wall-clock labels for the given rows (all rows by default). */
export function localTimeLabels(
  timeUtcMs: ArrayLike<number>,
  timeZone: string,
  rows?: readonly number[],
): string[] {
  const picked = rows ? rows.map((i) => timeUtcMs[i]!) : Array.from(timeUtcMs);
  const cal = localCalendar(picked, timeZone);
  const pad = (v: number): string => (v < 10 ? `0${v}` : String(v));
  return picked.map(
    (_, k) =>
      `${cal.year[k]}-${pad(cal.month[k]!)}-${pad(cal.day[k]!)} ${pad(cal.hour[k]!)}:${pad(cal.minute[k]!)}`,
  );
}
