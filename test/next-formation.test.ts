// The next formation after a term ended (5.3.1; issue 13 point 4) on the time-skipping server and real Postgres: staff
// start it from the ended group's dashboard, giving the date 5.4.1 counts from (a term can end mid-convocation); the
// new group's record names the old one and its public composition links to it. A group whose term has not ended is
// refused naming 5.3.1, with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import { decideGroupCreation } from './support/group-created';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const START = '2030-01-21T04:00:00.000Z'; // Monday 21 January 2030, the day after the term of 20.01.2026–20.01.2030
const PASSWORD = 'next formation password';

describe.skipIf(!requireServer(server, 'next formation'))('the next formation after a term ended', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let engine: TimeSkippingEngine;
  let app: App;
  let councilId: string;
  let ended: string;
  let otherCouncilActive: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
    engine = await createTimeSkippingEngine({
      serverPath: server.available ? server.path : '',
      db: t.db,
      transport,
      mailFrom: 'jmeg@ayil.kg',
      startTime: START,
    });
    app = buildApp({ db: t.db, config: loadConfig({}), clock: () => engine.now(), engine });
    await app.ready();
    councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'k@aksuu.kg' }, 'test');
    ended = await openGroup(t.db, { councilId, councilFormedOn: '2025-11-01' }, 'test');
    await decideGroupCreation(t.db, ended, { createdOn: '2026-01-20', termEnd: '2030-01-20' });
    await record(t.db, {
      stream: streams.group(ended),
      actor: 'test',
      events: [{ type: 'group.status-changed', payload: { groupId: ended, status: 'term-ended', reason: '5.3.1' } }],
    });
    const other = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
    otherCouncilActive = await openGroup(t.db, { councilId: other }, 'test');
    await decideGroupCreation(t.db, otherCouncilActive);
    await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId: null });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff@aksuu.kg', password: PASSWORD },
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

  const groups = async () => (await t.db.selectFrom('groups').select('id').execute()).length;

  it('the ended group’s dashboard offers staff the next formation; its page asks for the date and says why', async () => {
    const dashboard = await app.inject({ method: 'GET', url: `/manage/groups/${ended}/dashboard?lang=ru`, headers });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.payload).toContain(`/manage/councils/${councilId}/formations/new?lang=ru&amp;after=${ended}`);
    expect(dashboard.payload).toContain('Начать формирование следующей группы');
    const page = await app.inject({
      method: 'GET',
      url: `/manage/councils/${councilId}/formations/new?lang=ru&after=${ended}`,
      headers,
    });
    expect(page.payload).toContain('Срок полномочий прежней группы истёк 20.01.2030 (5.3.1).');
    expect(page.payload).toContain(`name="previousGroupId" value="${ended}"`);
  });

  it('a group whose term has not ended, or of another council, is refused naming 5.3.1, with nothing written', async () => {
    const before = await groups();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/councils/${councilId}/formations?lang=en`,
      headers,
      payload: { formedOn: '2030-01-21', previousGroupId: otherCouncilActive },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { problems: { field: string; rule: string }[] } }>().error.problems).toEqual([
      expect.objectContaining({ field: 'previousGroupId', rule: 'unknown-group' }),
    ]);
    const own = await openGroup(t.db, { councilId }, 'test');
    await decideGroupCreation(t.db, own);
    const notEnded = await app.inject({
      method: 'POST',
      url: `/api/councils/${councilId}/formations`,
      headers,
      payload: { formedOn: '2030-01-21', previousGroupId: own },
    });
    expect(notEnded.statusCode).toBe(409);
    expect(notEnded.json<{ error: { problems: { rule: string; clause: string }[] } }>().error.problems).toEqual([
      expect.objectContaining({ rule: 'term-not-ended', clause: '5.3.1' }),
    ]);
    expect(await groups()).toBe(before + 1); // only the group this test opened itself
    // That group is in office: it must not stand in the way of the next formation below.
    await record(t.db, {
      stream: streams.group(own),
      actor: 'test',
      events: [{ type: 'group.status-changed', payload: { groupId: own, status: 'dissolved', reason: 'test' } }],
    });
  });

  it('started from the ended group: the new group names it and its public composition links to it', async () => {
    const started = await app.inject({
      method: 'POST',
      url: `/api/councils/${councilId}/formations`,
      headers,
      payload: { formedOn: '2030-01-21', previousGroupId: ended },
    });
    expect(started.statusCode, started.payload).toBe(201);
    const { groupId } = started.json<{ groupId: string }>();
    const row = await t.db
      .selectFrom('groups')
      .select(['previous_group_id', 'status'])
      .where('id', '=', groupId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ previous_group_id: ended, status: 'forming' });
    const composition = await app.inject({ method: 'GET', url: `/groups/${groupId}/composition?lang=ky` });
    expect(composition.payload).toContain(`href="/groups/${ended}/composition?lang=ky"`);
    expect(composition.payload).toContain('Мурунку курам');
  });
});
