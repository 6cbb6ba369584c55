// The term's rules with real dates: which day starts the term (5.3.1, item 6 of resolution No. 83), its end, the
// reminders, the quarter warnings three working days before each quarter ends (7.2.2, on the shipped calendar),
// the quorum (7.2.3) and the checks of each meeting action.
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import { quarterOf } from './meeting';
import {
  cadenceStateOf,
  cadenceWarningDate,
  checkAttendanceInput,
  checkDecisionInput,
  checkMinutesInput,
  checkMoveInput,
  checkScheduleInput,
  checkTermInput,
  decisionOutcome,
  isQuorate,
  quartersOfTerm,
  quorumRequired,
  termEndOf,
  termReminders,
  termStartOf,
} from './term';

const codes = (ps: { code: string; field: string; clause: string | null }[]) =>
  ps.map((p) => [p.code, p.field, p.clause]);

describe('the term (5.3.1)', () => {
  it('starts on the publication day when the decision takes effect on publication, else on the decision day', () => {
    // Resolution No. 83 of 14.11.2025, in force from its publication on the council's website (say 20.11.2025).
    const no83 = { decidedOn: '2025-11-14', publishedOn: '2025-11-20' };
    expect(termStartOf({ ...no83, takesEffectOnPublication: true })).toBe('2025-11-20');
    expect(termStartOf({ ...no83, takesEffectOnPublication: false })).toBe('2025-11-14');
    expect(termStartOf({ decidedOn: '2025-11-14', publishedOn: null, takesEffectOnPublication: true })).toBe(
      '2025-11-14',
    );
  });

  it('ends four years later on the same day; reminders 3 months and 1 month before', () => {
    expect(termEndOf('2025-11-20')).toBe('2029-11-20');
    expect(termEndOf('2028-02-29')).toBe('2032-02-29');
    expect(termReminders('2029-11-20')).toEqual([
      { key: 'three-months', monthsBefore: 3, on: '2029-08-20' },
      { key: 'one-month', monthsBefore: 1, on: '2029-10-20' },
    ]);
    expect(termReminders('2030-05-31').map((r) => r.on)).toEqual(['2030-02-28', '2030-04-30']);
  });

  it('touches 17 quarters from 20.11.2026 to 20.11.2030', () => {
    const qs = quartersOfTerm('2026-11-20', '2030-11-20');
    expect(qs).toHaveLength(17);
    expect([qs[0]!.start, qs.at(-1)!.end]).toEqual(['2026-10-01', '2030-12-31']);
  });

  it('refuses an end before the start, a term before the decision and a chair who is not a citizen member (5.4.6)', () => {
    const members = [
      { membershipId: 'a', fullName: 'Айгүл Асанова', category: 'citizen' },
      { membershipId: 'b', fullName: 'Бакыт Осмонов', category: 'deputy' },
    ];
    const ok = { termStart: '2025-11-20', termEnd: '2029-11-20', members, chairMembershipId: 'a' };
    expect(checkTermInput(ok)).toEqual([]);
    expect(codes(checkTermInput({ ...ok, termEnd: '2025-11-20' }))).toEqual([
      ['term-end-not-after-start', 'termEnd', '5.3.1'],
    ]);
    expect(codes(checkTermInput({ ...ok, decidedOn: '2025-11-21' }))).toEqual([
      ['term-before-decision', 'termStart', '5.4.5'],
    ]);
    expect(codes(checkTermInput({ ...ok, chairMembershipId: 'b' }))).toEqual([
      ['chair-not-citizen', 'chairMembershipId', '5.4.6'],
    ]);
    expect(codes(checkTermInput({ ...ok, chairMembershipId: 'z' }))).toEqual([
      ['chair-not-member', 'chairMembershipId', '5.4.6'],
    ]);
    expect(codes(checkTermInput({ ...ok, termStart: '2025-02-30' }))).toEqual([['invalid-date', 'termStart', '5.3.1']]);
  });
});

describe('the cadence of meetings (7.2.2)', () => {
  const calendar = shippedCalendar();
  it('warns three working days before the quarter ends', () => {
    // Q4 2026 ends Thursday 31.12: Wed 30, Tue 29, Mon 28.
    expect(cadenceWarningDate(calendar, quarterOf('2026-11-20'))).toBe('2026-12-28');
    // Q1 2027 ends Wednesday 31.03: Tue 30, Mon 29, (weekend), Fri 26.
    expect(cadenceWarningDate(calendar, quarterOf('2027-02-01'))).toBe('2027-03-26');
    // Q2 2027 ends Wednesday 30.06: Tue 29, Mon 28, Fri 25.
    expect(cadenceWarningDate(calendar, quarterOf('2027-05-01'))).toBe('2027-06-25');
  });

  it('reads "once a quarter" as the council chose', () => {
    expect(cadenceStateOf('at-most-once-per-quarter', 0)).toBe('ok');
    expect(cadenceStateOf('at-most-once-per-quarter', 1)).toBe('ok');
    expect(cadenceStateOf('at-most-once-per-quarter', 2)).toBe('more-than-one');
    expect(cadenceStateOf('at-least-once-per-quarter', 0)).toBe('no-meeting-yet');
    expect(cadenceStateOf('at-least-once-per-quarter', 2)).toBe('ok');
  });
});

describe('meetings (7.2.1, 7.2.3)', () => {
  it('has quorum with more than half of all members: 7 of 13, 4 of 6', () => {
    expect([quorumRequired(13), isQuorate(13, 7), isQuorate(13, 6)]).toEqual([7, true, false]);
    expect([quorumRequired(6), isQuorate(6, 3), isQuorate(6, 4)]).toEqual([4, false, true]);
  });

  it('takes no decision without quorum; with it, by more than half of those present', () => {
    expect(decisionOutcome(false, 6, 6)).toEqual({ taken: false, because: 'no-quorum' });
    expect(decisionOutcome(true, 8, 5)).toEqual({ taken: true, because: 'majority' });
    expect(decisionOutcome(true, 8, 4)).toEqual({ taken: false, because: 'no-majority' });
  });

  it('refuses a meeting in the past, a bad time, no place or agenda, naming the field and the clause', () => {
    const m = { date: '2026-12-18', time: '15:00', place: 'Айыл өкмөтүнүн залы', agenda: 'Иш планы' };
    expect(checkScheduleInput(m, '2026-12-07')).toEqual([]);
    expect(checkScheduleInput(m, '2026-12-18')).toEqual([]);
    expect(codes(checkScheduleInput({ ...m, date: '2026-12-06' }, '2026-12-07'))).toEqual([
      ['meeting-in-past', 'date', '7.2.1'],
    ]);
    expect(codes(checkScheduleInput({ ...m, time: '24:00', place: ' ', agenda: '' }, '2026-12-07'))).toEqual([
      ['invalid-time', 'time', '7.2.1'],
      ['required', 'place', '7.2.1'],
      ['required', 'agenda', '7.2.1'],
    ]);
    expect(codes(checkMoveInput({ date: '2026-12-01', time: '10:00' }, '2026-12-07'))).toEqual([
      ['meeting-in-past', 'date', '7.2.1'],
    ]);
  });

  it('refuses attendance larger than the membership, before the meeting, or of a non-member', () => {
    const members = ['a', 'b', 'c'];
    const ctx = { scheduledOn: '2026-12-18', members };
    expect(checkAttendanceInput({ heldOn: '2026-12-18', presentMembershipIds: ['a', 'b'] }, '2026-12-18', ctx)).toEqual(
      [],
    );
    expect(
      codes(
        checkAttendanceInput({ heldOn: '2026-12-18', presentMembershipIds: ['a', 'b', 'c', 'd'] }, '2026-12-18', ctx),
      ),
    ).toEqual([['attendance-exceeds-membership', 'presentMembershipIds', '7.2.3']]);
    expect(codes(checkAttendanceInput({ heldOn: '2026-12-19', presentMembershipIds: [] }, '2026-12-18', ctx))).toEqual([
      ['attendance-before-meeting', 'heldOn', '7.2.3'],
    ]);
    expect(codes(checkAttendanceInput({ heldOn: '2026-12-17', presentMembershipIds: [] }, '2026-12-18', ctx))).toEqual([
      ['held-before-scheduled', 'heldOn', '7.2.3'],
    ]);
    expect(
      codes(checkAttendanceInput({ heldOn: '2026-12-18', presentMembershipIds: ['a', 'x'] }, '2026-12-18', ctx)),
    ).toEqual([['not-a-member', 'presentMembershipIds', '7.2.3']]);
  });

  it('wants the minutes dated and votes that are whole and not more than those present', () => {
    expect(codes(checkMinutesInput({ date: '', text: 'Протокол' }, '2026-12-18'))).toEqual([
      ['invalid-date', 'date', '7.2.5'],
    ]);
    expect(codes(checkMinutesInput({ date: '2026-12-19', text: 'Протокол' }, '2026-12-18'))).toEqual([
      ['minutes-in-future', 'date', '7.2.5'],
    ]);
    expect(codes(checkDecisionInput({ text: 'x', votes: { for: 5, against: 2, abstained: 2 } }, 8))).toEqual([
      ['votes-exceed-present', 'votes', '7.2.3'],
    ]);
    expect(codes(checkDecisionInput({ text: 'x', votes: { for: -1, against: 0, abstained: 0 } }))).toEqual([
      ['invalid-votes', 'votes', '7.2.3'],
    ]);
  });
});
