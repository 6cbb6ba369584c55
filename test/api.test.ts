// The read-only HTTP API (issue 6, first step) through app.inject on a real Postgres database: the deadline
// calculator, the public composition, the chair's pending list, the year's calendar, the OpenAPI document, and
// the refusals: 400 naming the field and the rule in the request's language, 404 for an unknown group.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { langFromAcceptLanguage } from '../api/request-lang';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { draftAct, parseActDraft } from '../db/acts';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { importRoster } from '../db/import-roster';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { shippedCalendar, type CalendarEntry } from '../domain/calendar';
import { computeDeadline } from '../domain/deadlines';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

let t: TestDatabase;
let app: App;
let groupId: string;
let emptyGroupId: string;
/** The session cookie of a staff account of every council (the obligations route needs a login). */
let staff: { cookie: string };
/** "Now" for the pending list: Wednesday 18 March 2026, 10:00 in Bishkek. */
const NOW = Date.parse('2026-03-18T04:00:00Z');
/** A day off staff recorded in the database (not in the shipped data): Wednesday 3 June 2026. */
const DB_DAY_OFF: CalendarEntry = {
  date: '2026-06-03',
  type: 'day-off',
  name: { ky: 'Сыноо дем алышы', ru: 'Тестовый выходной' },
  status: 'confirmed',
};

const roster = SAMPLE_ROSTER;

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId); // 5.4.5: the group acts once created
  emptyGroupId = await openGroup(t.db, { councilId }, 'test');
  await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-03-01' });
  const objectId = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
  const actId = (await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ subject: 'Суу түтүгү' }) }, 'test'))
    .id;
  const open = (obligationId: string, anchorDate: string) =>
    record(t.db, {
      stream: streams.act(actId),
      actor: 'test',
      events: [
        {
          type: 'obligation.opened',
          payload: {
            obligationId,
            groupId,
            actId,
            key: 'object-response',
            clause: '4.3',
            party: `object:${objectId}`,
            anchorDate,
            dueDate: computeDeadline('object-response', anchorDate, shippedCalendar()).due,
          },
        },
      ],
    });
  await open('late', '2026-03-02'); // due Monday 16 March: overdue on the 18th
  await open('pending', '2026-03-10'); // due 25 March (Orozo Ait on 20 March skipped)
  await setCalendarEntry(t.db, null, DB_DAY_OFF, 'test');
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
  await createAccount(t.db, { email: 'staff@kenesh.kg', password: 'staff password 1', role: 'staff', councilId: null });
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'staff@kenesh.kg', password: 'staff password 1' },
  });
  staff = { cookie: `jmeg_session=${login.cookies[0]!.value}` };
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('GET /api/deadline (the public deadline calculator)', () => {
  it('10 working days from 10 March 2026 skip the weekends and Orozo Ait, due 25 March, with the explanation in Kyrgyz by default', async () => {
    const res = await get('/api/deadline?key=object-response&from=2026-03-10');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      due: string;
      clause: string;
      counted: string[];
      skipped: { date: string; name?: { ru: string } }[];
      explanation: string[];
    }>();
    expect(body).toMatchObject({
      key: 'object-response',
      clause: '4.3',
      due: '2026-03-25',
      dueInstant: '2026-03-25T17:59:59.999Z',
    });
    expect(body.counted).toHaveLength(10);
    expect(body.skipped.find((d) => d.date === '2026-03-20')?.name?.ru).toMatch(/Орозо/);
    expect(body.explanation.join('\n')).toMatch(/4\.3/);
    expect(body.explanation.join('\n')).toMatch(/[үөң]/);
  });

  it('a day off recorded in the database moves the deadline and is listed with its name', async () => {
    const body = (await get('/api/deadline?key=object-response&from=2026-06-01&lang=ru')).json<{
      due: string;
      skipped: { date: string; name?: { ru: string } }[];
    }>();
    expect(body.due).toBe(computeDeadline('object-response', '2026-06-01', shippedCalendar([DB_DAY_OFF])).due);
    expect(body.due).not.toBe(computeDeadline('object-response', '2026-06-01', shippedCalendar()).due);
    expect(body.skipped).toContainEqual({ date: '2026-06-03', reason: 'day-off', name: DB_DAY_OFF.name });
  });

  it.each([
    ['a date that does not exist', '/api/deadline?key=object-response&from=2026-02-30', 'from', 'date'],
    ['a date in another form', '/api/deadline?key=object-response&from=10.03.2026', 'from', 'date'],
    ['a missing date', '/api/deadline?key=object-response', 'from', 'required'],
    ['an unknown obligation key', '/api/deadline?key=tax-return&from=2026-03-10', 'key', 'one-of'],
    [
      'an unknown query property (rejected, not dropped)',
      '/api/deadline?key=object-response&from=2026-03-10&color=red',
      'color',
      'unknown-property',
    ],
    [
      'an extension of an obligation that has none',
      '/api/deadline?key=object-response&from=2026-03-10&extended=true',
      'extended',
      'no-extension',
    ],
  ])('%s is a 400 naming the field and the rule', async (_name, url, field, rule) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field, rule } });
  });

  it('the refusal is worded in the language asked: ?lang= first, then Accept-Language, else Kyrgyz', async () => {
    const msg = async (url: string, headers?: Record<string, string>) =>
      (await get(url, headers)).json<{ error: { message: string } }>().error.message;
    const bad = '/api/deadline?key=object-response&from=2026-02-30';
    expect(await msg(`${bad}&lang=ru`)).toBe('from: нужна существующая дата в виде ГГГГ-ММ-ДД');
    expect(await msg(bad, { 'accept-language': 'en-GB,en;q=0.9' })).toBe(
      'from: must be a real date in the form YYYY-MM-DD',
    );
    expect(await msg(bad)).toBe('from: ЖЖЖЖ-АА-КК түрүндөгү чыныгы дата болушу керек');
    expect(await msg('/api/deadline?key=nope&from=2026-03-10&lang=en')).toMatch(
      /^key: must be one of: formation-notice, /,
    );
  });
});

describe('GET /api/groups/:groupId/members (the public composition)', () => {
  it('lists every current member by name, category and role', async () => {
    const res = await get(`/api/groups/${groupId}/members`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ members: { fullName: string; category: string; role: string }[] }>();
    expect(body.members.map((m) => m.fullName).sort()).toEqual(roster.map((m) => m.fullName).sort());
    expect(body.members.find((m) => m.fullName === 'Жумабаев Нурлан')).toMatchObject({ category: 'deputy' });
  });

  it('never shows a phone, an e-mail or a birth date', async () => {
    const text = (await get(`/api/groups/${groupId}/members`)).body;
    for (const m of roster) {
      expect(text).not.toContain(m.phone!.slice(4));
      expect(text).not.toContain(m.email!);
      expect(text).not.toContain(`${m.birthDate.year}-05-17`);
      expect(text).not.toContain(`17.05.${m.birthDate.year}`);
    }
    expect(text).not.toMatch(/phone|email|birth|sex/i);
  });

  it('an unknown group is a 404 in the language asked', async () => {
    const res = await get('/api/groups/no-such-group/members?lang=ru');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'group-not-found', message: 'Такая группа не найдена' } });
  });
});

describe("GET /api/groups/:groupId/obligations (the chair's pending list; logged in as staff, see auth.test.ts for who may)", () => {
  it('lists the overdue answer first, then the one still pending, counted from today in Bishkek', async () => {
    const res = await get(`/api/groups/${groupId}/obligations`, staff);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      today: string;
      obligations: {
        obligationId: string;
        overdue: boolean;
        dueDate: string;
        daysLeft: { unit: string; left: number } | null;
      }[];
    }>();
    expect(body.today).toBe('2026-03-18');
    expect(body.obligations.map((o) => [o.obligationId, o.overdue, o.dueDate])).toEqual([
      ['late', true, '2026-03-16'],
      ['pending', false, '2026-03-25'],
    ]);
    expect(body.obligations[1]!.daysLeft).toMatchObject({ unit: 'working', left: 4 });
  });

  it('filters to the overdue ones; an unknown filter is a 400 naming it', async () => {
    expect(
      (await get(`/api/groups/${groupId}/obligations?filter=overdue`, staff)).json<{ obligations: unknown[] }>()
        .obligations,
    ).toHaveLength(1);
    expect((await get(`/api/groups/${groupId}/obligations?filter=late`, staff)).json()).toMatchObject({
      error: { field: 'filter', rule: 'one-of' },
    });
  });

  it('a group without obligations has an empty list; an unknown group is a 404', async () => {
    expect(
      (await get(`/api/groups/${emptyGroupId}/obligations`, staff)).json<{ obligations: unknown[] }>().obligations,
    ).toEqual([]);
    expect((await get('/api/groups/no-such-group/obligations', staff)).statusCode).toBe(404);
  });
});

describe('GET /api/calendar/:year', () => {
  it("lists 2026's holidays and days off, Orozo Ait included, and the days off staff recorded", async () => {
    const res = await get('/api/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      year: number;
      data: string;
      days: { date: string; working: boolean; name?: { ru: string } }[];
    }>();
    expect(body.year).toBe(2026);
    expect(body.days.find((d) => d.date === '2026-03-20')).toMatchObject({ working: false });
    expect(body.days.find((d) => d.date === '2026-01-01')).toMatchObject({ working: false, reason: 'holiday' });
    expect(body.days.find((d) => d.date === DB_DAY_OFF.date)).toMatchObject({
      working: false,
      reason: 'day-off',
      name: DB_DAY_OFF.name,
    });
  });

  it.each([
    ['a year before the supported range', '/api/calendar/2024', 'year', 'range'],
    ['a year that is not a number', '/api/calendar/next', 'year', 'type'],
  ])('%s is a 400 naming the field', async (_name, url, field, rule) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field, rule } });
  });
});

describe('the app around the routes', () => {
  it('serves the OpenAPI document at /docs/json listing every route with its parameters', async () => {
    const res = await get('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    expect(doc.openapi).toMatch(/^3\./);
    // Every /api route the app registers is documented, and no page (HTML) route is.
    const seen: string[] = [];
    const listed = buildApp({ db: t.db, config: loadConfig({}) }, { onRoute: (r) => void seen.push(r.url) });
    await listed.ready();
    await listed.close();
    // The JSON API, and the Temporal Web UI's codec endpoint (JSON too); pages are not documented.
    const apiPaths = [
      ...new Set(
        seen.filter((u) => u.startsWith('/api/') || u.startsWith('/codec/')).map((u) => u.replace(/:(\w+)/g, '{$1}')),
      ),
    ].sort();
    expect(Object.keys(doc.paths).sort()).toEqual(apiPaths);
    expect(apiPaths).toEqual(
      expect.arrayContaining([
        '/api/calendar/{year}',
        '/api/deadline',
        '/api/groups/{groupId}/calendar.ics',
        '/api/groups/{groupId}/members',
        '/api/groups/{groupId}/obligations',
        '/api/login',
        '/api/logout',
        '/api/session',
        '/api/councils/{councilId}/formations',
        '/api/acts/{actId}/issue',
        '/api/groups/{groupId}/dashboard',
      ]),
    );
    expect(doc.paths['/api/deadline']!.get!.parameters!.map((p) => p.name).sort()).toEqual([
      'extended',
      'from',
      'key',
      'lang',
    ]);
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });

  it('compresses answers for clients that ask (gzip), and sends them as they are to those that do not', async () => {
    const plain = await get('/deadline?key=object-response&from=2026-03-10&lang=ru');
    const zipped = await get('/deadline?key=object-response&from=2026-03-10&lang=ru', {
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('an unknown address is a 404 in JSON', async () => {
    const res = await get('/api/nothing-here', { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route-not-found', message: 'Такого адреса нет' } });
  });

  it('a failure inside is a 500 that shows no internals', async () => {
    const broken = buildApp({ db: t.db, config: loadConfig({}), clock: () => Number.NaN });
    const res = await broken.inject({
      method: 'GET',
      url: `/api/groups/${groupId}/obligations?lang=en`,
      headers: staff,
    });
    await broken.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Internal error; please try again' } });
  });

  it.each([
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['de-DE,en;q=0.5,ru;q=0.7', 'ru'],
    ['fr', null],
    ['ky', 'ky'],
  ])('Accept-Language %s picks %s', (header, lang) => {
    expect(langFromAcceptLanguage(header)).toBe(lang);
  });
});
