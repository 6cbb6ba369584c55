import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { LANGS } from './i18n';
import { checkMeetingCadence, DEFAULT_CADENCE_READING, isMajority, quarterOf, quorum } from './meeting';

describe('7.2.3: quorum is more than half of all members', () => {
  it.each([
    [5, 3],
    [6, 4],
    [7, 4],
    [8, 5],
    [9, 5],
    [10, 6],
    [11, 6],
    [12, 7],
    [13, 7],
    [14, 8],
    [15, 8],
  ])('%i members: at least %i present', (total, required) => {
    expect(quorum(total, required)).toMatchObject({ total, required, present: required, met: true });
    expect(quorum(total, required - 1)).toMatchObject({ required, met: false });
  });

  it('for every size 5-15 and every attendance, met exactly when present × 2 > total', () => {
    for (let total = 5; total <= 15; total++) {
      for (let present = 0; present <= total; present++) {
        expect(quorum(total, present).met).toBe(present * 2 > total);
      }
    }
  });

  it('explains itself in every language', () => {
    const q = quorum(13, 6);
    expect(q.text.en).toBe(
      'The group has 13 members; a meeting is competent when more than half are present (7.2.3): at least 7. Present: 6 — no quorum.',
    );
    for (const lang of LANGS) expect(q.text[lang]).toContain('7.2.3');
  });

  it.each([
    [13, 14, 'present'],
    [13, -1, 'present'],
    [13, 2.5, 'present'],
    [0, 0, 'totalMembers'],
    [-5, 0, 'totalMembers'],
  ])('refuses %i members with %i present', (total, present, field) => {
    expect(() => quorum(total, present)).toThrow(DomainError);
    expect(() => quorum(total, present)).toThrow(new RegExp(`^${field}:`));
  });
});

describe('7.2.2: meeting cadence per quarter, read literally or by intent, only warns', () => {
  it('the literal Kyrgyz reading is the default', () => {
    expect(DEFAULT_CADENCE_READING).toBe('at-most-once-per-quarter');
  });

  it('quarters', () => {
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1, start: '2026-01-01', end: '2026-03-31' });
    expect(quarterOf('2026-04-01')).toMatchObject({ quarter: 2, end: '2026-06-30' });
    expect(quarterOf('2026-09-30')).toMatchObject({ quarter: 3, end: '2026-09-30' });
    expect(quarterOf('2026-12-31')).toMatchObject({ quarter: 4, start: '2026-10-01' });
  });

  const year = { from: '2026-01-01', to: '2026-12-31' };
  it('literal reading: a quarter with two meetings draws one warning with the count', () => {
    const warnings = checkMeetingCadence(['2026-01-20', '2026-03-31', '2026-05-05', '2026-11-11'], {
      reading: 'at-most-once-per-quarter',
      ...year,
    });
    expect(warnings).toMatchObject([
      {
        code: 'more-than-one-meeting-in-quarter',
        clause: '7.2.2',
        severity: 'warning',
        count: 2,
        quarter: { year: 2026, quarter: 1 },
      },
    ]);
    for (const lang of LANGS) expect(warnings[0]!.message[lang]).toMatch(/7\.2\.2.*7\.2\.2/su);
    expect(warnings[0]!.message.en).toContain('the likelier intent');
  });

  it('literal reading: one meeting a quarter, or none, draws nothing', () => {
    expect(
      checkMeetingCadence(['2026-02-01', '2026-05-01', '2026-08-01', '2026-11-01'], {
        reading: 'at-most-once-per-quarter',
        ...year,
      }),
    ).toEqual([]);
    expect(checkMeetingCadence([], { reading: 'at-most-once-per-quarter', ...year })).toEqual([]);
  });

  it('"at least once" reading: a full quarter inside the period without a meeting is warned; partial quarters are not', () => {
    const warnings = checkMeetingCadence(['2026-05-10', '2026-11-20'], {
      reading: 'at-least-once-per-quarter',
      from: '2026-01-15',
      to: '2026-12-31',
    });
    expect(warnings.map((w) => [w.code, w.quarter.quarter, w.count])).toEqual([['no-meeting-in-quarter', 3, 0]]);
    expect(warnings[0]!.message.ru).toContain('не реже одного раза в квартал');
  });

  it('"at least once" reading: several meetings in a quarter are fine; meetings outside the period do not count', () => {
    const warnings = checkMeetingCadence(['2025-12-30', '2026-01-10', '2026-01-20', '2026-04-01'], {
      reading: 'at-least-once-per-quarter',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(warnings).toEqual([]);
    expect(
      checkMeetingCadence(['2025-12-30'], {
        reading: 'at-least-once-per-quarter',
        from: '2026-01-01',
        to: '2026-03-31',
      }),
    ).toHaveLength(1);
  });

  it('refuses a reversed period and malformed dates', () => {
    expect(() =>
      checkMeetingCadence([], { reading: 'at-most-once-per-quarter', from: '2026-12-31', to: '2026-01-01' }),
    ).toThrow(DomainError);
    expect(() => checkMeetingCadence(['2026-02-30'], { reading: 'at-most-once-per-quarter', ...year })).toThrow(
      /meeting date/,
    );
  });
});

describe('majority (5.4.4 gathering candidates, 5.4.6 the chair): more than half', () => {
  it.each([
    [3, 5, true],
    [2, 5, false],
    [3, 6, false],
    [4, 6, true],
    [46, 90, true],
    [45, 90, false],
  ])('%i of %i is a majority: %s', (votes, of, expected) => {
    expect(isMajority(votes, of)).toBe(expected);
  });
});
