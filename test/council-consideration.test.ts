// The council's answer to the group's recommendations (issue 15 point 3) on real Postgres through the app. "Today" is
// Monday 6 April 2026. Act 2026-001 (three recommendations) was issued on 2 February 2026, so with the default period
// of 60 days it was expected by 3 April and is flagged on the chair's dashboard; staff record the session of 6 April
// (agenda item 4) deciding two recommendations, the flag goes, the public act page and the JSON show each decision
// and the executive body's report (date and lateness; its text only to the signed-in). Bad input (a recommendation the
// act does not have, a session before the issue or in the future, a rejection without a reason, a draft act) is a 4xx
// naming the field and the rule, in the caller's language, with nothing written; the same session again writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { rebuildProjections } from '../db/rebuild-projections';
import { record } from '../db/record';
import { considerationState } from '../domain/council-consideration';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;
let actId: string;
let draftId: string;
const PASSWORD = 'consideration test password';
const NOW = Date.parse('2026-04-06T04:00:00Z'); // Monday 6 April 2026, 10:00 in Bishkek
const RECOMMENDATIONS = ['Суу берүү графигин жарыялоо', 'Түтүктөрдү алмаштыруу', 'Тургундар менен жолугушуу'];

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  const objectId = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водоканал' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
  const draft = await draftAct(
    t.db,
    { groupId, objectId, draft: parseActDraft({ subject: 'Ичүүчү суу', recommendations: RECOMMENDATIONS }) },
    'test',
  );
  actId = draft.id;
  await record(t.db, {
    stream: streams.act(actId),
    actor: 'test',
    events: [
      {
        type: 'act.issued',
        payload: {
          actId,
          number: '2026-001',
          issuedOn: '2026-02-02',
          content: {
            subject: 'Ичүүчү суу',
            object: { kind: 'municipal_enterprise', name: 'Суу чарба' },
            recommendations: RECOMMENDATIONS,
          },
        },
      },
      { type: 'act.received', payload: { actId, receivedOn: '2026-02-03', via: 'link' } },
      {
        type: 'obligation.opened',
        payload: {
          obligationId: 'R',
          groupId,
          actId,
          key: 'executive-report',
          clause: '4.3',
          party: 'executive-body',
          anchorDate: '2026-02-03',
          dueDate: '2026-03-05',
        },
      },
      {
        type: 'response.recorded',
        payload: {
          responseId: 'report-1',
          actId,
          obligationId: 'R',
          kind: 'executive-report',
          submittedAt: '2026-03-10T04:00:00.000Z',
          late: true,
          body: 'График жарыяланды; түтүктөр 2027-жылы алмаштырылат.',
          responder: 'executive-body',
          supersedes: null,
        },
      },
    ],
  });
  draftId = (await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ recommendations: ['x'] }) }, 'test')).id;
  await createAccounts(t.db, PASSWORD, [
    ['staff@kenesh.kg', 'staff', { councilId }],
    ['chair@kenesh.kg', 'chair', { groupId }],
  ]);
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function login(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return { cookie: `jmeg_session=${cookie?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

const writes = async () =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', 'in', ['act.council-considered', 'council.consideration-days-set'])
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = async (body: object, lang = 'en', id = actId) => {
  const staff = await login('staff@kenesh.kg');
  return app.inject({
    method: 'POST',
    url: `/api/acts/${id}/council-decisions`,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'accept-language': lang },
    payload: body,
  });
};

describe('considerationState', () => {
  const act = { issuedOn: '2026-02-02', recommendations: 3 };
  it.each([
    ['2026-04-03', { state: 'awaiting', expectedBy: '2026-04-03' }],
    ['2026-04-04', { state: 'overdue', expectedBy: '2026-04-03', daysOver: 1 }],
    ['2026-04-06', { state: 'overdue', expectedBy: '2026-04-03', daysOver: 3 }],
  ])('with no decision, on %s', (today, expected) => {
    expect(considerationState(act, [], 60, today)).toEqual(expected);
  });
  it('a deferred recommendation stays undecided until a later session decides it', () => {
    const first = [
      { sessionOn: '2026-04-06', recommendation: 1, decision: 'accepted' as const },
      { sessionOn: '2026-04-06', recommendation: 2, decision: 'deferred' as const },
    ];
    expect(considerationState(act, first, 60, '2026-04-06')).toEqual({
      state: 'considered',
      lastSessionOn: '2026-04-06',
      undecided: 2,
    });
    const later = [...first, { sessionOn: '2026-05-04', recommendation: 2, decision: 'rejected' as const }];
    expect(considerationState(act, later, 60, '2026-05-04')).toMatchObject({
      undecided: 1,
      lastSessionOn: '2026-05-04',
    });
  });
});

describe("the council's decisions on an act's recommendations", () => {
  it('an act not considered within the council’s period is flagged on its page, marked as not statutory', async () => {
    const chair = await login('chair@kenesh.kg');
    const res = await app.inject({
      method: 'GET',
      url: `/manage/acts/${actId}/council-decisions?lang=ru`,
      headers: { cookie: chair.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.payload).toContain(
      'Кенеш не рассмотрел акт до 03.04.2026 (прошло 3 дня; собственный срок кенеша, не установленный законом)',
    );
    // The chair reads; only staff record.
    expect(res.payload).not.toContain('name="sessionOn"');
  });

  it.each([
    [
      'a recommendation the act does not have',
      { sessionOn: '2026-04-06', agendaItem: '4', decisions: [{ recommendation: 4, decision: 'accepted' }] },
      400,
      'decisions[0].recommendation',
      'unknown-recommendation',
      'В акте нет рекомендации № 4 (рекомендаций: 3).',
    ],
    [
      'a session before the act was issued',
      { sessionOn: '2026-01-30', agendaItem: '4', decisions: [{ recommendation: 1, decision: 'accepted' }] },
      400,
      'sessionOn',
      'before-issue',
      'Сессия прошла до выдачи акта (2026-02-02): она не могла его рассмотреть.',
    ],
    [
      'a session in the future',
      { sessionOn: '2026-04-07', agendaItem: '4', decisions: [{ recommendation: 1, decision: 'accepted' }] },
      400,
      'sessionOn',
      'date-in-future',
      'Сессия ещё не прошла: решение кенеша записывается после сессии.',
    ],
    [
      'a rejection without its reason',
      { sessionOn: '2026-04-06', agendaItem: '4', decisions: [{ recommendation: 2, decision: 'rejected', text: ' ' }] },
      400,
      'decisions[0].text',
      'reason-required',
      'Если рекомендация принята не полностью, укажите основание решения.',
    ],
  ])('refuses %s, naming the field and the rule, writing nothing', async (_, body, status, field, rule, words) => {
    const before = await writes();
    const res = await post(body, 'ru');
    expect(res.statusCode).toBe(status);
    const error = res.json<{ error: { field: string; rule: string; problems: { message: string }[] } }>().error;
    expect(error.field).toBe(field);
    expect(error.rule).toBe(rule);
    expect(error.problems.map((p) => p.message)).toContain(words);
    expect(await writes()).toBe(before);
  });

  it('refuses a draft act (409): the council considers issued acts only', async () => {
    const res = await post(
      { sessionOn: '2026-04-06', agendaItem: '4', decisions: [{ recommendation: 1, decision: 'accepted' }] },
      'en',
      draftId,
    );
    expect(res.statusCode, res.payload).toBe(409);
    expect(res.json<{ error: { problems: { field: string; rule: string }[] } }>().error.problems).toEqual([
      expect.objectContaining({ field: 'actId', rule: 'act-not-issued', clause: '8.1' }),
    ]);
  });

  it('records the session’s decisions once; the same session and agenda item again writes nothing', async () => {
    const body = {
      sessionOn: '2026-04-06',
      agendaItem: '4. Мониторинг тобунун 2026-001 актысы жөнүндө',
      decisions: [
        { recommendation: 1, decision: 'accepted' },
        { recommendation: 3, decision: 'deferred', text: 'Кийинки сессияда' },
      ],
    };
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      sessionOn: '2026-04-06',
      recorded: true,
      decisions: [{ recommendation: 1 }, { recommendation: 3 }],
    });
    const before = await writes();
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      recorded: false,
      considerationId: first.json<{ considerationId: string }>().considerationId,
    });
    expect(await writes()).toBe(before);
  });

  it('the public sees each recommendation with the decision and the executive body’s report, without its text', async () => {
    const page = await app.inject({ method: 'GET', url: `/acts/${actId}?lang=ru` });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('Решения кенеша по рекомендациям');
    expect(page.payload).toContain('<strong>принята</strong> (06.04.2026)');
    expect(page.payload).toContain('<strong>отложена</strong> (06.04.2026)<br>Кийинки сессияда');
    expect(page.payload).toContain('решения нет');
    expect(page.payload).toContain('представлен 10.03.2026 (с опозданием)');
    expect(page.payload).not.toContain('График жарыяланды');
    const json = await app.inject({ method: 'GET', url: `/api/acts/${actId}/council-decisions` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      number: '2026-001',
      recommendations: [
        { number: 1, decisions: [{ decision: 'accepted', sessionOn: '2026-04-06' }] },
        { number: 2, decisions: [] },
        { number: 3, decisions: [{ decision: 'deferred', text: 'Кийинки сессияда' }] },
      ],
      executiveReports: [{ reportedOn: '2026-03-10', late: true }],
    });
    expect(json.payload).not.toContain('График жарыяланды');
    expect((await app.inject({ method: 'GET', url: `/api/acts/${draftId}/council-decisions` })).statusCode).toBe(404);
  });

  it('the chair sees the report’s text and how many recommendations await a decision; the flag is gone', async () => {
    const chair = await login('chair@kenesh.kg');
    const res = await app.inject({
      method: 'GET',
      url: `/manage/acts/${actId}/council-decisions?lang=en`,
      headers: { cookie: chair.cookie },
    });
    expect(res.payload).toContain('График жарыяланды');
    expect(res.payload).toContain('Recommendations without a decision or deferred: 2.');
    expect(res.payload).not.toContain('has not considered the act by');
  });

  it('staff record on the page: a refusal shows the rule in the page’s language and keeps what was typed', async () => {
    const staff = await login('staff@kenesh.kg');
    const form = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/manage/acts/${actId}/council-decisions?lang=ky`,
        headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: staff.csrf, ...fields }).toString(),
      });
    const before = await writes();
    const refused = await form({ sessionOn: '2026-04-06', agendaItem: '5', decision_2: 'rejected', text_2: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.payload).toContain('Толук кабыл алынбаган сунуштама боюнча чечимдин себеби жазылышы керек.');
    expect(refused.payload).toContain('<option value="rejected" selected>');
    expect(await writes()).toBe(before);
    const done = await form({
      sessionOn: '2026-04-06',
      agendaItem: '5',
      decision_2: 'rejected',
      text_2: 'Каражат жок',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain('done=recorded');
    expect(await writes()).toBe(before + 1);
  });

  it('the council sets its own period; it survives a rebuild of the projections', async () => {
    const staff = await login('staff@kenesh.kg');
    const put = (days: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/councils/${councilId}/consideration-days`,
        headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
        payload: { days },
      });
    const before = await writes();
    expect((await put(3)).statusCode).toBe(400);
    expect(await writes()).toBe(before);
    expect((await put(90)).json()).toEqual({ days: 90, changed: true });
    expect((await put(90)).json()).toEqual({ days: 90, changed: false });
    await rebuildProjections(t.db);
    const row = await t.db
      .selectFrom('councils')
      .select('consideration_days')
      .where('id', '=', councilId)
      .executeTakeFirstOrThrow();
    expect(row.consideration_days).toBe(90);
    const decided = await t.db
      .selectFrom('recommendation_decisions')
      .select('decision')
      .where('act_id', '=', actId)
      .execute();
    expect(decided.map((d) => d.decision).sort()).toEqual(['accepted', 'deferred', 'rejected']);
  });
});
