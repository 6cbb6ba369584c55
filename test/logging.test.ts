// The server's log: requests run through the app with its logger writing to a buffer; the log names the 500 with its
// stack, the failed login, the 401, 403 and 429, each line with its request id, and holds none of the password, the
// session cookie, the CSRF token, the response-link token, the phone or the birth date those requests carried.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loggerOptions } from '../api/logging';
import { ConfigError, loadConfig, type AppConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { createResponseToken } from '../security/response-token';
import { createTestDatabase, type TestDatabase } from './support/pg';

const PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'wrong horse battery staple';
const SECRET = 'a response link secret of at least thirty-two bytes';
const PHONE = '+996700123456';
const PHONE_LOCAL = '0700 123 456';
const BIRTH_DATE = '1987-04-23';

let t: TestDatabase;
let config: AppConfig;
let groupId: string;
const lines: string[] = [];
const destination = { write: (line: string) => void lines.push(line) };
let app: App;

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  const otherCouncilId = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  await createAccount(t.db, { email: 'staff@kokjar.kg', password: PASSWORD, role: 'staff', councilId: otherCouncilId });
  config = { ...loadConfig({}), responseLinkSecret: SECRET };
  app = buildApp({ db: t.db, config }, { logger: loggerOptions('info', destination) });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function login(email: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/login?lang=en', payload: { email, password } });
  const session = res.cookies.find((c) => c.name === 'jmeg_session')?.value ?? '';
  return {
    res,
    session,
    cookie: `jmeg_session=${session}`,
    csrf: res.statusCode === 200 ? res.json<{ csrfToken: string }>().csrfToken : '',
  };
}

type Entry = {
  level: number;
  msg: string;
  reqId?: string;
  statusCode?: number;
  event?: string;
  err?: { stack?: string; type?: string };
};
const entries = () => lines.map((line) => JSON.parse(line) as Entry);

describe('the server log', () => {
  const secrets: Record<string, string> = {};

  it('runs requests that fail in each way an operator must see', async () => {
    expect((await login('staff@aksuu.kg', WRONG_PASSWORD)).res.statusCode).toBe(401);
    const staff = await login('staff@aksuu.kg');
    expect(staff.res.statusCode).toBe(200);
    const other = await login('staff@kokjar.kg');
    Object.assign(secrets, {
      session: staff.session,
      otherSession: other.session,
      csrf: staff.csrf,
      otherCsrf: other.csrf,
    });

    // 401 and 403, the personal data in the query, the body and the headers.
    const personal = `phone=${encodeURIComponent(PHONE)}&birthDate=${BIRTH_DATE}`;
    expect(
      (await app.inject({ method: 'GET', url: `/api/groups/${groupId}/obligations?${personal}` })).statusCode,
    ).toBe(401);
    const forbidden = await app.inject({
      method: 'GET',
      url: `/api/groups/${groupId}/obligations?${personal}`,
      headers: { cookie: other.cookie, 'x-csrf-token': other.csrf, 'x-phone': PHONE_LOCAL },
    });
    expect(forbidden.statusCode).toBe(403);
    const badBody = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff@aksuu.kg', password: PASSWORD, phone: PHONE, birthDate: BIRTH_DATE },
    });
    expect(badBody.statusCode).toBe(400);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf.slice(1) + 'A' },
        })
      ).statusCode,
    ).toBe(403);

    // A response link for an act that does not exist: the token is in the query.
    const token = createResponseToken(
      { actId: randomUUID(), objectId: randomUUID(), expiresAtMs: Date.now() + 86_400_000 },
      SECRET,
    );
    secrets.linkToken = token;
    const link = await app.inject({ method: 'GET', url: `/api/acts/${randomUUID()}/respond?t=${token}` });
    expect(link.statusCode).toBeGreaterThanOrEqual(400);

    // The login limit: ten failures, then 429.
    for (let i = 0; i < 10; i++) expect((await login('limited@aksuu.kg', WRONG_PASSWORD)).res.statusCode).toBe(401);
    expect((await login('limited@aksuu.kg', WRONG_PASSWORD)).res.statusCode).toBe(429);

    // A failure inside (the clock is broken): a 500 whose stack goes to the log.
    const broken = buildApp(
      { db: t.db, config, clock: () => Number.NaN },
      { logger: loggerOptions('info', destination) },
    );
    const failed = await broken.inject({
      method: 'GET',
      url: `/api/groups/${groupId}/obligations?${personal}`,
      headers: { cookie: staff.cookie },
    });
    await broken.close();
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('at ');

    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
        })
      ).statusCode,
    ).toBe(204);
  }, 60_000);

  it('holds no password, cookie, CSRF token, link token, phone or birth date', () => {
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    const forbidden = {
      PASSWORD,
      WRONG_PASSWORD,
      ...secrets,
      PHONE,
      PHONE_LOCAL,
      phoneDigits: '700123456',
      BIRTH_DATE,
      birthDateEncoded: encodeURIComponent(BIRTH_DATE),
    };
    for (const [name, value] of Object.entries(forbidden)) {
      expect(value, name).not.toBe('');
      expect(log.includes(value), `${name} in the log`).toBe(false);
    }
    expect(log).not.toContain('staff@aksuu.kg');
  });

  it('names the 500 with its stack, the failed logins, 401, 403 and 429, each line with its request id', () => {
    const all = entries();
    expect(all.every((e) => typeof e.reqId === 'string' && e.reqId !== '')).toBe(true);
    const failure = all.find((e) => e.msg === 'request failed');
    expect(failure).toMatchObject({ level: 50, statusCode: 500 });
    expect(failure?.err?.stack).toMatch(/\n\s+at /);
    expect(all.filter((e) => e.event === 'login-failed')).toHaveLength(11);
    for (const [status, event] of [
      [401, 'not-signed-in'],
      [403, 'forbidden'],
      [429, 'rate-limit-hit'],
    ] as const) {
      expect(
        all.some((e) => e.statusCode === status && e.event === event && e.level === 40),
        `${status} ${event}`,
      ).toBe(true);
    }
    const completed = all.filter((e) => e.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(10);
  });
});

describe('LOG_LEVEL', () => {
  it('is info by default, any pino level when set, and one line naming the variable otherwise', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /^LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent$/,
    );
  });
});
