// The group's summary report (issue 15 point 2) on Temporal's time-skipping server, real Postgres and a real SMTP
// server, through HTTP as the chair uses it. The first half of 2026 ends on Tuesday 30 June; with the default 30
// days the report is due on Thursday 30 July 2026 (not statutory: the council's period). July has no holiday: the
// chair is reminded on Monday 27, Wednesday 29 and Thursday 30 July at 09:00, and the council told once on Friday
// 31 July. The record: three acts issued in the half-year, the school's answer on time, the water utility's late, the
// clinic's never; one issued in July (not counted). The chair submits late, on 3 August: the counts are frozen, the
// report is mailed to the executive body and the council and published; a second submission is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listRosterEntries } from '../db/members';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { checkReportPeriod, parsePeriodKey, periodBounds, reportDue } from '../domain/summary-report';
import { reportWorkflowId } from '../workflows/report/contract';
import { decideGroupCreation } from './support/group-created';
import { saveHistory } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

describe('report periods', () => {
  it.each([
    ['2026-H1', '2026-01-01', '2026-06-30', '2026-07-30'],
    ['2026-H2', '2026-07-01', '2026-12-31', '2027-01-30'],
    ['2026', '2026-01-01', '2026-12-31', '2027-01-30'],
  ])('%s runs %s – %s, due %s with 30 days', (key, start, end, due) => {
    const period = parsePeriodKey(key)!;
    expect(periodBounds(period)).toEqual({ start, end });
    expect(reportDue(period, 30)).toBe(due);
  });
  it('a period is reported on after its last day; a malformed one names the format', () => {
    expect(checkReportPeriod('2026-H1', '2026-06-30').map((p) => p.code)).toEqual(['period-not-ended']);
    expect(checkReportPeriod('2026-H1', '2026-07-01')).toEqual([]);
    expect(checkReportPeriod('2026-H3', '2026-07-01').map((p) => [p.field, p.code])).toEqual([
      ['period', 'invalid-period'],
    ]);
  });
});

const server = testServer();
const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-07-01T04:00:00.000Z'; // Wednesday 1 July 2026, 10:00 in Bishkek
const PASSWORD = 'summary report password';
const COUNCIL_EMAIL = 'kenesh-report@ayil.kg';
const EXECUTIVE_EMAIL = 'okmot-report@ayil.kg';
const CHAIR_EMAIL = SAMPLE_ROSTER[0]!.email!;

describe.skipIf(!requireServer(server, 'summary reports'))('a half-year report on the time-skipping server', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let engine: TimeSkippingEngine;
  let app: App;
  let groupId: string;
  let reportId: string;
  let chair: Record<string, string>;

  const at = (date: string) => new Date(`${date}T04:00:00Z`);
  const onAct = (actId: string, ...events: NewEvent[]) =>
    record(t.db, { stream: streams.act(actId), actor: 'test', events });

  beforeAll(async () => {
    [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    engine = await createTimeSkippingEngine({
      serverPath: server.available ? server.path : '',
      db: t.db,
      transport,
      mailFrom: MAIL_FROM,
      startTime: START,
      extraActivityConfig: { publicBaseUrl: 'https://jmeg.example.kg' },
    });
    app = buildApp({ db: t.db, config: loadConfig({}), clock: () => engine.now(), engine });
    await app.ready();
    const councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: COUNCIL_EMAIL },
      'test',
    );
    groupId = await openGroup(t.db, { councilId }, 'test');
    await decideGroupCreation(t.db, groupId);
    await importRoster(t.db, groupId, SAMPLE_ROSTER, { actor: 'test', on: '2026-01-20' });
    const chairEntry = (await listRosterEntries(t.db, groupId)).find(
      (m) => m.member.fullName === SAMPLE_ROSTER[0]!.fullName,
    )!;
    await record(t.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        { type: 'member.role-changed', payload: { groupId, membershipId: chairEntry.membershipId, role: 'chair' } },
      ],
    });
    const object = async (kind: 'executive_body' | 'municipal_institution', ky: string, email: string) =>
      (await registerObject(t.db, { councilId, kind, name: { ky, ru: ky }, emails: [email] }, 'test')).id;
    await object('executive_body', 'Айыл өкмөтү', EXECUTIVE_EMAIL);
    const school = await object('municipal_institution', 'Мектеп', 'mektep@ayil.kg');
    const clinic = await object('municipal_institution', 'ФАП', 'fap@ayil.kg');
    // Acts, as the act workflow records them: issued, received, the object's answer counted 10 working days.
    const act = async (
      objectId: string,
      name: string,
      number: string,
      issuedOn: string,
      due: string,
      answeredOn?: string,
      late = false,
    ) => {
      const id = (await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ subject: number }) }, 'test')).id;
      await onAct(
        id,
        {
          type: 'act.issued',
          payload: {
            actId: id,
            number,
            issuedOn,
            content: { subject: number, object: { kind: 'municipal_institution', name } },
          },
          occurredAt: at(issuedOn),
        },
        {
          type: 'obligation.opened',
          payload: {
            obligationId: `o-${number}`,
            groupId,
            actId: id,
            key: 'object-response',
            clause: '4.3',
            party: 'p',
            anchorDate: issuedOn,
            dueDate: due,
          },
        },
      );
      if (answeredOn)
        await onAct(id, {
          type: 'response.recorded',
          payload: {
            responseId: `r-${number}`,
            actId: id,
            obligationId: `o-${number}`,
            kind: 'object-response',
            submittedAt: at(answeredOn).toISOString(),
            late,
            body: 'Жооп; байланыш +996 555 000 111',
            responder: 'object',
            supersedes: null,
          },
        });
    };
    await act(school, 'Мектеп', '2026-001', '2026-02-02', '2026-02-16', '2026-02-13');
    await act(school, 'Мектеп', '2026-002', '2026-03-02', '2026-03-16', '2026-03-18', true);
    await act(clinic, 'ФАП', '2026-003', '2026-05-04', '2026-05-18');
    await act(clinic, 'ФАП', '2026-004', '2026-07-01', '2026-07-15');
    // The approved work plan (7.3.1): two items ending in the half-year (one done, one not), one ending in July.
    const planId = 'plan-2026';
    const item = (itemId: string, to: string): NewEvent => ({
      type: 'plan.item-added',
      payload: {
        planId,
        itemId,
        proposalId: null,
        objectId: school,
        subject: itemId,
        from: '2026-02-01',
        to,
        method: 'site_visit',
      },
    });
    await record(t.db, {
      stream: `plan-${planId}`,
      actor: 'test',
      events: [
        { type: 'plan.drafted', payload: { planId, groupId, councilId, title: '2026' } },
        item('i-1', '2026-03-31'),
        item('i-2', '2026-06-30'),
        item('i-3', '2026-07-31'),
        { type: 'plan.submitted', payload: { planId, submittedOn: '2026-01-25' } },
        {
          type: 'plan.approved',
          payload: { planId, sessionOn: '2026-01-28', decisionNumber: '5', text: 'Бекитилди', noticeId: null },
        },
        { type: 'plan.item-state-changed', payload: { planId, itemId: 'i-1', state: 'done', reason: null } },
      ],
    });
    await createAccount(t.db, { email: 'chair-report@ayil.kg', password: PASSWORD, role: 'chair', groupId });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'chair-report@ayil.kg', password: PASSWORD },
    });
    chair = {
      cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await engine?.close();
    transport?.close();
    await Promise.all([t?.drop(), smtp?.stop()]);
  });

  async function login(): Promise<Record<string, string>> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'chair-report@ayil.kg', password: PASSWORD },
    });
    return {
      cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
    };
  }

  const reportEvents = async () =>
    Number(
      (
        await t.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('type', 'like', 'report.%')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));

  it('a period not yet ended is refused naming the rule, with nothing written; an ended one is drafted once', async () => {
    const early = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/reports?lang=ru`,
      headers: chair,
      payload: { period: '2026-H2' },
    });
    expect(early.statusCode).toBe(400);
    const error = early.json<{ error: { field: string; rule: string; problems: { message: string }[] } }>().error;
    expect([error.field, error.rule]).toEqual(['period', 'period-not-ended']);
    expect(error.problems[0]!.message).toBe(
      'Период заканчивается 2026-12-31: отчёт составляется после окончания периода.',
    );
    expect(await reportEvents()).toBe(0);

    const drafted = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/reports`,
      headers: chair,
      payload: { period: '2026-H1' },
    });
    expect(drafted.statusCode).toBe(201);
    const body = drafted.json<{ id: string; due: string; status: string; facts: Record<string, unknown> }>();
    reportId = body.id;
    expect(body).toMatchObject({ due: '2026-07-30', status: 'draft' });
    // Drawn from the record: three acts of the half-year (not July's), one answer on time, one late, one never.
    expect(body.facts).toMatchObject({
      acts: {
        issued: 3,
        byObject: [
          { object: 'Мектеп', count: 2 },
          { object: 'ФАП', count: 1 },
        ],
      },
      objectAnswers: { 'answered-on-time': 1, 'answered-late': 1, unanswered: 1 },
      planItems: { done: 1, notDone: 1, dropped: 0 },
    });
    const again = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/reports`,
      headers: chair,
      payload: { period: '2026-H1' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(reportId);
  });

  it('the chair is reminded on 27, 29 and 30 July; the council is told once, on 31 July', async () => {
    await engine.advanceTo('2026-07-27T03:05:00Z');
    expect(mailsTo(CHAIR_EMAIL)).toHaveLength(1);
    await engine.advanceTo('2026-07-30T03:05:00Z');
    expect(mailsTo(CHAIR_EMAIL)).toHaveLength(3);
    expect(mailsTo(COUNCIL_EMAIL)).toHaveLength(0);
    await engine.advanceTo('2026-07-31T03:05:00Z');
    expect(mailsTo(COUNCIL_EMAIL)).toHaveLength(1);
    await engine.advanceTo('2026-08-03T04:00:00Z');
    expect(mailsTo(COUNCIL_EMAIL)).toHaveLength(1);
  }, 120_000);

  it('submitting needs the results and conclusions; then the report is frozen, mailed and published, once', async () => {
    chair = await login(); // a month has passed: the session of 1 July has expired
    const refused = await app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/submit?lang=ky`,
      headers: chair,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { problems: { field: string }[] } }>().error.problems.map((p) => p.field)).toEqual([
      'texts.results',
      'texts.conclusions',
    ]);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      headers: chair,
      payload: {
        texts: {
          events: 'Үч жолугушуу',
          results: 'Суу графиги жарыяланды',
          conclusions: 'ФАП жооп берген жок',
          recommendations: ['ФАПтын жооп берүүсүн талап кылуу'],
        },
      },
    });
    expect(edited.statusCode).toBe(200);
    const submitted = await app.inject({ method: 'POST', url: `/api/reports/${reportId}/submit`, headers: chair });
    expect(submitted.statusCode, submitted.payload).toBe(200);
    expect(submitted.json()).toMatchObject({ submittedOn: '2026-08-03', late: true, mailed: 2 });
    const toExecutive = mailsTo(EXECUTIVE_EMAIL);
    expect(toExecutive).toHaveLength(1);
    expect(toExecutive[0]!.parsed.subject).toBe(
      'Ак-Суу айылдык кеңеши: 2026-жылдын биринчи жарымы / Ак-Суйский айылный кенеш: первое полугодие 2026 года',
    );
    expect(toExecutive[0]!.parsed.text).toContain('Суу графиги жарыяланды');
    expect(toExecutive[0]!.parsed.text).toContain('https://jmeg.example.kg/reports/');
    expect(mailsTo(COUNCIL_EMAIL)).toHaveLength(2); // the escalation and the report
    // The recommendations to the council are listed in the mail and frozen with the counts (issue 15 point 3).
    expect(toExecutive[0]!.parsed.text).toContain('Рекомендации кенешу:\n1. ФАПтын жооп берүүсүн талап кылуу');
    const late = await app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      headers: chair,
      payload: { texts: { recommendations: ['Башка'] } },
    });
    expect(late.statusCode).toBe(409);
    const again = await app.inject({ method: 'POST', url: `/api/reports/${reportId}/submit`, headers: chair });
    expect(again.statusCode).toBe(409);
    expect(mailsTo(EXECUTIVE_EMAIL)).toHaveLength(1);
    const obligation = await t.db
      .selectFrom('obligations')
      .select('status')
      .where('id', '=', `report:${reportId}`)
      .executeTakeFirstOrThrow();
    expect(obligation.status).toBe('met');
    await engine.advanceTo('2026-08-04T04:00:00Z');
    const handle = engine.client.workflow.getHandle(reportWorkflowId(reportId));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    await saveHistory(await engine.history(reportWorkflowId(reportId)), 'report-late-submitted');
  }, 120_000);

  it('the public sees the submitted report, its print page and a notice, with no personal data', async () => {
    const page = await app.inject({ method: 'GET', url: `/reports/${reportId}?lang=ru` });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('Отчёт группы: первое полугодие 2026 года');
    expect(page.payload).toContain('Суу графиги жарыяланды');
    expect(page.payload).toContain('role="img"');
    expect(page.payload).not.toContain('+996');
    expect(page.payload).not.toContain(CHAIR_EMAIL);
    expect((await app.inject({ method: 'GET', url: `/reports/${reportId}/print?lang=ky` })).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: `/groups/${groupId}/reports?lang=en` });
    expect(list.payload).toContain('the first half of 2026');
    const notice = await t.db
      .selectFrom('notices')
      .select(['kind', 'text_ru'])
      .where('id', '=', `report-${reportId}`)
      .executeTakeFirstOrThrow();
    expect(notice.kind).toBe('summary-report');
    expect(notice.text_ru).toContain('Ответы объектов (4.3(3)): в срок: 1; с опозданием: 1; без ответа: 1');
    // The board's entry links the report's page, where the council's decision on each recommendation appears.
    expect(notice.text_ru).toContain(`https://jmeg.example.kg/reports/${reportId}?lang=ru`);
    expect(page.payload).toContain(
      '1. ФАПтын жооп берүүсүн талап кылуу</td><td data-label="Решение кенеша"><span class="muted">решения нет</span>',
    );
    // A half-year report has no annual gathering (7.2.4).
    expect(page.payload).not.toContain('собрании местного сообщества');
  });
});
