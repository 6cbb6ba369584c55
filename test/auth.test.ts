// Login, sessions, CSRF, the login rate limit and who may read a group's obligations, on real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { hashPassword, verifyPassword } from '../security/password';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { countAccounts, createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId: string;
let otherGroupId: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  const otherCouncilId = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  otherGroupId = await openGroup(t.db, { councilId: otherCouncilId }, 'test');
  await createAccount(t.db, { email: 'Chair@AkSuu.kg', password: PASSWORD, role: 'chair', groupId });
  await createAccount(t.db, { email: 'chair@kokjar.kg', password: PASSWORD, role: 'chair', groupId: otherGroupId });
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  await createAccount(t.db, { email: 'staff@kokjar.kg', password: PASSWORD, role: 'staff', councilId: otherCouncilId });
  app = buildApp({ db: t.db, config: loadConfig({}) });
}, 60_000);

afterAll(async () => {
  await app.close();
  await t.drop();
});

async function login(email: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/login?lang=en', payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return {
    res,
    cookie: cookie ? `jmeg_session=${cookie.value}` : '',
    csrf: res.statusCode === 200 ? res.json<{ csrfToken: string }>().csrfToken : '',
  };
}

describe('passwords are scrypt hashes with their parameters and a random salt', () => {
  it('verifies the right password and refuses a wrong one or a broken hash', async () => {
    const hash = await hashPassword('s3cret pass');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hashPassword('s3cret pass')).not.toBe(hash);
    expect(await verifyPassword('s3cret pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret pasS', hash)).toBe(false);
    expect(await verifyPassword('s3cret pass', 'md5$abc')).toBe(false);
  });
});

describe('POST /api/login', () => {
  it('logs in with the right password (email case-insensitive) and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'chair@aksuu.kg', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ account: { email: 'chair@aksuu.kg', role: 'chair', groupId } });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^jmeg_session=[\w-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');
    expect(header).toContain('Max-Age=604800');
    expect(header).not.toContain('Secure');
    const https = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'chair@aksuu.kg', password: PASSWORD },
    });
    expect(https.statusCode).toBe(200);
    // Without trustProxy a client's x-forwarded-proto is not believed: Secure only for a TLS connection to the app itself.
    expect(String(https.headers['set-cookie'])).not.toContain('Secure');
  });

  it('gives the same 401 body for a wrong password and an unknown user', async () => {
    const wrong = await login('chair@aksuu.kg', 'not the password');
    const unknown = await login('nobody@aksuu.kg');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.body).toBe(unknown.res.body);
    expect(wrong.res.json()).toEqual({ error: { code: 'login-failed', message: 'Wrong email or password' } });
    expect(wrong.cookie).toBe('');
  });

  it('answers 429 in the request language after 10 attempts per IP and email in 15 minutes', async () => {
    for (let i = 0; i < 10; i++) expect((await login('limited@aksuu.kg', 'x')).res.statusCode).toBe(401);
    const res = await app.inject({
      method: 'POST',
      url: '/api/login?lang=ru',
      payload: { email: 'limited@aksuu.kg', password: 'x' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({
      error: { code: 'too-many-attempts', message: 'Слишком много попыток; попробуйте снова через 15 минут' },
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('staff@aksuu.kg')).res.statusCode).toBe(200);
  });
});

describe('sessions and CSRF', () => {
  it('GET /api/session returns the account and the CSRF token of the login; 401 without a cookie', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const res = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(res.json()).toMatchObject({ account: { email: 'staff@aksuu.kg', role: 'staff' }, csrfToken: csrf });
    expect((await app.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
  });

  it('POST /api/logout with the cookie needs x-csrf-token (403 without or wrong), then ends the session', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const without = await app.inject({ method: 'POST', url: '/api/logout?lang=en', headers: { cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ error: { code: 'csrf-token-invalid' } });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: { cookie, 'x-csrf-token': csrf.slice(1) + 'A' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie, 'x-csrf-token': csrf } })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: `/api/groups/${groupId}/obligations`, headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('a session ends after 12 hours without requests', async () => {
    let now = Date.parse('2026-03-18T04:00:00Z');
    const timed = buildApp({ db: t.db, config: loadConfig({}), clock: () => now });
    const res = await timed.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff@aksuu.kg', password: PASSWORD },
    });
    const cookie = `jmeg_session=${res.cookies[0]!.value}`;
    now += 11 * 3600_000;
    expect((await timed.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
    now += 12 * 3600_000 + 1;
    expect((await timed.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    await timed.close();
  });
});

describe("GET /api/groups/:groupId/obligations: the group's chair and its council's staff only", () => {
  const cases: [string, string | null, number][] = [
    ['anonymous', null, 401],
    ['chair of another group', 'chair@kokjar.kg', 403],
    ['chair of the group', 'chair@aksuu.kg', 200],
    ["staff of the group's council", 'staff@aksuu.kg', 200],
    ['staff of another council', 'staff@kokjar.kg', 403],
  ];
  it.each(cases)('%s (%s): %i', async (_who, email, status) => {
    const cookie = email === null ? '' : (await login(email)).cookie;
    const res = await app.inject({
      method: 'GET',
      url: `/api/groups/${groupId}/obligations`,
      headers: cookie ? { cookie } : {},
    });
    expect(res.statusCode).toBe(status);
  });
});

describe('the first account', () => {
  it('is created at start from JMEG_ADMIN_EMAIL and JMEG_ADMIN_PASSWORD when no account exists, for every council', async () => {
    const fresh = await createTestDatabase();
    try {
      const config = loadConfig({ JMEG_ADMIN_EMAIL: 'admin@kenesh.kg', JMEG_ADMIN_PASSWORD: 'a long first password' });
      const first = buildApp({ db: fresh.db, config });
      await first.ready();
      expect(await countAccounts(fresh.db)).toBe(1);
      const res = await first.inject({
        method: 'POST',
        url: '/api/login',
        payload: { email: 'admin@kenesh.kg', password: 'a long first password' },
      });
      expect(res.json()).toMatchObject({ account: { role: 'staff', councilId: null } });
      await first.close();
      const again = buildApp({
        db: fresh.db,
        config: loadConfig({ JMEG_ADMIN_EMAIL: 'other@kenesh.kg', JMEG_ADMIN_PASSWORD: 'another long password' }),
      });
      await again.ready();
      expect(await countAccounts(fresh.db)).toBe(1);
      await again.close();
    } finally {
      await fresh.drop();
    }
  }, 60_000);
});
