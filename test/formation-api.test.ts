// The formation procedure over the JSON API (issue 6), on real Postgres with Temporal's real time-skipping test
// server (one per test, its clock starting on the test's first instant and also the app's clock): the real workflow
// code on a real worker with the real activities. The council of Кара-Суу was formed on Friday
// 20 February 2026. Its 5.4.1 notice is due 1 month later: Friday 20 March is Orozo Ait, Saturday 21 March Nooruz,
// then Sunday, so it moves to Monday 23 March. From the notice of Thursday 5 March, 15 working days (skipping the
// weekends, 8 March and the holidays) end on Friday 27 March; from the decision of Wednesday 18 March the first
// meeting is due within 10 working days, on Thursday 2 April; a meeting on Friday 27 March needs its notice by
// Tuesday 24 March.
import { afterEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../api/build-app';
import { EngineUnavailableError, unavailableEngine, type ProcedureEngine } from '../procedures/engine';
import { loadConfig } from '../config/config';
import { formationWorkflowId, type FormationState } from '../workflows/formation/contract';
import { countRows } from './support/db-dump';
import {
  CITIZENS,
  DEPUTIES,
  formationWorld,
  STAFF,
  useFormationRig,
  type FormationWorld,
  type Who,
} from './support/formation-world';
import { requireServer, testServer } from './support/temporal-servers';

// Every test runs on its own time-skipping test server: without one the file is skipped (under CI=true it fails).
const withServer = requireServer(testServer(), 'formation API');
const rig = useFormationRig();
const open: FormationWorld[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

async function world(start: string, wrap?: Parameters<typeof formationWorld>[2]): Promise<FormationWorld> {
  const w = await formationWorld(rig, start, wrap);
  open.push(w);
  return w;
}

async function post(
  w: FormationWorld,
  who: Who | null,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const session = who ? await w.as(who) : null;
  return w.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...headers, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
  });
}

async function get(w: FormationWorld, who: Who | null, url: string): Promise<LightMyRequestResponse> {
  const session = who ? await w.as(who) : null;
  return w.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

const withoutVotes = ({ votes: _votes, ...person }: (typeof CITIZENS)[number]) => person;
const stepUrl = (groupId: string, step: string, lang = 'en') => `/api/groups/${groupId}/formation/${step}?lang=${lang}`;

async function startGroup(w: FormationWorld, formedOn = '2026-02-20', key = 'karasuu-formation-2026'): Promise<string> {
  const res = await post(
    w,
    'staff',
    `/api/councils/${w.councilId}/formations?lang=en`,
    { formedOn },
    { 'idempotency-key': key },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ groupId: string }>().groupId;
}

async function ok(w: FormationWorld, groupId: string, step: string, payload: unknown): Promise<unknown> {
  const res = await post(w, 'staff', stepUrl(groupId, step), payload);
  expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  return res.json();
}

async function state(w: FormationWorld, groupId: string, who: Who = 'staff'): Promise<FormationState> {
  const res = await get(w, who, `/api/groups/${groupId}/formation?lang=en`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FormationState>();
}

describe.skipIf(!withServer)('POST /api/councils/:councilId/formations', () => {
  it('opens the group and starts its procedure once; the same Idempotency-Key gives the same group, another key a 409 naming the formation in progress', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const first = await post(
      w,
      'staff',
      `/api/councils/${w.councilId}/formations`,
      { formedOn: '2026-02-20' },
      { 'idempotency-key': 'form-nonce-0001' },
    );
    expect(first.statusCode).toBe(201);
    const { groupId, workflowId, procedure } = first.json<{ groupId: string; workflowId: string; procedure: string }>();
    expect([workflowId, procedure]).toEqual([formationWorkflowId(groupId), 'started']);

    const again = await post(
      w,
      'staff',
      `/api/councils/${w.councilId}/formations`,
      { formedOn: '2026-02-20' },
      { 'idempotency-key': 'form-nonce-0001' },
    );
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ groupId, workflowId, procedure: 'already-started' });
    const groups = await rig.database.db
      .selectFrom('groups')
      .select(['id', 'status', 'council_formed_on'])
      .where('council_id', '=', w.councilId)
      .execute();
    expect(groups).toEqual([{ id: groupId, status: 'forming', council_formed_on: '2026-02-20' }]);
    expect(w.engine.workflowIds).toEqual([workflowId]);

    const other = await post(
      w,
      'staff',
      `/api/councils/${w.councilId}/formations?lang=ru`,
      { formedOn: '2026-02-20' },
      { 'idempotency-key': 'form-nonce-0002' },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({
      error: { code: 'conflict', problems: [{ field: 'councilId', rule: 'formation-in-progress', clause: null }] },
    });
    expect(other.json<{ error: { problems: { message: string }[] } }>().error.problems[0]!.message).toContain(
      `группа ${groupId}`,
    );

    const reused = await post(
      w,
      'staff',
      `/api/councils/${w.councilId}/formations?lang=en`,
      { formedOn: '2026-02-19' },
      { 'idempotency-key': 'form-nonce-0001' },
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({
      error: { code: 'conflict', problems: [{ field: 'formedOn', rule: 'idempotency-key-reused' }] },
    });
    expect(
      await rig.database.db.selectFrom('groups').select('id').where('council_id', '=', w.councilId).execute(),
    ).toHaveLength(1);
  });

  it('refuses a date that is not one or is in the future (400 naming formedOn) and unknown fields; staff of another council, deputies and visitors get 403/401', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const url = `/api/councils/${w.councilId}/formations?lang=en`;
    const bad = await post(w, 'staff', url, { formedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid-input', field: 'formedOn', rule: 'date' } });
    const future = await post(w, 'staff', url, { formedOn: '2026-03-01' });
    expect(future.json()).toMatchObject({ error: { code: 'invalid-input', field: 'formedOn', rule: 'range' } });
    const unknown = await post(w, 'staff', url, { formedOn: '2026-02-20', groupName: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { field: 'groupName', rule: 'unknown-property' } });
    expect((await post(w, 'foreignStaff', url, { formedOn: '2026-02-20' })).statusCode).toBe(403);
    expect((await post(w, 'deputy', url, { formedOn: '2026-02-20' })).statusCode).toBe(403);
    expect((await post(w, null, url, { formedOn: '2026-02-20' })).statusCode).toBe(401);
    expect(
      await rig.database.db.selectFrom('groups').select('id').where('council_id', '=', w.councilId).execute(),
    ).toEqual([]);
  });

  it('without the engine: 503 engine-unavailable and nothing written, for the start, every step and the state', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const app = buildApp({
      db: rig.database.db,
      config: loadConfig({}),
      clock: () => w.engine.now(),
      engine: unavailableEngine,
    });
    try {
      const session = await w.as('staff');
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
      const before = {
        events: await countRows(rig.database.db, 'events'),
        groups: await countRows(rig.database.db, 'groups'),
      };
      const start = await app.inject({
        method: 'POST',
        url: `/api/councils/${w.councilId}/formations?lang=ky`,
        payload: { formedOn: '2026-02-20' },
        headers: { ...headers, 'idempotency-key': 'no-engine-0001' },
      });
      expect(start.statusCode).toBe(503);
      expect(start.json()).toMatchObject({ error: { code: 'engine-unavailable' } });
      expect(start.json<{ error: { message: string } }>().error.message).toContain('Temporal');
      const groupId = await startGroup(w);
      const mid = {
        events: await countRows(rig.database.db, 'events'),
        groups: await countRows(rig.database.db, 'groups'),
      };
      expect(mid.groups).toBe(before.groups + 1);
      const step = await app.inject({
        method: 'POST',
        url: stepUrl(groupId, 'formation-notice'),
        payload: { publishedOn: '2026-02-24', channels: ['website'] },
        headers,
      });
      expect(step.statusCode).toBe(503);
      expect(step.json()).toMatchObject({ error: { code: 'engine-unavailable' } });
      const read = await app.inject({
        method: 'GET',
        url: `/api/groups/${groupId}/formation`,
        headers: { cookie: session.cookie },
      });
      expect(read.statusCode).toBe(503);
      const dueInMarch: unknown = expect.stringMatching(/^2026-03-2\d$/);
      // The database's record of the formation is still read: the 5.4.1 obligation with its due date.
      const recorded = await app.inject({
        method: 'GET',
        url: `/api/groups/${groupId}/formation/record`,
        headers: { cookie: session.cookie },
      });
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toMatchObject({
        groupId,
        status: 'forming',
        obligations: [{ key: 'formation-notice', clause: '5.4.1', status: 'open', due: dueInMarch }],
      });
      expect({
        events: await countRows(rig.database.db, 'events'),
        groups: await countRows(rig.database.db, 'groups'),
      }).toEqual(mid);
    } finally {
      await app.close();
    }
  });

  it('a start that failed after the group was opened: the retry opens nothing new and starts the procedure; /formation/start does it for the group', async () => {
    let failNext = true;
    const w = await world('2026-02-24T04:00:00Z', (engine): ProcedureEngine => ({
      available: () => engine.available(),
      start: (...args) => {
        if (failNext) {
          failNext = false;
          // The server went away between the availability check and the start, as a network drop would.
          return Promise.reject(new EngineUnavailableError('connection lost'));
        }
        return engine.start(...args);
      },
      update: (...args) => engine.update(...args),
      query: (...args) => engine.query(...args),
      signal: (...args) => engine.signal(...args),
    }));
    const url = `/api/councils/${w.councilId}/formations?lang=en`;
    const failed = await post(w, 'staff', url, { formedOn: '2026-02-20' }, { 'idempotency-key': 'retry-key-0001' });
    expect(failed.statusCode).toBe(503);
    const [group] = await rig.database.db
      .selectFrom('groups')
      .select('id')
      .where('council_id', '=', w.councilId)
      .execute();
    expect(group).toBeDefined();
    expect((await get(w, 'staff', `/api/groups/${group!.id}/formation`)).statusCode).toBe(404);

    const restart = await post(w, 'staff', `/api/groups/${group!.id}/formation/start?lang=en`, {});
    expect(restart.statusCode, restart.body).toBe(200);
    expect(restart.json()).toEqual({
      groupId: group!.id,
      workflowId: formationWorkflowId(group!.id),
      procedure: 'started',
    });
    const retried = await post(w, 'staff', url, { formedOn: '2026-02-20' }, { 'idempotency-key': 'retry-key-0001' });
    expect(retried.json()).toEqual({
      groupId: group!.id,
      workflowId: formationWorkflowId(group!.id),
      procedure: 'already-started',
    });
    expect(
      await rig.database.db.selectFrom('groups').select('id').where('council_id', '=', w.councilId).execute(),
    ).toHaveLength(1);
    expect((await state(w, group!.id)).step).toBe('formation-notice');
  });
});

describe.skipIf(!withServer)('the formation step by step: /api/groups/:groupId/formation/<step>', () => {
  it('drives start → notice → lists → gathering → decision → meeting → creation notice → first meeting to handed-over, with deadlines around Orozo Ait and Nooruz', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const groupId = await startGroup(w);
    let s = await state(w, groupId);
    expect([s.step, s.formedOn, s.today]).toEqual(['formation-notice', '2026-02-20', '2026-02-24']);
    expect(s.obligations.map((o) => [o.key, o.clause, o.due])).toEqual([['formation-notice', '5.4.1', '2026-03-23']]);

    await w.engine.advanceTo('2026-03-05T05:00:00Z');
    const notice = (await ok(w, groupId, 'formation-notice', {
      publishedOn: '2026-03-05',
      channels: ['website', 'notice_board'],
    })) as { noticeId: string; text: { ky: string; ru: string } };
    expect(notice.noticeId).toBe(`formation-notice-${groupId}`);
    expect(notice.text.ru.length).toBeGreaterThan(20);

    // A step done twice: 409 with the problem, its clause and the words in the request's language.
    const twice = await post(w, 'staff', stepUrl(groupId, 'formation-notice', 'ru'), {
      publishedOn: '2026-03-05',
      channels: ['website'],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      error: {
        code: 'step-conflict',
        problems: [{ field: 'formationNotice', rule: 'already-published', clause: '5.4.1' }],
      },
    });
    expect(twice.json<{ error: { problems: { message: string }[] } }>().error.problems[0]!.message).toBe(
      'объявление уже опубликовано 05.03.2026',
    );

    s = await state(w, groupId);
    expect(s.step).toBe('nominations');
    expect(s.obligations.map((o) => [o.key, o.due, o.fulfilled])).toEqual([
      ['formation-notice', '2026-03-23', { on: '2026-03-05', late: false }],
      ['staff-candidates', '2026-03-27', null],
      ['deputy-members', '2026-03-27', null],
    ]);

    await w.engine.advanceTo('2026-03-12T05:00:00Z');
    const staff = (await ok(w, groupId, 'staff-candidates', { submittedOn: '2026-03-12', candidates: STAFF })) as {
      fullName: string;
      source: string;
    }[];
    expect(staff.map((c) => [c.fullName, c.source])).toEqual([
      ['Асанов Бакыт', 'executive_head'],
      ['Токтогулова Айгүл', 'executive_head'],
    ]);
    await ok(w, groupId, 'deputy-members', { approvedOn: '2026-03-12', deputies: DEPUTIES });

    // The decision before any gathering: refused, naming what is missing (5.4.4); the composition's quota is never a
    // reason to refuse (5.4.5: a decision is recorded as adopted, with its violations).
    const early = await post(w, 'staff', stepUrl(groupId, 'decision'), {
      decidedOn: '2026-03-12',
      resolutionNumber: '7-1',
    });
    expect(early.statusCode).toBe(400);
    const earlyProblems = early.json<{ error: { problems: { rule: string; clause: string | null }[] } }>().error
      .problems;
    expect(earlyProblems).toContainEqual(expect.objectContaining({ rule: 'gathering-missing', clause: '5.4.4' }));
    expect(earlyProblems.some((p) => p.rule.startsWith('composition:'))).toBe(false);

    await w.engine.advanceTo('2026-03-14T09:00:00Z'); // a Saturday gathering
    const protocol = (await ok(w, groupId, 'gathering', {
      heldOn: '2026-03-14',
      protocolRef: '№ 1',
      place: 'Кара-Суу, маданият үйү',
      participants: 90,
      candidates: CITIZENS,
    })) as {
      results: { fullName: string; elected: boolean }[];
    };
    expect(protocol.results.filter((r) => !r.elected).map((r) => r.fullName)).toEqual(['Бекова Асель']);
    s = await state(w, groupId);
    expect(s.candidates).toHaveLength(7);
    expect(s.composition?.ok).toBe(true);
    expect(s.candidates.find((c) => c.fullName === 'Асанов Бакыт')).toMatchObject({
      phone: '+996555123456',
      email: 'b.asanov@karasuu.kg',
      birthDate: { year: 1980, month: 3, day: 12 },
    });

    // Remove and add back: the candidate list changes until the decision.
    const osmonov = s.candidates.find((c) => c.fullName === 'Осмонов Талант')!;
    expect(
      await ok(w, groupId, 'remove-candidate', { candidateId: osmonov.candidateId, reason: 'Өз арызы менен' }),
    ).toEqual({ candidateId: osmonov.candidateId, removed: true });
    const back = (await ok(w, groupId, 'add-candidate', {
      category: 'citizen',
      person: withoutVotes(CITIZENS[1]!),
      nominatedOn: '2026-03-14',
      protocolId: s.protocols[0]!.protocolId,
    })) as { votes: number };
    expect(back.votes).toBe(58);
    const notElected = await post(w, 'staff', stepUrl(groupId, 'add-candidate'), {
      category: 'citizen',
      person: withoutVotes(CITIZENS[4]!),
      nominatedOn: '2026-03-14',
      protocolId: s.protocols[0]!.protocolId,
    });
    expect(notElected.statusCode).toBe(400);
    expect(notElected.json()).toMatchObject({
      error: { code: 'step-refused', field: 'person.fullName', rule: 'not-elected', problems: [{ clause: '5.4.4' }] },
    });

    await w.engine.advanceTo('2026-03-18T08:00:00Z');
    expect(await ok(w, groupId, 'decision', { decidedOn: '2026-03-18', resolutionNumber: '7-1' })).toEqual({
      termEnd: '2030-03-18',
      firstMeetingDue: '2026-04-02',
      violations: [],
      chair: null,
    });
    const late = await post(w, 'staff', stepUrl(groupId, 'add-candidate'), {
      category: 'deputy',
      person: { fullName: 'Жаңы Депутат', sex: 'M', birthDate: '1970' },
      nominatedOn: '2026-03-18',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      error: { code: 'step-conflict', problems: [{ rule: 'decision-recorded', clause: '5.4.5' }] },
    });

    await w.engine.advanceTo('2026-03-19T05:00:00Z');
    expect(
      await ok(w, groupId, 'meeting', {
        date: '2026-03-27',
        time: '10:00',
        place: 'Кара-Суу, айыл өкмөтүнүн жыйындар залы',
      }),
    ).toEqual({
      meetingId: `${groupId}/meeting-1`,
      creationNoticeDue: '2026-03-24',
      warnings: [],
    });
    await w.engine.advanceTo('2026-03-23T05:00:00Z'); // the Monday after Orozo Ait and Nooruz
    await ok(w, groupId, 'creation-notice', { publishedOn: '2026-03-23', channels: ['website', 'notice_board'] });
    s = await state(w, groupId);
    expect(s.step).toBe('first-meeting');
    const sydykova = s.candidates.find((c) => c.fullName === 'Сыдыкова Жамила')!;

    await w.engine.advanceTo('2026-03-27T07:00:00Z');
    const noQuorum = await post(w, 'staff', stepUrl(groupId, 'first-meeting'), {
      heldOn: '2026-03-27',
      present: 3,
      chairElection: { candidateId: sydykova.candidateId, votesFor: 3, votesAgainst: 0, abstained: 0 },
    });
    expect(noQuorum.statusCode).toBe(400);
    expect(noQuorum.json()).toMatchObject({
      error: { code: 'step-refused', problems: [{ field: 'present', rule: 'no-quorum', clause: '7.2.3' }] },
    });
    expect(
      await ok(w, groupId, 'first-meeting', {
        heldOn: '2026-03-27',
        present: 6,
        chairElection: { candidateId: sydykova.candidateId, votesFor: 5, votesAgainst: 1, abstained: 0 },
      }),
    ).toEqual({
      groupId,
      createdOn: '2026-03-18',
      resolutionNumber: '7-1',
      termEnd: '2030-03-18',
      chair: 'Сыдыкова Жамила',
      members: 7,
      firstMeetingOn: '2026-03-27',
    });

    s = await state(w, groupId);
    expect(s.step).toBe('handed-over');
    expect(s.obligations.map((o) => [o.key, o.due, o.fulfilled?.late])).toEqual([
      ['formation-notice', '2026-03-23', false],
      ['staff-candidates', '2026-03-27', false],
      ['deputy-members', '2026-03-27', false],
      ['first-meeting', '2026-04-02', false],
      ['creation-notice', '2026-03-24', false],
    ]);
    const group = await rig.database.db
      .selectFrom('groups')
      .select(['status', 'resolution_number', 'term_end'])
      .where('id', '=', groupId)
      .executeTakeFirstOrThrow();
    expect(group).toEqual({ status: 'active', resolution_number: '7-1', term_end: '2030-03-18' });
    // The procedure is over: a further step finds no running procedure.
    expect(
      (await post(w, 'staff', stepUrl(groupId, 'meeting'), { date: '2026-04-01', time: '10:00', place: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('bad input is a 400 naming the field: schema (type, date, unknown field, nested) and the workflow validator (with the clause); nothing is recorded', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const groupId = await startGroup(w);
    await w.engine.advanceTo('2026-03-05T05:00:00Z');
    await ok(w, groupId, 'formation-notice', { publishedOn: '2026-03-05', channels: ['notice_board'] });
    const events = await countRows(rig.database.db, 'events');
    const cases: [string, unknown, Record<string, unknown>][] = [
      [
        'decision',
        { decidedOn: '18.03.2026', resolutionNumber: '1' },
        { code: 'invalid-input', field: 'decidedOn', rule: 'date' },
      ],
      [
        'gathering',
        { heldOn: '2026-03-05', protocolRef: '1', participants: 'many', candidates: [] },
        { code: 'invalid-input', field: 'participants', rule: 'type' },
      ],
      [
        'formation-notice',
        { publishedOn: '2026-03-05', channels: ['website'], color: 'red' },
        { code: 'invalid-input', field: 'color', rule: 'unknown-property' },
      ],
      [
        'staff-candidates',
        { submittedOn: '2026-03-05', candidates: [{ ...STAFF[0], nickname: 'Бака' }] },
        { code: 'invalid-input', field: 'candidates.0.nickname', rule: 'unknown-property' },
      ],
      [
        'staff-candidates',
        { submittedOn: '2026-03-05', candidates: [{ ...STAFF[0], sex: 'X' }] },
        { code: 'invalid-input', field: 'candidates.0.sex', rule: 'one-of' },
      ],
      ['meeting', { date: '2026-03-27', time: '10:00' }, { code: 'invalid-input', field: 'place', rule: 'required' }],
      [
        'staff-candidates',
        { submittedOn: '2026-03-05', candidates: [{ ...STAFF[0], birthDate: '31.02.1980' }] },
        { code: 'step-refused', field: 'candidates[0].birthDate', rule: 'invalid-birth-date' },
      ],
      [
        'deputy-members',
        { approvedOn: '2026-03-06', deputies: DEPUTIES },
        { code: 'step-refused', field: 'approvedOn', rule: 'date-in-future' },
      ],
      [
        'gathering',
        { heldOn: '2026-03-05', protocolRef: '№ 2', participants: 0, candidates: CITIZENS.slice(0, 1) },
        { code: 'step-refused', field: 'participants', rule: 'invalid-participants' },
      ],
    ];
    for (const [step, payload, error] of cases) {
      const res = await post(w, 'staff', stepUrl(groupId, step), payload);
      expect(res.statusCode, `${step} ${JSON.stringify(payload)}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ error });
    }
    const refused = await post(w, 'staff', stepUrl(groupId, 'gathering', 'ky'), {
      heldOn: '2026-03-05',
      protocolRef: '№ 2',
      participants: 0,
      candidates: CITIZENS.slice(0, 1),
    });
    expect(refused.json()).toMatchObject({
      error: {
        problems: [
          { field: 'participants', clause: '5.4.4', message: '0 — катышуучулардын бүтүн саны эмес (1ден баштап)' },
        ],
      },
    });
    expect(await countRows(rig.database.db, 'events')).toBe(events);
    expect((await state(w, groupId)).candidates).toEqual([]);
  });

  it('who may: staff drive; deputies and the chair read the state without personal data; others get 403, visitors 401', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const groupId = await startGroup(w);
    await w.addChair(groupId);
    await w.engine.advanceTo('2026-03-05T05:00:00Z');
    await ok(w, groupId, 'formation-notice', { publishedOn: '2026-03-05', channels: ['website'] });
    await ok(w, groupId, 'staff-candidates', { submittedOn: '2026-03-05', candidates: STAFF });
    for (const who of ['deputy', 'chair'] as const) {
      const s = await state(w, groupId, who);
      expect(s.candidates.map((c) => [c.fullName, c.phone, c.email, c.birthDate])).toEqual([
        ['Асанов Бакыт', null, null, null],
        ['Токтогулова Айгүл', null, null, null],
      ]);
      expect(
        (await post(w, who, stepUrl(groupId, 'deputy-members'), { approvedOn: '2026-03-05', deputies: DEPUTIES }))
          .statusCode,
      ).toBe(403);
    }
    expect((await get(w, 'foreignStaff', `/api/groups/${groupId}/formation`)).statusCode).toBe(403);
    expect(
      (
        await post(w, 'foreignStaff', stepUrl(groupId, 'deputy-members'), {
          approvedOn: '2026-03-05',
          deputies: DEPUTIES,
        })
      ).statusCode,
    ).toBe(403);
    expect((await get(w, null, `/api/groups/${groupId}/formation`)).statusCode).toBe(401);
    // Without the CSRF header a cookie session cannot post.
    const session = await w.as('staff');
    const noCsrf = await w.app.inject({
      method: 'POST',
      url: stepUrl(groupId, 'deputy-members'),
      payload: { approvedOn: '2026-03-05', deputies: DEPUTIES },
      headers: { cookie: session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await state(w, groupId)).deputyMembersOn).toBeNull();
  });

  it('the OpenAPI document lists every step under the formation tag with its input schema', async () => {
    const w = await world('2026-02-24T04:00:00Z');
    const doc = (await w.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
    }>();
    const steps = [
      'formation-notice',
      'staff-candidates',
      'deputy-members',
      'gathering',
      'add-candidate',
      'remove-candidate',
      'replace-candidate',
      'decision',
      'meeting',
      'creation-notice',
      'first-meeting',
      'start',
    ];
    for (const step of steps) {
      const op = doc.paths[`/api/groups/{groupId}/formation/${step}`]?.post;
      expect(op?.tags, step).toEqual(['formation']);
      expect(op?.requestBody, step).toBeDefined();
    }
    expect(doc.paths['/api/councils/{councilId}/formations']?.post?.tags).toEqual(['formation']);
    expect(doc.paths['/api/groups/{groupId}/formation']?.get?.tags).toEqual(['formation']);
  });
});
