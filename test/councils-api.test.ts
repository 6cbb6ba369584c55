// Councils, their groups and the public notices over JSON, and the council registration page, on real Postgres:
// a fresh install's first staff account registers the council on /manage/councils/new and is told to register the
// executive body next; POST /api/councils for staff of every council only, idempotent with a key, refusing bad
// input with the field named in the request's language; who sees which council and which groups; the notices'
// JSON is what the notice board shows, with no phone or e-mail of any member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { escapeHtml } from '../api/ui/html';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { formatDay } from '../domain/calendar-format';
import type { Lang } from '../domain/i18n';
import { creationNoticeText, formationNoticeText } from '../workflows/formation/notice-texts';
import { countRows } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

let t: TestDatabase;
let app: App;
const PASSWORD = 'councils test password';
/** Tuesday 10 March 2026, 10:00 in Bishkek. */
const NOW = Date.parse('2026-03-10T04:00:00Z');

interface Who {
  cookie: string;
  csrf: string;
}

beforeAll(async () => {
  t = await createTestDatabase();
  // A fresh install: one staff account of every council (what the setup link makes), no council yet.
  await createAccount(t.db, { email: 'root@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const sessions = new Map<string, Who>();
/** One session per account for the whole file (login allows 10 attempts per address in 15 minutes). */
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

function call(
  method: 'GET' | 'POST',
  url: string,
  who: Who | null,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { ...headers, ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) };
  return app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload } : {}) });
}

function postForm(url: string, who: Who, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
const councils = () => countRows(t.db, 'councils');

describe('a fresh install: the first staff account registers the council on the page', () => {
  let councilId = '';

  it('/manage says what to do first and links to the registration form', async () => {
    const root = await as('root@kenesh.kg');
    const res = await call('GET', '/manage?lang=en', root);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No council is registered yet. First step: register the council');
    expect(res.body).toContain('href="/manage/councils/new?lang=en"');
    expect(res.body).not.toContain('No council is open to you');
  });

  it('the form has a label for every input, the CSRF field and a nonce', async () => {
    const res = await call('GET', '/manage/councils/new?lang=ky', await as('root@kenesh.kg'));
    expect(res.statusCode).toBe(200);
    for (const [id, label] of [
      ['nameKy', 'Кеңештин аталышы кыргызча'],
      ['nameRu', 'Кеңештин аталышы орусча'],
      ['email', 'Кеңештин электрондук почтасы (милдеттүү эмес)'],
      ['website', 'Расмий сайты (милдеттүү эмес)'],
    ]) {
      expect(res.body).toContain(`<label for="${id}">${label}</label>`);
      expect(res.body).toMatch(new RegExp(`<input id="${id}" name="${id}"`));
    }
    expect(hidden(res.body, '_csrf')).toBe((await as('root@kenesh.kg')).csrf);
    expect(hidden(res.body, 'nonce')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a bad e-mail comes back as the form (400) naming the field, keeping what was typed; nothing is written', async () => {
    const root = await as('root@kenesh.kg');
    const form = (await call('GET', '/manage/councils/new?lang=ru', root)).body;
    const before = await councils();
    const res = await postForm('/manage/councils/new?lang=ru', root, {
      _csrf: hidden(form, '_csrf'),
      nonce: hidden(form, 'nonce'),
      nameKy: 'Тоң айылдык кеңеши',
      nameRu: 'Тонский айылный кенеш',
      email: 'kenesh at ton',
      website: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('Электронная почта кенеша (необязательно)');
    expect(res.body).toContain(escapeHtml('«kenesh at ton» — неверный адрес электронной почты'));
    expect(res.body).toContain('value="Тоң айылдык кеңеши"');
    expect(res.body).toContain('value="kenesh at ton"');
    expect(res.body).toMatch(/<input id="email"[^>]*aria-invalid="true"/);
    expect(await councils()).toBe(before);
  });

  it('without the form token the post is refused (403) and writes nothing', async () => {
    const root = await as('root@kenesh.kg');
    const res = await postForm('/manage/councils/new?lang=en', root, {
      nonce: 'abcdefgh12345678',
      nameKy: 'Тоң',
      nameRu: 'Тон',
    });
    expect(res.statusCode).toBe(403);
    expect(await councils()).toBe(0);
  });

  it('a good post registers the council and goes to /manage (303), which confirms it and asks for the executive body', async () => {
    const root = await as('root@kenesh.kg');
    const form = (await call('GET', '/manage/councils/new?lang=en', root)).body;
    const fields = {
      _csrf: hidden(form, '_csrf'),
      nonce: hidden(form, 'nonce'),
      nameKy: 'Тоң айылдык кеңеши',
      nameRu: 'Тонский айылный кенеш',
      email: 'kenesh@ton.kg',
      website: 'ton.kg',
    };
    const res = await postForm('/manage/councils/new?lang=en', root, fields);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/manage\?lang=en&done=council&council=[0-9a-f-]{36}$/);
    councilId = decodeURIComponent(location.split('council=')[1]!);
    // Sent twice (a double click, a reload): the same council, nothing more.
    const again = await postForm('/manage/councils/new?lang=en', root, fields);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(location);
    expect(await councils()).toBe(1);
    const stored = await t.db.selectFrom('councils').selectAll().where('id', '=', councilId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      name_ky: 'Тоң айылдык кеңеши',
      name_ru: 'Тонский айылный кенеш',
      email: 'kenesh@ton.kg',
      website: 'https://ton.kg',
      time_zone: 'Asia/Bishkek',
    });

    const manage = await call('GET', location, root);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('The council “Тонский айылный кенеш” is registered.');
    expect(manage.body).toContain('Тонский айылный кенеш</h2>');
    expect(manage.body).toContain('Register the executive body (aiyl okmotu) first: it receives the 5.4.1 obligation');
    expect(manage.body).toContain(
      `href="/manage/councils/${councilId}/objects?lang=en">Register the executive body</a>`,
    );
    expect(manage.body).toContain('href="/manage/councils/new?lang=en">Register a council</a>');
    expect(manage.body).not.toContain('No council is registered yet');
  });

  it('once the executive body is registered on the objects page, /manage stops asking for it', async () => {
    const root = await as('root@kenesh.kg');
    const objects = await postForm(`/manage/councils/${councilId}/objects?lang=en`, root, {
      _csrf: root.csrf,
      kind: 'executive_body',
      nameKy: 'Тоң айыл өкмөтү',
      nameRu: 'Тонский айыл окмоту',
      emails: 'okmot@ton.kg',
    });
    expect(objects.statusCode).toBe(303);
    const manage = await call('GET', '/manage?lang=en', root);
    expect(manage.body).toContain('Тонский айылный кенеш</h2>');
    expect(manage.body).not.toContain('Register the executive body');
  });

  it('the page is for staff of every council only: a staff of a council gets 403, an anonymous visitor the login page', async () => {
    await createAccount(t.db, { email: 'staff@ton.kg', password: PASSWORD, role: 'staff', councilId });
    const staff = await as('staff@ton.kg');
    const page = await call('GET', '/manage/councils/new?lang=en', staff);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('You are not allowed to see this');
    const post = await postForm('/manage/councils/new?lang=en', staff, {
      _csrf: staff.csrf,
      nonce: 'abcdefgh12345678',
      nameKy: 'Тоң',
      nameRu: 'Тон',
    });
    expect(post.statusCode).toBe(403);
    expect(await councils()).toBe(1);
    const manage = await call('GET', '/manage?lang=en', staff);
    expect(manage.body).not.toContain('/manage/councils/new');
    const anonymous = await app.inject({ method: 'GET', url: '/manage/councils/new?lang=en' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(
      `/login?lang=en&next=${encodeURIComponent('/manage/councils/new?lang=en')}`,
    );
  });
});

describe('the councils API', () => {
  let councilA = '';
  let councilB = '';
  let groupA1 = '';
  let groupA2 = '';
  let groupB = '';
  const body = {
    nameKy: 'Ак-Суу айылдык кеңеши',
    nameRu: 'Ак-Суйский айылный кенеш',
    email: 'kenesh@aksuu.kg',
    website: 'https://aksuu.kg',
    timeZone: 'Asia/Bishkek',
  };

  beforeAll(async () => {
    councilA = await registerCouncil(
      t.db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' }, email: 'kenesh@karasuu.kg' },
      'test',
    );
    councilB = await registerCouncil(
      t.db,
      { name: { ky: 'Көк-Жар айылдык кеңеши', ru: 'Кок-Жарский айылный кенеш' } },
      'test',
    );
    await registerObject(
      t.db,
      {
        councilId: councilA,
        kind: 'executive_body',
        name: { ky: 'Кара-Суу айыл өкмөтү', ru: 'Кара-Суйский айыл окмоту' },
        emails: ['okmot@karasuu.kg'],
      },
      'test',
    );
    groupA1 = await openGroup(t.db, { councilId: councilA, councilFormedOn: '2025-11-20' }, 'test');
    await record(t.db, {
      stream: streams.group(groupA1),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId: groupA1, createdOn: '2026-01-20', resolutionNumber: '12/3', termEnd: '2028-01-20' },
        },
      ],
    });
    groupA2 = await openGroup(t.db, { councilId: councilA, councilFormedOn: '2026-02-02' }, 'test');
    groupB = await openGroup(t.db, { councilId: councilB }, 'test');
    await createAccount(t.db, { email: 'staff@karasuu.kg', password: PASSWORD, role: 'staff', councilId: councilA });
    await createAccount(t.db, { email: 'deputy@karasuu.kg', password: PASSWORD, role: 'deputy', councilId: councilA });
    await createAccount(t.db, { email: 'chair@karasuu.kg', password: PASSWORD, role: 'chair', groupId: groupA1 });
    await createAccount(t.db, { email: 'member@karasuu.kg', password: PASSWORD, role: 'member', groupId: groupA1 });
    await createAccount(t.db, { email: 'staff@kokjar.kg', password: PASSWORD, role: 'staff', councilId: councilB });
  });

  describe('POST /api/councils', () => {
    it('staff of every council register a council: 201 with its id, readable at once', async () => {
      const root = await as('root@kenesh.kg');
      const before = await councils();
      const res = await call('POST', '/api/councils?lang=en', root, body);
      expect(res.statusCode).toBe(201);
      const { councilId } = res.json<{ councilId: string }>();
      expect(councilId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await councils()).toBe(before + 1);
      const read = await call('GET', `/api/councils/${councilId}`, root);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({
        id: councilId,
        name: { ky: body.nameKy, ru: body.nameRu },
        email: body.email,
        website: body.website,
        timeZone: 'Asia/Bishkek',
        registeredAt: expect.any(String) as string,
        executiveBodyId: null,
        links: { noticeBoard: `/councils/${councilId}/notices`, notices: `/api/councils/${councilId}/notices` },
      });
      const events = await t.db
        .selectFrom('events')
        .select(['type', 'actor'])
        .where('stream_id', '=', streams.council(councilId))
        .execute();
      const rootId = (
        await t.db.selectFrom('accounts').select('id').where('email', '=', 'root@kenesh.kg').executeTakeFirstOrThrow()
      ).id;
      expect(events).toEqual([{ type: 'council.registered', actor: `staff:${rootId}` }]);
    });

    it('sent twice with the same Idempotency-Key (one after the other, or at once): one council', async () => {
      const root = await as('root@kenesh.kg');
      const before = await councils();
      const headers = { 'idempotency-key': 'register-bakai-ata-0001' };
      const bakai = { nameKy: 'Бакай-Ата айылдык кеңеши', nameRu: 'Бакай-Атинский айылный кенеш' };
      const first = await call('POST', '/api/councils', root, bakai, headers);
      const second = await call('POST', '/api/councils', root, bakai, headers);
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(second.json()).toEqual(first.json());
      const racing = { 'idempotency-key': 'register-talas-0002' };
      const talas = { nameKy: 'Талас айылдык кеңеши', nameRu: 'Таласский айылный кенеш' };
      const raced = await Promise.all([1, 2, 3].map(() => call('POST', '/api/councils', root, talas, racing)));
      expect(raced.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect(new Set(raced.map((r) => r.json<{ councilId: string }>().councilId)).size).toBe(1);
      expect(await councils()).toBe(before + 2);
    });

    it('the same key with other data is a 409 naming the council it registered; without a key each post registers one', async () => {
      const root = await as('root@kenesh.kg');
      const headers = { 'idempotency-key': 'register-bakai-ata-0001' };
      const before = await councils();
      const res = await call('POST', '/api/councils?lang=ru', root, { nameKy: 'Башка', nameRu: 'Другой' }, headers);
      expect(res.statusCode).toBe(409);
      expect(
        res.json<{ error: { code: string; problems: { field: string; message: string }[] } }>().error,
      ).toMatchObject({
        code: 'conflict',
        problems: [
          { field: 'idempotency-key', message: expect.stringContaining('«Бакай-Атинский айылный кенеш»') as string },
        ],
      });
      expect(await councils()).toBe(before);
      const plain = { nameKy: 'Жаңы-Жол айылдык кеңеши', nameRu: 'Джаны-Джольский айылный кенеш' };
      const twice = [
        await call('POST', '/api/councils', root, plain),
        await call('POST', '/api/councils', root, plain),
      ];
      expect(twice.map((r) => r.statusCode)).toEqual([201, 201]);
      expect(twice[0]!.json<{ councilId: string }>().councilId).not.toBe(
        twice[1]!.json<{ councilId: string }>().councilId,
      );
      expect(await councils()).toBe(before + 2);
    });

    it('staff of one council, deputies, chairs and members get 403; no login 401; nothing is written', async () => {
      const before = await councils();
      for (const email of ['staff@karasuu.kg', 'deputy@karasuu.kg', 'chair@karasuu.kg', 'member@karasuu.kg']) {
        const res = await call('POST', '/api/councils?lang=en', await as(email), body);
        expect(res.statusCode, email).toBe(403);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      }
      const anonymous = await call('POST', '/api/councils?lang=en', null, body);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json<{ error: { code: string } }>().error.code).toBe('not-authenticated');
      const noToken = await app.inject({
        method: 'POST',
        url: '/api/councils',
        headers: { cookie: (await as('root@kenesh.kg')).cookie },
        payload: body,
      });
      expect(noToken.statusCode).toBe(403);
      expect(await councils()).toBe(before);
    });

    it.each([
      ['email', { email: 'kenesh@@aksuu' }, 'email', 'kenesh@@aksuu'],
      ['email', { email: 'kenesh@aksuu' }, 'email', 'kenesh@aksuu'],
      ['website', { website: 'ftp://aksuu.kg' }, 'url', 'ftp://aksuu.kg'],
      ['website', { website: 'http://localhost' }, 'url', 'http://localhost'],
      ['website', { website: 'aksuu kg' }, 'url', 'aksuu kg'],
      ['timeZone', { timeZone: 'Asia/Frunze-Nowhere' }, 'time-zone', 'Asia/Frunze-Nowhere'],
      ['timeZone', { timeZone: 'Bishkek' }, 'time-zone', 'Bishkek'],
    ])(
      'a bad %s (%o) is a 400 naming the field and the rule, in ky and in ru; nothing is written',
      async (field, bad, rule, value) => {
        const root = await as('root@kenesh.kg');
        const before = await councils();
        const words = { ky: /туура|IANA/, ru: /неверн|не часовой пояс/ } as const;
        for (const lang of ['ky', 'ru'] as const satisfies readonly Lang[]) {
          const res = await call('POST', `/api/councils?lang=${lang}`, root, { ...body, ...bad });
          expect(res.statusCode).toBe(400);
          const error = res.json<{
            error: {
              code: string;
              field: string;
              rule: string;
              message: string;
              problems: { field: string; rule: string; message: string }[];
            };
          }>().error;
          expect(error).toMatchObject({ code: 'invalid-input', field, rule });
          expect(error.message.startsWith(`${field}: `)).toBe(true);
          expect(error.message).toContain(lang === 'ky' ? 'маани туура эмес' : 'неверное значение');
          expect(error.problems).toEqual([
            { field, rule, clause: null, message: expect.stringContaining(value) as string },
          ]);
          expect(error.problems[0]!.message).toMatch(words[lang]);
        }
        expect(await councils()).toBe(before);
      },
    );

    it('a missing or blank name, an unknown field, a wrong type and broken characters are 400s naming the field', async () => {
      const root = await as('root@kenesh.kg');
      const before = await councils();
      const cases: [object, string, string][] = [
        [{ nameRu: body.nameRu }, 'nameKy', 'required'],
        [{ ...body, nameRu: '   ' }, 'nameRu', 'required'],
        [{ ...body, isAdmin: true }, 'isAdmin', 'unknown-property'],
        [{ ...body, nameKy: { ky: 'Ак-Суу' } }, 'nameKy', 'type'],
        [{ ...body, nameKy: 'Ак\u0000Суу' }, 'nameKy', 'characters'],
        [{ ...body, nameRu: 'Ак\ud800Суу' }, 'nameRu', 'characters'],
        [{ ...body, nameKy: 'Ы'.repeat(201) }, 'nameKy', 'range'],
      ];
      for (const [payload, field, rule] of cases) {
        const res = await call('POST', '/api/councils?lang=ky', root, payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json<{ error: { field: string; rule: string; message: string } }>().error, field).toMatchObject({
          field,
          rule,
          message: expect.stringContaining(field) as string,
        });
      }
      expect(await councils()).toBe(before);
    });

    it('a time zone is stored as IANA spells it, a website without a scheme gets https://, blank optional fields are none', async () => {
      const root = await as('root@kenesh.kg');
      const res = await call('POST', '/api/councils', root, {
        nameKy: ' Ынтымак ',
        nameRu: 'Ынтымак',
        email: '',
        website: 'yntymak.kg',
        timeZone: 'asia/bishkek',
      });
      expect(res.statusCode).toBe(201);
      const stored = await t.db
        .selectFrom('councils')
        .selectAll()
        .where('id', '=', res.json<{ councilId: string }>().councilId)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        name_ky: 'Ынтымак',
        email: null,
        website: 'https://yntymak.kg',
        time_zone: 'Asia/Bishkek',
      });
    });
  });

  describe('GET /api/councils and /api/councils/:councilId', () => {
    const ids = async (email: string | null) => {
      const res = await call('GET', '/api/councils', email ? await as(email) : null);
      return {
        status: res.statusCode,
        ids: res.statusCode === 200 ? res.json<{ councils: { id: string }[] }>().councils.map((c) => c.id) : [],
      };
    };

    it('each account sees its councils: staff of every council all, staff and deputies theirs, chairs and members their group’s', async () => {
      const all = await ids('root@kenesh.kg');
      expect(all.status).toBe(200);
      expect(all.ids).toEqual(expect.arrayContaining([councilA, councilB]));
      expect(all.ids.length).toBe(await councils());
      for (const email of ['staff@karasuu.kg', 'deputy@karasuu.kg', 'chair@karasuu.kg', 'member@karasuu.kg'])
        expect(await ids(email), email).toEqual({ status: 200, ids: [councilA] });
      expect(await ids('staff@kokjar.kg')).toEqual({ status: 200, ids: [councilB] });
      expect((await ids(null)).status).toBe(401);
    });

    it('the executive body is named when registered (the 5.4.1 obligation has somewhere to go), else null', async () => {
      const res = await call('GET', '/api/councils', await as('root@kenesh.kg'));
      const list = res.json<{ councils: { id: string; executiveBodyId: string | null }[] }>().councils;
      const executive = await t.db
        .selectFrom('monitored_objects')
        .select('id')
        .where('council_id', '=', councilA)
        .where('is_executive_body', '=', true)
        .executeTakeFirstOrThrow();
      expect(list.find((c) => c.id === councilA)?.executiveBodyId).toBe(executive.id);
      expect(list.find((c) => c.id === councilB)?.executiveBodyId).toBeNull();
    });

    it('one council: its staff and deputies; another council’s staff, chairs and members 403; unknown: 404 for staff of every council, else 403', async () => {
      const status = async (email: string | null, id: string) =>
        (await call('GET', `/api/councils/${id}`, email ? await as(email) : null)).statusCode;
      expect(await status('staff@karasuu.kg', councilA)).toBe(200);
      expect(await status('deputy@karasuu.kg', councilA)).toBe(200);
      expect(await status('root@kenesh.kg', councilB)).toBe(200);
      expect(await status('staff@kokjar.kg', councilA)).toBe(403);
      expect(await status('staff@karasuu.kg', councilB)).toBe(403);
      expect(await status('chair@karasuu.kg', councilA)).toBe(403);
      expect(await status('member@karasuu.kg', councilA)).toBe(403);
      expect(await status(null, councilA)).toBe(401);
      expect(await status('root@kenesh.kg', 'no-such-council')).toBe(404);
      expect(await status('staff@karasuu.kg', 'no-such-council')).toBe(403);
    });
  });

  describe('GET /api/councils/:councilId/groups', () => {
    it('the council’s groups, oldest first, with status, dates, resolution, term and links', async () => {
      const res = await call('GET', `/api/councils/${councilA}/groups`, await as('staff@karasuu.kg'));
      expect(res.statusCode).toBe(200);
      const { councilId, groups } = res.json<{ councilId: string; groups: Record<string, unknown>[] }>();
      expect(councilId).toBe(councilA);
      expect(groups.map((g) => g.id)).toEqual([groupA1, groupA2]);
      expect(groups[0]).toMatchObject({
        status: 'created',
        councilFormedOn: '2025-11-20',
        createdOn: '2026-01-20',
        resolutionNumber: '12/3',
        termEnd: '2028-01-20',
      });
      expect(groups[1]).toMatchObject({
        status: 'forming',
        councilFormedOn: '2026-02-02',
        createdOn: null,
        resolutionNumber: null,
        termEnd: null,
      });
      expect(groups[0]!.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(groups[0]!.links).toEqual({
        pages: {
          formation: `/manage/groups/${groupA1}/formation`,
          dashboard: `/manage/groups/${groupA1}/dashboard`,
          acts: `/manage/groups/${groupA1}/acts`,
          composition: `/groups/${groupA1}/composition`,
        },
        api: {
          formation: `/api/groups/${groupA1}/formation`,
          formationRecord: `/api/groups/${groupA1}/formation/record`,
          dashboard: `/api/groups/${groupA1}/dashboard`,
          acts: `/api/groups/${groupA1}/acts`,
          obligations: `/api/groups/${groupA1}/obligations`,
          members: `/api/groups/${groupA1}/members`,
        },
      });
      // The links lead somewhere: the staff's pages answer.
      const links = groups[0]!.links as { pages: Record<string, string> };
      for (const path of Object.values(links.pages))
        expect((await call('GET', path, await as('staff@karasuu.kg'))).statusCode, path).toBe(200);
    });

    it('deputies of the council and staff of every council read it; another council’s staff, chairs and members get 403', async () => {
      const status = async (email: string | null, id: string) =>
        (await call('GET', `/api/councils/${id}/groups`, email ? await as(email) : null)).statusCode;
      expect(await status('deputy@karasuu.kg', councilA)).toBe(200);
      expect(await status('root@kenesh.kg', councilA)).toBe(200);
      expect(await status('staff@kokjar.kg', councilB)).toBe(200);
      expect(await status('staff@kokjar.kg', councilA)).toBe(403);
      expect(await status('staff@karasuu.kg', councilB)).toBe(403);
      expect(await status('chair@karasuu.kg', councilA)).toBe(403);
      expect(await status('member@karasuu.kg', councilA)).toBe(403);
      expect(await status(null, councilA)).toBe(401);
      const other = await call('GET', `/api/councils/${councilB}/groups`, await as('staff@kokjar.kg'));
      expect(other.json<{ groups: { id: string }[] }>().groups.map((g) => g.id)).toEqual([groupB]);
    });
  });

  describe('the public notices as JSON', () => {
    type NoticeJson = {
      id: string;
      councilId: string;
      groupId: string | null;
      kind: string;
      text: { ky: string; ru: string };
      channels: string[];
      publishedAt: string;
      publishedOn: string;
      links: { print: string; board: string };
    };
    const day = 86_400_000;

    beforeAll(async () => {
      // The creation notice names the members a roster with phones, e-mails and birth dates brought in.
      await importRoster(t.db, groupA1, SAMPLE_ROSTER, { actor: 'test', on: '2026-01-15' });
      const formation = formationNoticeText('2025-11-20');
      await publishNotice(
        t.db,
        {
          noticeId: `formation-notice-${groupA1}`,
          councilId: councilA,
          groupId: groupA1,
          kind: 'formation-notice',
          text: formation,
          channels: ['website', 'notice_board'],
          publishedAt: new Date(NOW - 60 * day),
        },
        'test',
      );
      const creation = creationNoticeText({
        decidedOn: '2026-01-20',
        resolutionNumber: '12/3',
        termEnd: '2028-01-20',
        members: SAMPLE_ROSTER.map((m) => ({ fullName: m.fullName, category: m.category })),
        meeting: { date: '2026-01-27', time: '10:00', place: 'Кара-Суу айыл өкмөтүнүн жыйындар залы' },
      });
      await publishNotice(
        t.db,
        {
          noticeId: `creation-notice-${groupA1}`,
          councilId: councilA,
          groupId: groupA1,
          kind: 'creation-notice',
          text: creation,
          channels: ['notice_board'],
          publishedAt: new Date(NOW - 40 * day),
        },
        'test',
      );
      await publishNotice(
        t.db,
        {
          noticeId: `formation-notice-${groupA2}`,
          councilId: councilA,
          groupId: groupA2,
          kind: 'formation-notice',
          text: formationNoticeText('2026-02-02'),
          channels: ['website'],
          publishedAt: new Date(NOW - 20 * day),
        },
        'test',
      );
      await publishNotice(
        t.db,
        {
          noticeId: `formation-notice-${groupB}`,
          councilId: councilB,
          groupId: groupB,
          kind: 'formation-notice',
          text: formationNoticeText('2026-01-05'),
          channels: ['notice_board'],
          publishedAt: new Date(NOW - 30 * day),
        },
        'test',
      );
    });

    it('is what the notice board shows: the same notices in the same order, the same texts and days', async () => {
      const res = await call('GET', `/api/councils/${councilA}/notices`, null);
      expect(res.statusCode).toBe(200);
      const json = res.json<{ councilId: string; council: { ky: string; ru: string }; notices: NoticeJson[] }>();
      expect(json.councilId).toBe(councilA);
      expect(json.council).toEqual({ ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' });
      expect(json.notices.map((n) => n.id)).toEqual([
        `formation-notice-${groupA2}`,
        `creation-notice-${groupA1}`,
        `formation-notice-${groupA1}`,
      ]);
      for (const lang of ['ky', 'ru'] as const) {
        const board = (await app.inject({ method: 'GET', url: `/councils/${councilA}/notices?lang=${lang}` })).body;
        const articles = board.split('<article>').slice(1);
        expect(articles.length).toBe(json.notices.length);
        json.notices.forEach((n, i) => {
          const article = articles[i]!;
          expect(article).toContain(`/notices/${encodeURIComponent(n.id)}/print?lang=${lang}`);
          expect(article).toContain(formatDay(lang, n.publishedOn));
          for (const line of n.text[lang].split('\n')) expect(article).toContain(escapeHtml(line));
        });
      }
      const feed = (await app.inject({ method: 'GET', url: `/councils/${councilA}/notices.atom` })).body;
      expect([...feed.matchAll(/<id>urn:jmeg:notice:([^<]+)<\/id>/g)].map((m) => m[1])).toEqual(
        json.notices.map((n) => n.id),
      );
      expect(json.notices[1]).toMatchObject({
        councilId: councilA,
        groupId: groupA1,
        kind: 'creation-notice',
        channels: ['notice_board'],
        publishedOn: '2026-01-29',
        links: { print: `/notices/creation-notice-${groupA1}/print`, board: `/councils/${councilA}/notices` },
      });
    });

    it('names members and their categories, never a phone, an e-mail or a birth date', async () => {
      const persons = await t.db
        .selectFrom('persons')
        .select(['phone', 'email', 'birth_date'])
        .where('council_id', '=', councilA)
        .execute();
      expect(persons.filter((p) => p.phone && p.email).length).toBe(SAMPLE_ROSTER.length);
      for (const url of [
        `/api/councils/${councilA}/notices`,
        `/api/councils/${councilA}/notices?group=${groupA1}`,
        `/api/notices/creation-notice-${groupA1}`,
      ]) {
        const text = (await call('GET', url, null)).body;
        for (const m of SAMPLE_ROSTER) expect(text).toContain(m.fullName);
        for (const p of persons) {
          expect(text).not.toContain(p.phone!);
          expect(text).not.toContain(p.email!);
        }
        for (const m of SAMPLE_ROSTER) expect(text).not.toContain(`${m.birthDate.year}-05-17`);
        expect(text).not.toMatch(/"(phone|email|birthDate)"/);
      }
    });

    it('?group= gives one group’s notices; a group of another council or none is a 404; an unknown council a 404', async () => {
      const one = await call('GET', `/api/councils/${councilA}/notices?group=${groupA2}`, null);
      expect(one.json<{ notices: NoticeJson[] }>().notices.map((n) => n.id)).toEqual([`formation-notice-${groupA2}`]);
      expect((await call('GET', `/api/councils/${councilA}/notices?group=${groupB}&lang=en`, null)).statusCode).toBe(
        404,
      );
      expect((await call('GET', `/api/councils/${councilA}/notices?group=nope`, null)).statusCode).toBe(404);
      const unknown = await call('GET', '/api/councils/no-such-council/notices?lang=ru', null);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<{ error: { message: string } }>().error.message).toContain('Не найдено');
      expect((await call('GET', `/api/councils/${councilA}/notices?gruop=${groupA2}`, null)).statusCode).toBe(400);
      const b = await call('GET', `/api/councils/${councilB}/notices`, null);
      expect(b.json<{ notices: NoticeJson[] }>().notices.map((n) => n.id)).toEqual([`formation-notice-${groupB}`]);
    });

    it('one notice by its id, as in the list; unknown: 404', async () => {
      const list = (await call('GET', `/api/councils/${councilA}/notices`, null)).json<{ notices: NoticeJson[] }>()
        .notices;
      const one = await call('GET', `/api/notices/${encodeURIComponent(`creation-notice-${groupA1}`)}`, null);
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual(list.find((n) => n.id === `creation-notice-${groupA1}`));
      expect((await call('GET', '/api/notices/no-such-notice', null)).statusCode).toBe(404);
    });
  });

  it('the OpenAPI document lists the new routes', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/api/councils'] ?? {}).sort()).toEqual(['get', 'post']);
    for (const path of [
      '/api/councils/{councilId}',
      '/api/councils/{councilId}/groups',
      '/api/councils/{councilId}/notices',
      '/api/notices/{noticeId}',
    ])
      expect(doc.paths[path]?.get, path).toBeDefined();
  });
});
