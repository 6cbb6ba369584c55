import fc from 'fast-check';
import { REMOVAL_TARGET_WORKING_DAYS } from './conflict-of-interest';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import { addDays, addMonthsClamped, compareDates, fromEpochDay, toEpochDay } from './dates';
import {
  addWorkingDays,
  computeDeadline,
  daysLeft,
  explainDeadline,
  OBLIGATION_KEYS,
  OBLIGATIONS,
  workingDaysBetween,
  type ObligationKey,
} from './deadlines';
import { DomainError } from './domain-error';

const calendar = shippedCalendar();
const due = (key: ObligationKey, from: string, extended = false) =>
  computeDeadline(key, from, calendar, { extended }).due;

// Expected dates below were counted by hand on a wall calendar (1 Jan 2025 = Wednesday, 1 Jan 2026 = Thursday)
// and cross-checked with an independent script; they are literals, never computed by the code under test.

describe('"within N working days of X": day 1 is the first working day after X, due = day N', () => {
  it.each([
    // 2025 holidays crossed forwards
    ['2024-12-30', 10, '2025-01-20', 'New Year 1-7 January 2025'],
    ['2025-03-05', 3, '2025-03-10', '8 March 2025 (a Saturday; not moved)'],
    ['2025-03-19', 3, '2025-03-25', 'Nooruz 21 March 2025'],
    ['2025-03-27', 3, '2025-04-01', 'Orozo Ait 30 March 2025 (a Sunday; not moved)'],
    ['2025-04-29', 3, '2025-05-13', '1-9 May 2025'],
    ['2025-06-04', 3, '2025-06-10', 'Kurman Ait 6 June 2025'],
    ['2025-08-28', 3, '2025-09-02', 'Independence Day 31 August 2025 (a Sunday)'],
    // 2026 holidays and transfers crossed forwards
    ['2025-12-30', 10, '2026-01-22', 'New Year 2026 and the Cabinet days off 8-9 January'],
    ['2026-02-05', 2, '2026-02-07', 'the worked Saturday 7 February 2026'],
    ['2026-03-05', 3, '2026-03-10', '8 March 2026 (a Sunday)'],
    ['2026-03-18', 3, '2026-03-24', 'Orozo Ait 20 March and Nooruz 21 March 2026'],
    ['2026-04-23', 2, '2026-04-25', 'the worked Saturday 25 April 2026'],
    ['2026-04-29', 3, '2026-05-12', '1-9 May 2026'],
    ['2026-05-25', 3, '2026-05-29', 'Kurman Ait 27 May 2026 (estimated)'],
    ['2026-08-27', 3, '2026-09-02', 'Independence Day 31 August 2026 (a Monday)'],
  ])('from %s, %i working days: due %s (crosses %s)', (from, n, expected) => {
    expect(addWorkingDays(calendar, from, n)).toBe(expected);
  });

  it.each([
    ['object-response', '2025-12-26', '2026-01-20', 'an act received on Friday 26 December 2025 spans New Year'],
    [
      'object-response',
      '2026-03-21',
      '2026-04-03',
      'an act received on Nooruz (Saturday): the count still starts the next day',
    ],
    ['first-meeting', '2026-01-04', '2026-01-23', 'a group created on Sunday 4 January 2026'],
    ['staff-candidates', '2026-01-05', '2026-01-30', 'a formation notice on 5 January 2026 (a holiday)'],
    ['deputy-members', '2026-01-05', '2026-01-30', 'the same anchor as the staff candidates'],
    ['information-request', '2026-03-18', '2026-04-02', 'a request received on 18 March 2026'],
  ] as const)('%s from %s is due %s (%s)', (key, from, expected, _why) => {
    expect(due(key, from)).toBe(expected);
  });

  it('information-request extended once by 10 working days is due 20 working days after receipt', () => {
    expect(due('information-request', '2026-03-18', true)).toBe('2026-04-16');
    const result = computeDeadline('information-request', '2026-03-18', calendar, { extended: true });
    expect(result.counted).toHaveLength(20);
    expect(result.extended).toBe(true);
  });

  it('only information-request can be extended', () => {
    expect(() => computeDeadline('object-response', '2026-03-18', calendar, { extended: true })).toThrow(
      /has no extension/,
    );
  });

  it('object-response from 26 December 2025 shows the days counted and every day skipped with its name', () => {
    const result = computeDeadline('object-response', '2025-12-26', calendar);
    expect(result).toMatchObject({
      key: 'object-response',
      clause: '4.3',
      from: '2025-12-26',
      due: '2026-01-20',
      dueInstant: '2026-01-20T17:59:59.999Z',
    });
    expect(result.counted).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
      '2026-01-16',
      '2026-01-19',
      '2026-01-20',
    ]);
    expect(result.skipped.map((s) => [s.date, s.reason, s.name?.ky])).toEqual([
      ['2025-12-27', 'weekend', undefined],
      ['2025-12-28', 'weekend', undefined],
      ['2026-01-01', 'holiday', 'Жаңы жыл'],
      ['2026-01-02', 'holiday', 'Жаңы жылдык майрам күндөрү'],
      ['2026-01-03', 'holiday', 'Жаңы жылдык майрам күндөрү'],
      ['2026-01-04', 'holiday', 'Жаңы жылдык майрам күндөрү'],
      ['2026-01-05', 'holiday', 'Жаңы жылдык майрам күндөрү'],
      ['2026-01-06', 'holiday', 'Жаңы жылдык майрам күндөрү'],
      ['2026-01-07', 'holiday', 'Рождество (Ыйсанын туулган күнү)'],
      ['2026-01-08', 'day-off', 'Министрлер Кабинетинин токтому боюнча дем алыш күн'],
      ['2026-01-09', 'day-off', 'Министрлер Кабинетинин токтому боюнча дем алыш күн'],
      ['2026-01-10', 'weekend', undefined],
      ['2026-01-11', 'weekend', undefined],
      ['2026-01-17', 'weekend', undefined],
      ['2026-01-18', 'weekend', undefined],
    ]);
    expect(result.movedFrom).toBeUndefined();
    // A January count does not touch Kurman Ait's estimated 27 May: no warning.
    expect(result.calendarNotes).toEqual([]);
  });

  it('a count through the worked Saturday 7 February 2026 counts it', () => {
    const result = computeDeadline('first-meeting', '2026-02-02', calendar);
    expect(result.counted).toContain('2026-02-07');
    expect(result.due).toBe('2026-02-13');
    expect(result.skipped.map((s) => s.date)).toEqual(['2026-02-08']);
  });
});

describe('"N working days before Y": day 1 is the last working day before Y, counted backwards', () => {
  it.each([
    ['2025-01-09', '2024-12-30', 'New Year 2025'],
    ['2025-03-11', '2025-03-06', '8 March 2025'],
    ['2025-03-24', '2025-03-18', 'Nooruz 2025'],
    ['2025-04-01', '2025-03-27', 'Orozo Ait 2025'],
    ['2025-05-13', '2025-04-29', '1-9 May 2025'],
    ['2025-06-10', '2025-06-04', 'Kurman Ait 2025'],
    ['2025-09-02', '2025-08-28', 'Independence Day 2025'],
    ['2026-01-13', '2025-12-30', 'New Year 2026 and 8-9 January'],
    ['2026-02-10', '2026-02-06', 'the worked Saturday 7 February 2026'],
    ['2026-03-10', '2026-03-05', '8 March 2026'],
    ['2026-03-24', '2026-03-18', 'Orozo Ait and Nooruz 2026'],
    ['2026-04-28', '2026-04-24', 'the worked Saturday 25 April 2026'],
    ['2026-05-12', '2026-04-29', '1-9 May 2026'],
    ['2026-05-29', '2026-05-25', 'Kurman Ait 2026'],
    ['2026-09-02', '2026-08-27', 'Independence Day 2026'],
  ])('creation-notice for a first meeting on %s: publish by %s (crosses %s)', (meeting, expected) => {
    expect(due('creation-notice', meeting)).toBe(expected);
  });

  it('counts in order from the day before the meeting and names what it skipped', () => {
    const result = computeDeadline('creation-notice', '2026-03-24', calendar);
    expect(result.counted).toEqual(['2026-03-23', '2026-03-19', '2026-03-18']);
    expect(result.skipped.map((s) => [s.date, s.name?.ru])).toEqual([
      ['2026-03-22', undefined],
      ['2026-03-21', 'Нооруз'],
      ['2026-03-20', 'Орозо айт'],
    ]);
    expect(result.dueInstant).toBe('2026-03-18T17:59:59.999Z');
  });
});

describe('calendar-day and month deadlines move off non-working days', () => {
  it.each([
    ['executive-report', '2026-02-01', '2026-03-03', undefined, '30 days landing on a Tuesday stay'],
    [
      'executive-report',
      '2026-02-18',
      '2026-03-23',
      '2026-03-20',
      '30 days landing on Orozo Ait move past Nooruz and the weekend',
    ],
    [
      'executive-report',
      '2026-04-01',
      '2026-05-11',
      '2026-05-01',
      '30 days landing on 1 May move past the May holidays',
    ],
    [
      'executive-report',
      '2026-04-27',
      '2026-05-28',
      '2026-05-27',
      '30 days landing on Kurman Ait 2026 (estimated) move a day',
    ],
    [
      'executive-report',
      '2025-12-02',
      '2026-01-12',
      '2026-01-01',
      '30 days landing on New Year 2026 move past 8-9 January',
    ],
    ['executive-report', '2026-12-02', '2027-01-08', '2027-01-01', '30 days landing on New Year 2027'],
    [
      'formation-notice',
      '2026-01-31',
      '2026-03-02',
      '2026-02-28',
      '31 January + 1 month = 28 February (a Saturday), moved',
    ],
    ['formation-notice', '2028-01-31', '2028-02-29', undefined, '31 January 2028 + 1 month = 29 February (leap year)'],
    ['formation-notice', '2026-04-30', '2026-06-01', '2026-05-30', '1 month landing on a Saturday'],
    ['formation-notice', '2025-07-31', '2025-09-01', '2025-08-31', '1 month landing on Independence Day'],
    ['formation-notice', '2025-12-07', '2026-01-12', '2026-01-07', '1 month landing on Christmas'],
    ['formation-notice', '2025-11-14', '2025-12-15', '2025-12-14', '1 month landing on a Sunday'],
  ] as const)('%s from %s is due %s (moved from %s): %s', (key, from, expected, movedFrom, _why) => {
    const result = computeDeadline(key, from, calendar);
    expect(result.due).toBe(expected);
    expect(result.movedFrom).toBe(movedFrom);
    expect(result.counted).toEqual([movedFrom ?? expected]);
  });

  it('the skipped days of a moved deadline are the ones passed over, with names', () => {
    const result = computeDeadline('executive-report', '2026-02-18', calendar);
    expect(result.skipped.map((s) => [s.date, s.reason, s.name?.ky])).toEqual([
      ['2026-03-20', 'day-off', 'Орозо айт'],
      ['2026-03-21', 'holiday', 'Нооруз'],
      ['2026-03-22', 'weekend', undefined],
    ]);
  });
});

describe('term-end is an expiry: 4 years, never moved', () => {
  it.each([
    ['2025-11-14', '2029-11-14'],
    ['2026-03-21', '2030-03-21'],
    ['2028-02-29', '2032-02-29'],
    ['2025-11-15', '2029-11-15'],
  ])('a group created %s ends its term on %s', (from, expected) => {
    const result = computeDeadline('term-end', from, calendar);
    expect(result.due).toBe(expected);
    expect(result.movedFrom).toBeUndefined();
    expect(result.skipped).toEqual([]);
  });

  it('an expiry on Nooruz (21 March 2030, a holiday) stays on the holiday', () => {
    expect(calendar.isWorkingDay('2030-03-21')).toBe(false);
    expect(due('term-end', '2026-03-21')).toBe('2030-03-21');
  });
});

describe('the estimated-calendar warning: only when the counted or skipped days touch an estimated date', () => {
  // 2026: Kurman Ait 27 May is the one estimated date; 2027: Orozo Ait 10 March and Kurman Ait 16 May.
  it.each([
    ['object-response', '2026-03-02', '2026-03-16', []],
    ['executive-report', '2026-03-10', '2026-04-09', []],
    ['object-response', '2026-05-11', '2026-05-25', []],
    ['object-response', '2026-05-12', '2026-05-26', []],
    ['object-response', '2026-05-13', '2026-05-28', ['2026-05-27']],
    ['object-response', '2026-05-27', '2026-06-10', []],
    ['object-response', '2026-05-26', '2026-06-10', ['2026-05-27']],
    ['executive-report', '2026-04-27', '2026-05-28', ['2026-05-27']],
    ['executive-report', '2026-04-26', '2026-05-26', []],
    ['object-response', '2027-03-08', '2027-03-23', ['2027-03-10']],
    ['object-response', '2027-03-10', '2027-03-24', []],
  ] as const)('%s from %s: due %s, estimated dates touched %j', (key, from, expected, touched) => {
    const result = computeDeadline(key, from, calendar);
    expect(result.due).toBe(expected);
    expect(result.calendarNotes.flatMap((n) => (n.estimatedDays ?? []).map((d) => d.date))).toEqual(touched);
    expect(result.calendarNotes.filter((n) => n.data === 'estimated')).toHaveLength(touched.length > 0 ? 1 : 0);
  });
});

describe('calendar notes: the result says when it relied on missing or estimated year data', () => {
  it.each([
    ['object-response', '2027-03-08', '2027-03-23', [{ year: 2027, data: 'estimated' }]],
    [
      'object-response',
      '2028-12-28',
      '2029-01-18',
      [
        { year: 2028, data: 'missing' },
        { year: 2029, data: 'missing' },
      ],
    ],
    ['object-response', '2029-06-01', '2029-06-15', [{ year: 2029, data: 'missing' }]],
    ['object-response', '2025-03-19', '2025-04-03', []],
    ['executive-report', '2026-12-02', '2027-01-08', []],
    ['creation-notice', '2025-01-09', '2024-12-30', [{ year: 2024, data: 'missing' }]],
  ] as const)('%s from %s (due %s) notes %j', (key, from, expected, notes) => {
    const result = computeDeadline(key, from, calendar);
    expect(result.due).toBe(expected);
    expect(result.calendarNotes.map(({ year, data }) => ({ year, data }))).toEqual(notes);
  });
});

describe('the catalogue', () => {
  it('has exactly the keys later issues use, each with a clause and texts in ky, ru and en', () => {
    expect(OBLIGATION_KEYS).toEqual([
      'formation-notice',
      'staff-candidates',
      'deputy-members',
      'first-meeting',
      'creation-notice',
      'object-response',
      'executive-report',
      'term-end',
      'information-request',
      'summary-report',
      'conflict-removal',
    ]);
    for (const key of OBLIGATION_KEYS) {
      const ob = OBLIGATIONS[key];
      expect(ob.key).toBe(key);
      for (const text of [ob.party, ob.anchor, ob.title])
        for (const lang of ['ky', 'ru', 'en'] as const) expect(text[lang]).not.toBe('');
    }
  });

  it.each([
    ['formation-notice', '5.4.1', { kind: 'months-after', n: 1 }],
    ['staff-candidates', '5.4.2', { kind: 'working-days-after', n: 15 }],
    ['deputy-members', '5.4.3', { kind: 'working-days-after', n: 15 }],
    ['first-meeting', '5.3.2', { kind: 'working-days-after', n: 10 }],
    ['creation-notice', '5.3.3', { kind: 'working-days-before', n: 3 }],
    ['object-response', '4.3', { kind: 'working-days-after', n: 10 }],
    ['executive-report', '4.3', { kind: 'calendar-days-after', n: 30 }],
    ['term-end', '5.3.1', { kind: 'years-after', n: 4, expiry: true }],
    ['information-request', 'Law No. 217 of 29.12.2023', { kind: 'working-days-after', n: 10 }],
    ['conflict-removal', '6.3-6.4', { kind: 'working-days-after', n: REMOVAL_TARGET_WORKING_DAYS }],
  ] as const)('%s: clause %s, rule %j', (key, clause, rule) => {
    expect(OBLIGATIONS[key].clause).toBe(clause);
    expect(OBLIGATIONS[key].rule).toEqual(rule);
  });

  it('refuses an unknown key, listing the valid ones', () => {
    try {
      computeDeadline('object-answer', '2026-03-02', calendar);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('unknown-obligation');
      expect((error as DomainError).message).toBe(
        `obligation "object-answer" is unknown; valid keys: ${OBLIGATION_KEYS.join(', ')}`,
      );
    }
  });

  it('refuses a malformed anchor date', () => {
    expect(() => computeDeadline('object-response', '2026-02-30', calendar)).toThrow(
      /from: "2026-02-30" is not a real date/,
    );
  });
});

describe('explanation', () => {
  const result = computeDeadline('object-response', '2025-12-26', calendar);

  it('in Kyrgyz: clause, counted days, every skipped day with its name, the due date', () => {
    const text = explainDeadline(result, 'ky').join('\n');
    expect(text).toContain('(4.3-пункт)');
    expect(text).toContain('10) 20.01.2026 (шейшемби)');
    expect(text).toContain('01.01.2026 (бейшемби), Жаңы жыл');
    expect(text).toContain('08.01.2026 (бейшемби), Министрлер Кабинетинин токтому боюнча дем алыш күн');
    expect(text).toContain('Мөөнөт: 20.01.2026 (шейшемби), Бишкек убактысы менен саат 23:59га чейин');
    // A January count does not touch Kurman Ait's estimated 27 May: no note of it.
    expect(text).not.toContain('болжолдуу');
    // One that passes over it says so.
    expect(explainDeadline(computeDeadline('object-response', '2026-05-26', calendar), 'ky').join('\n')).toContain(
      '2026-жылдын календарында болжолдуу даталар бар (расмий жарыяланган эмес: 27.05.2026 (шаршемби) Курман айт)',
    );
  });

  it('in Russian and English', () => {
    expect(explainDeadline(result, 'ru').join('\n')).toContain('07.01.2026 (среда), Рождество Христово');
    expect(explainDeadline(result, 'ru').join('\n')).toContain(
      'Срок: 20.01.2026 (вторник), до 23:59 по времени Бишкека',
    );
    expect(explainDeadline(result, 'en').join('\n')).toContain('Due: 20.01.2026 (Tuesday), by 23:59 Bishkek time');
  });

  it('says when a deadline moved and when the term expires', () => {
    expect(explainDeadline(computeDeadline('executive-report', '2026-02-18', calendar), 'en')).toContain(
      '20.03.2026 (Friday) is a non-working day, so the deadline moves to 23.03.2026 (Monday)',
    );
    expect(explainDeadline(computeDeadline('term-end', '2025-11-14', calendar), 'ru')).toContain(
      'Срок истекает: 14.11.2029 (среда), в 23:59 по времени Бишкека',
    );
  });

  it('states the extension and missing years', () => {
    const text = explainDeadline(
      computeDeadline('information-request', '2028-12-28', calendar, { extended: true }),
      'en',
    ).join('\n');
    expect(text).toContain('Extended: once, by up to 10 working days');
    expect(text).toContain('Note: no calendar data for 2029');
  });
});

describe('helpers', () => {
  it.each([
    ['2025-12-26', '2026-01-20', 10],
    ['2026-01-20', '2025-12-26', -10],
    ['2026-03-20', '2026-03-22', 0],
    ['2026-02-06', '2026-02-09', 2],
  ])('workingDaysBetween(%s, %s) = %i', (a, b, n) => {
    expect(workingDaysBetween(calendar, a, b)).toBe(n);
  });

  it.each([
    ['2026-03-24', -3, '2026-03-18'],
    ['2026-01-12', -3, '2025-12-29'],
    ['2026-03-20', 0, '2026-03-20'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(calendar, date, n)).toBe(expected);
  });

  it("daysLeft counts in the rule's unit and derives overdue from the due date", () => {
    const wd = computeDeadline('object-response', '2025-12-26', calendar); // due 2026-01-20
    expect(daysLeft(wd, '2026-01-09', calendar)).toEqual({
      unit: 'working',
      left: 7,
      working: 7,
      calendar: 11,
      overdue: false,
    });
    expect(daysLeft(wd, '2026-01-20', calendar)).toMatchObject({ left: 0, overdue: false });
    expect(daysLeft(wd, '2026-01-21', calendar)).toMatchObject({ left: -1, overdue: true });
    const cd = computeDeadline('executive-report', '2026-02-18', calendar); // due 2026-03-23
    expect(daysLeft(cd, '2026-03-13', calendar)).toEqual({
      unit: 'calendar',
      left: 10,
      working: 5,
      calendar: 10,
      overdue: false,
    });
  });
});

describe('properties (start dates 2025-2027, N 1-30)', () => {
  const start = fc.integer({ min: toEpochDay('2025-01-01'), max: toEpochDay('2027-12-31') }).map(fromEpochDay);
  const n = fc.integer({ min: 1, max: 30 });

  it('a working-day due date is a working day with exactly N working days in (start, due]', () => {
    fc.assert(
      fc.property(start, n, (from, count) => {
        const d = addWorkingDays(calendar, from, count);
        expect(calendar.isWorkingDay(d)).toBe(true);
        expect(workingDaysBetween(calendar, from, d)).toBe(count);
        expect(workingDaysBetween(calendar, from, addDays(d, -1))).toBe(count - 1);
      }),
    );
  });

  it('due dates never decrease when the start moves later', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 60 }), n, (from, shift, count) => {
        expect(
          compareDates(addWorkingDays(calendar, from, count), addWorkingDays(calendar, addDays(from, shift), count)) <=
            0,
        ).toBe(true);
      }),
    );
  });

  it('counting back N from Y and then forward N lands on Y when Y is a working day, else on the next working day after Y', () => {
    fc.assert(
      fc.property(start, n, (y, count) => {
        const back = addWorkingDays(calendar, y, -count);
        expect(calendar.isWorkingDay(back)).toBe(true);
        expect(workingDaysBetween(calendar, addDays(back, -1), addDays(y, -1))).toBe(count);
        const firstWorkingFromY = calendar.isWorkingDay(y) ? y : addWorkingDays(calendar, y, 1);
        expect(addWorkingDays(calendar, back, count)).toBe(firstWorkingFromY);
      }),
    );
  });

  it('a calendar-day or month deadline is a working day, no earlier than the raw landing date, with only non-working days between', () => {
    fc.assert(
      fc.property(start, fc.constantFrom('executive-report', 'formation-notice'), (from, key) => {
        const result = computeDeadline(key, from, calendar);
        const raw = key === 'executive-report' ? addDays(from, 30) : addMonthsClamped(from, 1);
        expect(result.counted).toEqual([raw]);
        expect(calendar.isWorkingDay(result.due)).toBe(true);
        expect(compareDates(result.due, raw) >= 0).toBe(true);
        for (let d = raw; compareDates(d, result.due) < 0; d = addDays(d, 1))
          expect(calendar.isWorkingDay(d)).toBe(false);
      }),
    );
  });
});
