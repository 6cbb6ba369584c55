// The workflows' working-day calendar: the shipped year data overlaid with the rows staff keep in the database.
import type { Kysely } from 'kysely';
import { findCouncilById } from '../../db/councils';
import { findObjectById } from '../../db/objects';
import { calendarEntriesFor } from '../../db/calendar-entries';
import type { Database } from '../../db/database';
import { calendarSlice, shippedCalendar } from '../../domain/calendar';
import { compareDates, isIsoDate, yearOf, type IsoDate } from '../../domain/dates';
import { calendarOfKind, type CalendarKind } from '../../domain/object-calendar';
import type { CalendarRange, LoadedCalendar } from '../../workflows/obligation/activities-contract';
import { refusal } from '../refusal';

export interface LoadCalendarInput extends CalendarRange {
  /** A council's own corrections apply on top of the national rows when given. */
  councilId?: string | null;
}

/**
 * The calendar for the whole years [from, to] touches: shipped entries, then the national database rows, then the
 * council's rows (for one date the later wins, so staff corrections override the shipped estimates). For a party
 * 'object:<id>', the object's own calendar (4.2: without the Cabinet's transfers unless it is bound by them), named.
 */
export async function loadCalendarSlice(db: Kysely<Database>, input: LoadCalendarInput): Promise<LoadedCalendar> {
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
  let calendarKind: CalendarKind | undefined;
  if (typeof input.party === 'string' && input.party.startsWith('object:')) {
    const object = await findObjectById(db, input.party.slice('object:'.length));
    if (!object) throw refusal('ObjectNotFound', `loadCalendar: party ${input.party} is not a registered object`);
    calendarKind = object.calendarKind;
  }
  const stored = await calendarEntriesFor(db, councilId, range);
  const calendar = shippedCalendar(stored);
  if (calendarKind === undefined) return calendarSlice(calendar, input.from, input.to);
  return { ...calendarSlice(calendarOfKind(calendar, calendarKind), input.from, input.to), calendarKind };
}

export function createCalendarActivities({ db }: { db: Kysely<Database> }) {
  return {
    /** The working-day calendar data for whole years covering [from, to] (recorded in history: replay-safe). */
    loadCalendar(input: LoadCalendarInput): Promise<LoadedCalendar> {
      return loadCalendarSlice(db, input);
    },
  };
}
