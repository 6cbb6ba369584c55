// A calendar data file as staff supply it: JSON (calendar.ts parseCalendarJson) or iCalendar, told apart by its name.
import { parseCalendarJson, type CalendarEntry } from './calendar';
import { parseCalendarIcs } from './calendar-ics';
import { DomainError } from './domain-error';

/** Parses a calendar file's text by its extension: .json (array of entries) or .ics (days off). */
export function parseCalendarFile(fileName: string, text: string): CalendarEntry[] {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return parseCalendarJson(text);
  if (lower.endsWith('.ics') || lower.endsWith('.ical')) return parseCalendarIcs(text);
  throw new DomainError(
    'invalid-calendar-file',
    `calendar file "${fileName}": the name must end in .json (array of entries) or .ics (iCalendar days off)`,
    { field: 'file' },
  );
}
