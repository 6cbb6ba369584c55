// The Kyrgyz working-day calendar: the fixed rules of the 2025 Labour Code plus per-year entries
// (movable feasts, Cabinet transfers) that staff supply as data (REGULATION.md, last section).
import { KNOWN_CALENDAR_ENTRIES } from './calendar-data/known-years';
import { addDays, compareDates, isIsoDate, isWeekend, yearOf, type IsoDate } from './dates';
import { DomainError } from './domain-error';

/** A name in the two languages of official notices. */
export type CalendarName = { ky: string; ru: string };
export type CalendarEntryType = 'day-off' | 'working-day';
export type CalendarStatus = 'confirmed' | 'estimated';

/** One day of per-year data: a day off (Orozo Ait, Kurman Ait, a Cabinet decree) or a worked weekend day. */
export type CalendarEntry = { date: IsoDate; type: CalendarEntryType; name: CalendarName; status: CalendarStatus };

export type DayReason = 'weekend' | 'holiday' | 'day-off' | 'worked-weekend' | 'workday';

/** Why a day is or is not a working day; `name` and `status` come with holidays and entries. */
export type DayInfo = {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  name?: CalendarName;
  status?: CalendarStatus;
};

/** Whether the calendar holds the year's movable data: all confirmed, some estimated, or none. */
export type YearData = 'confirmed' | 'estimated' | 'missing';

export interface Calendar {
  isWorkingDay(date: IsoDate): boolean;
  describeDay(date: IsoDate): DayInfo;
  yearData(year: number): YearData;
  /** The effective entries (one per date, the last given wins), sorted by date. */
  readonly entries: readonly CalendarEntry[];
}

/** The fixed rules are those of the Labour Code in force since 2025; earlier years are outside the supported range. */
export const FIRST_SUPPORTED_YEAR = 2025;

const newYearDays = { ky: 'Жаңы жылдык майрам күндөрү', ru: 'Новогодние праздники' };
const mayDays = { ky: 'Май майрам күндөрү', ru: 'Майские праздники' };

/** Labour Code 2025: 1-7 January, 8 March, 21 March, 1-9 May, 31 August are non-working; keyed by MM-DD. */
const FIXED_HOLIDAYS: ReadonlyMap<string, CalendarName> = new Map<string, CalendarName>([
  ['01-01', { ky: 'Жаңы жыл', ru: 'Новый год' }],
  ['01-02', newYearDays],
  ['01-03', newYearDays],
  ['01-04', newYearDays],
  ['01-05', newYearDays],
  ['01-06', newYearDays],
  ['01-07', { ky: 'Рождество (Ыйсанын туулган күнү)', ru: 'Рождество Христово' }],
  ['03-08', { ky: 'Эл аралык аялдар күнү', ru: 'Международный женский день' }],
  ['03-21', { ky: 'Нооруз', ru: 'Нооруз' }],
  ['05-01', { ky: 'Эмгек майрамы', ru: 'Праздник труда' }],
  ['05-02', mayDays],
  ['05-03', mayDays],
  ['05-04', mayDays],
  ['05-05', { ky: 'Конституция күнү', ru: 'День Конституции' }],
  ['05-06', mayDays],
  ['05-07', mayDays],
  ['05-08', mayDays],
  ['05-09', { ky: 'Жеңиш күнү', ru: 'День Победы' }],
  ['08-31', { ky: 'Эгемендүүлүк күнү', ru: 'День независимости' }],
]);

/** The fixed non-working holiday on a date (from 2025 on; a holiday on a weekend is not moved), or undefined. */
export function fixedHoliday(date: IsoDate): CalendarName | undefined {
  if (yearOf(date) < FIRST_SUPPORTED_YEAR) return undefined;
  return FIXED_HOLIDAYS.get(date.slice(5));
}

/**
 * Builds a calendar from the fixed rules and the given entries; for the same date the later entry wins,
 * so a file appended after the shipped data corrects it. Saturday and Sunday are non-working.
 */
export function createCalendar(entries: readonly CalendarEntry[]): Calendar {
  const byDate = new Map<IsoDate, CalendarEntry>();
  for (const entry of entries) byDate.set(entry.date, entry);
  const effective = [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
  const yearStatus = new Map<number, YearData>();
  for (const entry of effective) {
    const year = yearOf(entry.date);
    if (entry.status === 'estimated') yearStatus.set(year, 'estimated');
    else if (!yearStatus.has(year)) yearStatus.set(year, 'confirmed');
  }

  function describeDay(date: IsoDate): DayInfo {
    const entry = byDate.get(date);
    const weekend = isWeekend(date);
    if (entry?.type === 'day-off')
      return { date, working: false, reason: 'day-off', name: entry.name, status: entry.status };
    if (entry?.type === 'working-day') {
      return {
        date,
        working: true,
        reason: weekend ? 'worked-weekend' : 'workday',
        name: entry.name,
        status: entry.status,
      };
    }
    const holiday = fixedHoliday(date);
    if (holiday) return { date, working: false, reason: 'holiday', name: holiday, status: 'confirmed' };
    if (weekend) return { date, working: false, reason: 'weekend' };
    return { date, working: true, reason: 'workday' };
  }

  return {
    describeDay,
    isWorkingDay: (date) => describeDay(date).working,
    yearData: (year) => (year < FIRST_SUPPORTED_YEAR ? 'missing' : (yearStatus.get(year) ?? 'missing')),
    entries: effective,
  };
}

/** The calendar with the data shipped for 2025-2027, then `extra` entries that add to or override it. */
export function shippedCalendar(extra: readonly CalendarEntry[] = []): Calendar {
  return createCalendar([...KNOWN_CALENDAR_ENTRIES, ...extra]);
}

/** Entries of `base` for the years that `overlay` does not mention, then all of `overlay`: a file that gives a year replaces that year. */
export function replaceYears(base: readonly CalendarEntry[], overlay: readonly CalendarEntry[]): CalendarEntry[] {
  const years = new Set(overlay.map((e) => yearOf(e.date)));
  return [...base.filter((e) => !years.has(yearOf(e.date))), ...overlay];
}

/** The calendar data for whole years, as plain JSON: what an activity returns and Temporal records in history. */
export type CalendarSlice = {
  fromYear: number;
  toYear: number;
  years: { year: number; data: YearData }[];
  entries: CalendarEntry[];
};

/** The entries of every year that the date range [from, to] touches (whole years, so year statuses survive the trip). */
export function calendarSlice(calendar: Calendar, from: IsoDate, to: IsoDate): CalendarSlice {
  const fromYear = yearOf(from);
  const toYear = yearOf(to);
  if (toYear < fromYear)
    throw new DomainError('invalid-range', `calendar range: "${to}" is before "${from}"`, { from, to });
  const years: CalendarSlice['years'] = [];
  for (let y = fromYear; y <= toYear; y++) years.push({ year: y, data: calendar.yearData(y) });
  const entries = calendar.entries
    .filter((e) => yearOf(e.date) >= fromYear && yearOf(e.date) <= toYear)
    .map((e) => ({ ...e, name: { ...e.name } }));
  return { fromYear, toYear, years, entries };
}

/** Rebuilds a calendar from a slice; years outside the slice have no data ('missing'). */
export function calendarFromSlice(slice: CalendarSlice): Calendar {
  const inner = createCalendar(slice.entries);
  return {
    ...inner,
    yearData: (year) => (year < slice.fromYear || year > slice.toYear ? 'missing' : inner.yearData(year)),
  };
}

/** Every date of a year, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let d = `${String(year).padStart(4, '0')}-01-01`; yearOf(d) === year; d = addDays(d, 1)) dates.push(d);
  return dates;
}

const ENTRY_FIELDS = ['date', 'type', 'name', 'status'] as const;

function fail(where: string, field: string, rule: string, details: Record<string, unknown>): never {
  throw new DomainError('invalid-calendar-file', `${where}, field "${field}": ${rule}`, { ...details, field });
}

/**
 * Parses the calendar data file: a JSON array of { date, type, name: { ky, ru }, status }.
 * Refuses unknown fields and a date given twice; errors name the entry (1-based, with its array index) and the field.
 */
export function parseCalendarJson(text: string): CalendarEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      'invalid-calendar-file',
      `calendar file: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(data))
    throw new DomainError(
      'invalid-calendar-file',
      'calendar file: expected a JSON array of entries [{ "date", "type", "name", "status" }]',
    );
  const seen = new Map<IsoDate, number>();
  return data.map((raw: unknown, index): CalendarEntry => {
    const where = `entry ${index + 1} (array index ${index})`;
    const details = { index };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new DomainError(
        'invalid-calendar-file',
        `${where}: expected an object { "date", "type", "name", "status" }`,
        details,
      );
    }
    const obj = raw as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!(ENTRY_FIELDS as readonly string[]).includes(key))
        fail(where, key, `unknown field; allowed: ${ENTRY_FIELDS.join(', ')}`, details);
    }
    for (const key of ENTRY_FIELDS) if (!(key in obj)) fail(where, key, 'is required', details);
    const { date, type, name, status } = obj;
    if (typeof date !== 'string' || !isIsoDate(date))
      fail(where, 'date', `${JSON.stringify(date)} is not a real date (YYYY-MM-DD)`, details);
    const firstIndex = seen.get(date);
    if (firstIndex !== undefined)
      fail(where, 'date', `${date} is given twice (also entry ${firstIndex + 1}); one entry per date`, details);
    seen.set(date, index);
    if (type !== 'day-off' && type !== 'working-day')
      fail(where, 'type', `${JSON.stringify(type)} must be "day-off" or "working-day"`, details);
    if (status !== 'confirmed' && status !== 'estimated')
      fail(where, 'status', `${JSON.stringify(status)} must be "confirmed" or "estimated"`, details);
    if (typeof name !== 'object' || name === null || Array.isArray(name))
      fail(where, 'name', 'must be an object { "ky": "...", "ru": "..." }', details);
    const names = name as Record<string, unknown>;
    for (const key of Object.keys(names))
      if (key !== 'ky' && key !== 'ru') fail(where, `name.${key}`, 'unknown field; allowed: ky, ru', details);
    for (const lang of ['ky', 'ru'] as const) {
      const value = names[lang];
      if (typeof value !== 'string' || value.trim() === '')
        fail(where, `name.${lang}`, 'must be a non-empty text', details);
    }
    return { date, type, status, name: { ky: (names.ky as string).trim(), ru: (names.ru as string).trim() } };
  });
}
