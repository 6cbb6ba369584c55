// 5.4.8 rules without time or I/O: who a meeting counts on a day, the nomination's route and majority, the
// appointment's order, the chair's category.
import { describe, expect, it } from 'vitest';
import {
  checkAppointmentInput,
  checkChairCandidate,
  checkDepartureInput,
  checkNominationInput,
  membersOn,
} from './term-membership';

const codes = (ps: { code: string; field: string; clause: string | null }[]) =>
  ps.map((p) => [p.code, p.field, p.clause]);

describe('5.4.8 with 7.2.3: the members a meeting counts', () => {
  const current = [
    { membershipId: 'a', joinedOn: null },
    { membershipId: 'n', joinedOn: '2027-01-15' },
  ];
  const departed = [{ membershipId: 'x', joinedOn: null, leftOn: '2027-01-10' }];
  it('counts a member who left until the day before they left, and a replacement from the decision day', () => {
    expect(membersOn('2027-01-09', current, departed).map((m) => m.membershipId)).toEqual(['a', 'x']);
    expect(membersOn('2027-01-10', current, departed).map((m) => m.membershipId)).toEqual(['a']);
    expect(membersOn('2027-01-15', current, departed).map((m) => m.membershipId)).toEqual(['a', 'n']);
  });
});

describe('5.4.8: departure, nomination, appointment, chair', () => {
  const today = '2027-02-01';
  const vacancy = { vacancyId: 'v', category: 'citizen' as const, openedOn: '2027-01-10' };
  const nomination = {
    vacancyId: 'v',
    nominee: { fullName: 'Айгүл', category: 'citizen' },
    source: { kind: 'community-gathering', ref: '№4', date: '2027-01-20', participants: 40, votesFor: 21 },
  };
  it('a departure: a known reason, not in the future; "other" needs a note', () => {
    expect(codes(checkDepartureInput({ membershipId: 'a', leftOn: '2027-02-02', reason: 'left' }, today))).toEqual([
      ['date-in-future', 'leftOn', '5.4.8'],
      ['invalid-reason', 'reason', '5.4.8'],
    ]);
    expect(codes(checkDepartureInput({ membershipId: 'a', leftOn: '2027-02-01', reason: 'other' }, today))).toEqual([
      ['required', 'note', null],
    ]);
  });
  it("a gathering's majority is more than half of its participants (5.4.4): 21 of 40 passes, 20 does not", () => {
    expect(checkNominationInput(nomination, today, [vacancy])).toEqual([]);
    expect(
      codes(checkNominationInput({ ...nomination, source: { ...nomination.source, votesFor: 20 } }, today, [vacancy])),
    ).toEqual([['no-gathering-majority', 'source.votesFor', '5.4.4']]);
  });
  it('another category or another source is refused naming the field and the rule', () => {
    expect(
      codes(
        checkNominationInput(
          {
            ...nomination,
            nominee: { fullName: 'Б', category: 'deputy' },
            source: { ...nomination.source, kind: 'council-chair' },
          },
          today,
          [vacancy],
        ),
      ),
    ).toEqual([
      ['replacement-wrong-category', 'nominee.category', '5.4.8'],
      ['wrong-nomination-source', 'source.kind', '5.4.4'],
    ]);
  });
  it("the council's decision comes after a nomination, not before it", () => {
    const open = [{ ...vacancy, nomination: null }];
    expect(
      codes(checkAppointmentInput({ vacancyId: 'v', decisionNumber: '1', decisionDate: '2027-01-25' }, today, open)),
    ).toEqual([['not-nominated', 'vacancyId', '5.4.4']]);
    const nominated = [{ ...vacancy, nomination: { source: { date: '2027-01-20' } } }];
    expect(
      codes(
        checkAppointmentInput({ vacancyId: 'v', decisionNumber: '1', decisionDate: '2027-01-19' }, today, nominated),
      ),
    ).toEqual([['decision-before-nomination', 'decisionDate', '5.4.5']]);
    expect(
      codes(
        checkAppointmentInput(
          { vacancyId: 'v', category: 'municipal_employee', decisionNumber: '1', decisionDate: '2027-01-21' },
          today,
          nominated,
        ),
      ),
    ).toEqual([['replacement-wrong-category', 'category', '5.4.8']]);
  });
  it('the chair is elected from the citizen members (5.4.6)', () => {
    const members = [
      { membershipId: 'c', category: 'citizen' as const },
      { membershipId: 'd', category: 'deputy' as const },
    ];
    expect(checkChairCandidate('c', members)).toEqual([]);
    expect(codes(checkChairCandidate('d', members))).toEqual([['chair-not-citizen', 'membershipId', '5.4.6']]);
  });
});
