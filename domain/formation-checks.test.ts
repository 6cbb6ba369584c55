// The formation's update validators: pure, synchronous, one problem per broken rule naming the field and clause.
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import type { Candidate, FormationState } from './formation';
import {
  checkMoveFirstMeeting,
  checkPreviousGroup,
  checkRecordCouncilDecision,
  decisionViolations,
  earliestMeetingDateForNotice,
  checkRecordFirstMeeting,
  checkRecordGatheringProtocol,
  checkScheduleFirstMeeting,
  electedByGathering,
  personToMember,
} from './formation-checks';
import type { Problem } from './problem';

const calendar = shippedCalendar();
const codes = (problems: Problem[]) => problems.map((p) => [p.field, p.code, p.clause]);

function candidate(n: number, fullName: string, category: Candidate['category'], sex: 'M' | 'F'): Candidate {
  return {
    candidateId: `g/candidate-${n}`,
    fullName,
    sex,
    birthDate: { year: 1980 },
    category,
    workplace: null,
    village: null,
    phone: null,
    email: null,
    source: 'executive_head',
    nominatedOn: '2026-02-10',
    protocolId: null,
    votes: null,
  };
}
const MEMBERS = [
  candidate(1, 'Асанов Бакыт', 'municipal_employee', 'M'),
  candidate(2, 'Токтогулова Айгүл', 'municipal_employee', 'F'),
  candidate(3, 'Жумабеков Нурлан', 'deputy', 'M'),
  candidate(4, 'Исакова Гүлмира', 'citizen', 'F'),
  candidate(5, 'Осмонов Талант', 'citizen', 'M'),
  candidate(6, 'Сыдыкова Жамила', 'citizen', 'F'),
  candidate(7, 'Мамытов Эрлан', 'citizen', 'M'),
];
const notice = {
  noticeId: 'n',
  publishedOn: '2026-02-02',
  channels: ['website' as const],
  text: { ky: 'ky', ru: 'ru' },
};
const nominations: FormationState = {
  councilId: 'c',
  groupId: 'g',
  formedOn: '2026-01-15',
  step: 'nominations',
  today: '2026-02-18',
  formationNotice: notice,
  staffCandidatesOn: '2026-02-10',
  deputyMembersOn: '2026-02-10',
  protocols: [
    { protocolId: 'g/gathering-1', heldOn: '2026-02-12', protocolRef: '1', place: null, participants: 90, results: [] },
  ],
  candidates: MEMBERS,
  composition: null,
  decision: null,
  meeting: null,
  creationNotice: null,
  firstMeeting: null,
  obligations: [],
};
const decided: FormationState = {
  ...nominations,
  step: 'first-meeting',
  decision: { decidedOn: '2026-02-18', resolutionNumber: '12-3', termEnd: '2030-02-18' },
  meeting: { meetingId: 'm', date: '2026-02-26', time: '10:00', place: 'клуб', warnings: [] },
  creationNotice: notice,
};
const firstMeetingDue = (due: string): FormationState => ({
  ...decided,
  meeting: null,
  creationNotice: null,
  obligations: [
    {
      obligationId: 'g/first-meeting',
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'executive-body',
      anchor: '2026-02-18',
      due,
      dueInstant: null,
      ladder: [],
      fulfilled: null,
      escalated: false,
      calendarLoads: 1,
    },
  ],
});

describe("5.4.4: a candidate needs more than half of the participants' votes", () => {
  it.each([
    [46, 90, true],
    [45, 90, false],
    [46, 91, true],
    [45, 91, false],
    [1, 1, true],
    [0, 1, false],
  ])('%i of %i participants elects: %s', (votes, participants, elected) => {
    expect(electedByGathering(votes, participants)).toBe(elected);
  });

  it('impossible protocol numbers are refused, each naming its field', () => {
    const problems = checkRecordGatheringProtocol(
      nominations,
      {
        heldOn: '2026-02-12',
        protocolRef: '1',
        participants: 0,
        candidates: [{ fullName: 'Исакова Гүлмира', sex: 'F', birthDate: '1990', votes: -1 }],
      },
      { today: '2026-02-18' },
    );
    expect(codes(problems)).toEqual([
      ['participants', 'invalid-participants', '5.4.4'],
      ['candidates[0].fullName', 'duplicate-candidate', null],
      ['candidates[0].votes', 'invalid-votes', '5.4.4'],
    ]);
  });
});

describe('5.4.5: the council decision', () => {
  it('is refused while earlier steps are missing, naming each clause', () => {
    const state: FormationState = { ...nominations, staffCandidatesOn: null, protocols: [] };
    expect(
      codes(
        checkRecordCouncilDecision(
          state,
          { decidedOn: '2026-02-18', resolutionNumber: '12-3' },
          { today: '2026-02-18' },
        ),
      ).filter(([, code]) => !String(code).startsWith('composition')),
    ).toEqual([
      ['steps', 'staff-candidates-missing', '5.4.2'],
      ['steps', 'gathering-missing', '5.4.4'],
    ]);
  });

  it('is refused before the last nomination step and in the future', () => {
    expect(
      codes(
        checkRecordCouncilDecision(
          nominations,
          { decidedOn: '2026-02-11', resolutionNumber: '1' },
          { today: '2026-02-18' },
        ),
      ),
    ).toEqual([['decidedOn', 'date-too-early', '5.4.5']]);
    expect(
      codes(
        checkRecordCouncilDecision(
          nominations,
          { decidedOn: '2026-02-19', resolutionNumber: '1' },
          { today: '2026-02-18' },
        ),
      ),
    ).toEqual([['decidedOn', 'date-in-future', null]]);
  });

  it('passes with every step done and a valid composition', () => {
    expect(
      checkRecordCouncilDecision(
        nominations,
        { decidedOn: '2026-02-18', resolutionNumber: '12-3' },
        { today: '2026-02-18' },
      ),
    ).toEqual([]);
  });
});

describe('5.4.5 as adopted: a composition that breaks 5.2 is recorded, never refused', () => {
  // Five men of seven (over 70%, 5.2.3) and one municipal employee (5.2.3(1) wants a quarter: 1 of 7 is enough).
  const men = MEMBERS.map((c) => (c.fullName === 'Сыдыкова Жамила' ? { ...c, sex: 'M' as const } : c));
  const broken: FormationState = { ...nominations, candidates: men };

  it('is not refused for its composition, and its violations carry the clause', () => {
    expect(
      checkRecordCouncilDecision(
        broken,
        { decidedOn: '2026-02-18', resolutionNumber: '12-3' },
        { today: '2026-02-18' },
      ),
    ).toEqual([]);
    expect(decisionViolations(men, '2026-02-18').map((v) => [v.code, v.clause])).toEqual([
      ['one-sex-over-70-percent', '5.2.3'],
    ]);
  });

  it("names the category's item: 5.2.3(1) for too few municipal employees", () => {
    const nine = [
      MEMBERS[0]!,
      MEMBERS[2]!,
      candidate(8, 'Абдыкадырова Нургүл', 'deputy', 'F'),
      ...MEMBERS.slice(3),
      candidate(9, 'Садыкова Айзат', 'citizen', 'F'),
      candidate(10, 'Токтосунов Азамат', 'citizen', 'M'),
    ];
    expect(decisionViolations(nine, '2026-02-18').map((v) => [v.code, v.clause])).toEqual([
      ['municipal-employees-below-quota', '5.2.3(1)'],
    ]);
  });

  it('records a chair the decision names; one who is not a candidate is refused, naming the field', () => {
    expect(
      checkRecordCouncilDecision(
        nominations,
        { decidedOn: '2026-02-18', resolutionNumber: '12-3', chair: { fullName: 'сыдыкова  жамила' } },
        { today: '2026-02-18' },
      ),
    ).toEqual([]);
    expect(
      codes(
        checkRecordCouncilDecision(
          nominations,
          { decidedOn: '2026-02-18', resolutionNumber: '12-3', chair: { fullName: 'Бекова Асель' } },
          { today: '2026-02-18' },
        ),
      ),
    ).toEqual([['chair', 'chair-not-candidate', '5.4.6']]);
    // A deputy named chair is a 5.4.6 violation recorded with the decision, not a refusal.
    expect(decisionViolations(MEMBERS, '2026-02-18', 'Жумабеков Нурлан').map((v) => v.clause)).toEqual(['5.4.6']);
  });
});

describe('5.3.3: moving the first meeting', () => {
  const scheduled = { ...firstMeetingDue('2026-03-04'), meeting: decided.meeting, creationNotice: notice };

  it('the earliest date whose notice can still be published 3 working days before it', () => {
    // Wednesday 25 February: Saturday 28 February's notice is due Wednesday 25 (Fri, Thu, Wed before it).
    expect(earliestMeetingDateForNotice('2026-02-25', calendar)).toBe('2026-02-28');
    expect(earliestMeetingDateForNotice('2026-02-23', calendar)).toBe('2026-02-26');
  });

  it('a date too close for a new notice is refused with the earliest date that allows it', () => {
    const { problems } = checkMoveFirstMeeting(
      scheduled,
      { date: '2026-02-27', time: '10:00', place: 'клуб' },
      { today: '2026-02-25', calendar },
    );
    expect(codes(problems)).toEqual([['date', 'too-late-for-notice', '5.3.3']]);
    expect(problems[0]!.message.en).toContain('the earliest date that allows it is 28.02.2026');
  });

  it('a date past the 5.3.2 limit is accepted and marked late', () => {
    const { problems, warnings, late } = checkMoveFirstMeeting(
      scheduled,
      { date: '2026-03-10', time: '10:00', place: 'клуб' },
      { today: '2026-02-25', calendar },
    );
    expect([problems, late]).toEqual([[], true]);
    expect(warnings.map((w) => w.en)).toEqual([
      'the first meeting is due by 04.03.2026 (5.3.2, 10 working days from the decision); 10.03.2026 is late',
    ]);
  });

  it('a meeting held, or without quorum with a quorum present, or not yet scheduled, is refused by field', () => {
    const held = {
      ...scheduled,
      firstMeeting: {
        heldOn: '2026-02-26',
        present: 6,
        chair: {
          candidateId: 'g/candidate-6',
          fullName: 'Сыдыкова Жамила',
          votesFor: 6,
          votesAgainst: 0,
          abstained: 0,
        },
      },
    };
    const move = { date: '2026-03-03', time: '10:00', place: 'клуб' };
    expect(codes(checkMoveFirstMeeting(held, move, { today: '2026-02-27', calendar }).problems)).toEqual([
      ['meeting', 'meeting-already-held', '5.4.6'],
    ]);
    expect(
      codes(
        checkMoveFirstMeeting(
          scheduled,
          { ...move, withoutQuorum: { heldOn: '2026-02-26', present: 4 } },
          { today: '2026-02-26', calendar },
        ).problems,
      ),
    ).toEqual([['withoutQuorum.present', 'quorum-met', '7.2.3']]);
    expect(
      codes(checkMoveFirstMeeting(firstMeetingDue('2026-03-04'), move, { today: '2026-02-20', calendar }).problems),
    ).toEqual([['meeting', 'meeting-not-scheduled', '5.3.2']]);
  });
});

describe('5.3.2: scheduling the first meeting', () => {
  it('a date after the due date is refused while an on-time date can still be chosen', () => {
    const { problems, warnings } = checkScheduleFirstMeeting(
      firstMeetingDue('2026-03-04'),
      { date: '2026-03-05', time: '10:00', place: 'клуб' },
      { today: '2026-02-19', calendar },
    );
    expect(codes(problems)).toEqual([['date', 'after-first-meeting-due', '5.3.2']]);
    expect(warnings).toEqual([]);
  });

  it('once the due date has passed, a late date is accepted with a warning', () => {
    const { problems, warnings } = checkScheduleFirstMeeting(
      firstMeetingDue('2026-03-04'),
      { date: '2026-03-16', time: '10:00', place: 'клуб' },
      { today: '2026-03-06', calendar },
    );
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.en)).toEqual(['the first meeting was due by 04.03.2026 (5.3.2); 16.03.2026 is late']);
  });

  it('a meeting too close for the 5.3.3 notice is accepted with a warning that the notice can only be late', () => {
    const { problems, warnings } = checkScheduleFirstMeeting(
      firstMeetingDue('2026-03-04'),
      { date: '2026-02-24', time: '10:00', place: 'клуб' },
      { today: '2026-02-20', calendar },
    );
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.en)).toEqual([
      'the creation notice was due by 19.02.2026, 3 working days before 24.02.2026 (5.3.3); it can only be published late',
    ]);
  });
});

describe('5.4.6 and 7.2.3: the first meeting and the chair', () => {
  const meeting = (present: number, fullName: string, votesFor: number, votesAgainst = 0, abstained = 0) =>
    checkRecordFirstMeeting(
      decided,
      { heldOn: '2026-02-26', present, chairElection: { fullName, votesFor, votesAgainst, abstained } },
      { today: '2026-02-26' },
    );

  it.each([
    ['a citizen elected by 4 of 6 present', 6, 'Сыдыкова Жамила', 4, 1, 1, []],
    ['3 of 7 present is no quorum', 3, 'Сыдыкова Жамила', 3, 0, 0, [['present', 'no-quorum', '7.2.3']]],
    [
      'a municipal employee cannot chair',
      6,
      'Асанов Бакыт',
      5,
      0,
      0,
      [['chairElection', 'composition:chair-not-citizen', '5.4.6']],
    ],
    [
      '3 of 6 present is not a majority',
      6,
      'Сыдыкова Жамила',
      3,
      2,
      1,
      [['chairElection.votesFor', 'chair-not-elected', '5.4.6']],
    ],
    [
      'more votes than members present',
      4,
      'Сыдыкова Жамила',
      4,
      1,
      0,
      [['chairElection', 'votes-exceed-present', '5.4.6']],
    ],
    ['someone outside the group', 6, 'Бекова Асель', 5, 0, 0, [['chairElection', 'chair-not-member', '5.4.6']]],
  ])('%s', (_name, present, chair, votesFor, against, abstained, expected) => {
    expect(codes(meeting(present, chair, votesFor, against, abstained))).toEqual(expected);
  });
});

describe('a person as the formation records them (5.2.1): what the law does not require is kept, not refused', () => {
  it("keeps a phone that is not a valid Kyrgyz number as written (the council's roster has a 9-digit one)", () => {
    const person = { fullName: 'Касымова Динара', sex: 'F' as const, birthDate: '1987', phone: ' 0555 12 345 ' };
    const { member, problems } = personToMember(person, 'citizen', 'candidates[0]', '2026-03-05');
    expect(problems).toEqual([]);
    expect(member?.phone).toBe('0555 12 345');
  });

  it('writes a valid number in its international form', () => {
    const person = { fullName: 'Касымова Динара', sex: 'F' as const, birthDate: '1987', phone: '0555 123 456' };
    expect(personToMember(person, 'citizen', 'candidates[0]', '2026-03-05').member?.phone).toBe('+996555123456');
  });

  it('still refuses an e-mail that is not an address, naming the field', () => {
    const person = { fullName: 'Касымова Динара', sex: 'F' as const, birthDate: '1987', email: 'not-an-address' };
    const { member, problems } = personToMember(person, 'citizen', 'candidates[0]', '2026-03-05');
    expect(member).toBeUndefined();
    expect(problems.map((p) => [p.code, p.field])).toEqual([['invalid-email', 'candidates[0].email']]);
  });
});

describe('checkPreviousGroup (5.3.1)', () => {
  const input = { councilId: 'c1', previousGroupId: 'g0' };
  it.each([
    ['term-ended', []],
    ['dissolved', []],
    ['active', [['previousGroupId', 'term-not-ended', '5.3.1']]],
    ['created', [['previousGroupId', 'term-not-ended', '5.3.1']]],
    ['forming', [['previousGroupId', 'term-not-ended', '5.3.1']]],
  ] as const)('a previous group %s of the same council gives %j', (status, expected) => {
    expect(codes(checkPreviousGroup({ councilId: 'c1', status }, input))).toEqual(expected);
  });
  it("refuses a group of another council, or none, naming the field, in the user's languages", () => {
    for (const previous of [undefined, { councilId: 'c2', status: 'term-ended' as const }]) {
      const [p] = checkPreviousGroup(previous, input);
      expect([p?.field, p?.code]).toEqual(['previousGroupId', 'unknown-group']);
      expect(p?.message.ru).toContain('g0');
      expect(p?.message.ky).toContain('g0');
    }
  });
});
