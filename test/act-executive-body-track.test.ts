// 4.3(4): the executive body's own track, on Temporal's real time-skipping test server (the real act workflow and
// activities on a real worker), a real Postgres database, a real SMTP server and the real HTTP routes. An act about a
// school goes to the school AND to the executive body, each with its own signed link; each receipt is recorded by a
// deliberate POST through the party's own link (or by staff naming the party), and the executive body's 30 calendar
// days count from its own receipt, with its own reminders and exactly one escalation to the council. The other
// party's link is refused (403) in the visitor's language, with nothing written.
// Dates (Bishkek): act A is issued on Monday 2 March 2026; the school receives it that day and the executive body on
// Tuesday 10 March: its report is due Thursday 9 April 2026 (10 March + 30 days; a working day). Act B's receipt by
// the executive body is recorded by staff on Wednesday 4 March: due Friday 3 April 2026.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executiveDeliveryKey, forwardKey } from '../activities/acts/act-activities';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey } from '../activities/mail/obligation-mail-activities';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { listResponseForwards } from '../db/response-forwards';
import { RESPONSE_TOKEN_MESSAGES, verifyResponseToken } from '../security/response-token';
import * as a from '../workflows/act/contract';
import { saveHistory, type History } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, "the executive body's own track (4.3(4))");
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'executive-track-test-secret-0123456789abcd';
const START = '2026-03-02T04:00:00.000Z'; // Monday 2 March 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const COUNCIL_EMAIL = 'kenesh@ayil.kg';
const EXECUTIVE_EMAIL = 'okmot@ayil.kg';
const SCHOOL_EMAIL = 'mektep@ayil.kg';

const CONTENT = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-20',
  findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
};

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let dataDir: string;
let executiveId: string;
let headers: Record<string, string>;
const acts: Record<'a' | 'b', { id: string; school: string; executive: string }> = {
  a: { id: '', school: '', executive: '' },
  b: { id: '', school: '', executive: '' },
};

const mailsTo = (address: string, actId: string) =>
  smtp.received.filter((m) => m.envelopeTo.includes(address) && (m.parsed.text ?? '').includes(actId));
const linkIn = (text: string) =>
  /https:\/\/jmeg\.example\.kg(\/acts\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(text)?.[1] ?? '';
const tokenOf = (link: string) => new URL(link, 'https://x').searchParams.get('t')!;
const receiptUrl = (link: string) => link.replace('/acts/', '/api/acts/').replace('/respond?', '/respond/receipt?');
const state = (actId: string) => engine.query(a.actWorkflowId(actId), a.actStateQuery);
const eventCount = async (actId: string) =>
  (await t.db.selectFrom('events').select('stream_version').where('stream_id', '=', `act-${actId}`).execute()).length;

/** Logs staff in (again: a session does not survive the server's weeks-long jumps). */
async function staffHeaders(): Promise<Record<string, string>> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'staff@ayil.kg', password: PASSWORD },
  });
  return {
    cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  };
}

async function outbox(actId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('mail_outbox')
    .select(['business_key', 'status'])
    .where('business_key', 'like', `%${actId}%`)
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.business_key} ${r.status}`);
}

beforeAll(async () => {
  if (!server.available) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-executive-track-'));
  engine = await createTimeSkippingEngine({
    serverPath: server.path,
    db: t.db,
    transport,
    mailFrom: MAIL_FROM,
    startTime: START,
    extraActivityConfig: { responseLinkSecret: SECRET, publicBaseUrl: 'https://jmeg.example.kg' },
  });
  app = buildApp({
    db: t.db,
    config: { ...loadConfig({}), dataDir, responseLinkSecret: SECRET },
    clock: () => engine.now(),
    engine,
  });
  await app.ready();

  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' }, email: COUNCIL_EMAIL },
    'test',
  );
  const groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId); // 5.4.5: the group acts once created
  executiveId = (
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'executive_body',
        name: { ky: 'Терек-Суу айыл өкмөтү', ru: 'Терек-Суйский айыл окмоту' },
        emails: [EXECUTIVE_EMAIL],
      },
      'test',
    )
  ).id;
  const schoolId = (
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'municipal_institution',
        name: { ky: 'Терек-Суу мектеби', ru: 'Терек-Суйская школа' },
        emails: [SCHOOL_EMAIL],
      },
      'test',
    )
  ).id;
  await createAccount(t.db, { email: 'staff@ayil.kg', password: PASSWORD, role: 'staff', councilId });
  headers = await staffHeaders();
  for (const key of ['a', 'b'] as const) {
    const draft = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/acts`,
      headers,
      payload: { objectId: schoolId, title: `Акт ${key}`, content: CONTENT },
    });
    acts[key].id = draft.json<{ id: string }>().id;
    const issued = await app.inject({ method: 'POST', url: `/api/acts/${acts[key].id}/issue`, headers });
    expect(issued.json()).toMatchObject({ delivery: 'started' });
  }
  await engine.advanceTo(Math.max(Date.parse('2026-03-02T04:01:00Z'), engine.now()));
  for (const key of ['a', 'b'] as const) {
    await engine.settle(a.actWorkflowId(acts[key].id));
    acts[key].school = linkIn(mailsTo(SCHOOL_EMAIL, acts[key].id)[0]?.parsed.text ?? '');
    acts[key].executive = linkIn(mailsTo(EXECUTIVE_EMAIL, acts[key].id)[0]?.parsed.text ?? '');
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, payload: object = {}, lang = 'en') =>
  app.inject({ method: 'POST', url, payload, headers: { 'accept-language': lang } });

describe.skipIf(!runs)("the executive body's own track (4.3(4)) on the time-skipping server", () => {
  it('the act goes to the school and to the executive body, each with a link signed for the act and itself', async () => {
    const { id, school, executive } = acts.a;
    expect(school).not.toBe('');
    expect(executive).not.toBe('');
    expect(tokenOf(school)).not.toBe(tokenOf(executive));
    const now = Date.parse(START);
    expect(verifyResponseToken(tokenOf(executive), SECRET, { nowMs: now, actId: id }).objectId).toBe(executiveId);
    expect(verifyResponseToken(tokenOf(school), SECRET, { nowMs: now, actId: id }).objectId).not.toBe(executiveId);
    const text = mailsTo(EXECUTIVE_EMAIL, id)[0]!.parsed.text!;
    expect(text).toContain('Терек-Суу мектеби');
    expect(text).toContain('30 календардык');
    const s = await state(id);
    expect(s.executiveBody).toEqual({
      delivery: { to: [EXECUTIVE_EMAIL], linkExpiresAt: '2026-05-01T18:00:00.000Z' },
      receipt: null,
    });
    expect(await outbox(id)).toEqual([`act:${id}:delivery sent`, `${executiveDeliveryKey(id)} sent`]);
  });

  it("each receipt through its own link; the other party's link is refused (403, the rule, the visitor's language), nothing written", async () => {
    const { id, school, executive } = acts.a;
    await engine.advanceTo('2026-03-02T05:00:00Z');
    const own = await post(receiptUrl(school));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ party: 'object', receivedOn: '2026-03-02', via: 'link' });
    await engine.settle(a.actWorkflowId(id));
    expect((await state(id)).obligations.map((o) => [o.key, o.anchor, o.due])).toEqual([
      ['object-response', '2026-03-02', expect.any(String)],
    ]);

    const before = await eventCount(id);
    const wrong = await post(receiptUrl(school), { party: 'executive_body' }, 'ru');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({
      error: { code: 'link-wrong-party', message: RESPONSE_TOKEN_MESSAGES['wrong-party'].ru },
    });
    expect(RESPONSE_TOKEN_MESSAGES['wrong-party'].ru).toContain('4.3');
    const reverse = await post(receiptUrl(executive), { party: 'object' }, 'ky');
    expect(reverse.statusCode).toBe(403);
    expect(reverse.json<{ error: { message: string } }>().error.message).toBe(
      RESPONSE_TOKEN_MESSAGES['wrong-party'].ky,
    );
    await engine.settle(a.actWorkflowId(id));
    expect(await eventCount(id)).toBe(before);
    expect((await state(id)).executiveBody?.receipt).toBeNull();

    // The school answers on Thursday 5 March, in time.
    await engine.advanceTo('2026-03-05T05:00:00Z');
    const answered = await app.inject({
      method: 'POST',
      url: school.replace('/acts/', '/api/acts/'),
      payload: { text: 'Себептери: насос бузулган. Чаралар: апрелде алмаштырылат.', submissionKey: 'form-1' },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ obligationKey: 'object-response', late: false });
    // 4.3(3): the answer reaches the executive body (copy to the group), its text in the mail; recorded once.
    await engine.settle(a.actWorkflowId(id));
    const forwarded = smtp.received.filter(
      (m) => m.envelopeTo.includes(EXECUTIVE_EMAIL) && (m.parsed.text ?? '').includes('насос бузулган'),
    );
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.parsed.text).toContain('Себептери: насос бузулган. Чаралар: апрелде алмаштырылат.');
    expect(forwarded[0]!.parsed.text).toContain(`https://jmeg.example.kg/manage/acts/${id}`);
    const responseId = answered.json<{ responseId: string }>().responseId;
    expect((await outbox(id)).filter((k) => k.includes(':forward:'))).toEqual([`${forwardKey(id, responseId)} sent`]);
    expect(await listResponseForwards(t.db, id)).toEqual([
      { responseId, to: [EXECUTIVE_EMAIL], forwardedAt: expect.stringMatching(/^2026-03-05T/) as string },
    ]);

    // The executive body receives the act on Tuesday 10 March: its 30 days count from then, to Thursday 9 April.
    await engine.advanceTo('2026-03-10T05:00:00Z');
    const exec = await post(receiptUrl(executive), { party: 'executive_body' });
    expect(exec.statusCode).toBe(200);
    expect(exec.json()).toMatchObject({ party: 'executive-body', receivedOn: '2026-03-10', via: 'link' });
    await engine.settle(a.actWorkflowId(id));
    const s = await state(id);
    expect(s.receipt?.receivedOn).toBe('2026-03-02');
    expect(s.executiveBody?.receipt).toMatchObject({ receivedOn: '2026-03-10', via: 'link' });
    const report = s.obligations.find((o) => o.key === 'executive-report')!;
    expect([report.anchor, report.due, report.party]).toEqual(['2026-03-10', '2026-04-09', 'executive-body']);
    // The act's record keeps the school's receipt.
    const row = await t.db
      .selectFrom('acts')
      .select(['received_on', 'received_via'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([String(row.received_on).slice(0, 10), row.received_via]).toEqual(['2026-03-02', 'link']);
  }, 120_000);

  it('the executive body is reminded before 9 April and escalated to the council exactly once; a late report still closes the act', async () => {
    const { id } = acts.a;
    await engine.advanceTo('2026-04-20T05:00:00Z');
    await engine.settle(a.actWorkflowId(id));
    const report = (await state(id)).obligations.find((o) => o.key === 'executive-report')!;
    expect(report.ladder.map((r) => [r.rung, r.date, r.status])).toEqual([
      ['due-3', '2026-04-06', 'sent'],
      ['due-1', '2026-04-08', 'sent'],
      ['due-0', '2026-04-09', 'sent'],
      ['escalation', '2026-04-10', 'sent'],
    ]);
    expect(report.escalated).toBe(true);
    // Act B's receipt comes later: every mail to the executive body after the deliveries (2 March) and the school's
    // answer (5 March) is one of act A's reminders.
    const reminders = smtp.received.filter(
      (m) => m.envelopeTo.includes(EXECUTIVE_EMAIL) && m.parsed.date!.toISOString() > '2026-03-06',
    );
    expect(reminders.map((m) => m.parsed.date?.toISOString().slice(0, 10))).toEqual([
      '2026-04-06',
      '2026-04-08',
      '2026-04-09',
    ]);
    const council = smtp.received.filter((m) => m.envelopeTo.includes(COUNCIL_EMAIL));
    const escalations = (await outbox(id)).filter((k) => k.startsWith(escalationKey(`${id}/executive-report`)));
    expect(escalations).toEqual([`${escalationKey(`${id}/executive-report`)} sent`]);
    expect(council.filter((m) => m.parsed.date?.toISOString().slice(0, 10) === '2026-04-10')).toHaveLength(1);

    await engine.update(a.actWorkflowId(id), a.recordResponseUpdate, {
      obligationKey: 'executive-report',
      respondedOn: '2026-04-20',
      text: 'Насос алмаштырылды.',
      submissionKey: 'staff-1',
    });
    await engine.advanceTo('2026-04-20T05:01:00Z');
    const handle = engine.client.workflow.getHandle(a.actWorkflowId(id));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect((await state(id)).closed).toEqual({ on: '2026-04-20', by: 'obligations-met', reason: null });
    const history: History = await engine.history(a.actWorkflowId(id));
    await saveHistory(history, 'act-executive-body-answer-forwarded');
  }, 180_000);

  it('staff record the executive body’s paper receipt with party executive_body: its 30 days run from that day', async () => {
    const { id } = acts.b;
    const early = await app.inject({
      method: 'POST',
      url: `/api/acts/${id}/receipt`,
      headers: await staffHeaders(),
      payload: { receivedOn: '2026-03-04', party: 'executive_body' },
    });
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json()).toMatchObject({ receivedOn: '2026-03-04', via: 'staff', party: 'executive-body' });
    await engine.settle(a.actWorkflowId(id));
    const s = await state(id);
    expect(s.receipt).toBeNull();
    expect(s.obligations.map((o) => [o.key, o.anchor, o.due])).toEqual([
      ['executive-report', '2026-03-04', '2026-04-03'],
    ]);
  }, 60_000);
});
