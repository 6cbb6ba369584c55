// The workflows' working-day calendar: the shipped year data overlaid with the rows staff keep in the database.
import type { Kysely } from 'kysely';
import { findCouncilById } from '../../db/councils';
import { calendarEntriesFor } from '../../db/calendar-entries';
import type { Database } from '../../db/database';
import { calendarSlice, createCalendar, type CalendarSlice } from '../../domain/calendar';
import { KNOWN_CALENDAR_ENTRIES } from '../../domain/calendar-data/known-years';
import { compareDates, isIsoDate, yearOf, type IsoDate } from '../../domain/dates';
import type { CalendarRange } from '../../workflows/obligation/activities-contract';
import { refusal } from '../refusal';

export interface LoadCalendarInput extends CalendarRange {
  /** A council's own corrections apply on top of the national rows when given. */
  councilId?: string | null;
}

/**
 * The calendar for the whole years [from, to] touches: shipped entries, then the national database rows, then the
 * council's rows (for one date the later wins, so staff corrections override the shipped estimates).
 */
export async function loadCalendarSlice(db: Kysely<Database>, input: LoadCalendarInput): Promise<CalendarSlice> {
  for (const field of ['from', 'to'] as const) {
    if (typeof input[field] !== 'string' || !isIsoDate(input[field]))
      throw refusal('InvalidInput', `loadCalendar: ${field} "${String(input[field])}" is not a date (YYYY-MM-DD)`);
  }
  if (compareDates(input.to, input.from) < 0)
    throw refusal('InvalidInput', `loadCalendar: to ${input.to} is before from ${input.from}`);
  const councilId = input.councilId ?? null;
  if (councilId !== null && !(await findCouncilById(db, councilId)))
    throw refusal('CouncilNotFound', `loadCalendar: council ${councilId} is not registered`);
  const range: { from: IsoDate; to: IsoDate } = {
    from: `${yearOf(input.from)}-01-01`,
    to: `${yearOf(input.to)}-12-31`,
  };
  const stored = await calendarEntriesFor(db, councilId, range);
  return calendarSlice(createCalendar([...KNOWN_CALENDAR_ENTRIES, ...stored]), input.from, input.to);
}

export function createCalendarActivities({ db }: { db: Kysely<Database> }) {
  return {
    /** The working-day calendar data for whole years covering [from, to] (recorded in history: replay-safe). */
    loadCalendar(input: LoadCalendarInput): Promise<CalendarSlice> {
      return loadCalendarSlice(db, input);
    },
  };
}
