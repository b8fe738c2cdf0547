/** Day-level calendar facts shared by the feature builders: holidays and their neighbours. */
import type { CalendarTable } from "../calendar-table.js";

/** Per-row day kind and holiday neighbourhood flags. */
export interface DayKinds {
  /** 0 working day, 1 Saturday, 2 Sunday or public holiday */
  dayType(row: number): number;
  holiday(row: number): number;
  dayBeforeHoliday(row: number): number;
  dayAfterHoliday(row: number): number;
  /** 24 Dec – 1 Jan: many businesses closed */
  yearEndBreak(row: number): number;
}

/** Returns the day kinds of a calendar table (holiday neighbours looked up by local day). */
export function dayKinds(calendar: CalendarTable): DayKinds {
  const holidays = new Set<number>();
  for (let i = 0; i < calendar.holiday.length; i++) {
    if (calendar.holiday[i]) holidays.add(calendar.dayNumber[i]!);
  }
  const isHoliday = (day: number): number => (holidays.has(day) ? 1 : 0);
  return {
    dayType: (row) => {
      const weekday = calendar.weekday[row]!;
      if (weekday === 0 || calendar.holiday[row]) return 2;
      return weekday === 6 ? 1 : 0;
    },
    holiday: (row) => calendar.holiday[row]!,
    dayBeforeHoliday: (row) => isHoliday(calendar.dayNumber[row]! + 1),
    dayAfterHoliday: (row) => isHoliday(calendar.dayNumber[row]! - 1),
    yearEndBreak: (row) => {
      const month = calendar.month[row]!;
      const dayOfYear = calendar.dayOfYear[row]!;
      return (month === 12 && dayOfYear >= 358) || (month === 1 && dayOfYear === 1) ? 1 : 0;
    },
  };
}
