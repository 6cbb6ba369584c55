import { describe, expect, it } from 'vitest';
import { decisionOutcome } from './term';
import {
  checkDecisionAbout,
  checkParticipants,
  decisionBase,
  removalCovers,
  standingAside,
  type DecisionSubject,
} from './decision-stand-aside';

const object = (objectId: string): DecisionSubject => ({
  kind: 'object',
  objectId,
  planItemId: null,
  matter: null,
  label: objectId,
});
const item = (planItemId: string, objectId: string): DecisionSubject => ({
  kind: 'plan-item',
  objectId,
  planItemId,
  matter: null,
  label: planItemId,
});
const matter = (words: string): DecisionSubject => ({
  kind: 'matter',
  objectId: null,
  planItemId: null,
  matter: words,
  label: words,
});
const removal = (over: Partial<{ objectId: string; planItemId: string; matter: string; personId: string }>) => ({
  personId: 'p-asel',
  objectId: null,
  planItemId: null,
  matter: null,
  from: '2026-12-10',
  to: '2026-12-31',
  ...over,
});

describe('6.4: which removal covers a decision', () => {
  it.each([
    ['a removal from the school covers a decision about the school', { objectId: 'school' }, object('school'), true],
    ['… and about an item of the plan on the school', { objectId: 'school' }, item('i-1', 'school'), true],
    ['… but not a decision about the clinic', { objectId: 'school' }, object('clinic'), false],
    ['a removal from a plan item covers that item', { planItemId: 'i-1' }, item('i-1', 'school'), true],
    ['… not another item of the same object', { planItemId: 'i-1' }, item('i-2', 'school'), false],
    ['… not the object as a whole', { planItemId: 'i-1' }, object('school'), false],
    ['a matter covers the same words, case and spaces aside', { matter: 'Жол  оңдоо' }, matter('жол оңдоо'), true],
    ['… not another matter', { matter: 'Жол оңдоо' }, matter('Суу түтүгү'), false],
    ['… nor an object', { matter: 'Жол оңдоо' }, object('school'), false],
  ])('%s', (_name, over, subject, expected) => {
    expect(removalCovers(removal(over), subject)).toBe(expected);
  });
});

describe('6.4: who stands aside at a meeting', () => {
  const present = [
    { membershipId: 'm-asel', personId: 'p-asel' },
    { membershipId: 'm-bakyt', personId: 'p-bakyt' },
  ];
  const removals = [removal({ objectId: 'school' })];
  it('the removed member present at a meeting inside the removal, about that object', () => {
    expect(standingAside(present, removals, object('school'), '2026-12-10')).toEqual(['m-asel']);
    expect(standingAside(present, removals, object('school'), '2026-12-31')).toEqual(['m-asel']);
  });
  it('no one on the day after the removal ended, nor before it began, nor about another object, nor about nothing', () => {
    expect(standingAside(present, removals, object('school'), '2027-01-01')).toEqual([]);
    expect(standingAside(present, removals, object('school'), '2026-12-09')).toEqual([]);
    expect(standingAside(present, removals, object('clinic'), '2026-12-15')).toEqual([]);
    expect(standingAside(present, removals, null, '2026-12-15')).toEqual([]);
  });
  it('a removed member who was not present does not stand aside (only the present are counted)', () => {
    expect(standingAside([present[1]!], removals, object('school'), '2026-12-15')).toEqual([]);
  });
});

describe('who took part, and the votes', () => {
  const base = {
    presentMembershipIds: ['a', 'b', 'c', 'd'],
    stoodAside: ['a'],
    votes: { for: 2, against: 1, abstained: 0 },
  };
  it('by default: the present minus those standing aside', () => {
    expect(checkParticipants({ ...base, participants: null })).toEqual({
      participants: ['b', 'c', 'd'],
      input: [],
      conflicts: [],
    });
  });
  it('a listed member standing aside is a conflict naming the field and 6.4', () => {
    const r = checkParticipants({ ...base, participants: ['a', 'b', 'c'], names: new Map([['a', 'Асель']]) });
    expect(r.conflicts).toMatchObject([
      { code: 'removed-for-conflict-of-interest', field: 'participantMembershipIds', clause: '6.4' },
    ]);
    expect(r.conflicts[0]!.message.ru).toContain('Асель');
    expect(r.input).toEqual([]);
  });
  it('a listed member not present is refused naming 7.2.3', () => {
    const r = checkParticipants({ ...base, participants: ['b', 'x'] });
    expect(r.input.map((p) => [p.code, p.field, p.clause])).toEqual([
      ['participant-not-present', 'participantMembershipIds', '7.2.3'],
      ['votes-exceed-participants', 'votes', '7.2.3'],
    ]);
  });
  it('votes cannot be more than those taking part', () => {
    const r = checkParticipants({ ...base, participants: null, votes: { for: 3, against: 1, abstained: 0 } });
    expect(r.input.map((p) => [p.code, p.field])).toEqual([['votes-exceed-participants', 'votes']]);
  });
});

describe('7.2.3 with 6.4: the majority is over the present less those standing aside', () => {
  it('7 present, 2 stand aside: 3 of the 5 taking part carry it', () => {
    expect(decisionBase(7, 2)).toBe(5);
    expect(decisionOutcome(true, decisionBase(7, 2), 3)).toEqual({ taken: true, because: 'majority' });
    expect(decisionOutcome(true, decisionBase(7, 0), 3)).toEqual({ taken: false, because: 'no-majority' });
  });
  it('the quorum stays the meeting’s: without it nothing is taken', () => {
    expect(decisionOutcome(false, decisionBase(6, 1), 5)).toEqual({ taken: false, because: 'no-quorum' });
  });
});

describe('what a request names', () => {
  it('at most one subject; a matter at most 300 characters', () => {
    expect(checkDecisionAbout({ objectId: 'o', matter: 'm' }).map((p) => [p.code, p.field])).toEqual([
      ['one-subject', 'matter'],
    ]);
    expect(checkDecisionAbout({ matter: 'x'.repeat(301) }).map((p) => p.field)).toEqual(['matter']);
    expect(checkDecisionAbout({ planItemId: 'i', objectId: ' ' })).toEqual([]);
    expect(checkDecisionAbout(null)).toEqual([]);
  });
});
