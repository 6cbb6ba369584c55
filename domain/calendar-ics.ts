// Days off from an iCalendar (.ics) file, parsed with ical.js (pure JS, no I/O). Kept apart from
// calendar.ts so that workflow bundles that need only the calendar do not carry the parser.
import ICAL from 'ical.js';
import { addDays, daysBetween, isIsoDate, type IsoDate } from './dates';
import type { CalendarEntry, CalendarName, CalendarStatus } from './calendar';
import { DomainError } from './domain-error';

const MAX_EVENT_DAYS = 366;

function invalid(message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError('invalid-calendar-file', message, details);
}

function icalDate(value: unknown): string {
  return value instanceof ICAL.Time ? value.toString() : String(value);
}

function propertyText(prop: ICAL.Property): string {
  const value: unknown = prop.getFirstValue();
  return typeof value === 'string' ? value.trim() : '';
}

/** The ky and ru names of an event: SUMMARY;LANGUAGE=ky|ru or X-NAME-KY / X-NAME-RU, else the plain SUMMARY for both. */
function eventName(event: ICAL.Component, where: string): CalendarName {
  const summaries = event.getAllProperties('summary');
  const byLang = (lang: string): string | undefined => {
    const tagged = summaries.find(
      (p) =>
        String(p.getFirstParameter('language') ?? '')
          .toLowerCase()
          .split('-')[0] === lang,
    );
    const x = event.getFirstProperty(`x-name-${lang}`);
    const text = tagged ? propertyText(tagged) : x ? propertyText(x) : '';
    return text === '' ? undefined : text;
  };
  const plain = summaries.map(propertyText).find((t) => t !== '');
  const ky = byLang('ky') ?? plain;
  const ru = byLang('ru') ?? plain;
  if (ky === undefined || ru === undefined)
    invalid(`${where}, field "SUMMARY": a day off needs a name (SUMMARY, or SUMMARY;LANGUAGE=ky and ;LANGUAGE=ru)`);
  return { ky, ru };
}

/**
 * Parses an iCalendar file of days off: each all-day VEVENT gives a day off for every day it covers
 * (DTEND is exclusive). STATUS:TENTATIVE marks the days estimated, STATUS:CONFIRMED confirmed; otherwise
 * `options.status` (default 'confirmed'). Two events on one day give one entry with both names.
 */
export function parseCalendarIcs(text: string, options: { status?: CalendarStatus } = {}): CalendarEntry[] {
  let root: ICAL.Component;
  try {
    const jcal: unknown = ICAL.parse(text);
    if (!Array.isArray(jcal) || jcal.length === 0)
      invalid('calendar file: empty iCalendar file (expected BEGIN:VCALENDAR ... END:VCALENDAR)');
    // A file with several VCALENDAR blocks parses to a list of them; take each in turn.
    const first: unknown = jcal[0];
    root = new ICAL.Component(typeof first === 'string' ? (jcal as unknown[]) : (first as unknown[]));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    invalid(`calendar file: not a valid iCalendar file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (root.name !== 'vcalendar') invalid(`calendar file: expected a VCALENDAR, found ${root.name.toUpperCase()}`);

  const byDate = new Map<IsoDate, CalendarEntry>();
  root.getAllSubcomponents('vevent').forEach((vevent, index) => {
    const where = `event ${index + 1}`;
    const details = { index };
    if (vevent.hasProperty('rrule'))
      invalid(
        `${where}, field "RRULE": recurring events are not supported; list each day off as its own event`,
        details,
      );
    const start: unknown = vevent.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) invalid(`${where}, field "DTSTART": is required`, details);
    if (!start.isDate)
      invalid(
        `${where}, field "DTSTART": ${icalDate(start)} has a time; days off are all-day events (DTSTART;VALUE=DATE:YYYYMMDD)`,
        details,
      );
    const from = icalDate(start);
    if (!isIsoDate(from)) invalid(`${where}, field "DTSTART": "${from}" is not a real date`, details);
    const event = new ICAL.Event(vevent);
    const end = icalDate(event.endDate);
    if (!isIsoDate(end)) invalid(`${where}, field "DTEND": "${end}" is not a real date`, details);
    const days = Math.max(1, daysBetween(from, end));
    if (days > MAX_EVENT_DAYS)
      invalid(`${where}, field "DTEND": the event covers ${days} days; at most ${MAX_EVENT_DAYS}`, details);
    const name = eventName(vevent, where);
    const statusText = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
    const status: CalendarStatus =
      statusText === 'TENTATIVE'
        ? 'estimated'
        : statusText === 'CONFIRMED'
          ? 'confirmed'
          : (options.status ?? 'confirmed');
    for (let i = 0; i < days; i++) {
      const date = addDays(from, i);
      const prior = byDate.get(date);
      const merged: CalendarEntry = prior
        ? {
            date,
            type: 'day-off',
            name: { ky: `${prior.name.ky} / ${name.ky}`, ru: `${prior.name.ru} / ${name.ru}` },
            status: prior.status === 'estimated' ? 'estimated' : status,
          }
        : { date, type: 'day-off', name, status };
      byDate.set(date, merged);
    }
  });
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
