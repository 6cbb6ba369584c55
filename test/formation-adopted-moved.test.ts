// Issue 14 points 3 and 4 on Temporal's real time-skipping test server, driven through the JSON API and the pages:
// a council decision recorded as adopted (5.4.5) with a composition that breaks 5.2.3(1) and the chair it names; the
// first meeting moved with a new 5.3.3 notice, a move too late for its notice, a first meeting without quorum (7.2.3)
// and a new one set past the 5.3.2 limit; and the hand-over to the group's term procedure after the first meeting.
// The council of Кара-Суу was formed on Friday 20 February 2026; the decision of Wednesday 18 March makes the first
// meeting due on Thursday 2 April (10 working days past Orozo Ait and Nooruz, 20 and 21 March).
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { unavailableEngine } from '../procedures/engine';
import { formationWorkflowId, type FormationState } from '../workflows/formation/contract';
import { termStateQuery, termWorkflowId } from '../workflows/term/contract';
import { saveHistory } from './support/history-fixtures';
import {
  CITIZENS,
  DEPUTIES,
  formationWorld,
  STAFF,
  useFormationRig,
  type FormationWorld,
  type TestPerson,
} from './support/formation-world';
import { requireServer, testServer } from './support/temporal-servers';

const withServer = requireServer(testServer(), 'formation: decision as adopted, first meeting moved');
const rig = useFormationRig();
const open: FormationWorld[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

async function world(): Promise<FormationWorld> {
  const w = await formationWorld(rig, '2026-02-24T04:00:00Z');
  open.push(w);
  return w;
}

async function post(w: FormationWorld, url: string, payload: unknown): Promise<LightMyRequestResponse> {
  const session = await w.as('staff');
  return w.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
  });
}
async function page(w: FormationWorld, url: string, staff = true): Promise<string> {
  const session = staff ? await w.as('staff') : null;
  const res = await w.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
  expect(res.statusCode, url).toBe(200);
  return res.body.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}
const stepUrl = (groupId: string, step: string, lang = 'en') => `/api/groups/${groupId}/formation/${step}?lang=${lang}`;
async function ok(w: FormationWorld, groupId: string, step: string, payload: unknown): Promise<unknown> {
  const res = await post(w, stepUrl(groupId, step), payload);
  expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  return res.json();
}
interface Refusal {
  status: number;
  problems: { field: string; rule: string; clause: string | null; message: string }[];
}
async function refusal(
  w: FormationWorld,
  groupId: string,
  step: string,
  payload: unknown,
  lang = 'en',
): Promise<Refusal> {
  const res = await post(w, stepUrl(groupId, step, lang), payload);
  const error = res.json<{
    error: { problems?: Refusal['problems']; field?: string; rule?: string; message: string };
  }>().error;
  return {
    status: res.statusCode,
    problems: error.problems ?? [{ field: error.field!, rule: error.rule!, clause: null, message: error.message }],
  };
}
async function state(w: FormationWorld, groupId: string): Promise<FormationState> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/groups/${groupId}/formation?lang=en`,
    headers: { cookie: (await w.as('staff')).cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FormationState>();
}

/** Start, notice, both lists and the gathering, each on time; then the decision's day (Wednesday 18 March, 14:00). */
async function nominate(
  w: FormationWorld,
  lists: { staff: TestPerson[]; deputies: TestPerson[]; citizens: (TestPerson & { votes: number })[] },
): Promise<string> {
  const session = await w.as('staff');
  const started = await w.app.inject({
    method: 'POST',
    url: `/api/councils/${w.councilId}/formations?lang=en`,
    payload: { formedOn: '2026-02-20' },
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': `adopted-${w.councilId}` },
  });
  expect(started.statusCode, started.body).toBe(201);
  const groupId = started.json<{ groupId: string }>().groupId;
  await w.engine.advanceTo('2026-03-05T05:00:00Z');
  await ok(w, groupId, 'formation-notice', { publishedOn: '2026-03-05', channels: ['website'] });
  await w.engine.advanceTo('2026-03-12T05:00:00Z');
  await ok(w, groupId, 'staff-candidates', { submittedOn: '2026-03-12', candidates: lists.staff });
  await ok(w, groupId, 'deputy-members', { approvedOn: '2026-03-12', deputies: lists.deputies });
  await w.engine.advanceTo('2026-03-14T09:00:00Z');
  await ok(w, groupId, 'gathering', {
    heldOn: '2026-03-14',
    protocolRef: '№ 1',
    participants: 90,
    candidates: lists.citizens,
  });
  await w.engine.advanceTo('2026-03-18T08:00:00Z');
  return groupId;
}

const SEVEN = { staff: STAFF, deputies: DEPUTIES, citizens: CITIZENS };

/** The decision, the meeting on Friday 27 March at 10:00 and its notice on Monday 23 March. */
async function decidedAndNoticed(w: FormationWorld, groupId: string): Promise<void> {
  await ok(w, groupId, 'decision', { decidedOn: '2026-03-18', resolutionNumber: '7-1' });
  await w.engine.advanceTo('2026-03-19T05:00:00Z');
  expect(
    await ok(w, groupId, 'meeting', { date: '2026-03-27', time: '10:00', place: 'Кара-Суу, айыл өкмөтү' }),
  ).toMatchObject({ creationNoticeDue: '2026-03-24', warnings: [] });
  await w.engine.advanceTo('2026-03-23T05:00:00Z');
  await ok(w, groupId, 'creation-notice', { publishedOn: '2026-03-23', channels: ['website'] });
}

async function meetings(groupId: string) {
  return rig.database.db
    .selectFrom('meetings')
    .select(['id', 'scheduled_on', 'status', 'present_count', 'cancel_reason'])
    .where('group_id', '=', groupId)
    .orderBy('id')
    .execute();
}

describe.skipIf(!withServer)('formation: the decision as adopted, the first meeting moved, the hand-over', () => {
  it(
    "a decision adopted with a composition that breaks 5.2.3(1) and naming the chair is recorded as such, shown on the staff and public pages; after the first meeting the group's term procedure runs",
    { timeout: 300_000 },
    async () => {
      const w = await world();
      // 9 members: one municipal employee where 5.2.3(1) asks for 2 (a quarter of 9, rounded down).
      const groupId = await nominate(w, {
        staff: [STAFF[0]!],
        deputies: [...DEPUTIES, { fullName: 'Абдыкадырова Нургүл', sex: 'F', birthDate: '1979', village: 'Кара-Суу' }],
        citizens: [
          ...CITIZENS,
          { fullName: 'Садыкова Айзат', sex: 'F', birthDate: '1985', village: 'Кара-Суу', votes: 50 },
          { fullName: 'Токтосунов Азамат', sex: 'M', birthDate: '1979', village: 'Кара-Суу', votes: 47 },
        ],
      });
      expect((await state(w, groupId)).composition?.ok).toBe(false);

      // Bad input is still refused, with nothing written: a chair who is not a candidate.
      const stranger = await refusal(w, groupId, 'decision', {
        decidedOn: '2026-03-18',
        resolutionNumber: '7-1',
        chair: { fullName: 'Бекова Асель' },
      });
      expect([stranger.status, stranger.problems.map((p) => [p.field, p.rule, p.clause])]).toEqual([
        400,
        [['chair', 'chair-not-candidate', '5.4.6']],
      ]);

      const decided = (await ok(w, groupId, 'decision', {
        decidedOn: '2026-03-18',
        resolutionNumber: '7-1',
        chair: { fullName: 'Сыдыкова Жамила' },
      })) as { violations: { code: string; clause: string; message: { en: string } }[] };
      expect(decided).toMatchObject({
        termEnd: '2030-03-18',
        firstMeetingDue: '2026-04-02',
        chair: 'Сыдыкова Жамила',
        violations: [{ code: 'municipal-employees-below-quota', clause: '5.2.3(1)' }],
      });
      expect(decided.violations).toHaveLength(1);
      const s = await state(w, groupId);
      expect(s.decision).toMatchObject({
        resolutionNumber: '7-1',
        violations: [{ code: 'municipal-employees-below-quota', clause: '5.2.3(1)' }],
        chair: { fullName: 'Сыдыкова Жамила' },
      });
      // The group's record: the group.created fact with the violation, the chair's role from the decision.
      const created = await rig.database.db
        .selectFrom('events')
        .select('payload')
        .where('stream_id', '=', `group-${groupId}`)
        .where('type', '=', 'group.created')
        .executeTakeFirstOrThrow();
      expect(created.payload).toMatchObject({
        chairNamed: 'Сыдыкова Жамила',
        violations: [{ code: 'municipal-employees-below-quota', clause: '5.2.3(1)' }],
      });
      const staffPage = await page(w, `/manage/groups/${groupId}/formation?lang=en`);
      expect(staffPage).toContain('Adopted with a composition that does not meet 5.2.3(1)');
      expect(staffPage).toContain("Сыдыкова Жамила: chair named by the council's decision");
      const publicPages = await Promise.all(
        (['en', 'ru', 'ky'] as const).map((lang) => page(w, `/groups/${groupId}/composition?lang=${lang}`, false)),
      );
      expect(publicPages[0]).toContain('adopted with a composition that does not meet 5.2.3(1)');
      expect(publicPages[1]).toContain('принято с составом, не соответствующим 5.2.3(1)');
      expect(publicPages[2]).toContain('5.2.3(1) талаптарына жооп бербеген курам менен кабыл алынган');
      expect(publicPages[0]).toContain("The chair was named by the council's decision: Сыдыкова Жамила");
      expect(publicPages[0]).not.toMatch(/0555|1980|b\.asanov/);

      await w.engine.advanceTo('2026-03-19T05:00:00Z');
      await ok(w, groupId, 'meeting', { date: '2026-03-27', time: '10:00', place: 'Кара-Суу, айыл өкмөтү' });
      await w.engine.advanceTo('2026-03-23T05:00:00Z');
      await ok(w, groupId, 'creation-notice', { publishedOn: '2026-03-23', channels: ['website'] });
      await w.engine.advanceTo('2026-03-27T07:00:00Z');
      const sydykova = s.candidates.find((c) => c.fullName === 'Сыдыкова Жамила')!;
      const elected = await refusal(w, groupId, 'first-meeting', {
        heldOn: '2026-03-27',
        present: 6,
        chairElection: { candidateId: sydykova.candidateId, votesFor: 6, votesAgainst: 0, abstained: 0 },
      });
      expect(elected.problems.map((p) => [p.field, p.rule, p.clause])).toEqual([
        ['chairElection', 'chair-named-by-decision', '5.4.5'],
      ]);
      expect(await ok(w, groupId, 'first-meeting', { heldOn: '2026-03-27', present: 6 })).toEqual({
        groupId,
        createdOn: '2026-03-18',
        resolutionNumber: '7-1',
        termEnd: '2030-03-18',
        chair: 'Сыдыкова Жамила',
        members: 9,
        firstMeetingOn: '2026-03-27',
      });
      const chairs = await rig.database.db
        .selectFrom('memberships')
        .innerJoin('persons', 'persons.id', 'memberships.person_id')
        .select('persons.full_name')
        .where('memberships.group_id', '=', groupId)
        .where('memberships.role', '=', 'chair')
        .execute();
      expect(chairs).toEqual([{ full_name: 'Сыдыкова Жамила' }]);

      // The hand-over (5.3.1): the formation completed and the group's term procedure runs with its members.
      const formation = w.engine.client.workflow.getHandle(formationWorkflowId(groupId));
      await formation.result();
      // The finished formation's staff page still says how the decision was adopted and who named the chair.
      const finished = await page(w, `/manage/groups/${groupId}/formation?lang=ru`);
      expect(finished).toContain('Принято с составом, не соответствующим 5.2.3(1)');
      expect(finished).toContain('Сыдыкова Жамила: назначен(а) решением кенеша; на первом заседании присутствовало 6');
      // Without the engine the page is read from the group's record, and says the same.
      const away = buildApp({
        db: rig.database.db,
        config: loadConfig({}),
        clock: () => w.engine.now(),
        engine: unavailableEngine,
      });
      try {
        const res = await away.inject({
          method: 'GET',
          url: `/manage/groups/${groupId}/formation?lang=en`,
          headers: { cookie: (await w.as('staff')).cookie },
        });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('adopted with a composition that does not meet 5.2.3(1)');
        expect(res.body.replace(/&#39;/g, "'")).toContain(
          "The chair was named by the council's decision: Сыдыкова Жамила",
        );
      } finally {
        await away.close();
      }
      const term = w.engine.client.workflow.getHandle(termWorkflowId(groupId));
      expect((await term.describe()).status.name).toBe('RUNNING');
      const termState = await term.query(termStateQuery);
      expect(termState).toMatchObject({
        groupId,
        status: 'active',
        termStart: '2026-03-18',
        termEnd: '2030-03-18',
        chairMembershipId: sydykova.candidateId.replace('/candidate-', '/member-'),
      });
      expect(termState.members).toHaveLength(9);
      await saveHistory(await w.engine.history(formationWorkflowId(groupId)), 'formation-adopted-with-violation');
    },
  );

  it(
    'the first meeting moved before it is held: a move too late for its notice is refused with the earliest date, a later one gets a new notice; a move after the meeting is held is refused naming the field and rule',
    { timeout: 300_000 },
    async () => {
      const w = await world();
      const groupId = await nominate(w, SEVEN);
      await decidedAndNoticed(w, groupId);

      // Wednesday 25 March: Thursday 26 March needs its notice by Monday 23 March (3 working days before).
      await w.engine.advanceTo('2026-03-25T05:00:00Z');
      const tooLate = await refusal(w, groupId, 'move-first-meeting', {
        date: '2026-03-26',
        time: '10:00',
        place: 'Кара-Суу, маданият үйү',
      });
      expect([tooLate.status, tooLate.problems.map((p) => [p.field, p.rule, p.clause])]).toEqual([
        400,
        [['date', 'too-late-for-notice', '5.3.3']],
      ]);
      expect(tooLate.problems[0]!.message).toBe(
        'too late for 26.03.2026: a new notice is due 3 working days before it, by 23.03.2026; the earliest date that allows it is 28.03.2026',
      );
      const ru = await refusal(
        w,
        groupId,
        'move-first-meeting',
        { date: '2026-03-26', time: '10:00', place: 'Кара-Суу, маданият үйү' },
        'ru',
      );
      expect(ru.problems[0]!.message).toContain('самая ранняя возможная дата — 28.03.2026');
      const noPlace = await refusal(w, groupId, 'move-first-meeting', { date: '2026-03-31', time: '10:00' });
      expect([noPlace.status, noPlace.problems[0]!.field]).toEqual([400, 'place']);

      expect(
        await ok(w, groupId, 'move-first-meeting', {
          date: '2026-03-31',
          time: '15:00',
          place: 'Кара-Суу, маданият үйү',
          reason: 'the hall is under repair',
        }),
      ).toEqual({
        meetingId: `${groupId}/meeting-2`,
        creationNoticeDue: '2026-03-26',
        warnings: [],
        late: false,
      });
      let s = await state(w, groupId);
      expect(s.step).toBe('creation-notice');
      expect(s.creationNotice).toBeNull();
      expect(s.meeting).toMatchObject({ date: '2026-03-31', time: '15:00', place: 'Кара-Суу, маданият үйү' });
      expect(s.earlierMeetings).toMatchObject([
        {
          date: '2026-03-27',
          notice: { publishedOn: '2026-03-23' },
          outcome: { kind: 'moved', on: '2026-03-25', reason: 'the hall is under repair' },
        },
      ]);
      // The first meeting cannot be recorded before the new notice.
      expect((await refusal(w, groupId, 'first-meeting', { heldOn: '2026-03-25', present: 6 })).problems[0]!.rule).toBe(
        'creation-notice-missing',
      );

      await w.engine.advanceTo('2026-03-26T05:00:00Z');
      const notice = (await ok(w, groupId, 'creation-notice', {
        publishedOn: '2026-03-26',
        channels: ['website', 'notice_board'],
      })) as { noticeId: string; text: { ru: string } };
      expect(notice.noticeId).toBe(`creation-notice-${groupId}-2`);
      expect(notice.text.ru).toContain('31.03.2026');
      const staffPage = await page(w, `/manage/groups/${groupId}/formation?lang=en`);
      expect(staffPage).toContain(
        '27.03.2026 10:00, Кара-Суу, айыл өкмөтү: moved on 25.03.2026 (the hall is under repair)',
      );

      await w.engine.advanceTo('2026-03-31T10:00:00Z');
      s = await state(w, groupId);
      const sydykova = s.candidates.find((c) => c.fullName === 'Сыдыкова Жамила')!;
      await ok(w, groupId, 'first-meeting', {
        heldOn: '2026-03-31',
        present: 6,
        chairElection: { candidateId: sydykova.candidateId, votesFor: 6, votesAgainst: 0, abstained: 0 },
      });
      s = await state(w, groupId);
      expect(s.obligations.map((o) => [o.obligationId.slice(groupId.length + 1), o.due, o.fulfilled])).toEqual([
        ['formation-notice', '2026-03-23', { on: '2026-03-05', late: false }],
        ['staff-candidates', '2026-03-27', { on: '2026-03-12', late: false }],
        ['deputy-members', '2026-03-27', { on: '2026-03-12', late: false }],
        ['first-meeting', '2026-04-02', { on: '2026-03-31', late: false }],
        ['creation-notice', '2026-03-24', { on: '2026-03-23', late: false }],
        ['creation-notice-2', '2026-03-26', { on: '2026-03-26', late: false }],
      ]);
      expect(await meetings(groupId)).toEqual([
        {
          id: `${groupId}/meeting-1`,
          scheduled_on: '2026-03-27',
          status: 'cancelled',
          present_count: null,
          cancel_reason: '5.3.3: moved to 2026-03-31 15:00, Кара-Суу, маданият үйү (the hall is under repair)',
        },
        {
          id: `${groupId}/meeting-2`,
          scheduled_on: '2026-03-31',
          status: 'held',
          present_count: 6,
          cancel_reason: null,
        },
      ]);
      const notices = await rig.database.db
        .selectFrom('notices')
        .select('kind')
        .where('group_id', '=', groupId)
        .where('kind', '=', 'creation-notice')
        .execute();
      expect(notices).toHaveLength(2);
      await w.engine.client.workflow.getHandle(formationWorkflowId(groupId)).result();
      // A move after the meeting was held: refused naming the field and the rule, nothing written.
      const events = await rig.database.db.selectFrom('events').select('position').execute();
      const after = await refusal(
        w,
        groupId,
        'move-first-meeting',
        { date: '2026-04-10', time: '10:00', place: 'x' },
        'ru',
      );
      expect([after.status, after.problems.map((p) => [p.field, p.rule, p.clause])]).toEqual([
        400,
        [['meeting', 'meeting-already-held', '5.4.6']],
      ]);
      expect(after.problems[0]!.message).toBe('первое заседание проведено 31.03.2026 и записано: его нельзя перенести');
      expect(await rig.database.db.selectFrom('events').select('position').execute()).toHaveLength(events.length);
      await saveHistory(await w.engine.history(formationWorkflowId(groupId)), 'formation-first-meeting-moved');
    },
  );

  it(
    'a first meeting held without quorum is recorded as such and a new one set past the 5.3.2 limit, shown as late; the new notice and the quorate meeting complete the formation',
    { timeout: 300_000 },
    async () => {
      const w = await world();
      const groupId = await nominate(w, SEVEN);
      await decidedAndNoticed(w, groupId);
      await w.engine.advanceTo('2026-03-27T09:00:00Z');
      const noQuorum = await refusal(w, groupId, 'first-meeting', {
        heldOn: '2026-03-27',
        present: 3,
        chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 3, votesAgainst: 0, abstained: 0 },
      });
      expect(noQuorum.problems.map((p) => [p.field, p.rule, p.clause])).toEqual([['present', 'no-quorum', '7.2.3']]);
      expect(noQuorum.problems[0]!.message).toContain('record a meeting without quorum as such');

      const quorate = await refusal(w, groupId, 'move-first-meeting', {
        date: '2026-04-07',
        time: '10:00',
        place: 'Кара-Суу, айыл өкмөтү',
        withoutQuorum: { heldOn: '2026-03-27', present: 4 },
      });
      expect(quorate.problems.map((p) => [p.field, p.rule, p.clause])).toEqual([
        ['withoutQuorum.present', 'quorum-met', '7.2.3'],
      ]);
      // Through the staff page's form, as staff do it: the step's form is on the page while the meeting is ahead.
      const before = await page(w, `/manage/groups/${groupId}/formation?lang=en`);
      expect(before).toContain('Move the first meeting (or record it held without quorum)');
      const session = await w.as('staff');
      const form = await w.app.inject({
        method: 'POST',
        url: `/manage/groups/${groupId}/formation/move-first-meeting?lang=en`,
        payload: new URLSearchParams([
          ['_csrf', session.csrf],
          ['date', '2026-04-07'],
          ['time', '10:00'],
          ['place', 'Кара-Суу, айыл өкмөтү'],
          ['reason', ''],
          ['withoutQuorum', 'yes'],
          ['heldOn', '2026-03-27'],
          ['present', '3'],
        ]).toString(),
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.statusCode, form.body).toBe(303);
      const moved = await state(w, groupId);
      expect(moved.meeting).toMatchObject({
        meetingId: `${groupId}/meeting-2`,
        date: '2026-04-07',
        late: true,
        warnings: [
          {
            ky: 'биринчи жыйналыш 02.04.2026 күнүнө чейин өтүшү керек (5.3.2, чечимден кийин 10 жумуш күнү); 07.04.2026 — кечигүү менен',
            ru: 'первое заседание нужно провести до 02.04.2026 (5.3.2, 10 рабочих дней после решения); 07.04.2026 — с опозданием',
            en: 'the first meeting is due by 02.04.2026 (5.3.2, 10 working days from the decision); 07.04.2026 is late',
          },
        ],
      });
      expect(moved.obligations.find((o) => o.obligationId === `${groupId}/creation-notice-2`)?.due).toBe('2026-04-02');
      let s = await state(w, groupId);
      expect(s.step).toBe('creation-notice');
      expect(s.earlierMeetings).toMatchObject([
        { date: '2026-03-27', outcome: { kind: 'no-quorum', heldOn: '2026-03-27', present: 3, total: 7 } },
      ]);
      const staffPage = await page(w, `/manage/groups/${groupId}/formation?lang=en`);
      expect(staffPage).toContain('held on 27.03.2026 without quorum (3/7, 7.2.3)');
      expect(staffPage).toContain('late: the last day under 5.3.2 is 02.04.2026');

      await w.engine.advanceTo('2026-04-01T05:00:00Z');
      await ok(w, groupId, 'creation-notice', { publishedOn: '2026-04-01', channels: ['website'] });
      await w.engine.advanceTo('2026-04-07T08:00:00Z');
      expect(
        await ok(w, groupId, 'first-meeting', {
          heldOn: '2026-04-07',
          present: 5,
          chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 5, votesAgainst: 0, abstained: 0 },
        }),
      ).toMatchObject({ chair: 'Сыдыкова Жамила', firstMeetingOn: '2026-04-07' });
      s = await state(w, groupId);
      expect(s.obligations.find((o) => o.key === 'first-meeting')?.fulfilled).toEqual({ on: '2026-04-07', late: true });
      expect(await meetings(groupId)).toEqual([
        {
          id: `${groupId}/meeting-1`,
          scheduled_on: '2026-03-27',
          status: 'held',
          present_count: 3,
          cancel_reason: null,
        },
        {
          id: `${groupId}/meeting-2`,
          scheduled_on: '2026-04-07',
          status: 'held',
          present_count: 5,
          cancel_reason: null,
        },
      ]);
      await w.engine.client.workflow.getHandle(formationWorkflowId(groupId)).result();
      expect((await w.engine.client.workflow.getHandle(termWorkflowId(groupId)).describe()).status.name).toBe(
        'RUNNING',
      );
      await saveHistory(await w.engine.history(formationWorkflowId(groupId)), 'formation-first-meeting-no-quorum');
    },
  );
});
