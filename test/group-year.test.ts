// Issue 15, "done when": a chair runs a year of the group's work in the product, over HTTP as the users do, on real
// Postgres, Temporal's time-skipping test server (the real term, act and report workflows on a real worker) and a real
// SMTP server. Nothing is written behind the product's back except the council, its objects and the accounts.
//
// The council of Ак-Суу took on its group by resolution No. 83 (published 19.11.2025). On Monday 12 January 2026 the
// chair drafts the 2026 work plan (7.3.1): a site visit to the school in February–March and a survey of the water
// utility in April–June; the executive body proposes, through its link, an analysis of the water tariffs in
// July–September, which the chair takes. The council approves the plan at its session of 28 January (decision No. 4).
// Each of the first two items gets its act (8.1), linked to it: the school's, issued on Monday 2 March, is received and
// answered through the link on 10 March (within its 10 working days); the water utility's, issued on Monday 11 May
// (after the 1-9 May holidays) and received on paper that day, is never answered: the council is told once, on
// Tuesday 26 May. The third item gets an information request.
// On Monday 11 January 2027 the chair drafts the yearly report: its counts come from the record (two acts, one answer
// on time, one never; two plan items done, one not); the chair writes the text parts and submits: the executive body
// and the council get it by mail and the community on the public page. The chair schedules the annual gathering of
// 5 February 2027, whose public notice names the yearly report (7.2.4). The council then decides on the school act's
// recommendations and on the report's, and the public pages and the open data show each decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { registerCouncil } from '../db/councils';
import { registerObject } from '../db/objects';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, "a year of the group's work");
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'group-year-test-secret-0123456789abcdefghij';
const START = '2026-01-12T04:00:00.000Z'; // Monday 12 January 2026, 10:00 in Bishkek
const PASSWORD = 'a year of work password';
const COUNCIL_EMAIL = 'kenesh-year@ayil.kg';
const OKMOT_EMAIL = 'okmot-year@ayil.kg';
const SCHOOL_EMAIL = 'mektep-year@ayil.kg';
const WATER_EMAIL = 'suu-year@ayil.kg';
const CSV = readFileSync('test/fixtures/roster/resolution-83-13.csv', 'utf8');
const CHAIR = 'Токтосунов Азамат Кубанычбекович';

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let councilId: string;
let groupId: string;
let okmotId: string;
let schoolId: string;
let waterId: string;
let planId: string;
const itemIds: string[] = [];
const acts: Record<'school' | 'water', { id: string; link: string }> = {
  school: { id: '', link: '' },
  water: { id: '', link: '' },
};
let reportId: string;

beforeAll(async () => {
  if (!runs) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  engine = await createTimeSkippingEngine({
    serverPath: server.available ? server.path : '',
    db: t.db,
    transport,
    mailFrom: MAIL_FROM,
    startTime: START,
    extraActivityConfig: { responseLinkSecret: SECRET, publicBaseUrl: 'https://jmeg.example.kg' },
  });
  app = buildApp({
    db: t.db,
    config: { ...loadConfig({}), responseLinkSecret: SECRET, publicBaseUrl: 'https://jmeg.example.kg' },
    clock: () => engine.now(),
    engine,
  });
  await app.ready();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: COUNCIL_EMAIL },
    'test',
  );
  const object = async (kind: string, ky: string, ru: string, email: string) =>
    (await registerObject(t.db, { councilId, kind, name: { ky, ru }, emails: [email] }, 'test')).id;
  okmotId = await object('executive_body', 'Ак-Суу айыл өкмөтү', 'Ак-Суйский айыл окмоту', OKMOT_EMAIL);
  schoolId = await object('municipal_institution', 'Ак-Суу орто мектеби', 'Ак-Суйская средняя школа', SCHOOL_EMAIL);
  waterId = await object('municipal_enterprise', 'Суу чарба', 'Водоканал', WATER_EMAIL);
  await createAccounts(t.db, PASSWORD, [['staff-year@ayil.kg', 'staff', { councilId }]]);
  const adopted = await call('staff-year@ayil.kg', 'POST', `/api/councils/${councilId}/groups/adopt`, {
    decisionNumber: '83',
    decidedOn: '2025-11-14',
    publishedOn: '2025-11-19',
    chair: CHAIR,
    csv: CSV,
  });
  expect(adopted.statusCode, adopted.payload).toBe(201);
  groupId = adopted.json<{ groupId: string }>().groupId;
  await createAccounts(t.db, PASSWORD, [['chair-year@ayil.kg', 'chair', { groupId }]]);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
});

/** A fresh session each call: months pass between the steps and sessions expire. */
async function call(who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email: who, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return app.inject({
    method,
    url,
    headers: {
      cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
    },
    ...(payload ? { payload: payload as Record<string, unknown> } : {}),
  });
}
const chair = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  call('chair-year@ayil.kg', method, url, payload);
const staff = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  call('staff-year@ayil.kg', method, url, payload);
const get = (url: string) => app.inject({ method: 'GET', url });

const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
/** Waits (real time, polling) for a mail to `address` whose text contains `text`. */
async function mailWith(address: string, text: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = mailsTo(address).find((m) => (m.parsed.text ?? '').includes(text));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} with ${text} after 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const linkIn = (text: string, kind: string) =>
  new RegExp(`https://jmeg\\.example\\.kg(/${kind}/[^\\s]+\\?t=[\\w.-]+)`).exec(text)?.[1];
/** Moves the server's clock to 10:00 in Bishkek on `date` (or keeps it when a slow step already passed it). */
const dayAt10 = (date: string) => engine.advanceTo(Math.max(Date.parse(`${date}T04:00:00Z`), engine.now()));

const content = (subject: string, recommendations: string[]) => ({
  purpose: `${subject}: кызматтын сапатын баалоо`,
  subject,
  place: 'Ак-Суу айылы',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-27',
  findings: [{ kind: 'fact', text: `${subject}: көйгөйлөр табылды.`, method: 'site_visit' }],
  recommendations,
  annexes: [{ title: 'Жерине баруунун протоколу', kind: 'protocol' }],
});

describe.skipIf(!runs)("a year of the group's work", () => {
  it('the plan: drafted, proposed on by the executive body through its link, taken, approved by the council', async () => {
    const created = await chair('POST', `/api/groups/${groupId}/plans`, { title: '2026-жылдын иш планы' });
    expect(created.statusCode, created.payload).toBe(201);
    planId = created.json<{ planId: string }>().planId;
    const base = `/api/groups/${groupId}/plans/${planId}`;
    for (const item of [
      { objectId: schoolId, subject: 'Мектептин жылуулук системасы', from: '2026-02-01', to: '2026-03-31' },
      {
        objectId: waterId,
        subject: 'Ичүүчү суу графиги',
        from: '2026-04-01',
        to: '2026-06-30',
        method: 'questionnaire',
      },
    ])
      expect((await chair('POST', `${base}/items`, { method: 'site_visit', ...item })).statusCode).toBe(200);
    const sent = await chair('POST', `${base}/send`, { proposalsUntil: '2026-01-19' });
    expect(sent.statusCode, sent.payload).toBe(200);
    const link = new URL(sent.json<{ result: { link: string } }>().result.link);
    const proposed = await app.inject({
      method: 'POST',
      url: `/api/plan-link/${planId}/proposals?${link.searchParams.toString()}`,
      payload: {
        objectId: waterId,
        subject: 'Суу тарифтери',
        from: '2026-07-01',
        to: '2026-09-30',
        method: 'document_analysis',
        note: 'Тургундардын арыздары боюнча',
      },
    });
    expect(proposed.statusCode, proposed.payload).toBe(201);
    const draft = (await chair('GET', base)).json<{ proposals: { id: string }[] }>();
    expect((await chair('POST', `${base}/proposals/${draft.proposals[0]!.id}/take`)).statusCode).toBe(200);
    expect((await chair('POST', `${base}/submit`)).statusCode).toBe(200);
    await dayAt10('2026-01-29');
    const approved = await staff('POST', `${base}/approval`, {
      sessionOn: '2026-01-28',
      decisionNumber: '4',
      text: 'Топтун 2026-жылга иш планы бекитилсин.',
    });
    expect(approved.statusCode, approved.payload).toBe(200);
    const plan = approved.json<{ plan: { status: string; items: { id: string; subject: string }[] } }>().plan;
    expect(plan.status).toBe('approved');
    expect(plan.items.map((i) => i.subject)).toEqual([
      'Мектептин жылуулук системасы',
      'Ичүүчү суу графиги',
      'Суу тарифтери',
    ]);
    itemIds.push(...plan.items.map((i) => i.id));
    const page = await get(`/groups/${groupId}/plan?lang=ru`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Суу тарифтери');
    expect(page.body).toContain('28.01.2026');
  }, 120_000);

  async function issueAct(key: 'school' | 'water', objectId: string, itemId: string, recommendations: string[]) {
    const subject = key === 'school' ? 'Мектептин жылуулук системасы' : 'Ичүүчү суу графиги';
    const draft = await chair('POST', `/api/groups/${groupId}/acts`, {
      objectId,
      title: `Акт: ${subject}`,
      content: content(subject, recommendations),
    });
    expect(draft.statusCode, draft.payload).toBe(201);
    acts[key].id = draft.json<{ id: string }>().id;
    const linked = await chair('POST', `/api/groups/${groupId}/plans/${planId}/items/${itemId}/links`, {
      actId: acts[key].id,
    });
    expect(linked.statusCode, linked.payload).toBe(200);
    const issued = await chair('POST', `/api/acts/${acts[key].id}/issue`);
    expect(issued.statusCode, issued.payload).toBe(200);
    const mail = await mailWith(key === 'school' ? SCHOOL_EMAIL : WATER_EMAIL, `/acts/${acts[key].id}/respond?t=`);
    acts[key].link = linkIn(mail.parsed.text ?? '', 'acts')!;
  }

  it("the school's act serves the first item; the school receives it and answers on time through its link", async () => {
    await dayAt10('2026-03-02');
    await issueAct('school', schoolId, itemIds[0]!, ['Жылуулук системасын оңдоо', 'Оңдоонун графигин жарыялоо']);
    const api = acts.school.link.replace('/acts/', '/api/acts/');
    const receipt = await app.inject({
      method: 'POST',
      url: api.replace('/respond?', '/respond/receipt?'),
      payload: {},
    });
    expect(receipt.statusCode, receipt.payload).toBe(200);
    await dayAt10('2026-03-10');
    const answer = await app.inject({
      method: 'POST',
      url: api,
      payload: { text: 'Жылуулук системасы 2026-жылдын сентябрына чейин оңдолот.', submissionKey: 'school-1' },
    });
    expect(answer.statusCode, answer.payload).toBe(200);
    const done = await chair('POST', `/api/groups/${groupId}/plans/${planId}/items/${itemIds[0]}/state`, {
      state: 'done',
    });
    expect(done.statusCode).toBe(200);
  }, 120_000);

  it("the water utility's act serves the second item and is never answered: the council is told once", async () => {
    await dayAt10('2026-05-11');
    await issueAct('water', waterId, itemIds[1]!, ['Суу берүү графигин жарыялоо']);
    // Staff record the paper receipt the same day (4.3 counts from receipt).
    const receipt = await staff('POST', `/api/acts/${acts.water.id}/receipt`, { receivedOn: '2026-05-11' });
    expect(receipt.statusCode, receipt.payload).toBe(200);
    // 10 working days from Monday 11 May end on Monday 25 May; the council is told on Tuesday 26 May at 09:00.
    const aboutWater = () => mailsTo(COUNCIL_EMAIL).filter((m) => (m.parsed.text ?? '').includes('Суу чарба'));
    await engine.advanceTo('2026-05-26T02:55:00Z');
    expect(aboutWater()).toHaveLength(0);
    await engine.advanceTo('2026-05-26T03:05:00Z');
    const escalation = await mailWith(COUNCIL_EMAIL, 'Суу чарба');
    // The council is told which act is late, of which object, with the act's page.
    expect(escalation.parsed.text).toContain('Мониторинг актысы: № ');
    expect(escalation.parsed.text).toContain(`https://jmeg.example.kg/acts/${acts.water.id}`);
    await dayAt10('2026-06-01');
    expect(aboutWater()).toHaveLength(1);
    await dayAt10('2026-07-01');
    expect(
      (await chair('POST', `/api/groups/${groupId}/plans/${planId}/items/${itemIds[1]}/state`, { state: 'done' }))
        .statusCode,
    ).toBe(200);
  }, 120_000);

  it('the third item gets an information request to the executive body, linked to it', async () => {
    const request = await chair('POST', `/api/groups/${groupId}/requests`, {
      objectId: okmotId,
      subject: 'Суу тарифтеринин эсеби',
      purpose: 'Иш планынын үчүнчү пункту',
    });
    expect(request.statusCode, request.payload).toBe(201);
    const requestId = request.json<{ request: { id: string } }>().request.id;
    const linked = await chair('POST', `/api/groups/${groupId}/plans/${planId}/items/${itemIds[2]}/links`, {
      requestId,
    });
    expect(linked.statusCode, linked.payload).toBe(200);
  }, 120_000);

  it('the yearly report is drafted from the record, written, submitted, mailed and published', async () => {
    await dayAt10('2027-01-11');
    const drafted = await chair('POST', `/api/groups/${groupId}/reports`, { period: '2026' });
    expect(drafted.statusCode, drafted.payload).toBe(201);
    const body = drafted.json<{ id: string; due: string; facts: Record<string, unknown> }>();
    reportId = body.id;
    expect(body.due).toBe('2027-01-30');
    expect(body.facts).toMatchObject({
      acts: { issued: 2 },
      objectAnswers: { 'answered-on-time': 1, unanswered: 1 },
      planItems: { done: 2, notDone: 1, dropped: 0 },
    });
    const edited = await chair('PATCH', `/api/reports/${reportId}`, {
      texts: {
        events: 'Мектепке жана суу чарбага барылды; айыл өкмөтүнө суроо-талап жөнөтүлдү.',
        results: 'Мектеп жооп берди; суу чарба жооп берген жок.',
        conclusions: 'Суу чарбанын жообу жок: кеңеш чара көрсүн.',
        recommendations: [
          'Суу чарбанын жетекчисин кеңештин сессиясына чакыруу',
          'Мектептин оңдоосун бюджетке киргизүү',
        ],
      },
    });
    expect(edited.statusCode, edited.payload).toBe(200);
    const submitted = await chair('POST', `/api/reports/${reportId}/submit`);
    expect(submitted.statusCode, submitted.payload).toBe(200);
    expect(submitted.json()).toMatchObject({ submittedOn: '2027-01-11', late: false });
    await mailWith(OKMOT_EMAIL, 'Суу чарбанын жообу жок');
    await mailWith(COUNCIL_EMAIL, 'Суу чарбанын жообу жок');
    const page = await get(`/reports/${reportId}?lang=ky`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Суу чарбанын жообу жок');
    for (const personal of ['@ayil.kg', '+996']) expect(page.body).not.toContain(personal);
  }, 180_000);

  it('the yearly report is presented at the annual gathering (7.2.4): its notice names the report, the report page the gathering', async () => {
    await dayAt10('2027-01-18');
    const scheduled = await chair('POST', `/api/groups/${groupId}/meetings`, {
      meetingId: 'annual-2027',
      kind: 'annual-gathering',
      date: '2027-02-05',
      time: '11:00',
      place: 'Айылдык клуб',
      agenda: 'Топтун 2026-жылдагы иши',
    });
    expect(scheduled.statusCode, scheduled.payload).toBe(201);
    const board = await get(`/councils/${councilId}/notices?lang=ru`);
    expect(board.body).toContain('05.02.2027, 11:00');
    expect(board.body).toContain('На собрании представляется годовой отчёт группы (п. 7.2.4): 2026 год');
    const report = await get(`/reports/${reportId}?lang=ky`);
    expect(report.body).toContain('05.02.2027');
    expect(report.body).toContain('Айылдык клуб');
  }, 120_000);

  it("the council decides on the act's and the report's recommendations; the public pages show each decision", async () => {
    await dayAt10('2027-01-21');
    const decided = await staff('POST', `/api/acts/${acts.school.id}/council-decisions`, {
      sessionOn: '2027-01-20',
      agendaItem: '3. Мониторинг тобунун актысы',
      decisions: [
        { recommendation: 1, decision: 'accepted', text: 'Бюджетке киргизилсин.' },
        { recommendation: 2, decision: 'deferred', text: 'Кийинки сессияда.' },
      ],
    });
    expect(decided.statusCode, decided.payload).toBe(201);
    const page = await get(`/acts/${acts.school.id}?lang=ru`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Бюджетке киргизилсин.');
    expect(page.body).toContain('принята');
    expect(page.body).toContain('отложена');
    // The report's recommendations: a third does not exist (400 naming it, nothing written), then the session's decisions.
    const missing = await staff('POST', `/api/reports/${reportId}/council-decisions`, {
      sessionOn: '2027-01-20',
      agendaItem: '4. Топтун жылдык отчету',
      decisions: [{ recommendation: 3, decision: 'accepted', text: '' }],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.payload).toContain('decisions[0].recommendation');
    const onReport = await staff('POST', `/api/reports/${reportId}/council-decisions`, {
      sessionOn: '2027-01-20',
      agendaItem: '4. Топтун жылдык отчету',
      decisions: [
        { recommendation: 1, decision: 'accepted', text: 'Суу чарбанын жетекчиси февраль сессиясына чакырылсын.' },
        { recommendation: 2, decision: 'partly-accepted', text: 'Оңдоонун жарымы 2027-жылдын бюджетинде.' },
      ],
    });
    expect(onReport.statusCode, onReport.payload).toBe(201);
    const reportPage = await get(`/reports/${reportId}?lang=ky`);
    expect(reportPage.body).toContain('Суу чарбанын жетекчиси февраль сессиясына чакырылсын.');
    expect(reportPage.body).toContain('жарым-жартылай кабыл алынды');
    const csv = await get(`/api/groups/${groupId}/data/council-decisions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Бюджетке киргизилсин.');
    expect(csv.body).toContain('Оңдоонун жарымы 2027-жылдын бюджетинде.');
    const items = await get(`/api/groups/${groupId}/data/plan-items.csv`);
    expect(items.statusCode).toBe(200);
    expect(items.body).toContain('Суу тарифтери');
  }, 120_000);
});
