// The first start's one-time setup link, on real Postgres: the token works once and only in the process that made
// it, creates the first staff account (of every council) and logs it in; once any account exists the link is gone;
// two posts at the same time, in one process or in two, create one account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { countAccounts, createAccount, createFirstAccount } from '../db/accounts';
import { hashPassword } from '../security/password';
import { SetupGate } from '../security/setup-token';
import { createTestDatabase, type TestDatabase } from './support/pg';

const PASSWORD = 'the first password';

function post(app: App, fields: Record<string, string>, query = '') {
  return app.inject({
    method: 'POST',
    url: `/setup${query}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

describe('SetupGate', () => {
  it('knows only its own token, which one request at a time can claim, and which works once', () => {
    const { gate, token } = SetupGate.create();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(SetupGate.create().token).not.toBe(token);
    expect(gate.check(token)).toBe('valid');
    expect(gate.check(token.slice(1) + 'A')).toBe('invalid');
    expect(gate.check('')).toBe('invalid');
    expect(gate.check(undefined)).toBe('invalid');
    expect(gate.claim('wrong')).toBe(false);
    expect(gate.claim(token)).toBe(true);
    expect(gate.claim(token)).toBe(false);
    expect(gate.check(token)).toBe('used');
    gate.release();
    expect(gate.check(token)).toBe('valid');
    expect(gate.claim(token)).toBe(true);
    gate.consume();
    expect(gate.check(token)).toBe('used');
    expect(gate.claim(token)).toBe(false);
  });
});

describe('/setup with the link printed at start', () => {
  let t: TestDatabase;
  let app: App;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const setup = SetupGate.create();
    token = setup.token;
    app = buildApp({ db: t.db, config: loadConfig({}), setup: setup.gate });
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('is a 404 page without the token or with another one', async () => {
    for (const url of [
      '/setup?lang=en',
      '/setup?lang=en&token=not-the-token',
      `/setup?lang=en&token=${token.slice(0, -1)}`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('This setup link is not valid.');
    }
    expect(
      (await post(app, { token: 'not-the-token', email: 'a@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD }))
        .statusCode,
    ).toBe(404);
    expect(await countAccounts(t.db)).toBe(0);
  });

  it('shows a labelled form in the asked language, not cached and sending no referrer', async () => {
    const res = await app.inject({ method: 'GET', url: `/setup?token=${token}&lang=ru` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('<h1>Первый запуск: учётная запись сотрудника</h1>');
    for (const id of ['email', 'password', 'passwordAgain']) expect(res.body).toContain(`<label for="${id}">`);
    expect(res.body).toContain(`<input type="hidden" name="token" value="${token}">`);
  });

  it('the language switch keeps the token, so the link works in the other language', async () => {
    const res = await app.inject({ method: 'GET', url: `/setup?token=${token}&lang=en` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/setup?token=${token}&amp;lang=ru"`);
    const ru = await app.inject({ method: 'GET', url: `/setup?token=${token}&lang=ru` });
    expect(ru.statusCode).toBe(200);
    expect(ru.headers['content-language']).toBe('ru');
  });

  it('re-shows the form for a weak or repeated-wrong password, naming the field in ky and ru, and keeps the token usable', async () => {
    const weak = await post(app, { token, email: 'admin@kenesh.kg', password: 'short', passwordAgain: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Сырсөз: маани уруксат берилген чектен тышкары');
    expect(weak.body).toContain('value="admin@kenesh.kg"');
    const weakRu = await post(
      app,
      { token, email: 'admin@kenesh.kg', password: 'short', passwordAgain: 'short' },
      '?lang=ru',
    );
    expect(weakRu.body).toContain('Пароль: значение вне допустимых пределов');
    const differ = await post(
      app,
      { token, email: 'admin@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD + '!' },
      '?lang=en',
    );
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('The two passwords differ.');
    const email = await post(
      app,
      { token, email: 'not an address', password: PASSWORD, passwordAgain: PASSWORD },
      '?lang=en',
    );
    expect(email.statusCode).toBe(400);
    expect(email.body).toContain('E-mail: invalid value');
    expect(await countAccounts(t.db)).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/setup?token=${token}` })).statusCode).toBe(200);
  });

  it('creates the first staff account, of every council, logs it in and goes to /manage; then the link is gone (410)', async () => {
    const res = await post(
      app,
      { token, email: 'Admin@Kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD },
      '?lang=ru',
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/manage?lang=ru');
    const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
    expect(cookie?.httpOnly).toBe(true);
    const session = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `jmeg_session=${cookie?.value ?? ''}` },
    });
    expect(session.json()).toMatchObject({
      account: { email: 'admin@kenesh.kg', role: 'staff', councilId: null, groupId: null },
    });
    expect(await countAccounts(t.db)).toBe(1);

    const again = await post(
      app,
      { token, email: 'second@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD },
      '?lang=en',
    );
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This setup link has been used: an account exists. Please log in.');
    expect((await app.inject({ method: 'GET', url: `/setup?token=${token}` })).statusCode).toBe(410);
    expect(await countAccounts(t.db)).toBe(1);
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'admin@kenesh.kg', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('/setup without a setup link in this process', () => {
  it('is a 404 for any token (JMEG_ADMIN_* set, an account existed at start, or not started by `npm start`)', async () => {
    const t = await createTestDatabase();
    try {
      const app = buildApp({ db: t.db, config: loadConfig({}) });
      const res = await app.inject({ method: 'GET', url: `/setup?token=${SetupGate.create().token}` });
      expect(res.statusCode).toBe(404);
      expect(
        (await post(app, { token: 'x', email: 'a@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD })).statusCode,
      ).toBe(404);
      expect(await countAccounts(t.db)).toBe(0);
      await app.close();
    } finally {
      await t.drop();
    }
  }, 30_000);
});

describe('/setup once an account exists', () => {
  it('says an account exists and links to the login, in the visitor language, even after a restart', async () => {
    const t = await createTestDatabase();
    try {
      await createAccount(t.db, { email: 'admin@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
      // A link printed before the restart: this process has no setup gate.
      const app = buildApp({ db: t.db, config: loadConfig({}) });
      const res = await app.inject({
        method: 'GET',
        url: `/setup?token=${SetupGate.create().token}`,
        headers: { 'accept-language': 'ru' },
      });
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain(
        'Эта ссылка настройки уже использована: учётная запись существует. Войдите в систему.',
      );
      expect(res.body).toContain('href="/login?lang=ru"');
      const en = await app.inject({ method: 'GET', url: '/setup?token=x', headers: { cookie: 'jmeg_lang=en' } });
      expect(en.statusCode).toBe(410);
      expect(en.body).toContain('This setup link has been used: an account exists. Please log in.');
      expect(en.body).toContain('href="/login?lang=en"');
      await app.close();
    } finally {
      await t.drop();
    }
  }, 30_000);
});

describe('one first account, whatever happens at the same time', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  }, 60_000);
  afterAll(() => t.drop());

  async function clear() {
    await t.db.deleteFrom('accounts').execute();
  }

  it('two concurrent posts with the link: one account, one 303 and one 410', async () => {
    await clear();
    const setup = SetupGate.create();
    const app = buildApp({ db: t.db, config: loadConfig({}), setup: setup.gate });
    const results = await Promise.all(
      ['one@kenesh.kg', 'two@kenesh.kg'].map((email) =>
        post(app, { token: setup.token, email, password: PASSWORD, passwordAgain: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 410]);
    expect(await countAccounts(t.db)).toBe(1);
    await app.close();
  });

  it('two processes, each with its own link, posting at once: one account (the database decides)', async () => {
    await clear();
    const first = SetupGate.create();
    const second = SetupGate.create();
    const app1 = buildApp({ db: t.db, config: loadConfig({}), setup: first.gate });
    const app2 = buildApp({ db: t.db, config: loadConfig({}), setup: second.gate });
    const results = await Promise.all([
      post(app1, { token: first.token, email: 'one@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD }),
      post(app2, { token: second.token, email: 'two@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 410]);
    expect(await countAccounts(t.db)).toBe(1);
    await app1.close();
    await app2.close();
  });

  it('createFirstAccount: of ten concurrent calls one creates, the others get null', async () => {
    await clear();
    const passwordHash = await hashPassword(PASSWORD);
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createFirstAccount(t.db, { email: `admin${i}@kenesh.kg`, passwordHash })),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await countAccounts(t.db)).toBe(1);
  });

  it('an account made meanwhile by other means (the CLI, JMEG_ADMIN_*) closes the link: 410', async () => {
    await clear();
    const setup = SetupGate.create();
    const app = buildApp({ db: t.db, config: loadConfig({}), setup: setup.gate });
    expect((await app.inject({ method: 'GET', url: `/setup?token=${setup.token}` })).statusCode).toBe(200);
    await createAccount(t.db, { email: 'other@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
    expect((await app.inject({ method: 'GET', url: `/setup?token=${setup.token}` })).statusCode).toBe(410);
    expect(
      (await post(app, { token: setup.token, email: 'late@kenesh.kg', password: PASSWORD, passwordAgain: PASSWORD }))
        .statusCode,
    ).toBe(410);
    expect(await countAccounts(t.db)).toBe(1);
    await app.close();
  });
});
