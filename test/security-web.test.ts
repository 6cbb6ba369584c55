// The web surface against the findings of the security test (issue 16): security headers and a CSP the pages keep,
// no-store on signed-in answers, redirects after login that stay on the site, login that takes JSON only, a login
// limit counting only failures per account and address, JMEG_TRUST_PROXY, links never built from the Host header,
// weak passwords refused with the reason, the multipart CSRF token in the form, the calendar year as a 400, and
// national calendar entries kept to staff of every council.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { safeNext } from '../api/accounts/login-page';
import { ConfigError, loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;
let actId: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  await createAccount(t.db, { email: 'admin@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
  for (const who of ['a', 'b', 'c', 'd'])
    await createAccount(t.db, { email: `${who}@aksuu.kg`, password: PASSWORD, role: 'deputy', councilId });
  const school = await registerObject(
    t.db,
    { councilId, name: { ky: 'Мектеп', ru: 'Школа' }, kind: 'municipal_institution', emails: ['mektep@aksuu.kg'] },
    'test',
  );
  actId = (await draftAct(t.db, { groupId, objectId: school.id, draft: parseActDraft({}) }, 'test')).id;
  await publishNotice(
    t.db,
    {
      noticeId: 'n-1',
      councilId,
      groupId,
      kind: 'formation',
      text: { ky: 'Жарыя', ru: 'Объявление' },
      channels: ['website'],
      publishedAt: new Date('2026-03-02T05:00:00Z'),
    },
    'test',
  );
  app = buildApp({ db: t.db, config: loadConfig({}) });
}, 60_000);

afterAll(async () => {
  await app.close();
  await t.drop();
});

async function login(email: string, password = PASSWORD, target = app) {
  const res = await target.inject({ method: 'POST', url: '/api/login?lang=en', payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return {
    res,
    cookie: cookie ? `jmeg_session=${cookie.value}` : '',
    csrf: res.statusCode === 200 ? res.json<{ csrfToken: string }>().csrfToken : '',
  };
}

describe('security headers: a CSP without inline script or style, no framing, nosniff, no referrer', () => {
  it('sends them on pages and JSON, and the pages hold no inline script or style for the CSP to break', async () => {
    const page = await app.inject({ method: 'GET', url: '/deadline?key=object-response&from=2026-03-10' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).not.toMatch(/<script|<style|\sstyle="|\son[a-z]+="/i);
    const sheet = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]{12}\.css)">/.exec(page.body)?.[1];
    expect(sheet).toBeDefined();
    const css = await app.inject({ method: 'GET', url: sheet! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('@media (max-width:40rem)');
    const api = await app.inject({ method: 'GET', url: '/api/deadline?key=object-response&from=2026-03-10' });
    expect(api.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('signed-in pages carry no inline style either (the dashboard chart, the formation and calendar forms)', async () => {
    const { cookie } = await login('staff@aksuu.kg');
    for (const url of [
      `/manage/groups/${groupId}/dashboard`,
      `/manage/councils/${councilId}/calendar?year=2026`,
      `/manage/acts/${actId}`,
      '/manage',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/<script|<style|\sstyle="/i);
    }
  });
});

describe('Cache-Control: no-store on everything signed in', () => {
  it('marks signed-in pages and JSON no-store; a public page seen without a session may be kept', async () => {
    const { cookie } = await login('staff@aksuu.kg');
    for (const url of [
      '/manage',
      '/api/session',
      `/api/groups/${groupId}/dashboard`,
      '/deadline?key=object-response&from=2026-03-10',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/deadline?key=object-response&from=2026-03-10' });
    expect(anonymous.headers['cache-control']).toBeUndefined();
    const loginForm = await app.inject({ method: 'GET', url: '/login' });
    expect(loginForm.headers['cache-control']).toBe('no-store');
  });
});

describe('the redirect after login is a path on this site or nothing', () => {
  it.each([
    ['/\t/other-host/x'],
    ['/\n/other-host/x'],
    ['/\\other-host/x'],
    ['//other-host/x'],
    ['/ /other-host'],
    ['https://other-host/'],
    ['/manage\r\nSet-Cookie: x=1'],
    ['/manage\u0000'],
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBeNull();
  });

  it('keeps a local path with its query', () => {
    expect(safeNext('/manage/groups/g-1/dashboard?filter=overdue')).toBe('/manage/groups/g-1/dashboard?filter=overdue');
  });

  it('/login?next=/%09/other-host/x sends a signed-in visitor home, not to another host; CR/LF and NUL are no 500', async () => {
    const { cookie } = await login('staff@aksuu.kg');
    for (const next of ['/%09/other-host/x', '/manage%0D%0ASet-Cookie:%20x=1', '/manage%00']) {
      const res = await app.inject({ method: 'GET', url: `/login?next=${next}`, headers: { cookie } });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe('/manage');
    }
  });

  it('a form login with next=/%09/other-host/x lands on the start page', async () => {
    const form = await app.inject({ method: 'GET', url: '/login?next=/%09/other-host/x' });
    expect(form.statusCode).toBe(200);
    const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
    const jar = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await app.inject({
      method: 'POST',
      url: '/login?next=/%09/other-host/x',
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _login: token, email: 'staff@aksuu.kg', password: PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/manage');
  });
});

describe('/api/login takes JSON only (a cross-site form cannot log a visitor in)', () => {
  it('answers 415 to a form-encoded or text body, naming the type it takes', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/login?lang=en',
        headers: { 'content-type': type },
        payload: `email=staff%40aksuu.kg&password=${encodeURIComponent(PASSWORD)}`,
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toMatchObject({ error: { code: 'unsupported-media-type' } });
      expect(res.json<{ error: { message: string } }>().error.message).toContain('application/json');
      expect(res.cookies).toEqual([]);
    }
  });
});

describe('login limits: per account and address, failures only, cleared by a success', () => {
  it('a successful login clears the failures: 9 wrong, 1 right, 9 wrong again is no 429', async () => {
    for (let i = 0; i < 9; i++) expect((await login('a@aksuu.kg', 'wrong password')).res.statusCode).toBe(401);
    expect((await login('a@aksuu.kg')).res.statusCode).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('a@aksuu.kg', 'wrong password')).res.statusCode).toBe(401);
    expect((await login('a@aksuu.kg')).res.statusCode).toBe(200);
  });

  it('counts no successes: many people logging in from one address are never locked out (page and JSON)', async () => {
    for (let i = 0; i < 12; i++) expect((await login('b@aksuu.kg')).res.statusCode).toBe(200);
    for (let i = 0; i < 12; i++) {
      const form = await app.inject({ method: 'GET', url: '/login' });
      const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
      const res = await app.inject({
        method: 'POST',
        url: '/login',
        headers: {
          cookie: form.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _login: token, email: 'c@aksuu.kg', password: PASSWORD }).toString(),
      });
      expect(res.statusCode, `login ${i + 1}`).toBe(303);
    }
  });

  it('10 failures lock that account from that address only (429 with Retry-After); the page shares the count', async () => {
    for (let i = 0; i < 10; i++) expect((await login('d@aksuu.kg', 'wrong password')).res.statusCode).toBe(401);
    const limited = await login('d@aksuu.kg');
    expect(limited.res.statusCode).toBe(429);
    expect(Number(limited.res.headers['retry-after'])).toBeGreaterThan(0);
    const form = await app.inject({ method: 'GET', url: '/login' });
    const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
    const page = await app.inject({
      method: 'POST',
      url: '/login?lang=en',
      headers: {
        cookie: form.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _login: token, email: 'd@aksuu.kg', password: PASSWORD }).toString(),
    });
    expect(page.statusCode).toBe(429);
    expect((await login('staff@aksuu.kg')).res.statusCode).toBe(200);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '10.1.2.3',
      payload: { email: 'd@aksuu.kg', password: PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('JMEG_TRUST_PROXY: deployments behind a reverse proxy', () => {
  it('reads addresses, CIDR ranges, true or a number of hops, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ JMEG_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ JMEG_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ JMEG_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ JMEG_TRUST_PROXY: 'proxy.local' })).toThrow(ConfigError);
    expect(() => loadConfig({ JMEG_TRUST_PROXY: '10.0.0.0/40' })).toThrow(/JMEG_TRUST_PROXY/);
  });

  it('behind a trusted proxy the cookie is Secure on https and the limits key on the client address', async () => {
    const proxied = buildApp({ db: t.db, config: loadConfig({ JMEG_TRUST_PROXY: '127.0.0.1' }) });
    try {
      const https = await proxied.inject({
        method: 'POST',
        url: '/api/login',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
        payload: { email: 'staff@aksuu.kg', password: PASSWORD },
      });
      expect(https.statusCode).toBe(200);
      expect(String(https.headers['set-cookie'])).toContain('Secure');
      for (let i = 0; i < 10; i++) {
        await proxied.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'x-forwarded-for': '203.0.113.8' },
          payload: { email: 'staff@aksuu.kg', password: 'wrong password' },
        });
      }
      const sameClient = await proxied.inject({
        method: 'POST',
        url: '/api/login',
        headers: { 'x-forwarded-for': '203.0.113.8' },
        payload: { email: 'staff@aksuu.kg', password: PASSWORD },
      });
      expect(sameClient.statusCode).toBe(429);
      const otherClient = await proxied.inject({
        method: 'POST',
        url: '/api/login',
        headers: { 'x-forwarded-for': '203.0.113.9' },
        payload: { email: 'staff@aksuu.kg', password: PASSWORD },
      });
      expect(otherClient.statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('with JMEG_PUBLIC_URL unset, links come from the configured host and port, never the Host header', () => {
  it('the Atom feed links to http://HOST:PORT whatever Host the request names', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/councils/${councilId}/notices.atom`,
      headers: { host: 'evil.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
    expect(res.body).toContain('http://127.0.0.1:3000/');
  });
});

describe('weak passwords are refused with the reason, in the request language', () => {
  beforeAll(async () => {
    await createAccount(t.db, { email: 'passphrase@aksuu.kg', password: PASSWORD, role: 'deputy', councilId });
  });

  it.each([
    ['12 spaces', ' '.repeat(12)],
    ['password1234', 'password1234'],
  ])('%s', async (_name, password) => {
    const { cookie, csrf } = await login('passphrase@aksuu.kg');
    const messages = new Set<string>();
    for (const lang of ['ky', 'ru', 'en']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/account/password?lang=${lang}`,
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { currentPassword: PASSWORD, newPassword: password },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid-input', rule: 'weak' } });
      messages.add(res.json<{ error: { message: string } }>().error.message);
    }
    expect(messages.size).toBe(3);
    const en = [...messages].find((m) => m.includes('easy to guess'));
    expect(en).toBeDefined();
  });

  it('accepts a long passphrase', async () => {
    const { cookie, csrf } = await login('passphrase@aksuu.kg');
    const res = await app.inject({
      method: 'POST',
      url: '/api/account/password?lang=en',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: PASSWORD, newPassword: 'apricot river lantern 42' },
    });
    expect(res.statusCode).toBe(204);
  });
});

const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 1)]);

function multipart(parts: ({ name: string; value: string } | { name: string; file: string; bytes: Buffer })[]) {
  const boundary = '----jmegSecurityBoundary';
  const chunks = parts.map((p) =>
    'file' in p
      ? Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          p.bytes,
          Buffer.from('\r\n'),
        ])
      : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
  );
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
  };
}

describe('the CSRF token of a multipart form is its first field, never in the URL', () => {
  it('the annex form carries _csrf as a hidden field and not in its action', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const page = await app.inject({ method: 'GET', url: `/manage/acts/${actId}?lang=en`, headers: { cookie } });
    const form =
      /<form method="post" action="([^"]*\/annexes[^"]*)" enctype="multipart\/form-data">(<input type="hidden" name="_csrf" value="([^"]+)">)?/.exec(
        page.body,
      );
    expect(form).not.toBeNull();
    expect(form![1]).not.toContain('_csrf');
    expect(form![3]).toBe(csrf);
  });

  it('refuses the token in the URL, and a file before the token; accepts the token as the first field', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const inUrl = multipart([{ name: 'file', file: 'a.png', bytes: PNG }]);
    const byUrl = await app.inject({
      method: 'POST',
      url: `/api/acts/${actId}/annexes?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': inUrl.contentType },
      payload: inUrl.payload,
    });
    expect(byUrl.statusCode).toBe(403);
    expect(byUrl.json()).toMatchObject({ error: { code: 'csrf-token-invalid' } });
    const late = multipart([
      { name: 'file', file: 'a.png', bytes: PNG },
      { name: '_csrf', value: csrf },
    ]);
    const fileFirst = await app.inject({
      method: 'POST',
      url: `/api/acts/${actId}/annexes`,
      headers: { cookie, 'content-type': late.contentType },
      payload: late.payload,
    });
    expect(fileFirst.statusCode).toBe(403);
    const wrong = multipart([
      { name: '_csrf', value: 'not-the-token' },
      { name: 'file', file: 'a.png', bytes: PNG },
    ]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/acts/${actId}/annexes`,
          headers: { cookie, 'content-type': wrong.contentType },
          payload: wrong.payload,
        })
      ).statusCode,
    ).toBe(403);
    const good = multipart([
      { name: '_csrf', value: csrf },
      { name: 'file', file: 'a.png', bytes: PNG },
    ]);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/acts/${actId}/annexes`,
      headers: { cookie, 'content-type': good.contentType },
      payload: good.payload,
    });
    expect(accepted.statusCode).toBe(201);
  });

  it('a multipart body does not stand in for the token on a route that reads no multipart form', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const body = multipart([{ name: '_csrf', value: csrf }]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('bad input in the path is a 400 naming the field, not a 500', () => {
  it('GET /api/calendar/1e309', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/calendar/1e309?lang=en' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field: 'year' } });
  });
});

describe('tenant isolation: national calendar entries are for staff of every council', () => {
  const day = (scope: string) => ({ type: 'day-off', name: { ky: 'Сыноо', ru: 'Тест' }, status: 'estimated', scope });

  it("a council's staff get a 403 naming the rule for a national entry, and change their council's own", async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const national = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/calendar/2026-06-03?lang=en`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: day('national'),
    });
    expect(national.statusCode).toBe(403);
    expect(national.json<{ error: { message: string } }>().error.message).toContain('staff of every council');
    const removal = await app.inject({
      method: 'DELETE',
      url: `/api/councils/${councilId}/calendar/2026-06-03?scope=national&lang=en`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(removal.statusCode).toBe(403);
    const own = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/calendar/2026-06-04?lang=en`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: day('council'),
    });
    expect(own.statusCode).toBe(200);
  });

  it('staff of every council change national entries', async () => {
    const { cookie, csrf } = await login('admin@kenesh.kg');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/calendar/2026-06-05?lang=en`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: day('national'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ scope: 'national' });
  });
});
