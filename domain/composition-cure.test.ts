import { describe, expect, it } from 'vitest';
import type { CheckedMember } from './composition';
import { cureStatus, membersOnDay, smallestAddition, type MemberSpan } from './composition-cure';
import type { Category, Sex } from './roster';
import { checkAdditionInput, type AdditionInputToCheck } from './term-membership';

let n = 0;
function span(category: Category, sex: Sex, joinedOn: string | null = null, leftOn: string | null = null): MemberSpan {
  n += 1;
  const member: CheckedMember = {
    fullName: `Member ${n}`,
    sex,
    birthDate: { year: 1980 },
    category,
    workplace: null,
    village: null,
    phone: null,
    email: null,
  };
  return { member, joinedOn, leftOn, joinedBy: null };
}

/** 9 members from the decision of 18.03.2026: one municipal employee where 5.2.3(1) asks for 2. */
function nine(): MemberSpan[] {
  return [
    span('municipal_employee', 'M'),
    span('deputy', 'F'),
    span('deputy', 'M'),
    span('deputy', 'F'),
    span('citizen', 'F'),
    span('citizen', 'M'),
    span('citizen', 'F'),
    span('citizen', 'M'),
    span('citizen', 'F'),
  ];
}
const VIOLATION = [
  {
    code: 'municipal-employees-below-quota',
    clause: '5.2.3(1)',
    message: { ky: 'x', ru: 'x', en: '5.2.3(1): 1 of 2' },
  },
];

describe('a decision adopted with a 5.2 violation, cured or not (5.4.5, 5.4.8, 5.2.3)', () => {
  it('says nothing about a decision that broke nothing', () => {
    expect(cureStatus({ adoptedOn: '2026-03-18', violations: [], spans: nine(), today: '2026-04-20' })).toEqual({
      kind: 'none',
    });
  });

  it('still not cured: the current composition with the same finding and its arithmetic', () => {
    const s = cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans: nine(), today: '2026-04-20' });
    expect(s.kind).toBe('not-cured');
    if (s.kind !== 'not-cured') return;
    expect(s.remaining.map((f) => [f.code, f.numbers])).toEqual([
      ['municipal-employees-below-quota', { size: 9, required: 2, found: 1 }],
    ]);
    expect(s.current.arithmetic.find((a) => a.rule === 'municipal-employees-min')).toMatchObject({
      required: 2,
      actual: 1,
      holds: false,
    });
  });

  it("a replacement in the same category (5.4.8) leaves a category share where it was; the council's addition cures it on its day", () => {
    const spans = nine();
    // A citizen resigned on 1 April and a citizen replaced her on 10 April: still one municipal employee.
    spans[4]!.leftOn = '2026-04-01';
    spans.push({ ...span('citizen', 'F', '2026-04-10'), joinedBy: { number: '8-3', date: '2026-04-10' } });
    expect(cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans, today: '2026-04-12' }).kind).toBe(
      'not-cured',
    );
    // The council's decision No. 9-2 of 15 April adds a municipal employee and a citizen: 11 members, 2 of them employees.
    const by = { number: '9-2', date: '2026-04-15' };
    spans.push({ ...span('municipal_employee', 'F', '2026-04-15'), joinedBy: by });
    spans.push({ ...span('citizen', 'M', '2026-04-15'), joinedBy: by });
    expect(cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans, today: '2026-04-14' }).kind).toBe(
      'not-cured',
    );
    const s = cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans, today: '2026-05-01' });
    expect(s).toMatchObject({ kind: 'cured', on: '2026-04-15', by: [by] });
    expect(membersOnDay(spans, '2026-04-15')).toHaveLength(11);
    expect(membersOnDay(spans, '2026-04-14')).toHaveLength(9);
  });

  it('a cure broken again and restored dates from the last restoration', () => {
    const spans = nine();
    const by = { number: '9-2', date: '2026-04-15' };
    spans.push({ ...span('municipal_employee', 'F', '2026-04-15'), joinedBy: by });
    spans.push({ ...span('citizen', 'M', '2026-04-15'), joinedBy: by });
    // The new employee leaves on 1 June (10 members, an even size, one employee); her replacement joins on 20 June.
    spans[9]!.leftOn = '2026-06-01';
    const again = { number: '12-1', date: '2026-06-20' };
    spans.push({ ...span('municipal_employee', 'M', '2026-06-20'), joinedBy: again });
    expect(cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans, today: '2026-06-10' })).toMatchObject({
      kind: 'not-cured',
    });
    expect(cureStatus({ adoptedOn: '2026-03-18', violations: VIOLATION, spans, today: '2026-07-01' })).toMatchObject({
      kind: 'cured',
      on: '2026-06-20',
      by: [again],
    });
  });

  it('the fewest members to add keep an odd size of at most 15 and meet every category share (5.2.1, 5.2.3)', () => {
    expect(smallestAddition({ municipal_employee: 1, deputy: 3, citizen: 5 })).toEqual({
      municipal_employee: 1,
      deputy: 0,
      citizen: 1,
    });
    expect(smallestAddition({ municipal_employee: 0, deputy: 2, citizen: 5 })).toEqual({
      municipal_employee: 2,
      deputy: 0,
      citizen: 0,
    });
    // 15 members already: nothing can be added.
    expect(smallestAddition({ municipal_employee: 1, deputy: 4, citizen: 10 })).toBeNull();
    // Every answer meets the shares at an allowed size.
    for (let me = 0; me <= 4; me++)
      for (let d = 0; d <= 4; d++)
        for (let c = 0; c <= 8; c++) {
          const a = smallestAddition({ municipal_employee: me, deputy: d, citizen: c });
          if (!a) continue;
          const size = me + d + c + a.municipal_employee + a.deputy + a.citizen;
          expect(size % 2, `${me}/${d}/${c}`).toBe(1);
          expect(size).toBeLessThanOrEqual(15);
          expect(me + a.municipal_employee).toBeGreaterThanOrEqual(Math.floor(size / 4));
          expect(c + a.citizen).toBeGreaterThan(size / 2);
        }
  });
});

describe("the council's decision adding members: the input (5.4.5 with 5.4.2-5.4.4)", () => {
  const employee = {
    category: 'municipal_employee',
    source: { kind: 'executive-head', ref: '№ 14', date: '2026-04-08' },
    person: { fullName: 'Кадырова Бермет', sex: 'F' },
  };
  const citizen = {
    category: 'citizen',
    source: { kind: 'community-gathering', ref: '№ 3', date: '2026-04-11', participants: 60, votesFor: 38 },
    person: { fullName: 'Эсенов Руслан', sex: 'M' },
  };
  const check = (members: unknown[], decisionDate = '2026-04-15', termStart = '2026-03-18') =>
    checkAdditionInput(
      { decisionNumber: '9-2', decisionDate, members: members as AdditionInputToCheck['members'] },
      '2026-04-20',
      termStart,
    ).map((p) => [p.field, p.code, p.clause]);

  it('accepts members named through their own category’s route', () => {
    expect(check([employee, citizen])).toEqual([]);
  });
  it('refuses another source, a gathering without a majority, a missing sex, naming each member’s field', () => {
    expect(
      check([
        { ...employee, source: { ...employee.source, kind: 'council-chair' } },
        { ...citizen, source: { ...citizen.source, votesFor: 30 }, person: { fullName: 'Эсенов Руслан' } },
      ]),
    ).toEqual([
      ['members[0].source.kind', 'wrong-nomination-source', '5.4.2'],
      ['members[1].source.votesFor', 'no-gathering-majority', '5.4.4'],
      ['members[1].person.sex', 'required', '5.2.3'],
    ]);
  });
  it('refuses a decision before a nomination, before the term, in the future, and no members at all', () => {
    expect(check([employee], '2026-04-07')).toEqual([['decisionDate', 'decision-before-nomination', '5.4.5']]);
    expect(check([employee], '2026-03-10', '2026-03-18')).toContainEqual([
      'decisionDate',
      'decision-before-term',
      '5.3.1',
    ]);
    expect(check([employee], '2026-04-21')).toEqual([['decisionDate', 'date-in-future', '5.4.8']]);
    expect(check([])).toEqual([['members', 'required', null]]);
  });
});
