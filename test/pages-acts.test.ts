// The public act pages (8.1: issued acts are public, drafts are not) through app.inject on a real Postgres database:
// the group's list newest first, one act's content in the page's language frame, escaping, 404s, no object e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig } from '../config/config';
import { draftAct, issueAct } from '../db/acts';
import { ACTS_PER_PAGE } from '../api/public/group-acts';
import { addDays } from '../domain/dates';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import type { ActDraft } from '../domain/act';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId: string;
const ids = { older: 'act-older', newer: 'act-newer', draft: 'act-draft' };
const OBJECT_EMAIL = 'mektep-secret@aksuu.kg';

const content = (subject: string, finding: string): ActDraft => ({
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject,
  object: null,
  place: 'Ак-Суу айылы',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-20',
  findings: [
    { kind: 'fact', text: finding, method: 'site_visit' },
    { kind: 'evaluation', text: 'Тургундардын 62% канааттанбайт.', method: 'questionnaire' },
  ],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
});

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  const objectId = (
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'municipal_institution',
        name: { ky: 'Ак-Суу мектеби', ru: 'Ак-Суйская школа' },
        emails: [OBJECT_EMAIL],
      },
      'test',
    )
  ).id;
  await draftAct(
    t.db,
    {
      id: ids.older,
      groupId,
      objectId,
      draft: content('Мектептин суусу', 'Үч көчөдө суу жумасына эки күн гана берилет.'),
    },
    'test',
  );
  await draftAct(
    t.db,
    {
      id: ids.newer,
      groupId,
      objectId,
      draft: content('Мектептин ашканасы', 'Ашканада <script>alert("x")</script> & суу жок.'),
    },
    'test',
  );
  await draftAct(
    t.db,
    { id: ids.draft, groupId, objectId, draft: content('Даяр эмес долбоор', 'Каралып жатат.') },
    'test',
  );
  await issueAct(t.db, ids.older, { on: '2026-03-02', actor: 'test' });
  await issueAct(t.db, ids.newer, { on: '2026-03-10', actor: 'test' });
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string) => app.inject({ method: 'GET', url });
const langAttr = (body: string) => /<html lang="([a-z]+)">/.exec(body)?.[1];

describe('the group acts list (8.1: issued acts are public)', () => {
  it('lists the issued acts newest first, with number, date, object, subject, status and a link', async () => {
    const res = await get(`/groups/${groupId}/acts`);
    expect(res.statusCode).toBe(200);
    expect(langAttr(res.body)).toBe('ky');
    const body = res.body;
    expect(body.indexOf('2026-002')).toBeGreaterThan(-1);
    expect(body.indexOf('2026-002')).toBeLessThan(body.indexOf('2026-001'));
    expect(body).toContain('10.03.2026');
    expect(body).toContain('Ак-Суу мектеби');
    expect(body).toContain('Мектептин ашканасы');
    expect(body).toContain('Чыгарылды');
    expect(body).toContain(`href="/acts/${ids.newer}?lang=ky"`);
  });

  it('never lists a draft', async () => {
    const body = (await get(`/groups/${groupId}/acts`)).body;
    expect(body).not.toContain('Даяр эмес долбоор');
    expect(body).not.toContain(ids.draft);
  });

  it('frames the list in the asked language', async () => {
    const body = (await get(`/groups/${groupId}/acts?lang=ru`)).body;
    expect(langAttr(body)).toBe('ru');
    expect(body).toContain('Акты мониторинга и оценки');
    expect(body).toContain('Выдан');
  });

  it('answers 404 for an unknown group', async () => {
    expect((await get('/groups/no-such-group/acts')).statusCode).toBe(404);
  });
});

describe('one act page', () => {
  it('shows the 8.1 content in a Kyrgyz frame by default', async () => {
    const res = await get(`/acts/${ids.older}`);
    expect(res.statusCode).toBe(200);
    expect(langAttr(res.body)).toBe('ky');
    for (const text of [
      '№ 2026-001 мониторинг жана баалоо акты',
      '02.03.2026',
      'Ак-Суу мектеби',
      'муниципалдык мекеме',
      'Ичүүчү суунун сапатын баалоо',
      'Мектептин суусу',
      'Ак-Суу айылы',
      '02.02.2026 – 20.02.2026',
      'Үч көчөдө суу жумасына эки күн гана берилет.',
      'жерине баруу',
      'анкеталоо',
      'Суу берүү графигин жарыялоо',
      'Анкеталоонун жыйынтыгы',
    ]) {
      expect(res.body).toContain(text);
    }
  });

  it('?lang=ru gives a Russian frame around the act as written', async () => {
    const body = (await get(`/acts/${ids.older}?lang=ru`)).body;
    expect(langAttr(body)).toBe('ru');
    expect(body).toContain('Акт мониторинга и оценки № 2026-001');
    expect(body).toContain('Рекомендации');
    expect(body).toContain('выезд на место');
    expect(body).toContain('Үч көчөдө суу жумасына эки күн гана берилет.');
  });

  it('escapes HTML in the content: a <script> in a finding is shown, never run', async () => {
    const body = (await get(`/acts/${ids.newer}`)).body;
    expect(body).toContain('Ашканада &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; суу жок.');
    expect(body).not.toContain('<script>alert');
  });

  it.each([
    ['a draft', ids.draft],
    ['an unknown id', 'no-such-act'],
  ])('answers 404 in the page language for %s', async (_name, id) => {
    for (const [lang, text] of [
      ['ky', 'Мындай барак табылган жок.'],
      ['ru', 'Такая страница не найдена.'],
    ] as const) {
      const res = await get(`/acts/${id}?lang=${lang}`);
      expect(res.statusCode).toBe(404);
      expect(langAttr(res.body)).toBe(lang);
      expect(res.body).toContain(text);
      expect(res.body).not.toContain('Даяр эмес долбоор');
    }
  });
});

it("neither page prints the object's contact e-mail", async () => {
  for (const url of [`/groups/${groupId}/acts`, `/acts/${ids.older}`, `/acts/${ids.newer}?lang=ru`]) {
    const body = (await get(url)).body;
    expect(body, url).not.toContain(OBJECT_EMAIL);
    expect(body, url).not.toContain('@aksuu.kg');
  }
});

describe('a group with many acts: 50 a page, newest first, with links between pages', () => {
  it('pages through 51 issued acts in two pages and refuses a page past the end', async () => {
    const councilId = await registerCouncil(t.db, { name: { ky: 'Көп актылуу кеңеш', ru: 'Кенеш с актами' } }, 'test');
    const busy = await openGroup(t.db, { councilId }, 'test');
    const objectId = (
      await registerObject(
        t.db,
        { councilId, kind: 'municipal_institution', name: { ky: 'Мектеп', ru: 'Школа' }, emails: ['m@busy.kg'] },
        'test',
      )
    ).id;
    for (let i = 1; i <= ACTS_PER_PAGE + 1; i++) {
      const id = `busy-${String(i).padStart(3, '0')}`;
      await draftAct(t.db, { id, groupId: busy, objectId, draft: content(`Текшерүү ${i}`, 'Табылды.') }, 'test');
      // One act a day from 1 February 2026: act 51 is the newest.
      await issueAct(t.db, id, { on: addDays('2026-02-01', i), actor: 'test' });
    }
    const first = (await get(`/groups/${busy}/acts?lang=en`)).body;
    expect(first.match(/<tr><td[^>]*><a href=/g)).toHaveLength(ACTS_PER_PAGE);
    expect(first).toContain('Текшерүү 51');
    expect(first).not.toContain('>Текшерүү 1<');
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain(`href="/groups/${busy}/acts?lang=en&amp;page=2" rel="next"`);
    const second = await get(`/groups/${busy}/acts?lang=en&page=2`);
    expect(second.body.match(/<tr><td[^>]*><a href=/g)).toHaveLength(1);
    expect(second.body).toContain('>Текшерүү 1<');
    expect(second.body).toContain(`href="/groups/${busy}/acts?lang=en" rel="prev"`);
    expect((await get(`/groups/${busy}/acts?page=3`)).statusCode).toBe(404);
    expect((await get(`/groups/${busy}/acts?page=0`)).statusCode).toBe(400);
    // One page only: no page links.
    expect((await get(`/groups/${groupId}/acts?lang=en`)).body).not.toContain('rel="next"');
  });
});
