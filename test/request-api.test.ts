// Information requests through the JSON API and the object's page (7.3.2(1), Law No. 217), on a real Postgres
// database, Temporal's real time-skipping test server and a real SMTP server; the link comes from the mail.
// Bad input is a 400 naming the field and the rule in the caller's language, with nothing written; opening the link
// records nothing, only the "I have received it" POST does; a refusal without its ground is refused in the visitor's
// language; the public list shows no personal data.
// The chair writes the request on Monday 20 April 2026; the object confirms receipt on Friday 24 April: due 15 May.
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
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'request-api-test-secret-0123456789abcdefgh';
const START = '2026-04-20T04:00:00.000Z'; // Monday 20 April 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const OBJECT_EMAIL = 'mektep-api@ayil.kg';

describe.skipIf(!requireServer(server, 'information request API'))('information requests over HTTP', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let engine: TimeSkippingEngine;
  let app: App;
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
        dataDir: mkdtempSync(join(tmpdir(), 'jmeg-request-api-')),
        responseLinkSecret: SECRET,
      },
      clock: () => engine.now(),
      engine,
    });
    await app.ready();
    const councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' }, email: 'kenesh-api@ayil.kg' },
      'test',
    );
    groupId = await openGroup(t.db, { councilId }, 'test');
    await decideGroupCreation(t.db, groupId); // 5.4.5, 7.3.2(1): the group requests information once created
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
    await createAccount(t.db, { email: 'staff-api@ayil.kg', password: PASSWORD, role: 'staff', councilId });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff-api@ayil.kg', password: PASSWORD },
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

  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('information_requests')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a request is written and sent; bad input is a 400 naming the field and the rule, writing nothing', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/requests?lang=ru`,
      headers,
      payload: { objectId, subject: ' ', purpose: 'Проверка акта № 3' },
    });
    expect(bad.statusCode).toBe(400);
    const problems = bad.json<{ error: { problems: { field: string; rule: string; message: string }[] } }>().error
      .problems;
    expect(problems.map((p) => [p.field, p.rule])).toEqual([['subject', 'subject-required']]);
    expect(problems[0]!.message).toContain('п. 7.3.2');
    const unknown = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/requests`,
      headers,
      payload: { objectId, subject: 'x', purpose: 'y', phone: '+996' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { field: string } }>().error.field).toBe('phone');
    expect(await count()).toBe(0);

    const ok = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/requests`,
      headers,
      payload: { objectId, subject: 'Мектептин 2026-жылдагы бюджети', purpose: 'Акт № 3', reference: 'Акт № 3' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ delivery: 'started', request: { sentOn: '2026-04-20', receivedOn: null } });
    expect(await count()).toBe(1);
  }, 120_000);

  it('the link opens the request and records nothing; the "I have received it" POST starts the count', async () => {
    await engine.advanceTo('2026-04-20T04:02:00Z');
    const mail = smtp.received.find((m) => m.envelopeTo.includes(OBJECT_EMAIL))!;
    const path = /https:\/\/jmeg\.example\.kg(\/requests\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(mail.parsed.text!)![1]!;
    const requestId = /\/requests\/([^/]+)\//.exec(path)![1]!;
    await engine.advanceTo('2026-04-24T05:00:00Z');
    const page = await app.inject({ method: 'GET', url: `${path}&lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('I have received it');
    expect(page.body).toContain('Мектептин 2026-жылдагы бюджети');
    const row = () =>
      t.db.selectFrom('information_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    expect((await row()).received_on).toBeNull();

    const tampered = await app.inject({ method: 'GET', url: `${path.slice(0, -3)}xyz&lang=ru` });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.body).toContain('Ссылка изменена');

    const receipt = await app.inject({
      method: 'POST',
      url: path.replace('/respond?', '/respond/receipt?'),
      payload: {},
    });
    expect(receipt.statusCode).toBe(303);
    expect(String((await row()).received_on).slice(0, 10)).toBe('2026-04-24');
    expect(String((await row()).due_date).slice(0, 10)).toBe('2026-05-15');

    const noGround = await app.inject({
      method: 'POST',
      url: `${path.replace('/respond?', '/respond/refuse?')}&lang=ky`,
      payload: { ground: '', text: 'Берилбейт' },
    });
    expect(noGround.statusCode).toBe(400);
    expect(noGround.body).toContain('мыйзамдагы негизге шилтеме');
    expect((await row()).outcome).toBeNull();

    const answered = await app.inject({
      method: 'POST',
      url: path.replace('/respond?', '/respond/answer?'),
      payload: { text: 'Бюджет тиркелди.' },
    });
    expect(answered.statusCode).toBe(303);
    expect((await row()).outcome).toBe('answered');

    const list = await app.inject({ method: 'GET', url: `/api/public/groups/${groupId}/requests` });
    expect(list.json()).toEqual({
      groupId,
      requests: [
        {
          subject: 'Мектептин 2026-жылдагы бюджети',
          object: { ky: 'Кара-Суу мектеби', ru: 'Кара-Суйская школа' },
          sentOn: '2026-04-20',
          due: '2026-05-15',
          outcome: 'answered-on-time',
        },
      ],
    });
    const publicPage = await app.inject({ method: 'GET', url: `/groups/${groupId}/requests?lang=ru` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('ответ в срок');
    expect(publicPage.body).not.toContain(OBJECT_EMAIL);
    expect(list.body).not.toContain('@');

    // A new session: the one of the morning of 20 April ended after 12 hours without use.
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff-api@ayil.kg', password: PASSWORD },
    });
    headers = {
      cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
    const manage = await app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/requests?lang=en`,
      headers: { cookie: headers.cookie! },
    });
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('answered on time');
    const before = await count();
    const refusedForm = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/requests?lang=en`,
      headers: { cookie: headers.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: headers['x-csrf-token']!,
        objectId,
        subject: 'Budget',
        purpose: '  ',
      }).toString(),
    });
    expect(refusedForm.statusCode).toBe(400);
    expect(refusedForm.body).toContain('Say why the information is needed (clause 7.3.2).');
    expect(await count()).toBe(before);
  }, 120_000);
});
