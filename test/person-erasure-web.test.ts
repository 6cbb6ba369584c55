// Erasing a person's personal data from the web, on real Postgres: staff of every council find the person on the
// group's persons page, give a reason, confirm, and the same erasure as `jmeg person erase` runs; the JSON route
// does the same. Refusals (empty reason, unknown person, erased already, no CSRF token) are 4xx naming the field
// and the rule in the request's language and write nothing; council staff, deputies, chairs and members get 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent, type PersonData } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import { countRows } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId = '';
const PASSWORD = 'persons erasure test password';
const NOW = Date.parse('2026-03-10T04:00:00Z');

const person = (n: number): PersonData => ({
  fullName: `Бурул Асанова ${n}`,
  sex: 'F',
  birthDate: `198${n}-04-19`,
  workplace: 'Мектеп',
  village: 'Ак-Суу',
  phone: `+99655512345${n}`,
  email: `burul${n}@example.kg`,
});
const personId = (n: number) => `p-${groupId}-${n}`;

const nominated = (n: number): NewEvent => ({
  type: 'candidate.nominated',
  idempotencyKey: `test:nominated:${groupId}:${n}`,
  payload: {
    groupId,
    candidateId: `c-${groupId}-${n}`,
    nominationId: `n-${groupId}-${n}`,
    personId: personId(n),
    person: person(n),
    category: 'citizen',
    nominatedOn: '2026-02-02',
    source: 'executive_head',
    protocolId: null,
    votes: null,
  },
});
const memberAdded = (n: number): NewEvent => ({
  type: 'member.added',
  idempotencyKey: `test:member:${groupId}:${n}`,
  payload: {
    groupId,
    membershipId: `m-${groupId}-${n}`,
    personId: personId(n),
    person: person(n),
    category: 'citizen',
    role: 'member',
    joinedOn: '2026-02-20',
  },
});

const ACCOUNTS = {
  root: 'root@kenesh.kg',
  staff: 'staff@aksuu.kg',
  deputy: 'deputy@aksuu.kg',
  chair: 'chair@aksuu.kg',
  member: 'member@aksuu.kg',
} as const;
type Who = { cookie: string; csrf: string };
const sessions = new Map<string, Who>();

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
    'test',
  );
  groupId = await openGroup(t.db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  await record(t.db, {
    stream: streams.group(groupId),
    events: [1, 2, 3, 4, 5].flatMap((n) => (n <= 3 ? [nominated(n), memberAdded(n)] : [nominated(n)])),
    actor: 'test',
  });
  await createAccount(t.db, { email: ACCOUNTS.root, password: PASSWORD, role: 'staff', councilId: null });
  await createAccount(t.db, { email: ACCOUNTS.staff, password: PASSWORD, role: 'staff', councilId });
  await createAccount(t.db, { email: ACCOUNTS.deputy, password: PASSWORD, role: 'deputy', councilId });
  await createAccount(t.db, { email: ACCOUNTS.chair, password: PASSWORD, role: 'chair', groupId });
  await createAccount(t.db, { email: ACCOUNTS.member, password: PASSWORD, role: 'member', groupId });
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function as(email: string): Promise<Who> {
  const known = sessions.get(email);
  if (known) return known;
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode, `login ${email}`).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  const who = { cookie: `jmeg_session=${cookie?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
  sessions.set(email, who);
  return who;
}

const get = async (url: string, email: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: (await as(email)).cookie } });
const postForm = async (url: string, email: string, fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie: (await as(email)).cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
const postJson = async (url: string, email: string | null, payload: unknown, csrf = true) => {
  const who = email ? await as(email) : null;
  return app.inject({
    method: 'POST',
    url,
    headers: who ? { cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrf } : {}) } : {},
    payload: payload as object,
  });
};
const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

/** What any write would change: events, erased keys, erased persons. */
async function writes(): Promise<string> {
  const erasedKeys = await t.db
    .selectFrom('person_keys')
    .select('person_id')
    .where('erased_at', 'is not', null)
    .execute();
  return JSON.stringify({ events: await countRows(t.db, 'events'), erasedKeys: erasedKeys.length });
}
const personRow = (n: number) =>
  t.db
    .selectFrom('persons')
    .select(['phone', 'email', 'birth_date', 'data_erased_at', 'full_name'])
    .where('id', '=', personId(n))
    .executeTakeFirstOrThrow();
const lastEvent = () =>
  t.db.selectFrom('events').select(['type', 'payload', 'actor']).orderBy('position', 'desc').executeTakeFirstOrThrow();

describe('the staff page: persons of a group, reason, confirmation, erasure', () => {
  const personsUrl = () => `/manage/groups/${encodeURIComponent(groupId)}/persons`;
  const eraseUrl = (n: number) => `${personsUrl()}/${encodeURIComponent(personId(n))}/erase`;

  it('/manage links staff of every council to the persons of each group; the list shows members and candidates without contacts', async () => {
    const home = await get('/manage?lang=en', ACCOUNTS.root);
    expect(home.body).toContain(`href="${personsUrl()}?lang=en"`);
    expect((await get('/manage?lang=en', ACCOUNTS.staff)).body).not.toContain(personsUrl());
    const list = await get(`${personsUrl()}?lang=en`, ACCOUNTS.root);
    expect(list.statusCode).toBe(200);
    for (const n of [1, 2, 3, 4, 5]) expect(list.body).toContain(person(n).fullName);
    expect(list.body).toContain('member, candidate');
    expect(list.body).not.toContain(person(1).phone!);
    expect(list.body).not.toContain(person(1).email!);
    expect(list.body).toContain(`href="${eraseUrl(1)}?lang=en"`);
  });

  it('asks for a reason, shows a confirmation, then erases and lists the person as erased', async () => {
    const form = await get(`${eraseUrl(1)}?lang=ru`, ACCOUNTS.root);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="reason"');
    expect(form.body).toContain('Удаление персональных данных: Бурул Асанова 1');
    const csrf = hidden(form.body, '_csrf');
    expect(csrf).toBe((await as(ACCOUNTS.root)).csrf);
    const before = await writes();

    const empty = await postForm(`${eraseUrl(1)}?lang=ru`, ACCOUNTS.root, { _csrf: csrf, reason: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Укажите основание удаления.');
    expect(empty.body).toContain('<strong>Причина</strong>');
    expect(await writes()).toBe(before);

    const confirm = await postForm(`${eraseUrl(1)}?lang=en`, ACCOUNTS.root, {
      _csrf: csrf,
      reason: " the person's request of 2026-03-09 ",
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Yes, erase for good');
    expect(hidden(confirm.body, 'confirm')).toBe('yes');
    expect(hidden(confirm.body, 'reason')).toBe('the person&#39;s request of 2026-03-09');
    expect(await writes()).toBe(before);
    expect(await personRow(1)).toMatchObject({ phone: person(1).phone, data_erased_at: null });

    const noToken = await postForm(`${eraseUrl(1)}?lang=en`, ACCOUNTS.root, { reason: 'x', confirm: 'yes' });
    expect(noToken.statusCode).toBe(403);
    expect(await writes()).toBe(before);

    const done = await postForm(`${eraseUrl(1)}?lang=en`, ACCOUNTS.root, {
      _csrf: csrf,
      reason: "the person's request of 2026-03-09",
      confirm: 'yes',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${personsUrl()}?lang=en&done=erased&person=${encodeURIComponent(personId(1))}`);
    expect(await personRow(1)).toMatchObject({
      phone: null,
      email: null,
      birth_date: null,
      full_name: person(1).fullName,
    });
    expect((await personRow(1)).data_erased_at).toBeInstanceOf(Date);
    expect(await personRow(2)).toMatchObject({ phone: person(2).phone, data_erased_at: null });
    const event = await lastEvent();
    expect(event.type).toBe('person.data-erased');
    expect(event.payload).toMatchObject({ personId: personId(1), reason: "the person's request of 2026-03-09" });
    expect(event.actor).toMatch(/^staff:/);

    const list = await get(done.headers.location!, ACCOUNTS.root);
    expect(list.body).toContain('Бурул Асанова 1: phone, e-mail and birth date erased.');
    expect(list.body).toMatch(/<td[^>]*>erased \(\d\d\.\d\d\.\d{4}\)<\/td>/);
    expect(list.body).not.toContain(`href="${eraseUrl(1)}?lang=en"`);
  });

  it('refuses a person erased already (409) and a person not of the group (404), in the page language, writing nothing', async () => {
    const csrf = (await as(ACCOUNTS.root)).csrf;
    const before = await writes();
    const again = await postForm(`${eraseUrl(1)}?lang=en`, ACCOUNTS.root, {
      _csrf: csrf,
      reason: 'again',
      confirm: 'yes',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(
      /<strong>personId<\/strong>: Бурул Асанова 1: the personal data was erased already \(\d\d\.\d\d\.\d{4}\); nothing was written/,
    );
    expect((await get(`${eraseUrl(1)}?lang=en`, ACCOUNTS.root)).statusCode).toBe(409);
    const unknown = await postForm(`${personsUrl()}/p-nobody/erase?lang=ky`, ACCOUNTS.root, {
      _csrf: csrf,
      reason: 'r',
      confirm: 'yes',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('«p-nobody» деген адам жок');
    expect((await get(`/manage/groups/no-such-group/persons?lang=en`, ACCOUNTS.root)).statusCode).toBe(404);
    expect(await writes()).toBe(before);
  });

  it('is for staff of every council only: 403 for council staff, deputy, chair and member; anonymous to the login', async () => {
    const before = await writes();
    for (const email of [ACCOUNTS.staff, ACCOUNTS.deputy, ACCOUNTS.chair, ACCOUNTS.member]) {
      expect((await get(`${personsUrl()}?lang=en`, email)).statusCode, email).toBe(403);
      expect((await get(`${eraseUrl(2)}?lang=en`, email)).statusCode, email).toBe(403);
      const who = await as(email);
      expect(
        (await postForm(`${eraseUrl(2)}?lang=en`, email, { _csrf: who.csrf, reason: 'r', confirm: 'yes' })).statusCode,
        email,
      ).toBe(403);
    }
    const anonymous = await app.inject({ method: 'GET', url: `${personsUrl()}?lang=en` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?/);
    expect(await writes()).toBe(before);
    expect(await personRow(2)).toMatchObject({ phone: person(2).phone });
  });
});

describe('POST /api/persons/:personId/erase', () => {
  const url = (id: string, lang = 'en') => `/api/persons/${encodeURIComponent(id)}/erase?lang=${lang}`;

  it('erases with a reason (200) and refuses a second time with 409 naming personId', async () => {
    const res = await postJson(url(personId(4)), ACCOUNTS.root, { reason: 'the person asked by letter' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ personId: personId(4), groupId, status: 'erased' });
    expect(await personRow(4)).toMatchObject({ phone: null, email: null, birth_date: null });
    const before = await writes();
    const again = await postJson(url(personId(4), 'ru'), ACCOUNTS.root, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'conflict', problems: [{ field: 'personId', rule: 'already-erased' }] },
    });
    expect(again.json<{ error: { message: string } }>().error.message).toContain('персональные данные уже удалены');
    expect(await writes()).toBe(before);
  });

  it('refuses an empty or missing reason (400, field reason), an unknown person (404, field personId), an unknown field, and no CSRF token', async () => {
    const before = await writes();
    const empty = await postJson(url(personId(5), 'ru'), ACCOUNTS.root, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'invalid-input', field: 'reason', rule: 'required' } });
    expect(empty.json<{ error: { message: string } }>().error.message).toBe('reason: обязательное поле не заполнено');
    const missing = await postJson(url(personId(5)), ACCOUNTS.root, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { field: 'reason', rule: 'required' } });
    const control = await postJson(url(personId(5)), ACCOUNTS.root, { reason: 'a\u0000b' });
    expect(control.statusCode).toBe(400);
    expect(control.json()).toMatchObject({ error: { field: 'reason', rule: 'characters' } });
    const unknown = await postJson(url('p-nobody'), ACCOUNTS.root, { reason: 'r' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: { code: 'not-found', problems: [{ field: 'personId', rule: 'unknown-person' }] },
    });
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('There is no person “p-nobody”');
    const extra = await postJson(url(personId(5)), ACCOUNTS.root, { reason: 'r', phone: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ error: { field: 'phone', rule: 'unknown-property' } });
    expect((await postJson(url(personId(5)), ACCOUNTS.root, { reason: 'r' }, false)).statusCode).toBe(403);
    expect(await writes()).toBe(before);
  });

  it('is 403 for council staff, deputy, chair and member, and 401 without a login, writing nothing', async () => {
    const before = await writes();
    for (const email of [ACCOUNTS.staff, ACCOUNTS.deputy, ACCOUNTS.chair, ACCOUNTS.member]) {
      const res = await postJson(url(personId(5)), email, { reason: 'r' });
      expect(res.statusCode, email).toBe(403);
      expect(res.json(), email).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await postJson(url(personId(5)), null, { reason: 'r' })).statusCode).toBe(401);
    expect(await writes()).toBe(before);
    expect(await personRow(5)).toMatchObject({ phone: person(5).phone });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { post?: { tags?: string[] } }>;
    }>();
    expect(doc.paths['/api/persons/{personId}/erase']?.post?.tags).toEqual(['persons']);
  });
});

describe('the council retention page', () => {
  it('council staff set the months (0 keeps), a bad number is a 400 naming months with nothing written, deputies and chairs get 403', async () => {
    const councilId = (
      await t.db.selectFrom('groups').select('council_id').where('id', '=', groupId).executeTakeFirstOrThrow()
    ).council_id;
    const url = `/manage/councils/${encodeURIComponent(councilId)}/retention`;
    expect((await get('/manage?lang=en', ACCOUNTS.staff)).body).toContain(`href="${url}?lang=en"`);
    const form = await get(`${url}?lang=en`, ACCOUNTS.staff);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Now: kept until the person asks');
    const csrf = hidden(form.body, '_csrf');
    const before = await writes();
    const bad = await postForm(`${url}?lang=ru`, ACCOUNTS.staff, { _csrf: csrf, months: '601' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<strong>months</strong>: Число месяцев должно быть целым числом от 0 до 600.');
    expect(await writes()).toBe(before);
    const saved = await postForm(`${url}?lang=en`, ACCOUNTS.staff, { _csrf: csrf, months: '12' });
    expect(saved.statusCode).toBe(303);
    expect(
      (
        await t.db
          .selectFrom('councils')
          .select('retention_months')
          .where('id', '=', councilId)
          .executeTakeFirstOrThrow()
      ).retention_months,
    ).toBe(12);
    expect((await get(saved.headers.location!, ACCOUNTS.root)).body).toContain(
      'Now: erased 12 months after the term ends',
    );
    for (const email of [ACCOUNTS.deputy, ACCOUNTS.chair]) {
      expect(
        (await postForm(`${url}?lang=en`, email, { _csrf: (await as(email)).csrf, months: '1' })).statusCode,
        email,
      ).toBe(403);
    }
  });
});
