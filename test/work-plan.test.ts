// The group's work plan (7.3.1) on real Postgres through the app. Monday 12 January 2026: the chair drafts the 2026
// plan (a site visit to the school, February–March) and sends the draft to the executive body, which may propose until
// 20 January; it proposes two items through its link; a fresh link sent on the 15th revokes the first (410). The
// council's approval before submission is refused (409 naming 7.3.1, nothing written), so is a submission with a
// proposal undecided; the chair takes one proposal and declines the other with a reason. On the 21st the link's form
// is refused naming the period (409, nothing written). Submitted on the 21st, approved at the session of 28 January
// (decision No. 12): the approved plan is public (page, print, JSON, a notice on the board) with no personal data.
// On 2 April the item whose period ended on 31 March without an act is flagged; the one with a linked act is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { planFlags } from '../api/plans/flags';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { findPlan, recordPlan } from '../db/plans';
import { rebuildProjections } from '../db/rebuild-projections';
import { checkApproval, checkItemState, checkPlanItem, checkProposalWindow, itemOverdue } from '../domain/work-plan';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;
let schoolId: string;
let waterId: string;
let actId: string;
let now = Date.parse('2026-01-12T04:00:00Z'); // Monday 12 January 2026, 10:00 in Bishkek
const PASSWORD = 'work plan test password';

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  const reg = async (kind: string, ky: string, ru: string, email: string) =>
    (await registerObject(t.db, { councilId, kind, name: { ky, ru }, emails: [email] }, 'test')).id;
  await reg('executive_body', 'Ак-Суу айыл өкмөтү', 'Ак-Сууский айыл окмоту', 'okmot@aksuu.kg');
  schoolId = await reg('municipal_institution', 'Орто мектеп', 'Средняя школа', 'school@aksuu.kg');
  waterId = await reg('municipal_enterprise', 'Суу чарба', 'Водоканал', 'suu@aksuu.kg');
  actId = (await draftAct(t.db, { groupId, objectId: waterId, draft: parseActDraft({ subject: 'Суу' }) }, 'test')).id;
  await createAccounts(t.db, PASSWORD, [
    ['staff@kenesh.kg', 'staff', { councilId }],
    ['chair@kenesh.kg', 'chair', { groupId }],
  ]);
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => now });
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

const planEvents = async () =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', 'like', 'plan.%')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function as(email: string, method: 'POST' | 'GET', url: string, payload?: object, lang = 'en') {
  const s = await login(email);
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });
}
const chair = (url: string, payload?: object, lang?: string) => as('chair@kenesh.kg', 'POST', url, payload, lang);

describe('the rules of 7.3.1 (pure)', () => {
  it('an item names an object of the register, a subject, a period in order and a method of 7.3.1', () => {
    const ok = { objectId: 'o', subject: 'Мектеп', from: '2026-02-01', to: '2026-03-31', method: 'site_visit' };
    expect(checkPlanItem(ok, true)).toEqual([]);
    const bad = checkPlanItem({ ...ok, to: '2026-01-01', method: 'research', subject: ' ' }, false);
    expect(bad.map((p) => [p.code, p.field, p.clause])).toEqual([
      ['unknown-object', 'objectId', '7.3.1'],
      ['subject-required', 'subject', '7.3.1'],
      ['period-order', 'to', '7.3.1'],
      ['unknown-method', 'method', '7.3.1'],
    ]);
  });
  it('proposals close after the chair’s date; approval needs a submission; a dropped item names a reason', () => {
    expect(checkProposalWindow({ status: 'draft', proposalsUntil: '2026-01-20' }, '2026-01-20')).toEqual([]);
    expect(checkProposalWindow({ status: 'draft', proposalsUntil: '2026-01-20' }, '2026-01-21')[0]?.code).toBe(
      'proposals-closed',
    );
    const approval = { sessionOn: '2026-01-28', decisionNumber: '12', text: 'Бекитилсин' };
    expect(checkApproval({ status: 'draft', submittedOn: null }, approval, '2026-01-29')[0]?.code).toBe(
      'not-submitted',
    );
    expect(checkApproval({ status: 'submitted', submittedOn: '2026-01-29' }, approval, '2026-01-29')[0]?.code).toBe(
      'session-date',
    );
    expect(checkItemState({ status: 'approved' }, 'planned', 'dropped', ' ')[0]?.code).toBe('reason-required');
    expect(checkItemState({ status: 'approved' }, 'done', 'planned', null)[0]?.code).toBe('state-order');
    expect(itemOverdue({ to: '2026-03-31', state: 'planned', acts: 0 }, '2026-03-31')).toBe(false);
    expect(itemOverdue({ to: '2026-03-31', state: 'planned', acts: 0 }, '2026-04-01')).toBe(true);
    expect(itemOverdue({ to: '2026-03-31', state: 'planned', acts: 1 }, '2026-04-01')).toBe(false);
    expect(itemOverdue({ to: '2026-03-31', state: 'dropped', acts: 0 }, '2026-04-01')).toBe(false);
  });
});

describe('a year’s work plan through the app', () => {
  let planId: string;
  let firstLink: string;
  let link: string;
  const base = () => `/api/groups/${groupId}/plans/${planId}`;
  const linkPath = (l: string) => new URL(l).pathname + new URL(l).search;
  const proposalsPath = (l: string) => `/api/plan-link/${planId}/proposals?${new URL(l).searchParams.toString()}`;

  it('the chair drafts the plan with an item; a method outside 7.3.1 is refused naming the field and the clause', async () => {
    const created = await chair(`/api/groups/${groupId}/plans`, { title: '2026-жылдын иш планы' });
    expect(created.statusCode).toBe(201);
    planId = created.json<{ planId: string }>().planId;
    const item = await chair(`${base()}/items`, {
      objectId: schoolId,
      subject: 'Мектептин жылуулук системасы',
      from: '2026-02-01',
      to: '2026-03-31',
      method: 'site_visit',
    });
    expect(item.statusCode).toBe(200);
    const before = await planEvents();
    const bad = await chair(
      `${base()}/items`,
      { objectId: schoolId, subject: 'x', from: '2026-02-01', to: '2026-03-31', method: 'research' },
      'ru',
    );
    expect(bad.statusCode).toBe(400);
    const problem = bad.json<{ error: { problems: { field: string; clause: string; message: string }[] } }>().error
      .problems[0]!;
    expect(problem).toMatchObject({ field: 'method', clause: '7.3.1' });
    expect(problem.message).toContain('7.3.1');
    expect(await planEvents()).toBe(before);
    // A member of the public may not draft.
    const anon = await app.inject({ method: 'POST', url: `${base()}/items`, payload: {} });
    expect(anon.statusCode).toBe(401);
  });

  it('the draft goes to the executive body with a link; it proposes two items; a fresh link revokes the first', async () => {
    const sent = await chair(`${base()}/send`, { proposalsUntil: '2026-01-20' });
    expect(sent.statusCode, sent.body).toBe(200);
    const result = sent.json<{ result: { link: string; generation: number; to: string[] } }>().result;
    expect(result.to).toEqual(['okmot@aksuu.kg']);
    expect(result.generation).toBe(1);
    firstLink = result.link;
    const mail = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('business_key', 'like', `plan:${planId}:%`)
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text_body).toContain(linkPath(firstLink));
    const page = await app.inject({ method: 'GET', url: `${linkPath(firstLink)}&lang=ru` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Мектептин жылуулук системасы');
    expect(page.body).toContain('20.01.2026');
    const a = await app.inject({
      method: 'POST',
      url: proposalsPath(firstLink),
      payload: {
        objectId: waterId,
        subject: 'Ичүүчү суунун сапаты',
        from: '2026-02-01',
        to: '2026-02-28',
        method: 'document_analysis',
        note: 'Тургундардын арыздары боюнча',
      },
    });
    expect(a.statusCode).toBe(201);
    now = Date.parse('2026-01-15T04:00:00Z');
    const again = await chair(`${base()}/send`, { proposalsUntil: '2026-01-20' });
    link = again.json<{ result: { link: string; generation: number } }>().result.link;
    expect(again.json<{ result: { generation: number } }>().result.generation).toBe(2);
    const before = await planEvents();
    const old = await app.inject({
      method: 'POST',
      url: proposalsPath(firstLink),
      payload: { objectId: waterId, subject: 'x', from: '2026-02-01', to: '2026-02-28', method: 'observation' },
    });
    expect(old.statusCode).toBe(410);
    expect(old.json<{ error: { code: string } }>().error.code).toBe('revoked');
    expect(await planEvents()).toBe(before);
    // The page form through the fresh link.
    const b = await app.inject({
      method: 'POST',
      url: `${linkPath(link)}&lang=ky`,
      payload: {
        objectId: schoolId,
        subject: 'Мектептин ашканасы',
        from: '2026-03-01',
        to: '2026-03-31',
        method: 'observation',
      },
    });
    expect(b.statusCode).toBe(201);
    expect(b.body).toContain('Сунушуңуз кабыл алынды');
    const plan = (await findPlan(t.db, planId))!;
    expect(plan.proposals.map((p) => [p.subject, p.status])).toEqual([
      ['Ичүүчү суунун сапаты', 'open'],
      ['Мектептин ашканасы', 'open'],
    ]);
  });

  it('the proposals appear beside the items on the chair’s page', async () => {
    const page = await as('chair@kenesh.kg', 'GET', `/manage/groups/${groupId}/plans/${planId}?lang=ru`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Предложения исполнительного органа');
    expect(page.body).toContain('Ичүүчү суунун сапаты');
    expect(page.body).toContain('без решения');
  });

  it('an approval before submission is refused (409 naming 7.3.1), and so is a submission with proposals undecided', async () => {
    const before = await planEvents();
    const early = await as(
      'staff@kenesh.kg',
      'POST',
      `${base()}/approval`,
      {
        sessionOn: '2026-01-15',
        decisionNumber: '12',
        text: 'Бекитилсин',
      },
      'ru',
    );
    expect(early.statusCode).toBe(409);
    const p = early.json<{ error: { problems: { rule: string; clause: string; message: string }[] } }>().error
      .problems[0]!;
    expect(p).toMatchObject({ rule: 'not-submitted', clause: '7.3.1' });
    expect(p.message).toContain('не внесла план');
    const submit = await chair(`${base()}/submit`);
    expect(submit.statusCode).toBe(409);
    expect(submit.json<{ error: { problems: { rule: string }[] } }>().error.problems[0]!.rule).toBe(
      'proposals-undecided',
    );
    expect(await planEvents()).toBe(before);
    expect((await findPlan(t.db, planId))!.status).toBe('draft');
  });

  it('the chair takes one proposal (an item) and declines the other with a reason', async () => {
    const plan = (await findPlan(t.db, planId))!;
    const [water, kitchen] = plan.proposals;
    const take = await chair(`${base()}/proposals/${water!.id}/take`);
    expect(take.statusCode).toBe(200);
    const noReason = await chair(`${base()}/proposals/${kitchen!.id}/decline`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { field: string } }>().error.field).toBe('reason');
    // The page form: declined with a reason, back to the page.
    const s = await login('chair@kenesh.kg');
    const form = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/plans/${planId}/proposals/${kitchen!.id}/decline?lang=en`,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(s.csrf)}&reason=${encodeURIComponent('Мектепти биринчи пункт камтыйт')}`,
    });
    expect(form.statusCode).toBe(303);
    const after = (await findPlan(t.db, planId))!;
    expect(after.items.map((i) => [i.subject, i.proposalId])).toEqual([
      ['Мектептин жылуулук системасы', null],
      ['Ичүүчү суунун сапаты', water!.id],
    ]);
    expect(after.proposals.map((p) => [p.status, p.declineReason])).toEqual([
      ['taken', null],
      ['declined', 'Мектепти биринчи пункт камтыйт'],
    ]);
  });

  it('after the chair’s date the link’s form is refused naming the period, with nothing written', async () => {
    now = Date.parse('2026-01-21T04:00:00Z');
    const before = await planEvents();
    const late = await app.inject({
      method: 'POST',
      url: proposalsPath(link),
      headers: { 'accept-language': 'ru' },
      payload: { objectId: waterId, subject: 'Кеч', from: '2026-04-01', to: '2026-04-30', method: 'interview' },
    });
    expect(late.statusCode).toBe(409);
    const p = late.json<{ error: { problems: { rule: string; field: string; message: string }[] } }>().error
      .problems[0]!;
    expect(p).toMatchObject({ rule: 'proposals-closed', field: 'proposalsUntil' });
    expect(p.message).toContain('2026-01-20');
    expect(await planEvents()).toBe(before);
    const page = await app.inject({ method: 'GET', url: `${linkPath(link)}&lang=en` });
    expect(page.body).toContain('The period for proposals ended on 20.01.2026');
    expect(page.body).not.toContain('<form');
  });

  it('submitted, then approved by the council; published as a notice', async () => {
    expect((await chair(`${base()}/submit`)).statusCode).toBe(200);
    now = Date.parse('2026-01-29T04:00:00Z');
    const approved = await as('staff@kenesh.kg', 'POST', `${base()}/approval`, {
      sessionOn: '2026-01-28',
      decisionNumber: '12',
      text: 'Топтун 2026-жылга иш планы бекитилсин.',
    });
    expect(approved.statusCode).toBe(200);
    const plan = approved.json<{ plan: { status: string; approval: { decisionNumber: string } } }>().plan;
    expect(plan.status).toBe('approved');
    expect(plan.approval.decisionNumber).toBe('12');
    const notice = await t.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', `plan-approved-${planId}`)
      .executeTakeFirst();
    expect(notice?.text_ru).toContain('решение № 12');
    expect(notice?.text_ky).toContain('Ичүүчү суунун сапаты');
    // Approved again: refused, nothing written.
    const before = await planEvents();
    const twice = await as('staff@kenesh.kg', 'POST', `${base()}/approval`, {
      sessionOn: '2026-01-28',
      decisionNumber: '12',
      text: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(await planEvents()).toBe(before);
  });

  it('the approved plan is public (page in three languages, print, JSON) with no personal data', async () => {
    for (const [lang, words] of [
      ['ky', 'Топтун иш планы'],
      ['ru', 'План работы группы'],
      ['en', 'The group&#39;s work plan'],
    ] as const) {
      const page = await app.inject({ method: 'GET', url: `/groups/${groupId}/plan?lang=${lang}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(words);
      expect(page.body).toContain('Мектептин жылуулук системасы');
      expect(page.body).toContain('28.01.2026');
      for (const personal of ['@aksuu.kg', '@kenesh.kg', 'chair']) expect(page.body).not.toContain(personal);
    }
    const print = await app.inject({ method: 'GET', url: `/groups/${groupId}/plan/print?lang=ru` });
    expect(print.statusCode).toBe(200);
    expect(print.body).toMatch(/print[^"]*\.css/);
    expect(print.body).toContain('Водоканал');
    expect(print.body).not.toContain('@aksuu.kg');
    const json = await app.inject({ method: 'GET', url: `/api/groups/${groupId}/plan` });
    expect(json.statusCode).toBe(200);
    expect(json.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect(json.body).not.toContain('@');
  });

  it('an item whose period passed without an act is flagged; the one with a linked act is not', async () => {
    const plan = (await findPlan(t.db, planId))!;
    const [school, water] = plan.items;
    const linked = await chair(`${base()}/items/${water!.id}/links`, { actId });
    expect(linked.statusCode).toBe(200);
    const dropNoReason = await chair(`${base()}/items/${school!.id}/state`, { state: 'dropped' });
    expect(dropNoReason.statusCode).toBe(400);
    expect((await chair(`${base()}/items/${school!.id}/state`, { state: 'in-progress' })).statusCode).toBe(200);
    expect(String(await planFlags(t.db, groupId, 'en', '2026-03-31'))).toContain('No item has passed');
    const flags = String(await planFlags(t.db, groupId, 'ru', '2026-04-02'));
    expect(flags).toContain('Средняя школа: Мектептин жылуулук системасы (срок истёк 31.03.2026; акта нет)');
    expect(flags).not.toContain('Ичүүчү суунун сапаты');
  });

  it('an approval recorded without its notice (the process stopped in between) publishes the notice when sent again', async () => {
    const created = await chair(`/api/groups/${groupId}/plans`, { title: '2027' });
    const other = created.json<{ planId: string }>().planId;
    await recordPlan(
      t.db,
      other,
      [
        {
          type: 'plan.approved',
          payload: {
            planId: other,
            sessionOn: '2026-01-28',
            decisionNumber: '13',
            text: 'x',
            noticeId: `plan-approved-${other}`,
          },
        },
      ],
      'test',
    );
    const again = await as('staff@kenesh.kg', 'POST', `/api/groups/${groupId}/plans/${other}/approval`, {
      sessionOn: '2026-01-28',
      decisionNumber: '13',
      text: 'x',
    });
    expect(again.statusCode).toBe(200);
    const notice = await t.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', `plan-approved-${other}`)
      .executeTakeFirst();
    expect(notice?.text_ru).toContain('решение № 13');
  });

  it('rebuilding the projections from the events restores the plan', async () => {
    const before = await findPlan(t.db, planId);
    await rebuildProjections(t.db);
    expect(await findPlan(t.db, planId)).toEqual(before);
  });
});
