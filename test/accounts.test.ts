// A council's accounts (API and pages) and the own password, on real Postgres with a real SMTP server: who may manage
// whose accounts, the input rules with their field named in the request's language, one chair account per group
// (5.4.6), removal ending sessions, and accounts made by invitation: a mail with a link to set the password, which
// nobody else ever sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import {
  countAccounts,
  countSessionsOf,
  createAccount,
  findAccountByEmail,
  insertAccountChecked,
} from '../db/accounts';
import { hashPassword } from '../security/password';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { dumpTable } from './support/db-dump';
import { lastLinkTo, mailsTo, setPasswordThroughLink } from './support/password-link-mail';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

let t: TestDatabase;
let app: App;
let smtp: TestSmtpServer;
let councilA: string;
let councilB: string;
let groupA1: string;
let groupA2: string;
let groupA3: string;
let groupB: string;
const PASSWORD = 'correct horse battery';

interface Who {
  cookie: string;
  csrf: string;
}

beforeAll(async () => {
  t = await createTestDatabase();
  councilA = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  councilB = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupA1 = await openGroup(t.db, { councilId: councilA }, 'test');
  groupA2 = await openGroup(t.db, { councilId: councilA }, 'test');
  groupA3 = await openGroup(t.db, { councilId: councilA }, 'test');
  groupB = await openGroup(t.db, { councilId: councilB }, 'test');
  await createAccount(t.db, { email: 'root@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId: councilA });
  await createAccount(t.db, { email: 'staff@kokjar.kg', password: PASSWORD, role: 'staff', councilId: councilB });
  await createAccount(t.db, { email: 'deputy@aksuu.kg', password: PASSWORD, role: 'deputy', councilId: councilA });
  await createAccount(t.db, { email: 'chair@aksuu.kg', password: PASSWORD, role: 'chair', groupId: groupA1 });
  await createAccount(t.db, { email: 'member@aksuu.kg', password: PASSWORD, role: 'member', groupId: groupA1 });
  await createAccount(t.db, { email: 'chair@kokjar.kg', password: PASSWORD, role: 'chair', groupId: groupB });
  smtp = await startSmtpServer();
  app = buildApp({ db: t.db, config: loadConfig({ SMTP_URL: smtp.url }) });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app.close();
  await smtp.stop();
  await t.drop();
});

/** Creates an account through the API and sets its password through the invitation it was mailed. */
async function invite(who: Who, councilId: string, body: object, password: string) {
  const res = await call('POST', accountsUrl(councilId), who, body);
  expect(res.statusCode).toBe(201);
  const email = res.json<{ account: { email: string } }>().account.email;
  expect((await setPasswordThroughLink(app, lastLinkTo(smtp, email), password)).statusCode).toBe(303);
  return res;
}

async function login(email: string, password = PASSWORD): Promise<Who> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });
  expect(res.statusCode, `login ${email}`).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return { cookie: `jmeg_session=${cookie?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

async function loginFails(email: string, password: string): Promise<boolean> {
  return (await app.inject({ method: 'POST', url: '/api/login', payload: { email, password } })).statusCode === 401;
}

const sessions = new Map<string, Who>();
/** One session per seeded account for the whole file (the login limit is 10 per e-mail in 15 minutes). */
async function as(email: string): Promise<Who> {
  const known = sessions.get(email);
  if (known) return known;
  const who = await login(email);
  sessions.set(email, who);
  return who;
}

function call(method: 'GET' | 'POST' | 'DELETE', url: string, who: Who | null, payload?: object) {
  const headers: Record<string, string> = who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {};
  return app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
}

function form(url: string, who: Who, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
}

const accountsUrl = (councilId: string) => `/api/councils/${councilId}/accounts`;
type Listed = { id: string; email: string; role: string; councilId: string | null; groupId: string | null };

async function idOf(email: string): Promise<string> {
  const account = await findAccountByEmail(t.db, email);
  if (!account) throw new Error(`no account ${email}`);
  return account.id;
}

describe('GET /api/councils/:councilId/accounts', () => {
  it("lists the council's staff and deputies and its groups' chairs and members, with role and group", async () => {
    const res = await call('GET', accountsUrl(councilA), await as('staff@aksuu.kg'));
    expect(res.statusCode).toBe(200);
    const accounts = res.json<{ accounts: Listed[] }>().accounts;
    expect(accounts.map((a) => [a.email, a.role, a.groupId])).toEqual(
      expect.arrayContaining([
        ['staff@aksuu.kg', 'staff', null],
        ['deputy@aksuu.kg', 'deputy', null],
        ['chair@aksuu.kg', 'chair', groupA1],
        ['member@aksuu.kg', 'member', groupA1],
      ]),
    );
    const emails = accounts.map((a) => a.email);
    expect(emails).not.toContain('staff@kokjar.kg');
    expect(emails).not.toContain('chair@kokjar.kg');
    // Staff of one council do not see (nor manage) the staff of every council.
    expect(emails).not.toContain('root@kenesh.kg');
    // Staff first, then deputies, chairs, members.
    const roles = accounts.map((a) => a.role);
    expect(roles.indexOf('staff')).toBeLessThan(roles.indexOf('deputy'));
    expect(roles.lastIndexOf('chair')).toBeLessThan(roles.indexOf('member'));
  });

  it('shows staff of every council to staff of every council', async () => {
    const res = await call('GET', accountsUrl(councilB), await as('root@kenesh.kg'));
    expect(res.statusCode).toBe(200);
    const emails = res.json<{ accounts: Listed[] }>().accounts.map((a) => a.email);
    expect(emails).toEqual(expect.arrayContaining(['root@kenesh.kg', 'staff@kokjar.kg', 'chair@kokjar.kg']));
    expect(emails).not.toContain('staff@aksuu.kg');
  });
});

describe('who may manage accounts', () => {
  const refused: [string, string | null, number][] = [
    ['anonymous', null, 401],
    ['staff of another council', 'staff@kokjar.kg', 403],
    ['a deputy of the council (reads only)', 'deputy@aksuu.kg', 403],
    ["the chair of one of the council's groups", 'chair@aksuu.kg', 403],
    ["a member of one of the council's groups", 'member@aksuu.kg', 403],
  ];

  it.each(refused)(
    '%s (%s): %i for list, create, remove and password link, and nothing changes',
    async (_who, email, status) => {
      const who = email === null ? null : await as(email);
      const target = await idOf('member@aksuu.kg');
      const before = await dumpTable(t.db, 'accounts');
      expect((await call('GET', accountsUrl(councilA), who)).statusCode).toBe(status);
      expect(
        (
          await call('POST', accountsUrl(councilA), who, {
            email: 'new@aksuu.kg',
            role: 'staff',
          })
        ).statusCode,
      ).toBe(status);
      expect((await call('DELETE', `${accountsUrl(councilA)}/${target}`, who)).statusCode).toBe(status);
      expect((await call('POST', `${accountsUrl(councilA)}/${target}/password-link`, who)).statusCode).toBe(status);
      // Refused before the body is looked at: a bad body gets the same answer.
      expect((await call('POST', accountsUrl(councilA), who, { nonsense: true })).statusCode).toBe(status);
      expect(await dumpTable(t.db, 'accounts')).toEqual(before);
      expect(mailsTo(smtp, 'member@aksuu.kg')).toEqual([]);
    },
  );

  it("refuses an account of another council through this council's address (404), for staff of every council too", async () => {
    const staffB = await idOf('staff@kokjar.kg');
    const chairB = await idOf('chair@kokjar.kg');
    for (const who of [await as('staff@aksuu.kg'), await as('root@kenesh.kg')]) {
      expect((await call('DELETE', `${accountsUrl(councilA)}/${staffB}`, who)).statusCode).toBe(404);
      expect((await call('POST', `${accountsUrl(councilA)}/${chairB}/password-link`, who)).statusCode).toBe(404);
    }
    const root = await idOf('root@kenesh.kg');
    expect((await call('DELETE', `${accountsUrl(councilA)}/${root}`, await as('staff@aksuu.kg'))).statusCode).toBe(404);
    expect(await findAccountByEmail(t.db, 'staff@kokjar.kg')).toBeDefined();
    expect(await findAccountByEmail(t.db, 'root@kenesh.kg')).toBeDefined();
  });

  it('an unknown council is a 403 for staff of one council and a 404 for staff of every council', async () => {
    expect((await call('GET', accountsUrl('no-such-council'), await as('staff@aksuu.kg'))).statusCode).toBe(403);
    expect((await call('GET', accountsUrl('no-such-council'), await as('root@kenesh.kg'))).statusCode).toBe(404);
  });
});

describe('POST /api/councils/:councilId/accounts', () => {
  it('creates a chair of a group and mails them a link to set their password; then they log in to that group', async () => {
    const res = await call('POST', `${accountsUrl(councilA)}?lang=ru`, await as('staff@aksuu.kg'), {
      email: 'New.Chair@AkSuu.kg',
      role: 'chair',
      groupId: groupA2,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      account: expect.objectContaining({ email: 'new.chair@aksuu.kg', role: 'chair', groupId: groupA2 }) as object,
      invitationSent: true,
    });
    const [mail, ...more] = mailsTo(smtp, 'new.chair@aksuu.kg');
    expect(more).toEqual([]);
    // Kyrgyz first, then Russian; English only when the link was issued in English.
    expect(mail?.parsed.subject).toBe('Эсептик жазууңуз түзүлдү / Ваша учётная запись создана');
    expect(mail?.parsed.text).toContain('Сиз үчүн new.chair@aksuu.kg дареги менен эсептик жазуу түзүлдү.');
    expect(mail?.parsed.text).toContain('Для вас создана учётная запись с адресом new.chair@aksuu.kg.');
    expect(mail?.parsed.text).not.toContain('An account has been created');
    const link = lastLinkTo(smtp, 'new.chair@aksuu.kg');
    expect(link).toMatch(/^\/password\?token=[\w-]{43}&lang=ru$/);
    // Nothing logs in before the owner has set a password.
    expect(await loginFails('new.chair@aksuu.kg', 'any password at all')).toBe(true);
    expect((await setPasswordThroughLink(app, link, 'a chair password')).statusCode).toBe(303);
    const session = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'new.chair@aksuu.kg', password: 'a chair password' },
    });
    expect(session.json()).toMatchObject({ account: { role: 'chair', groupId: groupA2 } });
  });

  it('takes no password: nobody but the owner ever knows one', async () => {
    const res = await call('POST', accountsUrl(councilA), await as('staff@aksuu.kg'), {
      email: 'deputy2@aksuu.kg',
      role: 'deputy',
      password: 'a long enough password',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field: 'password', rule: 'unknown-property' } });
    expect(await findAccountByEmail(t.db, 'deputy2@aksuu.kg')).toBeUndefined();
    expect(mailsTo(smtp, 'deputy2@aksuu.kg')).toEqual([]);
  });

  it('409 for an e-mail that has an account (any case, any council), in the request language', async () => {
    const before = await countAccounts(t.db);
    const res = await call('POST', `${accountsUrl(councilA)}?lang=ru`, await as('staff@aksuu.kg'), {
      email: 'Staff@KokJar.kg',
      role: 'member',
      groupId: groupA1,
    });
    expect(res.statusCode).toBe(409);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Это противоречит уже записанному: учётная запись с адресом staff@kokjar.kg уже есть');
    expect(await countAccounts(t.db)).toBe(before);
  });

  it('5.4.6: a group has one chair account; a second is a 409, a member of the same group is fine', async () => {
    const staff = await as('staff@aksuu.kg');
    const second = await call('POST', `${accountsUrl(councilA)}?lang=en`, staff, {
      email: 'chair2@aksuu.kg',
      role: 'chair',
      groupId: groupA1,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json<{ error: { message: string } }>().error.message).toContain('5.4.6');
    expect(await findAccountByEmail(t.db, 'chair2@aksuu.kg')).toBeUndefined();
    const member = await call('POST', accountsUrl(councilA), staff, {
      email: 'member2@aksuu.kg',
      role: 'member',
      groupId: groupA1,
    });
    expect(member.statusCode).toBe(201);
  });

  it('two concurrent requests for the chair of the same group create one chair account', async () => {
    const staff = await as('staff@aksuu.kg');
    const results = await Promise.all(
      ['race1@aksuu.kg', 'race2@aksuu.kg', 'race3@aksuu.kg'].map((email) =>
        call('POST', accountsUrl(councilA), staff, {
          email,
          role: 'chair',
          groupId: groupA3,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const chairs = (
      await t.db
        .selectFrom('accounts')
        .select('id')
        .where('role', '=', 'chair')
        .where('group_id', '=', groupA3)
        .execute()
    ).length;
    expect(chairs).toBe(1);
  });

  it('the database check holds under load: of ten concurrent inserts of a chair for one group, one is made', async () => {
    const group = await openGroup(t.db, { councilId: councilA }, 'test');
    const passwordHash = await hashPassword('a long enough password');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        insertAccountChecked(t.db, {
          email: `load${i}@aksuu.kg`,
          passwordHash,
          role: 'chair',
          councilId: councilA,
          groupId: group,
        }),
      ),
    );
    expect(results.filter((r) => 'created' in r)).toHaveLength(1);
    expect(results.filter((r) => 'refused' in r && r.refused === 'chair-taken')).toHaveLength(9);
    expect((await t.db.selectFrom('accounts').select('id').where('group_id', '=', group).execute()).length).toBe(1);
  });

  it.each([
    ['a chair without a group', { email: 'x1@aksuu.kg', role: 'chair' }, 'groupId', 'required'],
    [
      "a member of another council's group",
      { email: 'x2@aksuu.kg', role: 'member', groupId: 'GROUP_B' },
      'groupId',
      'one-of',
    ],
    [
      'staff with a group',
      { email: 'x3@aksuu.kg', role: 'staff', groupId: 'GROUP_A1' },
      'groupId',
      'chair-or-member-only',
    ],
    ['an address without @', { email: 'x4.aksuu.kg', role: 'staff' }, 'email', 'email'],
    ['an unknown role', { email: 'x5@aksuu.kg', role: 'admin' }, 'role', 'one-of'],
    ['an unknown field', { email: 'x6@aksuu.kg', role: 'staff', admin: true }, 'admin', 'unknown-property'],
    [
      'every council for a deputy',
      { email: 'x7@aksuu.kg', role: 'deputy', everyCouncil: true },
      'everyCouncil',
      'staff-only',
    ],
  ])('400 for %s, naming %s', async (_case, body, field, rule) => {
    const payload = JSON.parse(JSON.stringify(body).replace('GROUP_B', groupB).replace('GROUP_A1', groupA1)) as object;
    const res = await call('POST', accountsUrl(councilA), await as('staff@aksuu.kg'), payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field, rule } });
    expect(await findAccountByEmail(t.db, (body as { email: string }).email)).toBeUndefined();
  });

  it('staff of every council only may create staff of every council', async () => {
    const body = { email: 'root2@kenesh.kg', role: 'staff', everyCouncil: true };
    expect((await call('POST', accountsUrl(councilA), await as('staff@aksuu.kg'), body)).statusCode).toBe(403);
    expect(await findAccountByEmail(t.db, 'root2@kenesh.kg')).toBeUndefined();
    const res = await call('POST', accountsUrl(councilA), await as('root@kenesh.kg'), body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ account: { role: 'staff', councilId: null } });
  });

  it('staff of every council manage any council: a member of council B', async () => {
    const res = await call('POST', accountsUrl(councilB), await as('root@kenesh.kg'), {
      email: 'member@kokjar.kg',
      role: 'member',
      groupId: groupB,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ account: { councilId: councilB, groupId: groupB } });
  });
});

describe('DELETE /api/councils/:councilId/accounts/:accountId', () => {
  it('removes the account and ends its sessions at once; it cannot log in again', async () => {
    const staff = await as('staff@aksuu.kg');
    await invite(
      staff,
      councilA,
      { email: 'leaving@aksuu.kg', role: 'member', groupId: groupA2 },
      'a long enough password',
    );
    const leaving = await login('leaving@aksuu.kg', 'a long enough password');
    const id = await idOf('leaving@aksuu.kg');
    expect(await countSessionsOf(t.db, id)).toBe(1);
    const res = await call('DELETE', `${accountsUrl(councilA)}/${id}`, staff);
    expect(res.statusCode).toBe(204);
    expect(await countSessionsOf(t.db, id)).toBe(0);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: leaving.cookie } })).statusCode,
    ).toBe(401);
    expect(await loginFails('leaving@aksuu.kg', 'a long enough password')).toBe(true);
    expect((await call('DELETE', `${accountsUrl(councilA)}/${id}`, staff)).statusCode).toBe(404);
  });

  it('never removes your own account (409), and needs the CSRF token', async () => {
    const staff = await as('staff@aksuu.kg');
    const self = await idOf('staff@aksuu.kg');
    const res = await call('DELETE', `${accountsUrl(councilA)}/${self}?lang=en`, staff);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('you cannot remove your own account');
    const deputy = await idOf('deputy@aksuu.kg');
    const forged = await app.inject({
      method: 'DELETE',
      url: `${accountsUrl(councilA)}/${deputy}`,
      headers: { cookie: staff.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(await findAccountByEmail(t.db, 'staff@aksuu.kg')).toBeDefined();
    expect(await findAccountByEmail(t.db, 'deputy@aksuu.kg')).toBeDefined();
  });
});

describe('POST /api/councils/:councilId/accounts/:accountId/password-link', () => {
  it("mails a link; the old password works until the link is used, which ends all the account's sessions", async () => {
    const staff = await as('staff@aksuu.kg');
    await invite(staff, councilA, { email: 'forgot@aksuu.kg', role: 'deputy' }, 'the old password');
    const before = await login('forgot@aksuu.kg', 'the old password');
    const id = await idOf('forgot@aksuu.kg');
    const res = await call('POST', `${accountsUrl(councilA)}/${id}/password-link?lang=en`, staff);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accountId: id, sent: true });
    const mails = mailsTo(smtp, 'forgot@aksuu.kg');
    expect(mails).toHaveLength(2);
    expect(mails[1]?.parsed.text).toContain('A password reset was asked for the account forgot@aksuu.kg.');
    await login('forgot@aksuu.kg', 'the old password');
    expect(
      (await setPasswordThroughLink(app, lastLinkTo(smtp, 'forgot@aksuu.kg'), 'the new password')).statusCode,
    ).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: before.cookie } })).statusCode,
    ).toBe(401);
    expect(await loginFails('forgot@aksuu.kg', 'the old password')).toBe(true);
    await login('forgot@aksuu.kg', 'the new password');
  });

  it('409 for your own (that is /api/account/password, with the current password)', async () => {
    const staff = await as('staff@aksuu.kg');
    const self = await idOf('staff@aksuu.kg');
    expect((await call('POST', `${accountsUrl(councilA)}/${self}/password-link`, staff)).statusCode).toBe(409);
    expect(mailsTo(smtp, 'staff@aksuu.kg')).toEqual([]);
  });
});

describe('POST /api/account/password (any signed-in account)', () => {
  it('needs the current password, then sets the new one and ends the other sessions only', async () => {
    await createAccount(t.db, { email: 'own@aksuu.kg', password: PASSWORD, role: 'member', groupId: groupA2 });
    const phone = await login('own@aksuu.kg');
    const laptop = await login('own@aksuu.kg');
    const wrong = await call('POST', '/api/account/password?lang=ru', laptop, {
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      error: { field: 'currentPassword', rule: 'wrong-password', message: 'currentPassword: неверное значение' },
    });
    const weak = await call('POST', '/api/account/password', laptop, {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(weak.json()).toMatchObject({ error: { field: 'newPassword', rule: 'range' } });
    const ok = await call('POST', '/api/account/password', laptop, {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: laptop.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: phone.cookie } })).statusCode,
    ).toBe(401);
    expect(await loginFails('own@aksuu.kg', PASSWORD)).toBe(true);
    await login('own@aksuu.kg', 'a brand new password');
  });

  it('allows 10 tries per account in 15 minutes (429 after, in the request language), so a stolen session cannot guess the password', async () => {
    await createAccount(t.db, { email: 'guessed@aksuu.kg', password: PASSWORD, role: 'member', groupId: groupA2 });
    const thief = await login('guessed@aksuu.kg');
    for (let i = 0; i < 10; i++) {
      expect(
        (
          await call('POST', '/api/account/password', thief, {
            currentPassword: `guess number ${i}`,
            newPassword: 'the thief password',
          })
        ).statusCode,
      ).toBe(400);
    }
    const limited = await call('POST', '/api/account/password?lang=ru', thief, {
      currentPassword: PASSWORD,
      newPassword: 'the thief password',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({
      error: { code: 'too-many-attempts', message: 'Слишком много попыток; попробуйте снова через 15 минут' },
    });
    await login('guessed@aksuu.kg');
  });

  it('401 without a session, 403 without the CSRF token', async () => {
    expect(
      (
        await call('POST', '/api/account/password', null, {
          currentPassword: PASSWORD,
          newPassword: 'a brand new password',
        })
      ).statusCode,
    ).toBe(401);
    const chair = await as('chair@kokjar.kg');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: { cookie: chair.cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(forged.statusCode).toBe(403);
    await login('chair@kokjar.kg');
  });
});

describe('the accounts page /manage/councils/:councilId/accounts', () => {
  const page = (councilId: string) => `/manage/councils/${councilId}/accounts`;

  it('lists the accounts with role and group and has a labelled form, in the asked language', async () => {
    const staff = await as('staff@aksuu.kg');
    const res = await app.inject({
      method: 'GET',
      url: `${page(councilA)}?lang=ru`,
      headers: { cookie: staff.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.body).toContain('<h1>Учётные записи: Ак-Суу</h1>');
    expect(res.body).toMatch(
      /<td[^>]*>chair@aksuu.kg<\/td><td[^>]*>Председатель группы<\/td><td[^>]*>Группа, открытая/,
    );
    expect(res.body).toContain(
      '<div class="scroll" role="region" aria-label="Учётные записи кенеша" tabindex="0"><table class="stack">',
    );
    for (const id of ['email', 'role', 'groupId']) expect(res.body).toContain(`<label for="${id}">`);
    expect(res.body).not.toContain('type="password"');
    expect(res.body).toContain('Владельцу новой учётной записи придёт письмо со ссылкой');
    expect(res.body).toContain(`<option value="${groupA2}">`);
    expect(res.body).not.toContain(`<option value="${groupB}">`);
    expect(res.body).toContain(`name="_csrf" value="${staff.csrf}"`);
    // Only staff of every council get the "every council" box.
    expect(res.body).not.toContain('name="everyCouncil"');
    const root = await app.inject({
      method: 'GET',
      url: page(councilA),
      headers: { cookie: (await as('root@kenesh.kg')).cookie },
    });
    expect(root.body).toContain('name="everyCouncil"');
  });

  it('sends a visitor to the login page and refuses a deputy with a 403 page', async () => {
    const anon = await app.inject({ method: 'GET', url: page(councilA) });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe(`/login?lang=ky&next=${encodeURIComponent(page(councilA))}`);
    const deputy = await app.inject({
      method: 'GET',
      url: `${page(councilA)}?lang=en`,
      headers: { cookie: (await as('deputy@aksuu.kg')).cookie },
    });
    expect(deputy.statusCode).toBe(403);
    expect(deputy.headers['content-type']).toContain('text/html');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: page(councilB),
          headers: { cookie: (await as('staff@aksuu.kg')).cookie },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('creates an account, mails the invitation and comes back to the list saying so', async () => {
    const staff = await as('staff@aksuu.kg');
    const res = await form(`${page(councilA)}?lang=en`, staff, {
      email: 'viaform@aksuu.kg',
      role: 'member',
      groupId: groupA2,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page(councilA)}?lang=en&done=invited`);
    const list = await app.inject({ method: 'GET', url: res.headers.location!, headers: { cookie: staff.cookie } });
    expect(list.body).toContain('Account created; its owner has been mailed a link to set the password.');
    expect(list.body).toContain('viaform@aksuu.kg');
    // Made in English: the mail has an English part after the Kyrgyz and the Russian.
    const [mail] = mailsTo(smtp, 'viaform@aksuu.kg');
    expect(mail?.parsed.subject).toBe(
      'Эсептик жазууңуз түзүлдү / Ваша учётная запись создана / Your account has been created',
    );
    expect(
      (await setPasswordThroughLink(app, lastLinkTo(smtp, 'viaform@aksuu.kg'), 'a member password')).statusCode,
    ).toBe(303);
    await login('viaform@aksuu.kg', 'a member password');
  });

  it('re-shows the form with the error, the field named in the page language, and what was typed', async () => {
    const staff = await as('staff@aksuu.kg');
    const weak = await form(page(councilA), staff, {
      email: 'weakform@aksuu.kg',
      role: 'staff',
      groupId: groupA2,
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('value="weakform@aksuu.kg"');
    expect(weak.body).toContain(`<option value="${groupA2}" selected>`);
    expect(weak.body).toContain('<option value="staff" selected>');
    expect(weak.body).toContain('Топту төрага же мүчө үчүн гана тандаңыз.');
    const taken = await form(`${page(councilA)}?lang=ru`, staff, {
      email: 'deputy@aksuu.kg',
      role: 'deputy',
      groupId: '',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('учётная запись с адресом deputy@aksuu.kg уже есть');
    const forged = await app.inject({
      method: 'POST',
      url: page(councilA),
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=forged%40aksuu.kg&role=staff',
    });
    expect(forged.statusCode).toBe(403);
    expect(await findAccountByEmail(t.db, 'weakform@aksuu.kg')).toBeUndefined();
    expect(await findAccountByEmail(t.db, 'forged@aksuu.kg')).toBeUndefined();
  });

  it('removes an account after a confirmation page, and mails a password link through its page', async () => {
    const staff = await as('staff@aksuu.kg');
    await createAccount(t.db, { email: 'remove.me@aksuu.kg', password: PASSWORD, role: 'member', groupId: groupA2 });
    const id = await idOf('remove.me@aksuu.kg');
    const confirm = await app.inject({
      method: 'GET',
      url: `${page(councilA)}/${id}/remove?lang=en`,
      headers: { cookie: staff.cookie },
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Remove the account remove.me@aksuu.kg?</h1>');
    expect(await findAccountByEmail(t.db, 'remove.me@aksuu.kg')).toBeDefined();

    const linkPage = await app.inject({
      method: 'GET',
      url: `${page(councilA)}/${id}/password-link?lang=en`,
      headers: { cookie: staff.cookie },
    });
    expect(linkPage.statusCode).toBe(200);
    expect(linkPage.body).toContain('<h1>Password link for remove.me@aksuu.kg</h1>');
    const sent = await form(`${page(councilA)}/${id}/password-link?lang=en`, staff, {});
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${page(councilA)}?lang=en&done=link`);
    const link = lastLinkTo(smtp, 'remove.me@aksuu.kg');
    expect((await setPasswordThroughLink(app, link, 'a reset password')).statusCode).toBe(303);
    await login('remove.me@aksuu.kg', 'a reset password');

    const removed = await form(`${page(councilA)}/${id}/remove?lang=en`, staff, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${page(councilA)}?lang=en&done=removed`);
    expect(await findAccountByEmail(t.db, 'remove.me@aksuu.kg')).toBeUndefined();

    const self = await idOf('staff@aksuu.kg');
    expect(
      (await app.inject({ method: 'GET', url: `${page(councilA)}/${self}/remove`, headers: { cookie: staff.cookie } }))
        .statusCode,
    ).toBe(409);
    expect((await form(`${page(councilA)}/${self}/remove`, staff, {})).statusCode).toBe(409);
    expect(await findAccountByEmail(t.db, 'staff@aksuu.kg')).toBeDefined();
  });
});

describe('the own account page /account', () => {
  it('shows the account and changes its password with the current one', async () => {
    const ownGroup = await openGroup(t.db, { councilId: councilA }, 'test');
    await createAccount(t.db, { email: 'mine@aksuu.kg', password: PASSWORD, role: 'chair', groupId: ownGroup });
    const me = await login('mine@aksuu.kg');
    const shown = await app.inject({ method: 'GET', url: '/account?lang=en', headers: { cookie: me.cookie } });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<h1>My account</h1>');
    for (const id of ['currentPassword', 'newPassword', 'newPasswordAgain'])
      expect(shown.body).toContain(`<label for="${id}">`);
    const differ = await form('/account/password?lang=en', me, {
      currentPassword: PASSWORD,
      newPassword: 'a new password 1',
      newPasswordAgain: 'a new password 2',
    });
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('The two passwords differ.');
    const ok = await form('/account/password?lang=en', me, {
      currentPassword: PASSWORD,
      newPassword: 'a new password 1',
      newPasswordAgain: 'a new password 1',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account?lang=en&done=password');
    await login('mine@aksuu.kg', 'a new password 1');
    expect((await app.inject({ method: 'GET', url: '/account' })).statusCode).toBe(303);
  });
});
