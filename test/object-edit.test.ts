// Staff edit a monitored object (issue 12, point 7): names and addresses through the JSON PATCH route, the page's form
// and `jmeg object edit`, each change an event keeping the old values; an inactive object gets no new act nor
// information request (4.2: 409/400 naming objectId and object-inactive, nothing written); a reminder sent after the
// change goes to the new address (the recipients are resolved when the mail is sent). Real PostgreSQL, the real SMTP
// test server, HTTP through the app, the CLI as a user runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount, createSession } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { findObjectById, registerObject } from '../db/objects';
import { record } from '../db/record';
import { expectNoAxeViolations } from './support/axe';
import { DESKTOP, launchFlowBrowser, newFlowContext, requireBrowser, SHOTS } from './support/flow-browser';
import { jmegOn } from './support/jmeg-cli';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const MAIL_FROM = 'jmeg@ayil.kg';
const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'object edit browser test');

describe('staff edit a monitored object; mails after the change go to the new address', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let app: App;
  let councilId: string;
  let groupId: string;
  let schoolId: string;
  const who: Record<string, { cookie: string; csrf: string }> = {};

  async function session(accountId: string) {
    const id = newToken();
    const csrf = newToken();
    await createSession(t.db, { idHash: hashSessionId(id), accountId, csrfToken: csrf, at: new Date() });
    return { cookie: `${SESSION_COOKIE}=${id}`, csrf };
  }

  const call = (as: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    app.inject({
      method,
      url,
      headers: { cookie: who[as]!.cookie, 'x-csrf-token': who[as]!.csrf },
      ...(payload ? { payload } : {}),
    });

  const objectUrl = () => `/api/councils/${councilId}/objects/${schoolId}`;
  const eventCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Тоң айылдык кеңеши', ru: 'Тонский айылный кенеш' }, email: 'ton@ayil.kg' },
      'test',
    );
    groupId = await openGroup(t.db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
    await record(t.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId, createdOn: '2026-02-02', resolutionNumber: '4', termEnd: '2030-02-02' },
        },
      ],
    });
    schoolId = (
      await registerObject(
        t.db,
        {
          councilId,
          kind: 'municipal_institution',
          name: { ky: 'Тоң мектеби', ru: 'Тонская школа' },
          emails: ['old@ton.kg'],
        },
        'test',
      )
    ).id;
    const password = 'a long enough password 2026';
    who.staff = await session(await createAccount(t.db, { email: 'staff@ton.kg', password, role: 'staff', councilId }));
    who.deputy = await session(
      await createAccount(t.db, { email: 'deputy@ton.kg', password, role: 'deputy', councilId }),
    );
    app = buildApp({ db: t.db, config: loadConfig({}) });
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    if (launch.ok) await launch.browser.close();
    transport?.close();
    await app?.close();
    await Promise.all([t?.drop(), smtp?.stop()]);
  });

  it('PATCH changes the names and addresses; the record keeps the old ones', async () => {
    const res = await call('staff', 'PATCH', `${objectUrl()}?lang=en`, {
      name: { ru: 'Тонская средняя школа' },
      emails: ['new@ton.kg', 'director@ton.kg'],
      postalAddress: 'Тоң айылы, Мектеп көч., 1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: { ky: 'Тоң мектеби', ru: 'Тонская средняя школа' },
      emails: ['new@ton.kg', 'director@ton.kg'],
      postalAddress: 'Тоң айылы, Мектеп көч., 1',
      active: true,
    });
    const got = await call('deputy', 'GET', objectUrl());
    expect(got.statusCode).toBe(200);
    const history = got.json<{ history: { type: string; changes: object; previous: object }[] }>().history;
    expect(history.map((h) => h.type)).toEqual(['registered', 'edited']);
    expect(history[1]).toMatchObject({
      changes: { nameRu: 'Тонская средняя школа', contacts: ['new@ton.kg', 'director@ton.kg'] },
      previous: { nameRu: 'Тонская школа', contacts: ['old@ton.kg'], postalAddress: null },
    });
  });

  it('a bad address is refused naming the field, in the visitor’s language, nothing written; deputies may not edit', async () => {
    const before = await eventCount();
    const bad = await call('staff', 'PATCH', `${objectUrl()}?lang=ru`, { emails: ['new@ton.kg', 'not an address'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'invalid-input', field: 'emails[1]', problems: [{ rule: 'invalid-email', clause: '4.2' }] },
    });
    expect(bad.body).toContain('«not an address» — неверный адрес электронной почты');
    const none = await call('staff', 'PATCH', `${objectUrl()}?lang=ky`, { emails: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({
      error: { field: 'emails', problems: [{ rule: 'missing-email', clause: '4.3' }] },
    });
    const deputy = await call('deputy', 'PATCH', objectUrl(), { name: { ky: 'X' } });
    expect(deputy.statusCode).toBe(403);
    expect(await eventCount()).toBe(before);
    expect((await findObjectById(t.db, schoolId))!.emails).toEqual(['new@ton.kg', 'director@ton.kg']);
  });

  it('a reminder sent after the change goes to the new addresses, not the old one', async () => {
    await record(t.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'obligation.opened',
          payload: {
            obligationId: 'ob-school',
            groupId,
            actId: null,
            key: 'object-response',
            clause: '4.3',
            party: `object:${schoolId}`,
            anchorDate: '2026-03-02',
            dueDate: '2026-03-16',
          },
        },
      ],
    });
    const activities = createActivities({
      db: t.db,
      transport,
      config: { mailFrom: MAIL_FROM },
      clock: () => new Date('2026-03-11T04:00:00Z'),
    });
    await activities.sendReminder({
      obligationId: 'ob-school',
      key: 'object-response',
      clause: '4.3',
      party: `object:${schoolId}`,
      anchor: '2026-03-02',
      due: '2026-03-16',
      dueInstant: '2026-03-16T17:59:59.999Z',
      rung: 'due-3',
      workingDaysBefore: 3,
    });
    const reminders = smtp.received.filter((m) => m.parsed.text?.includes('Тоң мектеби') || m.envelopeTo.length > 0);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.envelopeTo.sort()).toEqual(['director@ton.kg', 'new@ton.kg']);
    expect(reminders[0]!.envelopeTo).not.toContain('old@ton.kg');
  });

  it('the page: staff change the postal address through the form; the record shows the old value', async () => {
    const page = await call('staff', 'GET', `/manage/councils/${councilId}/objects/${schoolId}?lang=ky`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<textarea id="postalAddress" name="postalAddress"');
    const form = new URLSearchParams({
      _csrf: who.staff!.csrf,
      action: 'edit',
      nameKy: 'Тоң мектеби',
      nameRu: 'Тонская средняя школа',
      emails: 'new@ton.kg\ndirector@ton.kg',
      postalAddress: 'Тоң айылы, Ленин көч., 5',
    });
    const posted = await app.inject({
      method: 'POST',
      url: `/manage/councils/${councilId}/objects/${schoolId}?lang=ky`,
      headers: { cookie: who.staff!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(posted.statusCode).toBe(303);
    const after = await call('staff', 'GET', `/manage/councils/${councilId}/objects/${schoolId}?lang=ky&done=saved`);
    expect(after.body).toContain('Өзгөртүүлөр сакталды.');
    expect(after.body).toContain('Почта дареги: Тоң айылы, Мектеп көч., 1');
    expect(after.body).toContain('Тоң айылы, Ленин көч., 5');
    // A refused form comes back with what was typed and the reason, nothing written.
    const before = await eventCount();
    form.set('emails', 'nope');
    const refused = await app.inject({
      method: 'POST',
      url: `/manage/councils/${councilId}/objects/${schoolId}?lang=ky`,
      headers: { cookie: who.staff!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('туура электрондук почта дареги эмес');
    expect(refused.body).toContain('>nope</textarea>');
    expect(await eventCount()).toBe(before);
    const list = await call('deputy', 'GET', `/manage/councils/${councilId}/objects?lang=ky`);
    expect(list.body).toContain(`/manage/councils/${councilId}/objects/${schoolId}?lang=ky`);
  });

  it('an inactive object gets no new act nor information request (4.2), naming the field and the rule', async () => {
    const off = await call('staff', 'PATCH', objectUrl(), { active: false, reason: 'Мектеп жабылды' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    const before = await eventCount();
    const act = await call('staff', 'POST', `/api/groups/${groupId}/acts?lang=ru`, { objectId: schoolId, content: {} });
    expect(act.statusCode).toBe(409);
    expect(act.json()).toMatchObject({
      error: { code: 'conflict', problems: [{ rule: 'object-inactive', field: 'objectId', clause: '4.2' }] },
    });
    expect(act.body).toContain('отмечен как неактивный');
    const request = await call('staff', 'POST', `/api/groups/${groupId}/requests?lang=ky`, {
      objectId: schoolId,
      subject: 'Мектептин бюджети',
      purpose: 'Акт № 3 боюнча',
    });
    expect(request.statusCode).toBeGreaterThanOrEqual(400);
    expect(request.statusCode).toBeLessThan(500);
    expect(request.json()).toMatchObject({ error: { problems: [{ rule: 'object-inactive', field: 'objectId' }] } });
    expect(request.body).toContain('активдүү эмес деп белгиленген');
    expect(await eventCount()).toBe(before);
    const record = await call('staff', 'GET', objectUrl());
    expect(record.json<{ history: { type: string; reason: string | null }[] }>().history.at(-1)).toMatchObject({
      type: 'deactivated',
      reason: 'Мектеп жабылды',
    });
    // Active again: a draft is accepted.
    expect((await call('staff', 'PATCH', objectUrl(), { active: true })).statusCode).toBe(200);
    const again = await call('staff', 'POST', `/api/groups/${groupId}/acts`, { objectId: schoolId, content: {} });
    expect(again.statusCode).toBe(201);
  });

  it('jmeg object edit / deactivate / history, with --help', async () => {
    for (const sub of ['edit', 'deactivate', 'activate', 'history']) {
      const help = await jmegOn(t.url, 'object', sub, '--help');
      expect(help.code, sub).toBe(0);
      expect(help.stdout).toContain('OBJECT_ID');
    }
    const edited = await jmegOn(t.url, 'object', 'edit', schoolId, '--email', 'cli@ton.kg', '--postal', '');
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain('cli@ton.kg');
    const bad = await jmegOn(t.url, 'object', 'edit', schoolId, '--email', 'x@', '--lang', 'en');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('emails[0]');
    const off = await jmegOn(t.url, 'object', 'deactivate', schoolId, '--reason', 'жабылды', '--lang', 'ru');
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain('неактивен');
    expect((await findObjectById(t.db, schoolId))!).toMatchObject({ active: false, emails: ['cli@ton.kg'] });
    const listed = await jmegOn(t.url, 'object', 'list', '--council', councilId, '--lang', 'en');
    expect(listed.stdout).toBe(
      `${schoolId}\tТоң мектеби\tТонская средняя школа\tmunicipal institution\tcli@ton.kg\tinactive\n`,
    );
    const history = await jmegOn(t.url, 'object', 'history', schoolId, '--json');
    const entries = JSON.parse(history.stdout) as { type: string; previous: { contacts?: string[] } }[];
    expect(entries.at(-2)).toMatchObject({ type: 'edited', previous: { contacts: ['new@ton.kg', 'director@ton.kg'] } });
    expect(entries.at(-1)).toMatchObject({ type: 'deactivated' });
  }, 60_000);

  it.skipIf(!hasBrowser)(
    'the object’s page in Chromium at 1280 px: the forms and the record, no axe violation',
    async () => {
      if (!launch.ok) return;
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address() as { port: number };
      const context = await newFlowContext(launch.browser, { viewport: DESKTOP, locale: 'ru-RU' });
      await context.addCookies([
        { name: SESSION_COOKIE, value: who.staff!.cookie.split('=')[1]!, url: `http://127.0.0.1:${address.port}` },
      ]);
      const page = await context.newPage();
      const response = await page.goto(
        `http://127.0.0.1:${address.port}/manage/councils/${councilId}/objects/${schoolId}?lang=ru`,
      );
      expect(response?.status()).toBe(200);
      expect(await page.textContent('main')).toContain('История объекта');
      await page.screenshot({ path: `${SHOTS}/object-edit-1280.png`, fullPage: true });
      await expectNoAxeViolations(page, 'object edit');
      await context.close();
    },
  );
});
