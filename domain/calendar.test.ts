import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calendarFromSlice,
  calendarSlice,
  createCalendar,
  datesOfYear,
  parseCalendarJson,
  replaceYears,
  shippedCalendar,
  type CalendarEntry,
} from './calendar';
import { KNOWN_CALENDAR_ENTRIES } from './calendar-data/known-years';
import { parseCalendarFile } from './calendar-file';
import { parseCalendarIcs } from './calendar-ics';
import { DomainError } from './domain-error';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/calendar/${name}`, import.meta.url), 'utf8');
const calendar = shippedCalendar();

describe('fixed non-working days of the 2025 Labour Code', () => {
  it.each([
    ['2025-01-01', 'Жаңы жыл', 'Новый год'],
    ['2025-01-04', 'Жаңы жылдык майрам күндөрү', 'Новогодние праздники'],
    ['2025-01-07', 'Рождество (Ыйсанын туулган күнү)', 'Рождество Христово'],
    ['2025-03-08', 'Эл аралык аялдар күнү', 'Международный женский день'],
    ['2025-03-21', 'Нооруз', 'Нооруз'],
    ['2025-05-01', 'Эмгек майрамы', 'Праздник труда'],
    ['2025-05-05', 'Конституция күнү', 'День Конституции'],
    ['2025-05-07', 'Май майрам күндөрү', 'Майские праздники'],
    ['2025-05-09', 'Жеңиш күнү', 'День Победы'],
    ['2025-08-31', 'Эгемендүүлүк күнү', 'День независимости'],
    ['2026-01-01', 'Жаңы жыл', 'Новый год'],
    ['2026-01-07', 'Рождество (Ыйсанын туулган күнү)', 'Рождество Христово'],
    ['2026-03-08', 'Эл аралык аялдар күнү', 'Международный женский день'],
    ['2026-03-21', 'Нооруз', 'Нооруз'],
    ['2026-05-01', 'Эмгек майрамы', 'Праздник труда'],
    ['2026-05-09', 'Жеңиш күнү', 'День Победы'],
    ['2026-08-31', 'Эгемендүүлүк күнү', 'День независимости'],
  ])('%s is a non-working holiday named "%s" / "%s"', (date, ky, ru) => {
    expect(calendar.describeDay(date)).toEqual({
      date,
      working: false,
      reason: 'holiday',
      name: { ky, ru },
      status: 'confirmed',
    });
  });

  it('every day of 1-7 January and 1-9 May is non-working, whatever the weekday', () => {
    for (const year of [2025, 2026, 2027]) {
      for (let d = 1; d <= 7; d++) expect(calendar.isWorkingDay(`${year}-01-0${d}`)).toBe(false);
      for (let d = 1; d <= 9; d++) expect(calendar.isWorkingDay(`${year}-05-0${d}`)).toBe(false);
    }
  });

  it.each([
    ['2025-03-10', 'Monday after 8 March 2025 (a Saturday)'],
    ['2025-03-31', 'Monday after Orozo Ait 2025 (30 March, a Sunday)'],
    ['2025-09-01', 'Monday after Independence Day 2025 (a Sunday)'],
    ['2026-03-09', 'Monday after 8 March 2026 (a Sunday)'],
    ['2026-03-23', 'Monday after Nooruz 2026 (a Saturday)'],
    ['2026-05-11', 'Monday after 9 May 2026 (a Saturday)'],
  ])('a holiday on a weekend is not moved (since 2025): %s, the %s, is a working day', (date) => {
    expect(calendar.describeDay(date)).toEqual({ date, working: true, reason: 'workday' });
  });

  it.each(['2026-02-23', '2026-04-06', '2026-04-07', '2025-11-07', '2027-11-08'])(
    'commemorative day %s is a working day',
    (date) => {
      expect(calendar.isWorkingDay(date)).toBe(true);
    },
  );

  it('Saturdays and Sundays are non-working weekend days', () => {
    expect(calendar.describeDay('2026-01-17')).toEqual({ date: '2026-01-17', working: false, reason: 'weekend' });
    expect(calendar.describeDay('2026-01-18')).toEqual({ date: '2026-01-18', working: false, reason: 'weekend' });
    expect(calendar.isWorkingDay('2026-01-16')).toBe(true);
  });

  it('years before 2025 are outside the supported range: no fixed holidays, data "missing"', () => {
    expect(calendar.describeDay('2024-01-02')).toEqual({ date: '2024-01-02', working: true, reason: 'workday' });
    expect(calendar.yearData(2024)).toBe('missing');
  });
});

describe('shipped year data', () => {
  it.each([
    ['2025-03-30', 'Орозо айт', 'confirmed'],
    ['2025-06-06', 'Курман айт', 'confirmed'],
    ['2026-03-20', 'Орозо айт', 'confirmed'],
    ['2026-05-27', 'Курман айт', 'estimated'],
    ['2027-03-10', 'Орозо айт', 'estimated'],
    ['2027-05-16', 'Курман айт', 'estimated'],
  ] as const)('%s is %s, a day off (%s)', (date, ky, status) => {
    expect(calendar.describeDay(date)).toMatchObject({ working: false, reason: 'day-off', name: { ky }, status });
  });

  it('8 and 9 January 2026 are days off by Cabinet decree (Thursday, Friday)', () => {
    for (const date of ['2026-01-08', '2026-01-09']) {
      expect(calendar.describeDay(date)).toMatchObject({ working: false, reason: 'day-off', status: 'confirmed' });
    }
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
  });

  it('Saturdays 7 February and 25 April 2026 are worked', () => {
    for (const date of ['2026-02-07', '2026-04-25']) {
      expect(calendar.describeDay(date)).toMatchObject({
        working: true,
        reason: 'worked-weekend',
        status: 'confirmed',
      });
    }
    expect(calendar.isWorkingDay('2026-02-14')).toBe(false);
  });

  it.each([
    [2024, 'missing'],
    [2025, 'confirmed'],
    [2026, 'estimated'],
    [2027, 'estimated'],
    [2028, 'missing'],
    [2029, 'missing'],
  ] as const)('year %i has data "%s"', (year, data) => {
    expect(calendar.yearData(year)).toBe(data);
  });

  it('2025 and 2026 each have 247 working days (counted by hand from the rules above)', () => {
    expect(datesOfYear(2025).filter((d) => calendar.isWorkingDay(d))).toHaveLength(247);
    expect(datesOfYear(2026).filter((d) => calendar.isWorkingDay(d))).toHaveLength(247);
  });
});

describe('entries override', () => {
  const confirmed: CalendarEntry[] = [
    { date: '2026-05-27', type: 'working-day', name: { ky: 'Жумуш күнү', ru: 'Рабочий день' }, status: 'confirmed' },
    { date: '2026-05-26', type: 'day-off', name: { ky: 'Курман айт', ru: 'Курман айт' }, status: 'confirmed' },
  ];

  it('a later entry for the same date wins, so a file corrects the shipped data', () => {
    const corrected = shippedCalendar(confirmed);
    expect(corrected.isWorkingDay('2026-05-27')).toBe(true);
    expect(corrected.describeDay('2026-05-26')).toMatchObject({
      working: false,
      reason: 'day-off',
      status: 'confirmed',
    });
    expect(corrected.yearData(2026)).toBe('confirmed');
    expect(corrected.entries.filter((e) => e.date === '2026-05-27')).toHaveLength(1);
  });

  it('replaceYears drops the shipped entries of every year the overlay gives', () => {
    const overlay: CalendarEntry[] = [
      { date: '2026-05-26', type: 'day-off', name: { ky: 'Курман айт', ru: 'Курман айт' }, status: 'confirmed' },
    ];
    const replaced = createCalendar(replaceYears(KNOWN_CALENDAR_ENTRIES, overlay));
    expect(replaced.isWorkingDay('2026-05-27')).toBe(true);
    expect(replaced.isWorkingDay('2026-03-20')).toBe(true);
    expect(replaced.isWorkingDay('2026-05-26')).toBe(false);
    expect(replaced.isWorkingDay('2025-06-06')).toBe(false);
  });

  it('a working-day entry may even cancel a fixed holiday', () => {
    const c = createCalendar([
      { date: '2027-01-07', type: 'working-day', name: { ky: 'x', ru: 'x' }, status: 'confirmed' },
    ]);
    expect(c.describeDay('2027-01-07')).toMatchObject({ working: true, reason: 'workday' });
  });
});

describe('calendar slice (what an activity records in history)', () => {
  it('survives JSON and rebuilds the same calendar for every day of the years it covers', () => {
    const slice = calendarSlice(calendar, '2025-12-15', '2026-02-10');
    expect(slice.years).toEqual([
      { year: 2025, data: 'confirmed' },
      { year: 2026, data: 'estimated' },
    ]);
    const rebuilt = calendarFromSlice(JSON.parse(JSON.stringify(slice)) as typeof slice);
    for (const date of [...datesOfYear(2025), ...datesOfYear(2026)])
      expect(rebuilt.describeDay(date)).toEqual(calendar.describeDay(date));
    expect(rebuilt.yearData(2026)).toBe('estimated');
    expect(rebuilt.yearData(2027)).toBe('missing');
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => calendarSlice(calendar, '2026-02-10', '2025-12-15')).toThrow(/before/);
  });
});

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('JSON calendar file', () => {
  it('parses the issue format', () => {
    expect(parseCalendarJson(fixture('year-2028.json'))).toEqual([
      { date: '2028-02-26', type: 'day-off', name: { ky: 'Орозо айт', ru: 'Орозо айт' }, status: 'estimated' },
      { date: '2028-05-05', type: 'day-off', name: { ky: 'Курман айт', ru: 'Курман айт' }, status: 'estimated' },
      {
        date: '2028-12-30',
        type: 'working-day',
        name: { ky: 'Которулган ишемби', ru: 'Перенесённая суббота' },
        status: 'confirmed',
      },
    ]);
  });

  it('names the entry and the field of an impossible date', () => {
    const error = errorOf(() => parseCalendarJson(fixture('bad-date.json')));
    expect(error.code).toBe('invalid-calendar-file');
    expect(error.message).toBe('entry 3 (array index 2), field "date": "2026-02-30" is not a real date (YYYY-MM-DD)');
    expect(error.details).toMatchObject({ index: 2, field: 'date' });
  });

  const entry = {
    date: '2026-03-20',
    type: 'day-off',
    name: { ky: 'Орозо айт', ru: 'Орозо айт' },
    status: 'confirmed',
  };
  it.each([
    ['not JSON', '[{', /^calendar file: not valid JSON/],
    ['not an array', JSON.stringify(entry), /^calendar file: expected a JSON array/],
    ['an entry that is not an object', JSON.stringify([entry, 'x']), /^entry 2 \(array index 1\): expected an object/],
    [
      'an unknown field',
      JSON.stringify([{ ...entry, kind: 'x' }]),
      /^entry 1 \(array index 0\), field "kind": unknown field; allowed: date, type, name, status$/,
    ],
    [
      'a missing status',
      JSON.stringify([{ date: entry.date, type: entry.type, name: entry.name }]),
      /^entry 1 \(array index 0\), field "status": is required$/,
    ],
    [
      'a bad type',
      JSON.stringify([{ ...entry, type: 'holiday' }]),
      /field "type": "holiday" must be "day-off" or "working-day"$/,
    ],
    [
      'a bad status',
      JSON.stringify([{ ...entry, status: 'maybe' }]),
      /field "status": "maybe" must be "confirmed" or "estimated"$/,
    ],
    [
      'a missing Russian name',
      JSON.stringify([{ ...entry, name: { ky: 'Орозо айт' } }]),
      /field "name.ru": must be a non-empty text$/,
    ],
    [
      'an unknown name language',
      JSON.stringify([{ ...entry, name: { ...entry.name, en: 'Eid' } }]),
      /field "name.en": unknown field; allowed: ky, ru$/,
    ],
    [
      'a date in another form',
      JSON.stringify([{ ...entry, date: '20.03.2026' }]),
      /field "date": "20.03.2026" is not a real date \(YYYY-MM-DD\)$/,
    ],
    [
      'the same date twice',
      JSON.stringify([entry, { ...entry, status: 'estimated' }]),
      /^entry 2 \(array index 1\), field "date": 2026-03-20 is given twice \(also entry 1\)/,
    ],
  ])('refuses %s', (_label, text, message) => {
    expect(errorOf(() => parseCalendarJson(text)).message).toMatch(message);
  });
});

describe('iCalendar file of days off', () => {
  it('turns each all-day event into a day off per day covered (DTEND exclusive), with ky/ru names and status', () => {
    expect(parseCalendarIcs(fixture('days-off.ics'))).toEqual([
      {
        date: '2026-01-08',
        type: 'day-off',
        name: {
          ky: 'Дем алыш күн (Министрлер Кабинетинин токтому)',
          ru: 'Дем алыш күн (Министрлер Кабинетинин токтому)',
        },
        status: 'confirmed',
      },
      {
        date: '2026-01-09',
        type: 'day-off',
        name: {
          ky: 'Дем алыш күн (Министрлер Кабинетинин токтому)',
          ru: 'Дем алыш күн (Министрлер Кабинетинин токтому)',
        },
        status: 'confirmed',
      },
      { date: '2026-05-26', type: 'day-off', name: { ky: 'Курман айт', ru: 'Курбан айт' }, status: 'confirmed' },
      { date: '2027-03-10', type: 'day-off', name: { ky: 'Орозо айт', ru: 'Орозо айт' }, status: 'estimated' },
    ]);
  });

  it('uses the given default status for events without STATUS', () => {
    const entries = parseCalendarIcs(fixture('days-off.ics'), { status: 'estimated' });
    expect(entries.find((e) => e.date === '2026-01-08')?.status).toBe('estimated');
    expect(entries.find((e) => e.date === '2026-05-26')?.status).toBe('confirmed');
  });

  it('refuses a truncated file with a clear message', () => {
    expect(errorOf(() => parseCalendarIcs(fixture('truncated.ics'))).message).toMatch(
      /^calendar file: not a valid iCalendar file \(/,
    );
  });

  it('refuses text that is not iCalendar at all', () => {
    expect(errorOf(() => parseCalendarIcs('date,name\n2026-05-26,Kurman')).message).toMatch(
      /^calendar file: not a valid iCalendar file/,
    );
    expect(errorOf(() => parseCalendarIcs('')).message).toMatch(/^calendar file: empty iCalendar file/);
  });

  it('refuses an event with a time of day, naming the event and the field', () => {
    expect(errorOf(() => parseCalendarIcs(fixture('timed-event.ics'))).message).toBe(
      'event 2, field "DTSTART": 2026-06-01T10:00:00Z has a time; days off are all-day events (DTSTART;VALUE=DATE:YYYYMMDD)',
    );
  });

  it('refuses recurring events', () => {
    const text =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260321\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Нооруз\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(errorOf(() => parseCalendarIcs(text)).message).toMatch(
      /^event 1, field "RRULE": recurring events are not supported/,
    );
  });
});

describe('calendar file by name', () => {
  it('reads .json and .ics and refuses other names', () => {
    expect(parseCalendarFile('x.JSON', fixture('year-2028.json'))).toHaveLength(3);
    expect(parseCalendarFile('days.ics', fixture('days-off.ics'))).toHaveLength(4);
    expect(errorOf(() => parseCalendarFile('days.csv', '')).message).toMatch(/must end in \.json .* or \.ics/);
  });
});
