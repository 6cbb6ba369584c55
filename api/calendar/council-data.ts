// The calendar staff edit for a council and a year: every day that is not an ordinary weekday or weekend (holidays
// of the Labour Code, the shipped year data, the national entries staff keep, the council's own corrections), where
// each comes from, and the yearly reminder (domain/calendar-reminder.ts).
import type { Kysely } from 'kysely';
import { listCalendarEntries } from '../../db/calendar-entries';
import type { Database } from '../../db/database';
import { calendarForCouncil } from '../../db/pending';
import {
  datesOfYear,
  fixedHoliday,
  FIRST_SUPPORTED_YEAR,
  type CalendarEntry,
  type CalendarName,
  type CalendarStatus,
  type DayReason,
  type YearData,
} from '../../domain/calendar';
import { KNOWN_CALENDAR_ENTRIES } from '../../domain/calendar-data/known-years';
import { calendarReminders, type CalendarReminder } from '../../domain/calendar-reminder';
import { yearOf, type IsoDate } from '../../domain/dates';

/** Years the editor accepts: from the Labour Code of 2025 to a far but finite horizon. */
export const LAST_EDITABLE_YEAR = 2100;
export const FIRST_EDITABLE_YEAR = FIRST_SUPPORTED_YEAR;

/** Where a day's status comes from: the Labour Code's fixed holidays, the data shipped with the product, or an entry staff recorded. */
export type DaySource = 'labour-code' | 'built-in' | 'national' | 'council';

export interface CalendarDayRow {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  name: CalendarName | null;
  status: CalendarStatus | null;
  source: DaySource;
  /** A national entry that the council's own entry for the same date hides. */
  shadowedNational: CalendarEntry | null;
}

export interface CouncilCalendarYear {
  year: number;
  councilId: string;
  data: YearData;
  /** The year's holidays, days off, worked weekend days and recorded entries, by date. */
  days: CalendarDayRow[];
  /** The database entries of the year: the national ones and the council's own. */
  entries: { national: CalendarEntry[]; council: CalendarEntry[] };
}

/** The year as the council's deadlines see it (shipped data, then the national entries, then the council's). */
export async function councilCalendarYear(
  db: Kysely<Database>,
  councilId: string,
  year: number,
): Promise<CouncilCalendarYear> {
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const [national, council, calendar] = await Promise.all([
    listCalendarEntries(db, null, range),
    listCalendarEntries(db, councilId, range),
    calendarForCouncil(db, councilId),
  ]);
  const nationalByDate = new Map(national.map((e) => [e.date, e]));
  const councilByDate = new Map(council.map((e) => [e.date, e]));
  const shipped = new Map(KNOWN_CALENDAR_ENTRIES.filter((e) => yearOf(e.date) === year).map((e) => [e.date, e]));
  const days: CalendarDayRow[] = [];
  for (const date of datesOfYear(year)) {
    const info = calendar.describeDay(date);
    const source: DaySource | null = councilByDate.has(date)
      ? 'council'
      : nationalByDate.has(date)
        ? 'national'
        : shipped.has(date)
          ? 'built-in'
          : fixedHoliday(date)
            ? 'labour-code'
            : null;
    if (source === null) continue;
    days.push({
      date,
      working: info.working,
      reason: info.reason,
      name: info.name ?? null,
      status: info.status ?? null,
      source,
      shadowedNational: source === 'council' ? (nationalByDate.get(date) ?? null) : null,
    });
  }
  return { year, councilId, data: calendar.yearData(year), days, entries: { national, council } };
}

/** The reminders staff of the council see today (the council's calendar: its corrections can confirm a year). */
export async function councilCalendarReminders(
  db: Kysely<Database>,
  councilId: string,
  today: IsoDate,
): Promise<CalendarReminder[]> {
  return calendarReminders(today, await calendarForCouncil(db, councilId));
}
