// The yearly prompt to council staff to enter the working-day calendar's movable data (REGULATION.md, "Context from
// outside the seed": Orozo Ait and Kurman Ait move every year and are declared shortly before, the Cabinet moves days
// by decree, "so a calendar needs per-year data that staff can enter and correct, with confirmed/estimated status, and
// a yearly prompt to enter it"). Pure: the caller gives today's Bishkek date and the council's calendar.
import type { Calendar, CalendarName } from './calendar';
import { compareDates, yearOf, type IsoDate } from './dates';
import { DomainError } from './domain-error';

/** From this day of the year (MM-DD) staff are asked for next year's data, unless it is confirmed already. */
export const DEFAULT_REMINDER_FROM = '11-01';

export interface CalendarReminder {
  /** The year whose data staff should enter or confirm. */
  year: number;
  /** The year has no movable data at all, or only estimated dates. */
  data: 'missing' | 'estimated';
  /** 'next-year': from the reminder day on, next year's data; 'this-year': the current year still lacks data or has estimated days ahead. */
  when: 'next-year' | 'this-year';
  /** The estimated dates to confirm or correct (for this-year: only those still ahead), by date. */
  estimatedDays: { date: IsoDate; name: CalendarName }[];
  /** The first day this reminder applies (1 January for the current year, the reminder day for next year). */
  since: IsoDate;
}

export interface CalendarReminderOptions {
  /** MM-DD; default DEFAULT_REMINDER_FROM (1 November). */
  remindFrom?: string;
}

/** The business identity of a council's reminder for a year (one notice or mail per council and year). */
export function calendarReminderKey(councilId: string | null, year: number): string {
  return `calendar-reminder:${councilId ?? 'national'}:${year}`;
}

function checkMonthDay(text: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  const month = m ? Number(m[1]) : 0;
  const day = m ? Number(m[2]) : 0;
  // Checked against a leap year, so 02-29 is accepted (a later 1 March stands in for it in other years).
  const valid =
    m !== null && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
  if (!valid)
    throw new DomainError('invalid-date', `remindFrom: "${text}" is not a day of the year in the form MM-DD`, {
      field: 'remindFrom',
    });
  return text;
}

function estimatedDaysOf(
  calendar: Pick<Calendar, 'entries'>,
  year: number,
  from: IsoDate | null,
): { date: IsoDate; name: CalendarName }[] {
  return calendar.entries
    .filter(
      (e) => e.status === 'estimated' && yearOf(e.date) === year && (from === null || compareDates(e.date, from) >= 0),
    )
    .map((e) => ({ date: e.date, name: { ky: e.name.ky, ru: e.name.ru } }));
}

/**
 * What staff should be reminded of on `today`:
 * - the current year, all year, when its data is missing, or while an estimated day of it is still ahead (today or later);
 * - next year, from the reminder day (1 November by default) to 31 December, unless its data is all confirmed.
 * An empty list means nothing to ask for. A year whose estimated days have all passed is not asked for again.
 */
export function calendarReminders(
  today: IsoDate,
  calendar: Pick<Calendar, 'yearData' | 'entries'>,
  options: CalendarReminderOptions = {},
): CalendarReminder[] {
  const remindFrom = checkMonthDay(options.remindFrom ?? DEFAULT_REMINDER_FROM);
  const year = yearOf(today);
  const reminders: CalendarReminder[] = [];

  const current = calendar.yearData(year);
  if (current === 'missing')
    reminders.push({ year, data: 'missing', when: 'this-year', estimatedDays: [], since: `${year}-01-01` });
  if (current === 'estimated') {
    const ahead = estimatedDaysOf(calendar, year, today);
    if (ahead.length > 0)
      reminders.push({ year, data: 'estimated', when: 'this-year', estimatedDays: ahead, since: `${year}-01-01` });
  }

  // Feb 29 as a reminder day in a common year: from 1 March.
  const since =
    remindFrom === '02-29' && new Date(Date.UTC(year, 1, 29)).getUTCMonth() !== 1
      ? `${year}-03-01`
      : `${year}-${remindFrom}`;
  const next = year + 1;
  const nextData = calendar.yearData(next);
  if (compareDates(today, since) >= 0 && nextData !== 'confirmed') {
    reminders.push({
      year: next,
      data: nextData,
      when: 'next-year',
      estimatedDays: nextData === 'estimated' ? estimatedDaysOf(calendar, next, null) : [],
      since,
    });
  }
  return reminders;
}
