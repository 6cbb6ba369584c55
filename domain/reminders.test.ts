import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import { compareDates, fromEpochDay, toEpochDay } from './dates';
import { dueRungs, reminderLadder, rungsPassedOver } from './reminders';

const calendar = shippedCalendar();
const ms = (iso: string) => Date.parse(iso);

describe('reminder ladder: 3 and 1 working days before, on the due day, then escalation the next working day', () => {
  it('for an answer due Tuesday 20 January 2026, at 09:00 Bishkek (03:00Z)', () => {
    expect(reminderLadder('2026-01-20', calendar).map((r) => [r.rung, r.date, r.instant])).toEqual([
      ['due-3', '2026-01-15', '2026-01-15T03:00:00.000Z'],
      ['due-1', '2026-01-19', '2026-01-19T03:00:00.000Z'],
      ['due-0', '2026-01-20', '2026-01-20T03:00:00.000Z'],
      ['escalation', '2026-01-21', '2026-01-21T03:00:00.000Z'],
    ]);
  });

  it.each([
    [
      '2026-01-12',
      ['2025-12-29', '2025-12-31', '2026-01-12', '2026-01-13'],
      'rungs skip New Year and 8-9 January backwards',
    ],
    ['2026-03-24', ['2026-03-18', '2026-03-23', '2026-03-24', '2026-03-25'], 'rungs skip Orozo Ait and Nooruz 2026'],
    [
      '2026-03-19',
      ['2026-03-16', '2026-03-18', '2026-03-19', '2026-03-23'],
      'escalation skips Orozo Ait, Nooruz and the weekend',
    ],
    [
      '2026-02-09',
      ['2026-02-05', '2026-02-07', '2026-02-09', '2026-02-10'],
      'the worked Saturday 7 February carries a reminder',
    ],
    ['2025-05-12', ['2025-04-28', '2025-04-30', '2025-05-12', '2025-05-13'], 'rungs skip 1-9 May 2025'],
  ])('due %s: rungs on %j (%s)', (due, dates) => {
    expect(reminderLadder(due, calendar).map((r) => r.date)).toEqual(dates);
  });

  it('rungs before the anchor date are dropped; the escalation stays', () => {
    // creation-notice for a meeting on 24 March 2026 is due 18 March; the meeting was set on 17 March.
    expect(reminderLadder('2026-03-18', calendar, { start: '2026-03-17' }).map((r) => [r.rung, r.date])).toEqual([
      ['due-1', '2026-03-17'],
      ['due-0', '2026-03-18'],
      ['escalation', '2026-03-19'],
    ]);
  });

  it('the hour is a setting, Bishkek time', () => {
    expect(reminderLadder('2026-01-20', calendar, { hour: 14, rungs: [2] })[0]).toEqual({
      rung: 'due-2',
      date: '2026-01-16',
      instant: '2026-01-16T08:00:00.000Z',
      epochMs: ms('2026-01-16T08:00:00.000Z'),
    });
  });

  it('refuses a bad hour or rung', () => {
    expect(() => reminderLadder('2026-01-20', calendar, { hour: 24 })).toThrow(/reminder hour: 24/);
    expect(() => reminderLadder('2026-01-20', calendar, { rungs: [-1] })).toThrow(/reminder rungs: -1/);
  });
});

describe('dueRungs: what fires now; after downtime the missed rungs fire in order, each once', () => {
  const ladder = reminderLadder('2026-01-20', calendar);
  it.each([
    ['2026-01-15T02:59:59.999Z', [], []],
    ['2026-01-15T03:00:00.000Z', [], ['due-3']],
    ['2026-01-19T05:00:00.000Z', [], ['due-3', 'due-1']],
    ['2026-01-19T05:00:00.000Z', ['due-3'], ['due-1']],
    ['2026-01-21T02:59:59.999Z', ['due-3', 'due-1'], ['due-0']],
    ['2026-02-01T00:00:00.000Z', [], ['due-3', 'due-1', 'due-0', 'escalation']],
    ['2026-02-01T00:00:00.000Z', ['due-3', 'due-1', 'due-0', 'escalation'], []],
  ])('at %s with %j already sent: %j', (now, sent, expected) => {
    expect(dueRungs(ladder, ms(now), new Set(sent)).map((r) => r.rung)).toEqual(expected);
  });

  it('property: the ladder is in date order, and a rung never fires twice whatever the polling times', () => {
    const day = fc.integer({ min: toEpochDay('2025-01-01'), max: toEpochDay('2027-12-31') }).map(fromEpochDay);
    fc.assert(
      fc.property(day, fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { maxLength: 8 }), (due, offsets) => {
        const l = reminderLadder(due, calendar);
        for (let i = 1; i < l.length; i++) expect(compareDates(l[i - 1]!.date, l[i]!.date)).toBe(-1);
        for (const r of l) expect(calendar.isWorkingDay(r.date) || r.rung === 'due-0').toBe(true);
        const sent = new Set<string>();
        const fired: string[] = [];
        const base = ms(`${due}T00:00:00Z`) - 20 * 86_400_000;
        for (const now of [...offsets].sort((a, b) => a - b).map((o) => base + o)) {
          for (const r of dueRungs(l, now, sent)) {
            fired.push(r.rung);
            sent.add(r.rung);
          }
        }
        expect(new Set(fired).size).toBe(fired.length);
        expect(fired).toEqual(l.map((r) => r.rung).filter((name) => fired.includes(name)));
      }),
    );
  });
});

describe('rungsPassedOver: an obligation opened late sends only the latest reminder whose time has come', () => {
  const ladder = reminderLadder('2026-01-20', calendar);
  it.each([
    ['2026-01-15T02:59:59.999Z', []],
    ['2026-01-15T03:00:00.000Z', []],
    ['2026-01-19T05:00:00.000Z', ['due-3']],
    ['2026-01-20T05:00:00.000Z', ['due-3', 'due-1']],
    ['2026-02-01T00:00:00.000Z', ['due-3', 'due-1', 'due-0']],
  ])('opened at %s: passes over %j (never the escalation)', (now, expected) => {
    expect(rungsPassedOver(ladder, ms(now)).map((r) => r.rung)).toEqual(expected);
  });
});
