// The login page as a person uses it (form post, double-submit token, redirect home or to where they were going),
// logout as a form with the CSRF field, and the HTML error pages of signed-in routes. Real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { homeOf, safeNext } from '../api/accounts/login-page';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await createAccount(t.db, { email: 'chair@aksuu.kg', password: PASSWORD, role: 'chair', groupId });
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app.close();
  await t.drop();
});

/** Opens the form: the login cookie and the hidden token of the same value. */
async function openForm(query = '') {
  const res = await app.inject({ method: 'GET', url: `/login${query}` });
  expect(res.statusCode).toBe(200);
  const token = /name="_login" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  const cookie = res.cookies.find((c) => c.name === 'jmeg_login');
  return { res, token, cookie: `jmeg_login=${cookie?.value ?? ''}` };
}

function post(url: string, form: Record<string, string>, cookie: string) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('the login page', () => {
  it('is a labelled form in the asked language', async () => {
    const { res, token } = await openForm('?lang=ru');
    expect(res.headers['content-language']).toBe('ru');
    expect(res.body).toContain('<label for="email">Электронная почта</label>');
    expect(res.body).toContain('<label for="password">Пароль</label>');
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('logs a chair in and sends them to their dashboard', async () => {
    const { token, cookie } = await openForm();
    const res = await post('/login', { _login: token, email: 'Chair@AkSuu.kg', password: PASSWORD }, cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/manage/groups/${groupId}/dashboard`);
    expect(res.cookies.find((c) => c.name === 'jmeg_session')?.httpOnly).toBe(true);
  });

  it('goes back to a local page after login, never to another site', async () => {
    const { token, cookie } = await openForm('?next=%2Fgroups%2Fx%2Fcomposition');
    const res = await post(
      '/login?next=%2Fgroups%2Fx%2Fcomposition',
      { _login: token, email: 'staff@aksuu.kg', password: PASSWORD },
      cookie,
    );
    expect(res.headers.location).toBe('/groups/x/composition');
    const { token: t2, cookie: c2 } = await openForm();
    const evil = await post(
      '/login?next=%2F%2Fevil.example%2F',
      { _login: t2, email: 'staff@aksuu.kg', password: PASSWORD },
      c2,
    );
    expect(evil.headers.location).toBe('/manage');
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/manage')).toBe('/manage');
  });

  it('says a wrong password in the page language, keeps the e-mail and sets no session', async () => {
    const { token, cookie } = await openForm();
    const res = await post(
      '/login?lang=ru',
      { _login: token, email: 'staff@aksuu.kg', password: 'wrong password' },
      cookie,
    );
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Неверный адрес электронной почты или пароль');
    expect(res.body).toContain('value="staff@aksuu.kg"');
    expect(res.cookies.find((c) => c.name === 'jmeg_session')).toBeUndefined();
  });

  it('refuses a post without the form token of this browser (login CSRF)', async () => {
    const { token } = await openForm();
    const res = await post(
      '/login?lang=en',
      { _login: token, email: 'staff@aksuu.kg', password: PASSWORD },
      'jmeg_login=someone-elses',
    );
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'jmeg_session')).toBeUndefined();
  });

  it('sends the chair home from /home and a visitor to the login page, coming back afterwards', async () => {
    const anon = await app.inject({ method: 'GET', url: '/home?lang=ru' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?lang=ru&next=%2Fhome%3Flang%3Dru');
    expect(homeOf({ role: 'member', council_id: null, group_id: 'g1' })).toBe('/manage/groups/g1/dashboard');
    expect(homeOf({ role: 'deputy', council_id: 'c1', group_id: null })).toBe('/manage');
  });
});

describe('logout', () => {
  async function session() {
    const { token, cookie } = await openForm();
    const res = await post('/login', { _login: token, email: 'staff@aksuu.kg', password: PASSWORD }, cookie);
    const sessionCookie = `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')?.value ?? ''}`;
    const api = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: sessionCookie } });
    return { cookie: sessionCookie, csrf: api.json<{ csrfToken: string }>().csrfToken };
  }

  it('needs the CSRF field, then ends the session', async () => {
    const s = await session();
    const forged = await post('/logout?lang=en', {}, s.cookie);
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
    expect(forged.body).toContain('security token');
    const res = await post('/logout?lang=en', { _csrf: s.csrf }, s.cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?lang=en');
    const after = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });
});

describe('the language picked is kept across login, redirects and logout', () => {
  const langCookie = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.find((c) => c.name === 'jmeg_lang')?.value;

  it('English chosen on /login stays English after the login and its redirect, whatever the browser asks', async () => {
    const { res: form, token, cookie } = await openForm('?lang=en');
    expect(langCookie(form)).toBe('en');
    const cookies = `${cookie}; jmeg_lang=en`;
    const res = await post('/login?lang=en', { _login: token, email: 'chair@aksuu.kg', password: PASSWORD }, cookies);
    expect(res.statusCode).toBe(303);
    const session = `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')?.value ?? ''}`;
    const home = await app.inject({
      method: 'GET',
      url: res.headers.location!,
      headers: { cookie: `${session}; jmeg_lang=en`, 'accept-language': 'ky' },
    });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-language']).toBe('en');
    const own = await app.inject({ method: 'GET', url: '/account', headers: { cookie: `${session}; jmeg_lang=en` } });
    expect(own.headers['content-language']).toBe('en');
    expect(own.body).toContain('<h1>My account</h1>');
    // Logging out lands on the login page in English too.
    const csrf = (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: session } })).json<{
      csrfToken: string;
    }>().csrfToken;
    const out = await post('/logout', { _csrf: csrf }, `${session}; jmeg_lang=en`);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?lang=en');
  });

  it('?lang= beats the picked language, which beats Accept-Language; a new pick replaces the old', async () => {
    const picked = await app.inject({
      method: 'GET',
      url: '/login',
      headers: { cookie: 'jmeg_lang=ru', 'accept-language': 'en' },
    });
    expect(picked.headers['content-language']).toBe('ru');
    expect(langCookie(picked)).toBeUndefined();
    const asked = await app.inject({ method: 'GET', url: '/login?lang=ky', headers: { cookie: 'jmeg_lang=ru' } });
    expect(asked.headers['content-language']).toBe('ky');
    expect(langCookie(asked)).toBe('ky');
    const browser = await app.inject({ method: 'GET', url: '/login', headers: { 'accept-language': 'en' } });
    expect(browser.headers['content-language']).toBe('en');
    expect(langCookie(browser)).toBeUndefined();
    // Not one of ours: ignored.
    const odd = await app.inject({ method: 'GET', url: '/login', headers: { cookie: 'jmeg_lang=de' } });
    expect(odd.headers['content-language']).toBe('ky');
  });

  it("the login page's language switch keeps where the visitor was going", async () => {
    const { res } = await openForm('?lang=en&next=%2Faccount');
    expect(res.body).toContain('href="/login?next=%2Faccount&amp;lang=ru"');
  });
});
