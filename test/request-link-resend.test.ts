// Re-sending an information request's link (7.3.2(1)) and the object's JSON receipt, on a real Postgres database,
// Temporal's real time-skipping test server and a real SMTP server: the fresh link's mail arrives once, the earlier
// link answers 410 in the visitor's language (ky, ru) and records nothing; the JSON "I have received it" records once.
// The chair's pending list shows the executive body's own receipt of an act still awaited (4.3(4)) until it is given.
// Monday 20 April 2026, 10:00 in Bishkek.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { calendarForCouncil, EXECUTIVE_RECEIPT_KEY, pendingObligations } from '../db/pending';
import { RESPONSE_TOKEN_MESSAGES } from '../security/response-token';
import { countRows } from './support/db-dump';
import { decideGroupCreation } from './support/group-created';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'request-link-test-secret-0123456789abcdefgh';
const START = '2026-04-20T04:00:00.000Z'; // Monday 20 April 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const OBJECT_EMAIL = 'mektep-link@ayil.kg';
const OKMOT_EMAIL = 'okmot-link@ayil.kg';

describe.skipIf(!requireServer(server, 'request links'))('fresh links and the deliberate receipt', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let engine: TimeSkippingEngine;
  let app: App;
  let councilId: string;
  let groupId: string;
  let objectId: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
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
      config: {
        ...loadConfig({}),
        dataDir: mkdtempSync(join(tmpdir(), 'jmeg-request-link-')),
        responseLinkSecret: SECRET,
        smtpUrl: smtp.url,
        mailFrom: MAIL_FROM,
        publicBaseUrl: 'https://jmeg.example.kg',
      },
      clock: () => engine.now(),
      engine,
    });
    await app.ready();
    councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' }, email: 'kenesh-link@ayil.kg' },
      'test',
    );
    groupId = await openGroup(t.db, { councilId }, 'test');
    await decideGroupCreation(t.db, groupId);
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'executive_body',
        name: { ky: 'Кара-Суу айыл өкмөтү', ru: 'Кара-Суйский айыл окмоту' },
        emails: [OKMOT_EMAIL],
      },
      'test',
    );
    objectId = (
      await registerObject(
        t.db,
        {
          councilId,
          kind: 'municipal_institution',
          name: { ky: 'Кара-Суу мектеби', ru: 'Кара-Суйская школа' },
          emails: [OBJECT_EMAIL],
        },
        'test',
      )
    ).id;
    await createAccount(t.db, { email: 'staff-link@ayil.kg', password: PASSWORD, role: 'staff', councilId });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff-link@ayil.kg', password: PASSWORD },
    });
    headers = {
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

  it('a fresh link re-sent by staff is mailed once and revokes the earlier one (410 in ky and ru); the JSON receipt records once', async () => {
    const sent = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/requests`,
      headers,
      payload: { objectId, subject: 'Ашкана боюнча келишимдер', purpose: 'Пландын 2-пункту' },
    });
    expect(sent.statusCode).toBe(201);
    const requestId = sent.json<{ request: { id: string } }>().request.id;
    const linkOf = (text: string) =>
      new RegExp(`https://jmeg\\.example\\.kg(/requests/${requestId}/respond\\?t=[\\w.-]+)`).exec(text)?.[1];
    const mailsWithLink = () =>
      smtp.received.filter((m) => m.envelopeTo.includes(OBJECT_EMAIL) && linkOf(m.parsed.text ?? '') !== undefined);
    await engine.advanceTo(engine.now() + 60_000);
    await expect.poll(() => mailsWithLink().length, { timeout: 30_000 }).toBe(1);
    const first = linkOf(mailsWithLink()[0]!.parsed.text!)!;

    const resent = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/requests/${requestId}/resend-link`,
      headers,
    });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ generation: 1, to: [OBJECT_EMAIL], mail: 'sent' });
    await expect.poll(() => mailsWithLink().length, { timeout: 30_000 }).toBe(2);
    const fresh = linkOf(mailsWithLink()[1]!.parsed.text!)!;
    expect(mailsWithLink()[1]!.parsed.text).toContain('Это новая ссылка.');
    expect(fresh).not.toBe(first);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsWithLink()).toHaveLength(2);

    const events = await countRows(t.db, 'events');
    for (const lang of ['ky', 'ru'] as const) {
      const old = await app.inject({ method: 'GET', url: `${first}&lang=${lang}` });
      expect(old.statusCode).toBe(410);
      expect(old.body).toContain(RESPONSE_TOKEN_MESSAGES.revoked[lang]);
      expect(old.body).not.toContain('Ашкана боюнча келишимдер');
    }
    const oldReceipt = await app.inject({
      method: 'POST',
      url: first.replace('/requests/', '/api/requests/').replace('/respond?', '/respond/receipt?'),
      headers: { 'accept-language': 'ky' },
      payload: {},
    });
    expect(oldReceipt.statusCode).toBe(410);
    expect(oldReceipt.json()).toEqual({
      error: { code: 'link-revoked', message: RESPONSE_TOKEN_MESSAGES.revoked.ky },
    });
    expect(await countRows(t.db, 'events')).toBe(events);

    const receiptUrl = fresh.replace('/requests/', '/api/requests/').replace('/respond?', '/respond/receipt?');
    const receipt = await app.inject({ method: 'POST', url: receiptUrl, payload: {} });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ via: 'link' });
    const afterFirst = await countRows(t.db, 'events');
    const again = await app.inject({ method: 'POST', url: receiptUrl, payload: {} });
    expect(again.json()).toEqual(receipt.json());
    expect(await countRows(t.db, 'events')).toBe(afterFirst);

    // The requests page: a "fresh link" form per open request; a second re-send revokes the first fresh link.
    const manage = await app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/requests?lang=ru`,
      headers: { cookie: headers.cookie! },
    });
    expect(manage.body).toContain(`/manage/groups/${groupId}/requests/${requestId}/resend-link?lang=ru`);
    const form = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/requests/${requestId}/resend-link?lang=ru`,
      headers: { cookie: headers.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: headers['x-csrf-token']! }).toString(),
    });
    expect(form.statusCode).toBe(303);
    const back = await app.inject({ method: 'GET', url: form.headers.location!, headers: { cookie: headers.cookie! } });
    expect(back.body).toContain(`Новая ссылка отправлена (${OBJECT_EMAIL}); прежняя ссылка больше не действует.`);
    expect((await app.inject({ method: 'GET', url: `${fresh}&lang=ru` })).statusCode).toBe(410);
  }, 120_000);

  it("the chair's pending list shows the executive body's own receipt still awaited (4.3(4)) until its link's button", async () => {
    const CONTENT = {
      purpose: 'Ичүүчү суунун сапатын баалоо',
      subject: 'Ичүүчү суу менен камсыздоо программасы',
      place: 'Кара-Суу айылы',
      periodStart: '2026-03-02',
      periodEnd: '2026-03-20',
      findings: [{ kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' }],
      recommendations: ['Суу берүү графигин жарыялоо'],
      annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
    };
    const draft = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/acts`,
      headers,
      payload: { objectId, title: 'Суу', content: CONTENT },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const actId = draft.json<{ id: string }>().id;
    const issued = await app.inject({ method: 'POST', url: `/api/acts/${actId}/issue`, headers });
    expect(issued.statusCode, issued.body).toBe(200);
    const issuedOn = issued.json<{ act: { issuedOn: string } }>().act.issuedOn;
    const okmotLink = () => {
      const mail = smtp.received.find(
        (m) => m.envelopeTo.includes(OKMOT_EMAIL) && (m.parsed.text ?? '').includes(`/acts/${actId}/respond?t=`),
      );
      return mail && /https:\/\/jmeg\.example\.kg(\/acts\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(mail.parsed.text!)![1]!;
    };
    await engine.advanceTo(engine.now() + 60_000);
    await expect.poll(okmotLink, { timeout: 30_000 }).toBeDefined();
    const calendar = await calendarForCouncil(t.db, councilId);
    const today = issuedOn;
    const awaited = async () =>
      (await pendingObligations(t.db, { groupId, today, calendar })).filter((o) => o.key === EXECUTIVE_RECEIPT_KEY);
    const rows = await awaited();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clause: '4.3(4)',
      party: { id: 'executive-body' },
      open: true,
      anchorDate: issuedOn,
      act: { id: actId },
      title: { en: 'The executive body has not confirmed its receipt of the act yet (its 30 days count from it)' },
    });
    // Opening the executive body's link changes nothing; its button does.
    const link = okmotLink()!;
    expect((await app.inject({ method: 'GET', url: link })).statusCode).toBe(200);
    expect(await awaited()).toHaveLength(1);
    const pressed = await app.inject({ method: 'POST', url: link.replace('/respond?', '/respond/receipt?') });
    expect(pressed.statusCode).toBe(303);
    await expect.poll(async () => (await awaited()).length, { timeout: 30_000 }).toBe(0);
    const report = (await pendingObligations(t.db, { groupId, today, calendar })).find(
      (o) => o.key === 'executive-report',
    );
    expect(report).toMatchObject({ open: true, party: { id: 'executive-body' } });
  }, 120_000);
});
