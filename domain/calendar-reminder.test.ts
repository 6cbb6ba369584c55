import { describe, expect, it } from 'vitest';
import { shippedCalendar, type CalendarEntry } from './calendar';
import { calendarReminderKey, calendarReminders } from './calendar-reminder';
import { DomainError } from './domain-error';

// The shipped data: 2025 confirmed; 2026 estimated (Kurman Ait 27 May not yet declared); 2027 estimated (Orozo Ait
// 10 March, Kurman Ait 16 May); 2028 missing.
const shipped = shippedCalendar();
const orozo = { ky: 'Орозо айт', ru: 'Орозо айт' };
const kurman = { ky: 'Курман айт', ru: 'Курман айт' };
const confirmed = (date: string, name: { ky: string; ru: string }): CalendarEntry => ({
  date,
  type: 'day-off',
  name,
  status: 'confirmed',
});
/** Staff confirmed 2026's Kurman Ait and both feasts of 2027 (on other dates than estimated). */
const confirmedThrough2027 = shippedCalendar([
  confirmed('2026-05-27', kurman),
  { date: '2027-03-10', type: 'working-day', name: orozo, status: 'confirmed' },
  confirmed('2027-03-09', orozo),
  { date: '2027-05-16', type: 'working-day', name: kurman, status: 'confirmed' },
  confirmed('2027-05-17', kurman),
]);

type Row = [
  today: string,
  calendar: 'shipped' | 'confirmed',
  remindFrom: string | undefined,
  expected: { year: number; data: string; when: string; days: string[]; since: string }[],
];

describe('the yearly calendar reminder to staff', () => {
  it.each<Row>([
    // 2026 still has Kurman Ait estimated and ahead: asked all spring; next year not yet.
    [
      '2026-01-05',
      'shipped',
      undefined,
      [{ year: 2026, data: 'estimated', when: 'this-year', days: ['2026-05-27'], since: '2026-01-01' }],
    ],
    [
      '2026-03-18',
      'shipped',
      undefined,
      [{ year: 2026, data: 'estimated', when: 'this-year', days: ['2026-05-27'], since: '2026-01-01' }],
    ],
    [
      '2026-05-27',
      'shipped',
      undefined,
      [{ year: 2026, data: 'estimated', when: 'this-year', days: ['2026-05-27'], since: '2026-01-01' }],
    ],
    // The estimated day has passed: nothing left to ask for 2026.
    ['2026-05-28', 'shipped', undefined, []],
    ['2026-10-31', 'shipped', undefined, []],
    // From 1 November: next year's movable feasts (both only estimated).
    [
      '2026-11-01',
      'shipped',
      undefined,
      [{ year: 2027, data: 'estimated', when: 'next-year', days: ['2027-03-10', '2027-05-16'], since: '2026-11-01' }],
    ],
    [
      '2026-12-31',
      'shipped',
      undefined,
      [{ year: 2027, data: 'estimated', when: 'next-year', days: ['2027-03-10', '2027-05-16'], since: '2026-11-01' }],
    ],
    // Once staff confirmed next year, the reminder stops.
    ['2026-11-01', 'confirmed', undefined, []],
    ['2026-03-18', 'confirmed', undefined, []],
    // New Year: 2027 is now the current year with estimated days ahead.
    [
      '2027-01-04',
      'shipped',
      undefined,
      [{ year: 2027, data: 'estimated', when: 'this-year', days: ['2027-03-10', '2027-05-16'], since: '2027-01-01' }],
    ],
    [
      '2027-04-01',
      'shipped',
      undefined,
      [{ year: 2027, data: 'estimated', when: 'this-year', days: ['2027-05-16'], since: '2027-01-01' }],
    ],
    // 2028 has no data at all: from 1 November 2027, and all through 2028.
    [
      '2027-11-01',
      'shipped',
      undefined,
      [{ year: 2028, data: 'missing', when: 'next-year', days: [], since: '2027-11-01' }],
    ],
    [
      '2028-06-15',
      'shipped',
      undefined,
      [{ year: 2028, data: 'missing', when: 'this-year', days: [], since: '2028-01-01' }],
    ],
    // 2028 missing and 2029 missing too, after the reminder day: both asked.
    [
      '2028-11-02',
      'shipped',
      undefined,
      [
        { year: 2028, data: 'missing', when: 'this-year', days: [], since: '2028-01-01' },
        { year: 2029, data: 'missing', when: 'next-year', days: [], since: '2028-11-01' },
      ],
    ],
    // 2025 was confirmed; 2026 estimated: asked from 1 November 2025.
    ['2025-10-31', 'shipped', undefined, []],
    [
      '2025-11-01',
      'shipped',
      undefined,
      [{ year: 2026, data: 'estimated', when: 'next-year', days: ['2026-05-27'], since: '2025-11-01' }],
    ],
    // Another reminder day.
    ['2026-11-15', 'shipped', '12-01', []],
    [
      '2026-12-01',
      'shipped',
      '12-01',
      [{ year: 2027, data: 'estimated', when: 'next-year', days: ['2027-03-10', '2027-05-16'], since: '2026-12-01' }],
    ],
    [
      '2026-09-01',
      'shipped',
      '09-01',
      [{ year: 2027, data: 'estimated', when: 'next-year', days: ['2027-03-10', '2027-05-16'], since: '2026-09-01' }],
    ],
    // 29 February as the reminder day: in a common year from 1 March.
    ['2027-02-28', 'confirmed', '02-29', []],
    [
      '2027-03-01',
      'confirmed',
      '02-29',
      [{ year: 2028, data: 'missing', when: 'next-year', days: [], since: '2027-03-01' }],
    ],
  ])('on %s (%s data, from %s): %j', (today, which, remindFrom, expected) => {
    const calendar = which === 'shipped' ? shipped : confirmedThrough2027;
    const got = calendarReminders(today, calendar, remindFrom === undefined ? {} : { remindFrom });
    expect(
      got.map((r) => ({
        year: r.year,
        data: r.data,
        when: r.when,
        days: r.estimatedDays.map((d) => d.date),
        since: r.since,
      })),
    ).toEqual(expected);
  });

  it('names the estimated days in Kyrgyz and Russian', () => {
    const [r] = calendarReminders('2026-11-01', shipped);
    expect(r!.estimatedDays).toEqual([
      { date: '2027-03-10', name: orozo },
      { date: '2027-05-16', name: kurman },
    ]);
  });

  it.each(['13-01', '11-31', '1-11', '', 'November'])('refuses the reminder day "%s"', (remindFrom) => {
    expect(() => calendarReminders('2026-11-01', shipped, { remindFrom })).toThrow(DomainError);
  });

  it('has one business key per council and year', () => {
    expect(calendarReminderKey('c1', 2027)).toBe('calendar-reminder:c1:2027');
    expect(calendarReminderKey(null, 2027)).toBe('calendar-reminder:national:2027');
  });
});
