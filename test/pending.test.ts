// The chair's tracking and the objects' answer records, on a real Postgres database. Obligations are recorded
// through the event functions (obligation.opened, reminder-sent, status-changed, response.recorded), as the act
// workflow will record them. "Today" is Wednesday 18 March 2026: Orozo Ait falls on Friday 20 March (a day off),
// Nooruz on Saturday 21 March.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { objectRecord } from '../db/object-record';
import { registerObject } from '../db/objects';
import {
  calendarForCouncil,
  daysLeftOn,
  endOfWeek,
  pendingObligations,
  workingDayCounter,
  type PendingObligation,
} from '../db/pending';
import { record } from '../db/record';
import { shippedCalendar } from '../domain/calendar';
import { addDays } from '../domain/dates';
import { computeDeadline, daysLeft, OBLIGATIONS } from '../domain/deadlines';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
const cal = shippedCalendar();
const TODAY = '2026-03-18';
let councilId: string;
let groupId: string;
const ids = { o1: '', o2: '', ao: '' };
const act: Record<string, string> = {};

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 6).padStart(2, '0')}:00:00Z`); // hour in Bishkek

async function append(actId: string, event: NewEvent): Promise<void> {
  await record(t.db, { stream: streams.act(actId), actor: 'test', events: [event] });
}

async function open(
  id: string,
  actKey: string,
  key: 'object-response' | 'executive-report',
  party: string,
  anchor: string,
  due?: string,
  group = groupId,
): Promise<void> {
  const dueDate = due ?? computeDeadline(key, anchor, cal).due;
  await append(act[actKey]!, {
    type: 'obligation.opened',
    payload: {
      obligationId: id,
      groupId: group,
      actId: act[actKey]!,
      key,
      clause: '4.3',
      party,
      anchorDate: anchor,
      dueDate,
    },
    occurredAt: at(anchor),
  });
}
const remind = (id: string, actKey: string, rung: string, date: string) =>
  append(act[actKey]!, {
    type: 'obligation.reminder-sent',
    payload: { obligationId: id, rung, recipients: ['x@example.kg'] },
    occurredAt: at(date, 9),
  });
const status = (id: string, actKey: string, s: 'met' | 'escalated' | 'closed' | 'cancelled', date: string) =>
  append(act[actKey]!, {
    type: 'obligation.status-changed',
    payload: { obligationId: id, status: s, reason: null },
    occurredAt: at(date),
  });
const respond = (
  responseId: string,
  actKey: string,
  obligationId: string,
  date: string,
  late: boolean,
  supersedes: string | null = null,
) =>
  append(act[actKey]!, {
    type: 'response.recorded',
    payload: {
      responseId,
      actId: act[actKey]!,
      obligationId,
      kind: 'object-response',
      submittedAt: at(date).toISOString(),
      late,
      body: 'Чаралар пландалды.',
      responder: 'object',
      supersedes,
    },
    occurredAt: at(date),
  });

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  const other = await openGroup(t.db, { councilId }, 'test');
  ids.o1 = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
  ids.o2 = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_institution', name: { ky: 'Мектеп', ru: 'Школа' }, emails: ['school@aksuu.kg'] },
      'test',
    )
  ).id;
  ids.ao = (
    await registerObject(
      t.db,
      { councilId, kind: 'executive_body', name: { ky: 'Айыл өкмөтү', ru: 'Айыл окмоту' }, emails: ['ao@aksuu.kg'] },
      'test',
    )
  ).id;
  const acts: [string, string, string][] = [
    ['a1', 'o1', groupId],
    ['a2', 'o2', groupId],
    ['a3', 'o1', groupId],
    ['a4', 'o2', groupId],
    ['a5', 'o1', groupId],
    ['a6', 'o1', groupId],
    ['x1', 'o1', other],
  ];
  for (const [key, object, group] of acts)
    act[key] = (
      await draftAct(
        t.db,
        { groupId: group, objectId: ids[object as 'o1'], draft: parseActDraft({ subject: `Акт ${key}` }) },
        'test',
      )
    ).id;

  // A: the answer to act 1, due Monday 16 March, reminded three times and escalated on the 17th; not answered.
  await open('A', 'a1', 'object-response', `object:${ids.o1}`, '2026-03-02');
  for (const [rung, date] of [
    ['due-3', '2026-03-11'],
    ['due-1', '2026-03-13'],
    ['due-0', '2026-03-16'],
  ])
    await remind('A', 'a1', rung!, date!);
  await status('A', 'a1', 'escalated', '2026-03-17');
  // B: the executive body's report on act 1: 30 calendar days, due 1 April.
  await open('B', 'a1', 'executive-report', 'executive-body', '2026-03-02');
  // C: the school's answer to act 2, received 10 March: 10 working days skip Orozo Ait, due 25 March.
  await open('C', 'a2', 'object-response', `object:${ids.o2}`, '2026-03-10');
  // D: the report on act 3, received 18 February: 30 days land on Orozo Ait (Friday 20 March) and move to Monday 23.
  await open('D', 'a3', 'executive-report', 'executive-body', '2026-02-18');
  // E: the answer to act 3, received 5 March, due Thursday 19 March: this week.
  await open('E', 'a3', 'object-response', `object:${ids.o1}`, '2026-03-05');
  // F: the school's answer to act 4, met on 10 March with an answer on time: recently closed.
  await open('F', 'a4', 'object-response', `object:${ids.o2}`, '2026-02-10');
  await respond('F-r1', 'a4', 'F', '2026-03-10', false);
  await status('F', 'a4', 'met', '2026-03-10');
  // G: answered on time in January, then amended late: closed long ago, on time in the record.
  await open('G', 'a5', 'object-response', `object:${ids.o1}`, '2026-01-12');
  await respond('G-r1', 'a5', 'G', '2026-01-20', false);
  await respond('G-r2', 'a5', 'G', '2026-02-20', true, 'G-r1');
  await status('G', 'a5', 'met', '2026-01-20');
  // I: answered late in February.
  await open('I', 'a6', 'object-response', `object:${ids.o1}`, '2026-01-26');
  await respond('I-r1', 'a6', 'I', '2026-02-27', true);
  await status('I', 'a6', 'met', '2026-02-27');
  // X: another group's obligation.
  await open('X', 'x1', 'object-response', `object:${ids.o1}`, '2026-03-02', undefined, other);
});
afterAll(async () => {
  await t?.drop();
});

const list = (filter?: Parameters<typeof pendingObligations>[1]['filter'], recentDays?: number) =>
  pendingObligations(t.db, {
    groupId,
    today: TODAY,
    calendar: cal,
    ...(filter ? { filter } : {}),
    ...(recentDays !== undefined ? { recentDays } : {}),
  });
const byId = (items: PendingObligation[], id: string) => items.find((i) => i.obligationId === id)!;

describe("the chair's pending list", () => {
  it('the due dates follow the rules of 4.3 on the 2026 calendar (the cases below rely on them)', () => {
    expect(
      ['2026-03-02', '2026-03-10', '2026-03-05'].map((d) => computeDeadline('object-response', d, cal).due),
    ).toEqual(['2026-03-16', '2026-03-25', '2026-03-19']);
    expect(computeDeadline('executive-report', '2026-02-18', cal)).toMatchObject({
      due: '2026-03-23',
      movedFrom: '2026-03-20',
    });
    expect(endOfWeek(TODAY)).toBe('2026-03-22');
  });

  it("lists overdue first, then open ones by due date, then those closed in the last 30 days, latest first; older ones and other groups' are left out", async () => {
    expect((await list()).map((i) => i.obligationId)).toEqual(['A', 'E', 'D', 'C', 'B', 'F', 'I']);
  });

  it('an overdue obligation shows its days overdue, the reminders and the escalation sent, and the act link', async () => {
    const a = byId(await list(), 'A');
    expect(a).toMatchObject({
      key: 'object-response',
      clause: '4.3',
      party: { id: `object:${ids.o1}`, name: { ky: 'Суу чарба', ru: 'Водхоз' } },
      status: 'escalated',
      open: true,
      anchorDate: '2026-03-02',
      dueDate: '2026-03-16',
      dueInstant: '2026-03-16T17:59:59.999Z',
      overdue: true,
      daysLeft: { unit: 'working', left: -2, working: -2, calendar: -2 },
      escalation: { sentAt: '2026-03-17T04:00:00.000Z' },
      act: { id: act.a1, path: `/acts/${act.a1}` },
      object: { id: ids.o1, kind: 'municipal_enterprise', isExecutiveBody: false },
      responses: [],
      closedAt: null,
    });
    expect(a.reminders.map((r) => r.rung)).toEqual(['due-3', 'due-1', 'due-0']);
    expect(a.title.en).toBe('Inform the executive body of the causes of the shortcomings and the measures planned');
  });

  it("counts days left in the rule's unit: working days for the object's answer, calendar days for the executive report", async () => {
    const items = await list();
    // C: 19, 23, 24, 25 March are working days; 20 (Orozo Ait), 21 and 22 are not.
    expect(byId(items, 'C').daysLeft).toEqual({ unit: 'working', left: 4, working: 4, calendar: 7 });
    expect(byId(items, 'D').daysLeft).toEqual({ unit: 'calendar', left: 5, working: 2, calendar: 5 });
    expect(byId(items, 'B').daysLeft).toMatchObject({ unit: 'calendar', left: 14 });
    expect(byId(items, 'E').daysLeft).toMatchObject({ unit: 'working', left: 1 });
    expect(items.filter((i) => i.open).every((i) => i.dueOnNonWorkingDay === null)).toBe(true);
  });

  it('the executive body is named as the party of its report', async () => {
    const b = byId(await list(), 'B');
    expect(b.party.id).toBe('executive-body');
    expect(b.party.role?.ru).toBe('Айыл окмоту — айылному кенешу');
  });

  it('a recently met obligation carries its closing time and its response link, and no days left; "recent" is a setting', async () => {
    const f = byId(await list(), 'F');
    expect(f).toMatchObject({
      status: 'met',
      open: false,
      overdue: false,
      daysLeft: null,
      closedAt: '2026-03-10T04:00:00.000Z',
    });
    expect(f.responses).toEqual([
      {
        id: 'F-r1',
        kind: 'object-response',
        submittedAt: '2026-03-10T04:00:00.000Z',
        late: false,
        supersedes: null,
        path: `/manage/acts/${act.a4}#response-F-r1`,
      },
    ]);
    expect((await list(undefined, 15)).map((i) => i.obligationId)).toEqual(['A', 'E', 'D', 'C', 'B', 'F']);
    expect((await list(undefined, 5)).map((i) => i.obligationId)).toEqual(['A', 'E', 'D', 'C', 'B']);
  });

  it('filters: overdue; due this week (to Sunday); by object', async () => {
    expect((await list('overdue')).map((i) => i.obligationId)).toEqual(['A']);
    expect((await list('due-this-week')).map((i) => i.obligationId)).toEqual(['E']);
    expect((await list({ objectId: ids.o2 })).map((i) => i.obligationId)).toEqual(['C', 'F']);
  });

  it('overdue is derived from today, never stored: the same rows a week earlier are not overdue', async () => {
    const earlier = await pendingObligations(t.db, { groupId, today: '2026-03-11', calendar: cal });
    expect(byId(earlier, 'A')).toMatchObject({ overdue: false, daysLeft: { unit: 'working', left: 3 } });
    expect(byId(earlier, 'A').dueThisWeek).toBe(false);
    const dueDay = await pendingObligations(t.db, { groupId, today: '2026-03-16', calendar: cal });
    expect(byId(dueDay, 'A')).toMatchObject({ overdue: false, dueThisWeek: true, daysLeft: { left: 0 } });
  });

  it("a due date that falls on a holiday (set before the day was declared off) is flagged with the holiday's name", async () => {
    const group = await openGroup(t.db, { councilId }, 'test');
    act.h = (await draftAct(t.db, { groupId: group, objectId: ids.ao, draft: parseActDraft({}) }, 'test')).id;
    await open('H', 'h', 'executive-report', 'executive-body', '2026-02-18', '2026-03-20', group);
    const [h] = await pendingObligations(t.db, { groupId: group, today: TODAY, calendar: cal });
    expect(h).toMatchObject({
      dueDate: '2026-03-20',
      dueOnNonWorkingDay: { reason: 'day-off', name: { ky: 'Орозо айт' } },
      daysLeft: { unit: 'calendar', left: 2 },
    });
  });

  it('the calendar comes from the shipped data plus the entries recorded in the database', async () => {
    await record(t.db, {
      stream: streams.calendar(councilId),
      actor: 'test',
      events: [
        {
          type: 'calendar.entry-set',
          payload: {
            councilId,
            date: '2026-03-24',
            entryType: 'day-off',
            name: { ky: 'Жергиликтүү майрам', ru: 'Местный праздник' },
            status: 'confirmed',
          },
        },
      ],
    });
    const calendar = await calendarForCouncil(t.db, councilId);
    expect(calendar.isWorkingDay('2026-03-24')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-20')).toBe(false);
    expect((await calendarForCouncil(t.db, null)).isWorkingDay('2026-03-24')).toBe(true);
    const c = byId(await pendingObligations(t.db, { groupId, today: TODAY, calendar }), 'C');
    expect(c.daysLeft).toMatchObject({ unit: 'working', left: 3, calendar: 7 });
  });
});

describe('days left on the list count as domain daysLeft does', () => {
  it('for both 4.3 rules, due dates across 2025-2027 and days up to three years before or after them', () => {
    let compared = 0;
    for (const key of ['object-response', 'executive-report'] as const) {
      for (let anchor = '2025-01-03'; anchor < '2027-12-01'; anchor = addDays(anchor, 29)) {
        const deadline = computeDeadline(key, anchor, cal);
        for (let offset = -400; offset <= 1100; offset += 71) {
          const today = addDays(deadline.due, offset);
          const { overdue: _overdue, ...expected } = daysLeft(deadline, today, cal);
          expect(
            daysLeftOn(OBLIGATIONS[key].rule, deadline.due, today, workingDayCounter(cal, [today, deadline.due])),
            `${key} ${anchor} on ${today}`,
          ).toEqual(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });
});

describe("an object's record of answers (4.3, for the summary reports of 8.1)", () => {
  it("counts answers on time, late, never, and those not yet due; an amendment does not change the first answer's timeliness", async () => {
    const r = (await objectRecord(t.db, ids.o1, { today: TODAY }))!;
    expect(r.answers.map((a) => [a.obligationId, a.outcome])).toEqual([
      ['G', 'on-time'],
      ['I', 'late'],
      ['A', 'never'],
      ['X', 'never'],
      ['E', 'pending'],
    ]);
    expect(r.counts).toEqual({ 'on-time': 1, late: 1, never: 2, pending: 1 });
    expect(r.answers.find((a) => a.obligationId === 'G')).toMatchObject({
      answeredOn: '2026-01-20',
      submissions: 2,
      actPath: `/acts/${act.a5}`,
    });
  });

  it('a reporting period limits the record by due date', async () => {
    const r = (await objectRecord(t.db, ids.o1, { today: TODAY, from: '2026-03-01', to: '2026-03-31' }))!;
    expect(r.answers.map((a) => a.obligationId)).toEqual(['A', 'X', 'E']);
  });

  it("the executive body's record holds its reports to the council (4.3(4))", async () => {
    const r = (await objectRecord(t.db, ids.ao, { today: TODAY }))!;
    expect(r.answers.map((a) => [a.obligationId, a.key, a.outcome])).toEqual([
      ['H', 'executive-report', 'pending'],
      ['D', 'executive-report', 'pending'],
      ['B', 'executive-report', 'pending'],
    ]);
    expect(await objectRecord(t.db, 'nope', { today: TODAY })).toBeUndefined();
  });
});
