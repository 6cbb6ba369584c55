// The act procedure's update validators (act-checks.ts) as tables: each row a state, a request and
// the refusal codes the workflow answers with before anything is written.
import { describe, expect, it } from 'vitest';
import type { ActState, CloseActInput, ReceiptInput, ResponseInput } from './act-procedure';
import type { ObligationState } from './obligation-state';
import { checkClose, checkGroupActive, checkReceipt, checkResponse } from './act-checks';
import { describeProblems } from './problem';

const obligation = (
  key: string,
  due: string,
  escalated = false,
  fulfilled: ObligationState['fulfilled'] = null,
): ObligationState => ({
  obligationId: `a-1/${key}`,
  key,
  clause: '4.3',
  party: key === 'object-response' ? 'object:o-1' : 'executive-body',
  anchor: '2026-06-02',
  due,
  dueInstant: null,
  ladder: [],
  fulfilled,
  escalated,
  calendarLoads: 1,
});

const base: ActState = {
  actId: 'a-1',
  groupId: 'g-1',
  councilId: 'c-1',
  step: 'awaiting-receipt',
  today: '2026-06-10',
  act: {
    actId: 'a-1',
    number: '2026-001',
    issuedOn: '2026-06-01',
    title: 'Суу',
    objectId: 'o-1',
    isExecutiveBody: false,
    obligations: [
      { key: 'object-response', party: 'object:o-1' },
      { key: 'executive-report', party: 'executive-body' },
    ],
  },
  delivery: { to: ['mektep@ayil.kg'], linkExpiresAt: '2026-07-31T18:00:00.000Z' },
  receipt: null,
  executiveBody: null,
  receiptPrompt: { at: null, sent: false },
  responses: [],
  obligations: [],
  closed: null,
};
const received: ActState = {
  ...base,
  step: 'awaiting-responses',
  receipt: { receivedOn: '2026-06-02', via: 'link', recordedAt: '2026-06-02T05:00:00.000Z' },
  obligations: [obligation('object-response', '2026-06-16'), obligation('executive-report', '2026-07-02')],
};
const escalated: ActState = {
  ...received,
  today: '2026-06-20',
  obligations: [obligation('object-response', '2026-06-16', true), obligation('executive-report', '2026-07-02')],
};

// 4.3(4): an act about another object, with the executive body's own track: the object received on 2 June.
const ownTrack: ActState = {
  ...received,
  obligations: [obligation('object-response', '2026-06-16')],
  executiveBody: { delivery: { to: ['okmot@ayil.kg'], linkExpiresAt: '2026-07-31T18:00:00.000Z' }, receipt: null },
};
const ownTrackReceived: ActState = {
  ...ownTrack,
  executiveBody: {
    ...ownTrack.executiveBody!,
    receipt: { receivedOn: '2026-06-05', via: 'staff', party: 'executive-body', recordedAt: '2026-06-05T05:00:00Z' },
  },
};

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('recordReceipt: the count starts on receipt, not before the issue, not in the future (4.3)', () => {
  it.each<[string, ActState, ReceiptInput, string[]]>([
    ['a receipt on the issue day', base, { receivedOn: '2026-06-01', via: 'link' }, []],
    ['a receipt recorded by staff today', base, { receivedOn: '2026-06-10', via: 'staff' }, []],
    ['before the issue', base, { receivedOn: '2026-05-31', via: 'staff' }, ['date-too-early']],
    ['in the future', base, { receivedOn: '2026-06-11', via: 'staff' }, ['date-in-future']],
    ['not a date', base, { receivedOn: '2026-06-31', via: 'staff' }, ['invalid-date']],
    ['an unknown channel', base, { receivedOn: '2026-06-02', via: 'fax' as 'staff' }, ['invalid-via']],
    ['before the act is loaded', { ...base, act: null }, { receivedOn: '2026-06-02', via: 'staff' }, ['not-loaded']],
    [
      'a second receipt (answered with the first, whatever it says)',
      received,
      { receivedOn: '2030-01-01', via: 'staff' },
      [],
    ],
    [
      'the executive body on its own track, after the object',
      ownTrack,
      { receivedOn: '2026-06-05', via: 'link', party: 'executive-body' },
      [],
    ],
    [
      'the executive body before the issue',
      ownTrack,
      { receivedOn: '2026-05-29', via: 'staff', party: 'executive-body' },
      ['date-too-early'],
    ],
    [
      'the executive body, a second time (answered with the first)',
      ownTrackReceived,
      { receivedOn: '2030-01-01', via: 'staff', party: 'executive-body' },
      [],
    ],
    [
      'an unknown party',
      ownTrack,
      { receivedOn: '2026-06-05', via: 'staff', party: 'mayor' as 'object' },
      ['invalid-party'],
    ],
  ])('%s', (_name, state, req, expected) => {
    expect(codes(checkReceipt(state, req))).toEqual(expected);
  });
});

describe('recordResponse: after the receipt, to an obligation of the act, late ones accepted', () => {
  const answer = (extra: Partial<ResponseInput> = {}): ResponseInput => ({
    obligationKey: 'object-response',
    respondedOn: '2026-06-09',
    text: 'Жооп',
    submissionKey: 'k-1',
    ...extra,
  });
  it.each<[string, ActState, ResponseInput, string[]]>([
    ['an answer in time', received, answer(), []],
    [
      'an answer after the due date (accepted; the workflow marks it late)',
      escalated,
      answer({ respondedOn: '2026-06-19' }),
      [],
    ],
    ['before any receipt', base, answer(), ['not-received']],
    [
      'an obligation the act does not have (the executive body as object)',
      {
        ...received,
        act: {
          ...received.act!,
          isExecutiveBody: true,
          obligations: [{ key: 'executive-report', party: 'executive-body' }],
        },
      },
      answer(),
      ['unknown-obligation'],
    ],
    ['dated before the receipt', received, answer({ respondedOn: '2026-06-01' }), ['date-too-early']],
    [
      "the executive body's report before its own receipt (4.3(4))",
      ownTrack,
      answer({ obligationKey: 'executive-report' }),
      ['not-received-by-executive-body'],
    ],
    [
      "the executive body's report dated before its own receipt",
      ownTrackReceived,
      answer({ obligationKey: 'executive-report', respondedOn: '2026-06-04' }),
      ['date-too-early'],
    ],
    [
      "the executive body's report after its own receipt",
      ownTrackReceived,
      answer({ obligationKey: 'executive-report', respondedOn: '2026-06-08' }),
      [],
    ],
    ['dated in the future', received, answer({ respondedOn: '2026-06-11' }), ['date-in-future']],
    ['an empty text', received, answer({ text: '  ' }), ['missing-text']],
    ['no submission key', received, answer({ submissionKey: '' }), ['missing-submission-key']],
    [
      'the same submission again (a no-op, even if the act closed since)',
      {
        ...received,
        closed: { on: '2026-06-12', by: 'chair', reason: 'x' },
        responses: [
          {
            responseId: 'r-1',
            obligationKey: 'object-response',
            obligationId: 'a-1/object-response',
            respondedOn: '2026-06-09',
            late: false,
            submissionKey: 'k-1',
            supersedes: null,
          },
        ],
      },
      answer({ text: '' }),
      [],
    ],
    [
      'after the act was closed',
      { ...received, closed: { on: '2026-06-12', by: 'chair', reason: 'x' } },
      answer({ submissionKey: 'k-2' }),
      ['act-closed'],
    ],
  ])('%s', (_name, state, req, expected) => {
    expect(codes(checkResponse(state, req))).toEqual(expected);
  });
});

describe('closeAct: the chair closes with a reason, only after an escalation', () => {
  const close = (extra: Partial<CloseActInput> = {}): CloseActInput => ({
    reason: 'Кеңеш сессияда карады',
    on: '2026-06-20',
    ...extra,
  });
  it.each<[string, ActState, CloseActInput, string[]]>([
    ['after the object-response was escalated', escalated, close(), []],
    ['with nothing escalated', received, close({ on: '2026-06-10' }), ['not-escalated']],
    ['before any receipt', base, close({ on: '2026-06-10' }), ['not-escalated']],
    ['without a reason', escalated, close({ reason: ' ' }), ['missing-reason']],
    ['dated in the future', escalated, close({ on: '2026-06-21' }), ['date-in-future']],
    [
      'already closed',
      { ...escalated, closed: { on: '2026-06-20', by: 'chair', reason: 'x' } },
      close(),
      ['act-closed'],
    ],
  ])('%s', (_name, state, req, expected) => {
    expect(codes(checkClose(state, req))).toEqual(expected);
  });

  it('the refusal names the rule and the open obligation with its due date, in three languages', () => {
    const problems = checkClose(received, close({ on: '2026-06-10' }));
    expect(describeProblems(problems)).toBe(
      'on: the act can be closed by the chair only after an escalation to the council; none yet (object-response due 2026-06-16, executive-report due 2026-07-02)',
    );
    expect(problems[0]!.clause).toBe('4.3');
    expect(new Set(Object.values(problems[0]!.message)).size).toBe(3);
  });
});

describe('checkGroupActive (8.1, 5.4.5, 5.3.1): a group issues acts and requests information only while it stands', () => {
  const today = '2026-12-07';
  it.each([
    ['forming', null, ['group-forming'], ['5.4.5']],
    ['created', '2030-11-20', [], []],
    ['active', '2030-11-20', [], []],
    ['active', null, [], []],
    // the last day of the term is still within it; the day after is not
    ['active', '2026-12-07', [], []],
    ['active', '2026-12-06', ['group-term-ended'], ['5.3.1']],
    ['term-ended', '2026-12-06', ['group-term-ended'], ['5.3.1']],
    ['dissolved', null, ['group-term-ended'], ['5.3.1']],
  ] as const)('%s, term to %s: %j', (status, termEnd, codes, clauses) => {
    const problems = checkGroupActive({ status, termEnd }, today);
    expect(problems.map((p) => p.code)).toEqual(codes);
    expect(problems.map((p) => p.clause)).toEqual(clauses);
    expect(problems.every((p) => p.field === 'groupId')).toBe(true);
  });

  it('names the rule in every language', () => {
    const [forming] = checkGroupActive({ status: 'forming', termEnd: null }, today);
    expect(forming!.message.ky).toContain('5.4.5');
    expect(forming!.message.ru).toContain('ещё формируется');
    expect(forming!.message.en).toContain('still being formed');
    const [ended] = checkGroupActive({ status: 'active', termEnd: '2026-11-30' }, today);
    expect(ended!.message.ky).toContain('ыйгарым укуктарынын мөөнөтү');
    expect(ended!.message.ru).toContain('Срок полномочий');
    expect(ended!.message.en).toContain('term of office has ended (2026-11-30)');
  });
});
