import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import { calendarOfKind } from './object-calendar';
import {
  checkRequestAnswer,
  checkRequestDraft,
  checkRequestExtension,
  checkRequestReceipt,
  checkRequestRefusal,
  latestExtendedDue,
  requestFirstDue,
  requestOutcome,
  type RequestStage,
} from './request';

const transfers = shippedCalendar();
const labour = calendarOfKind(transfers, 'labour-code');
// Dates counted by hand on the 2026 calendar; literals, not computed.
const received: RequestStage = {
  sentOn: '2026-04-22',
  receivedOn: '2026-04-24',
  firstDue: '2026-05-15',
  extension: null,
  outcome: null,
};
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe("Law No. 217: 10 working days of receipt on the object's calendar", () => {
  it.each([
    ['with the transfers (a municipal institution)', transfers, '2026-04-24', '2026-05-15'],
    ['without the transfers (a procurement supplier)', labour, '2026-04-24', '2026-05-18'],
  ])('%s: received %s, due %s', (_name, calendar, from, due) => {
    expect(requestFirstDue(calendar, from)).toBe(due);
  });

  it('the extension reaches at most 10 working days past the first due date (Kurman Ait 27 May skipped)', () => {
    expect(latestExtendedDue(transfers, '2026-05-15')).toBe('2026-06-01');
  });
});

describe('the one extension by up to 10 working days, before the first period ends, with a written reason', () => {
  const ok = { on: '2026-05-15', newDue: '2026-06-01', reason: 'The archive is being moved' };
  it.each([
    ['on the last day of the first period, to the latest date', ok, []],
    ['to fewer than 10 working days', { ...ok, newDue: '2026-05-22' }, []],
    ['after the first period ended', { ...ok, on: '2026-05-18' }, ['extension-after-period']],
    ['past 10 working days', { ...ok, newDue: '2026-06-02' }, ['extension-up-to-10-working-days']],
    ['without a reason', { ...ok, reason: '  ' }, ['extension-reason-required']],
    ['to a date not after the first due date', { ...ok, newDue: '2026-05-15' }, ['extension-not-later']],
    ['to a non-working day', { ...ok, newDue: '2026-05-23' }, ['extension-on-working-day']],
  ])('%s', (_name, req, expected) => {
    expect(codes(checkRequestExtension(received, req, transfers, '2026-05-18'))).toEqual(expected);
  });

  it('a second extension is refused, naming the rule', () => {
    const extended = { ...received, extension: { on: '2026-05-14', newDue: '2026-05-22', reason: 'x' } };
    const problems = checkRequestExtension(extended, ok, transfers, '2026-05-15');
    expect(codes(problems)).toEqual(['extension-once']);
    expect(problems[0]!.message.ru).toContain('только один раз');
  });

  it('before the receipt nothing can be extended', () => {
    const notReceived = { ...received, receivedOn: null, firstDue: null };
    expect(codes(checkRequestExtension(notReceived, ok, transfers, '2026-05-15'))).toEqual(['request-not-received']);
  });
});

describe('a refusal cites its ground', () => {
  it.each([
    ['state secret with the article', { on: '2026-05-04', ground: 'state-secret', text: 'Art. 5' }, []],
    ['no ground', { on: '2026-05-04', ground: undefined, text: 'Art. 5' }, ['refusal-ground-required']],
    ['an unknown ground', { on: '2026-05-04', ground: 'too-busy', text: 'x' }, ['refusal-ground-required']],
    ['a ground without its text', { on: '2026-05-04', ground: 'other-law', text: '' }, ['refusal-text-required']],
  ])('%s', (_name, req, expected) => {
    expect(codes(checkRequestRefusal(received, req, '2026-05-05'))).toEqual(expected);
  });
});

describe('the draft, the receipt and the answer', () => {
  it('a request says what is asked and why', () => {
    expect(codes(checkRequestDraft({ subject: '', purpose: ' ' }))).toEqual(['subject-required', 'purpose-required']);
    expect(checkRequestDraft({ subject: 'Budget 2026', purpose: 'Act 3', reference: null })).toEqual([]);
  });
  it('a receipt cannot precede the sending nor lie in the future', () => {
    expect(codes(checkRequestReceipt(received, '2026-04-21', '2026-04-24'))).toEqual(['date-too-early']);
    expect(codes(checkRequestReceipt(received, '2026-04-25', '2026-04-24'))).toEqual(['date-in-future']);
    expect(checkRequestReceipt(received, '2026-04-24', '2026-04-24')).toEqual([]);
  });
  it('an answer needs its text and cannot follow an outcome', () => {
    expect(codes(checkRequestAnswer(received, { on: '2026-05-04', text: '' }, '2026-05-04'))).toEqual([
      'answer-text-required',
    ]);
    const answered = { ...received, outcome: { kind: 'answered' as const, on: '2026-05-04' } };
    expect(codes(checkRequestAnswer(answered, { on: '2026-05-05', text: 'x' }, '2026-05-05'))).toEqual([
      'request-closed',
    ]);
  });
});

describe('the public outcome', () => {
  it.each([
    [{ outcome: 'answered', outcomeOn: '2026-05-15', due: '2026-05-15' }, '2026-06-01', 'answered-on-time'],
    [{ outcome: 'answered', outcomeOn: '2026-05-18', due: '2026-05-15' }, '2026-06-01', 'answered-late'],
    [{ outcome: 'refused', outcomeOn: '2026-05-04', due: '2026-05-15' }, '2026-06-01', 'refused'],
    [{ outcome: null, outcomeOn: null, due: '2026-05-15' }, '2026-05-16', 'unanswered'],
    [{ outcome: null, outcomeOn: null, due: '2026-05-15' }, '2026-05-15', 'pending'],
  ] as const)('%j on %s: %s', (row, today, expected) => {
    expect(requestOutcome(row, today)).toBe(expected);
  });
});
