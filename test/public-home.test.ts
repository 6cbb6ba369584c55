// The public frame (issue 17, "A product a newcomer can use"): the home page at / lists the councils this
// installation serves with their notice board, their groups' composition and acts, the calculator and the login;
// every public page names its council and group in the header and links to the others; a browser gets a 404 page (or
// a 405 for a form's address opened with GET) in its language with a link home, while /api/... keeps JSON; /manage/
// and /login/ redirect to the page, and /favicon.ico answers. Through app.inject on a real Postgres database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { msg } from '../api/ui/messages';
import { loadConfig } from '../config/config';
import { draftAct, issueAct } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let aksuu: string;
let karasuu: string;
let groupId: string;
let actId: string;
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeAll(async () => {
  t = await createTestDatabase();
  aksuu = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
    'test',
  );
  karasuu = await registerCouncil(
    t.db,
    { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' } },
    'test',
  );
  groupId = await openGroup(t.db, { councilId: aksuu }, 'test');
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      {
        type: 'group.created',
        payload: { groupId, createdOn: '2026-03-01', resolutionNumber: '12', termEnd: '2028-03-01' },
      },
    ],
  });
  await publishNotice(
    t.db,
    {
      noticeId: 'n-home',
      councilId: aksuu,
      groupId,
      kind: 'formation',
      text: { ky: 'Жарыя.', ru: 'Объявление.' },
      channels: ['website'],
      publishedAt: new Date('2026-03-02T05:00:00Z'),
    },
    'test',
  );
  const object = await registerObject(
    t.db,
    { councilId: aksuu, kind: 'municipal_institution', name: { ky: 'Мектеп', ru: 'Школа' }, emails: ['m@aksuu.kg'] },
    'test',
  );
  actId = 'act-home';
  await draftAct(
    t.db,
    {
      id: actId,
      groupId,
      objectId: object.id,
      draft: {
        purpose: 'Баалоо',
        subject: 'Суу',
        object: null,
        place: 'Ак-Суу',
        periodStart: '2026-03-01',
        periodEnd: '2026-03-02',
        findings: [{ kind: 'fact', text: 'Суу таза', method: 'site_visit' }],
        recommendations: ['Текшерүү'],
        annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
      },
    },
    'test',
  );
  await issueAct(t.db, actId, { on: '2026-03-03', actor: 'test' });
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string, headers: Record<string, string> = HTML) => app.inject({ method: 'GET', url, headers });

describe('the home page at /', () => {
  it('lists every council with its notice board, its group with composition and acts, the calculator and the login', async () => {
    const res = await get('/?lang=ru');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain(`<h1>${msg('ru', 'public.home.title')}</h1>`);
    for (const name of ['Ак-Суйский айылный кенеш', 'Кара-Суйский айылный кенеш']) expect(res.body).toContain(name);
    for (const href of [
      `/councils/${aksuu}/notices?lang=ru`,
      `/councils/${karasuu}/notices?lang=ru`,
      `/groups/${groupId}/composition?lang=ru`,
      `/groups/${groupId}/acts?lang=ru`,
      '/deadline?lang=ru',
      '/login?lang=ru',
    ])
      expect(res.body, href).toContain(`href="${href}"`);
    expect(res.body).toContain(msg('ru', 'public.group.created', { date: '01.03.2026' }));
    // A council without a group says so instead of linking to nothing.
    expect(res.body).toContain(msg('ru', 'public.home.noGroup'));
  });

  it('is in Kyrgyz by default, with the council names in Kyrgyz and the Russian one marked lang="ru"', async () => {
    const res = await get('/');
    expect(res.body).toContain('<html lang="ky">');
    expect(res.body).toContain('Ак-Суу айылдык кеңеши');
    expect(res.body).toContain('<p class="muted" lang="ru">Ак-Суйский айылный кенеш</p>');
  });
});

describe('every public page names its council and group and links to the others', () => {
  const pages = () => [
    { path: `/councils/${aksuu}/notices`, group: true },
    { path: `/groups/${groupId}/composition`, group: true },
    { path: `/groups/${groupId}/acts`, group: true },
    { path: `/acts/${actId}`, group: true },
    { path: `/notices/n-home/print`, group: true },
  ];

  it('in the header: the product, the council, the group; in the page links: home, notices, composition, acts, calculator', async () => {
    for (const { path } of pages()) {
      const res = await get(`${path}?lang=en`);
      expect(res.statusCode, path).toBe(200);
      const header = /<header class="top">([\s\S]*?)<\/header>/.exec(res.body)?.[1] ?? '';
      expect(header, path).toContain(msg('en', 'site.name'));
      expect(header, path).toContain('Ак-Суйский айылный кенеш');
      expect(header, path).toContain(msg('en', 'public.group.created', { date: '01.03.2026' }));
      const nav = /<nav class="site"[^>]*>([\s\S]*?)<\/nav>/.exec(res.body)?.[1] ?? '';
      for (const href of [
        '/?lang=en',
        `/councils/${aksuu}/notices?lang=en`,
        `/groups/${groupId}/composition?lang=en`,
        `/groups/${groupId}/acts?lang=en`,
        '/deadline?lang=en',
      ])
        expect(nav, `${path}: ${href}`).toContain(`href="${href}"`);
    }
  });

  it('marks the page itself as the current link', async () => {
    const res = await get(`/groups/${groupId}/composition?lang=ky`);
    expect(res.body).toContain(
      `<a href="/groups/${groupId}/composition?lang=ky" aria-current="page">${msg('ky', 'public.nav.composition')}</a>`,
    );
  });

  it('the calculator links home', async () => {
    const res = await get('/deadline?lang=ru');
    expect(res.body).toContain('href="/?lang=ru"');
  });
});

describe('addresses without a page', () => {
  it('a browser gets a 404 page in its language with a link home', async () => {
    const res = await get('/no/such/page', { ...HTML, 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain(msg('ru', 'public.notFound.title'));
    expect(res.body).toContain(msg('ru', 'public.notFound.text', { path: '/no/such/page' }));
    expect(res.body).toContain(`<a href="/?lang=ru">${msg('ru', 'public.backHome')}</a>`);
  });

  it("?lang= chooses the page's language, and the path is shown escaped", async () => {
    const res = await get('/%3Cb%3Ex?lang=en');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).not.toContain('<b>x');
  });

  it('a form address opened with GET is a 405 page naming it, with Allow', async () => {
    const res = await get(`/manage/groups/${groupId}/feed-token?lang=en`);
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('POST');
    expect(res.body).toContain(msg('en', 'public.methodNotAllowed.title'));
    expect(res.body).toContain('href="/?lang=en"');
  });

  it('/api/... and clients that do not ask for HTML keep the JSON error', async () => {
    for (const [url, headers] of [
      ['/api/nothing', HTML],
      ['/no/such/page', { accept: 'application/json' }],
    ] as const) {
      const res = await get(url, headers);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'route-not-found' } });
    }
  });

  it('/manage/ and /login/ redirect to the page without the slash, keeping the query', async () => {
    for (const path of ['/manage/', '/login/', '/deadline/']) {
      const res = await get(`${path}?lang=ru`);
      expect(res.statusCode, path).toBe(301);
      expect(res.headers.location, path).toBe(`${path.slice(0, -1)}?lang=ru`);
    }
  });

  it('/favicon.ico answers without an error, and pages name their SVG icon, which is served', async () => {
    expect((await get('/favicon.ico', {})).statusCode).toBe(204);
    const home = await get('/');
    const icon = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(home.body)?.[1];
    expect(icon).toMatch(/^\/assets\/icon\.[0-9a-f]{12}\.svg$/);
    const res = await get(icon!, {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
  });
});
