// The public pages (issue 6, "Pages: Public") through app.inject on a real Postgres database: each page in the
// asked language with its lang attribute and the language switch, escaping of stored text, no personal data on the
// composition page or in the feed, the Atom feed's entries, the A4 print page and the deadline calculator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig } from '../config/config';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listPublicMembers } from '../db/members';
import { publishNotice } from '../db/notices';
import { record } from '../db/record';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;

const roster = SAMPLE_ROSTER;

const OLD = { ky: 'Топту түзүү башталды.\nКатышыңыздар.', ru: 'Началось формирование группы.\nУчаствуйте.' };
const NEW = { ky: 'Жыйын <script>alert("ky")</script> & эртең', ru: 'Собрание <script>alert("ru")</script> & завтра' };

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-03-01' });
  const chair = (await listPublicMembers(t.db, groupId)).find((m) => m.fullName === 'Асанова Айгүл');
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [{ type: 'member.role-changed', payload: { groupId, membershipId: chair!.membershipId, role: 'chair' } }],
  });
  await publishNotice(
    t.db,
    {
      noticeId: 'n-old',
      councilId,
      groupId,
      kind: 'formation',
      text: OLD,
      channels: ['website', 'notice_board'],
      publishedAt: new Date('2026-03-02T05:00:00Z'),
    },
    'test',
  );
  await publishNotice(
    t.db,
    {
      noticeId: 'n-new',
      councilId,
      groupId,
      kind: 'meeting',
      text: NEW,
      channels: ['website'],
      publishedAt: new Date('2026-03-05T05:00:00Z'),
    },
    'test',
  );
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const langAttr = (body: string) => /<html lang="([a-z]+)">/.exec(body)?.[1];
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('every public page is HTML in the asked language, with a language switch keeping the path', () => {
  const pages = () => [
    `/councils/${councilId}/notices`,
    `/notices/n-old/print`,
    `/groups/${groupId}/composition`,
    '/deadline',
  ];

  it.each([
    ['ky', 'ky'],
    ['ru', 'ru'],
    ['en', 'en'],
  ])('?lang=%s gives lang="%s" on every page', async (asked, expected) => {
    for (const path of pages()) {
      const res = await get(`${path}?lang=${asked}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(langAttr(res.body), path).toBe(expected);
      expect(res.body, path).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    }
  });

  it('falls back to Accept-Language, then to Kyrgyz', async () => {
    expect(langAttr((await get('/deadline', { 'accept-language': 'ru-RU,ru;q=0.9' })).body)).toBe('ru');
    expect(langAttr((await get('/deadline')).body)).toBe('ky');
  });

  it('links to the same path in ky, ru and en, keeping the calculator inputs', async () => {
    for (const path of pages()) {
      const body = (await get(`${path}?lang=ru`)).body;
      for (const l of ['ky', 'ru', 'en']) expect(body, path).toContain(`href="${path}?lang=${l}"`);
    }
    const body = (await get('/deadline?key=object-response&from=2026-03-10&lang=en')).body;
    expect(body).toContain('href="/deadline?key=object-response&amp;from=2026-03-10&amp;lang=ky"');
  });
});

describe('the notice board', () => {
  it('lists the notices newest first in the page language', async () => {
    const ky = (await get(`/councils/${councilId}/notices?lang=ky`)).body;
    expect(ky).toContain('Топту түзүү башталды.');
    expect(ky).not.toContain('Началось формирование группы.');
    expect(ky.indexOf('Жыйын')).toBeLessThan(ky.indexOf('Топту түзүү'));
    const ru = (await get(`/councils/${councilId}/notices?lang=ru`)).body;
    expect(ru).toContain('Началось формирование группы.');
    expect(ru).not.toContain('Топту түзүү башталды.');
  });

  it('shows the Russian text in an English frame on en pages', async () => {
    const en = (await get(`/councils/${councilId}/notices?lang=en`)).body;
    expect(en).toContain('<h1>Notice board</h1>');
    expect(en).toContain('Началось формирование группы.');
  });

  it('escapes stored text: a <script> in a notice is shown, never run', async () => {
    for (const url of [
      `/councils/${councilId}/notices?lang=ky`,
      `/councils/${councilId}/notices?lang=ru`,
      '/notices/n-new/print',
    ]) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('<script>');
      expect(body, url).toContain('&lt;script&gt;alert(&quot;');
    }
  });

  it('answers 404 as a page for an unknown council', async () => {
    const res = await get('/councils/no-such-council/notices?lang=ru');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Такая страница не найдена.');
  });
});

describe('the Atom feed', () => {
  it('is XML with one <entry> per notice, both texts in each, newest first', async () => {
    const res = await get(`/councils/${councilId}/notices.atom`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body.startsWith('<?xml')).toBe(true);
    expect(count(res.body, '<feed ')).toBe(1);
    expect(count(res.body, '<entry>')).toBe(2);
    expect(count(res.body, '</entry>')).toBe(2);
    expect(res.body).toContain('urn:jmeg:notice:n-old');
    expect(res.body).toContain('Началось формирование группы.');
    expect(res.body).toContain('Топту түзүү башталды.');
    expect(res.body.indexOf('urn:jmeg:notice:n-new')).toBeLessThan(res.body.indexOf('urn:jmeg:notice:n-old'));
    expect(res.body).not.toContain('<script>');
  });
});

describe('the printable notice', () => {
  it('is an A4 sheet with both texts, the council and the date', async () => {
    const res = await get('/notices/n-old/print?lang=ky');
    expect(res.statusCode).toBe(200);
    // The A4 rule is a served stylesheet: the Content-Security-Policy allows no inline style.
    const sheet = /<link rel="stylesheet" href="(\/assets\/print\.[0-9a-f]{12}\.css)">/.exec(res.body)?.[1];
    expect((await get(sheet!)).body).toContain('@page{size:A4');
    expect(res.body).toContain('Топту түзүү башталды.');
    expect(res.body).toContain('Началось формирование группы.');
    expect(res.body).toContain('Ак-Суу айылдык кеңеши');
    expect(res.body).toContain('Ак-Суйский айылный кенеш');
    expect(res.body).toContain('02.03.2026');
  });

  it('answers 404 for an unknown notice', async () => {
    expect((await get('/notices/nope/print')).statusCode).toBe(404);
  });
});

describe('the group composition', () => {
  it('shows names, categories and the chair', async () => {
    const body = (await get(`/groups/${groupId}/composition?lang=ru`)).body;
    expect(body).toContain('Председатель: <strong>Асанова Айгүл</strong>');
    for (const m of roster) expect(body).toContain(m.fullName);
    expect(body).toContain('Муниципальный служащий');
    expect(body).toContain('Депутат');
  });

  it('never shows a phone, an e-mail or a birth date (nor does the feed)', async () => {
    const pages = [
      (await get(`/groups/${groupId}/composition`)).body,
      (await get(`/councils/${councilId}/notices.atom`)).body,
    ];
    for (const body of pages) {
      for (const m of roster) {
        expect(body).not.toContain(m.phone!);
        expect(body).not.toContain(m.email!);
        expect(body).not.toContain(String(m.birthDate.year));
      }
      expect(body).not.toMatch(/\+996/);
    }
  });
});

describe('the deadline calculator', () => {
  it('shows the due date, the days counted and Orozo Ait 2026 skipped for object-response from 2026-03-10', async () => {
    const res = await get('/deadline?key=object-response&from=2026-03-10&lang=ru');
    expect(res.statusCode).toBe(200);
    // 11-13, 16-19, 23-25 March: 20 (Orozo Ait), 21 (Nooruz) and the weekends are skipped.
    expect(res.body).toMatch(/<h2>[^<]*: <time datetime="2026-03-25">/);
    expect(res.body).toContain('10 рабочих дней после 10.03.2026 (вторник)');
    expect(res.body).toContain('20.03.2026 (пятница)</time>: Орозо айт');
    expect(res.body).toContain('<option value="object-response" selected>');
  });

  it('names the Kyrgyz holiday on ky pages', async () => {
    const body = (await get('/deadline?key=object-response&from=2026-03-10&lang=ky')).body;
    expect(body).toContain('Орозо айт');
  });

  it.each([
    ['ky', '«Эсеп башталган күн» талаасы'],
    ['ru', 'Поле «Дата начала отсчёта»'],
    ['en', 'Field “Start date of the count”'],
  ])('a bad date is a 400 page in %s naming the field', async (lang, named) => {
    const res = await get(`/deadline?key=object-response&from=2026-02-30&lang=${lang}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(langAttr(res.body)).toBe(lang);
    expect(res.body).toContain(named);
    expect(res.body).toContain('id="from" name="from" type="date" value="2026-02-30" required aria-invalid="true"');
  });

  it('an unknown key is a 400 page naming the obligation field, with the input escaped', async () => {
    const res = await get('/deadline?key=%3Cb%3E&from=2026-03-10&lang=en');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Field “Obligation”: choose a value from the list.');
    expect(res.body).not.toContain('<b>');
  });

  it('shows the empty form with labelled fields when nothing is asked yet', async () => {
    const body = (await get('/deadline?lang=en')).body;
    expect(body).toContain('<label for="key">Obligation</label>');
    expect(body).toContain('<label for="from">Start date of the count</label>');
    expect(body).not.toContain('class="error"');
  });
});
