// The printable A4 act (issue 12, point 7): GET /acts/:id/print through the app over real PostgreSQL, and the page in
// Debian's Chromium at 1280 px (a screenshot into out/screenshots/act-print-1280.png), its print media (the header
// and the screen-only hint hidden) and an A4 PDF of it. Kyrgyz and Russian labels side by side; names and roles only.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount, createSession } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listPublicMembers } from '../db/members';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { expectNoAxeViolations } from './support/axe';
import { DESKTOP, launchFlowBrowser, newFlowContext, requireBrowser, SHOTS } from './support/flow-browser';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'act print browser test');

const CONTENT = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Мектептин суусу жана ашканасы',
  object: null,
  place: 'Ак-Суу айылы',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-20',
  resultsSummary: 'Суу графиги сакталбайт.',
  findings: [
    { kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' },
    {
      kind: 'evaluation',
      text: 'Ашкананын абалы канааттандырарлык эмес.',
      method: 'interview',
      methodNote: '12 ата-эне',
    },
  ],
  recommendations: ['Суу берүү графигин жарыялоо', 'Ашкананы оңдоо'],
  annexes: [
    { title: 'Сүрөттөр', kind: 'photo' },
    { title: 'Жолугушуунун протоколу', kind: 'protocol' },
  ],
};

describe('the printable act (A4, Kyrgyz and Russian)', () => {
  let t: TestDatabase;
  let app: App;
  let staffCookie: string;
  const actId = 'act-print-1';
  const draftId = 'act-print-draft';

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    const council = await registerCouncil(
      db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
      'test',
    );
    const school = await registerObject(
      db,
      {
        councilId: council,
        name: { ky: 'Ак-Суу орто мектеби', ru: 'Ак-Суйская средняя школа' },
        kind: 'municipal_institution',
        emails: ['mektep@aksuu.kg'],
      },
      'test',
    );
    const groupId = await openGroup(db, { councilId: council, councilFormedOn: '2025-12-01' }, 'test');
    await importRoster(db, groupId, SAMPLE_ROSTER, { actor: 'test', on: '2026-02-20' });
    const chair = (await listPublicMembers(db, groupId)).find((m) => m.fullName === 'Асанова Айгүл')!;
    await record(db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId, createdOn: '2026-02-20', resolutionNumber: '7', termEnd: '2030-02-20' },
        },
        { type: 'member.role-changed', payload: { groupId, membershipId: chair.membershipId, role: 'chair' } },
      ],
    });
    await record(db, {
      stream: streams.act(actId),
      actor: 'test',
      events: [
        {
          type: 'act.drafted',
          payload: { actId, groupId, objectId: school.id, title: 'Мектептин суусу', content: CONTENT },
        },
        { type: 'act.issued', payload: { actId, number: '4', issuedOn: '2026-03-02', content: CONTENT } },
      ],
    });
    await record(db, {
      stream: streams.act(draftId),
      actor: 'test',
      events: [
        {
          type: 'act.drafted',
          payload: { actId: draftId, groupId, objectId: school.id, title: 'Долбоор', content: {} },
        },
      ],
    });
    const staffId = await createAccount(db, {
      email: 'staff@aksuu.kg',
      password: 'a long enough password 2026',
      role: 'staff',
      councilId: council,
    });
    const session = newToken();
    await createSession(db, {
      idHash: hashSessionId(session),
      accountId: staffId,
      csrfToken: newToken(),
      at: new Date(),
    });
    staffCookie = `${SESSION_COOKIE}=${session}`;
    app = buildApp({ db, config: loadConfig({}) });
    await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await t?.drop();
  });

  it('prints the council, group, number, title, object, findings, recommendations, annexes, date and the chair in both languages', async () => {
    const res = await app.inject({ method: 'GET', url: `/acts/${actId}/print?lang=ru` });
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('<title>Акт № 4 для печати');
    for (const text of [
      '<strong lang="ky">Ак-Суу айылдык кеңеши</strong>',
      '<strong lang="ru" class="ru">Ак-Суйский айылный кенеш</strong>',
      '<span lang="ky">20.02.2026 түзүлгөн БМжБ тобу</span>',
      '<span lang="ky">№ 4 мониторинг жана баалоо актысы</span> / <span lang="ru" class="ru">Акт мониторинга и оценки № 4</span>',
      '«Мектептин суусу»',
      '<span lang="ky">Ак-Суу орто мектеби</span> / <span lang="ru" class="ru">Ак-Суйская средняя школа</span>',
      '<span lang="ky">Аныкталган фактылар жана баалоолор</span> / <span lang="ru" class="ru">Выявленные факты и оценки</span>',
      'Суу жумасына эки күн гана берилет.',
      ': 12 ата-эне',
      '<li>Ашкананы оңдоо</li>',
      '<li>Жолугушуунун протоколу</li>',
      '<span lang="ky">БМжБ тобунун төрагасы</span> / <span lang="ru" class="ru">Председатель группы СМиО</span>',
      '<strong>Асанова Айгүл</strong>',
      '<span lang="ky">Датасы</span> / <span lang="ru" class="ru">Дата</span>: 02.03.2026',
      '02.02.2026 – 20.02.2026',
    ])
      expect(page).toContain(text);
    // Names and roles only: no member's phone, e-mail or birth date, and not the object's address.
    for (const secret of ['+996700551985', 'member1985@example.kg', '1985', 'mektep@aksuu.kg'])
      expect(page).not.toContain(secret);
    const css = page.match(/href="(\/assets\/act-print\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(css).toBeDefined();
    const sheet = await app.inject({ method: 'GET', url: css! });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('@page{size:A4;');
  });

  it('a draft and an unknown act are not printable: 404', async () => {
    expect((await app.inject({ method: 'GET', url: `/acts/${draftId}/print` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/acts/nope/print' })).statusCode).toBe(404);
  });

  it('the public act page and the staff act page link to it', async () => {
    const open = await app.inject({ method: 'GET', url: `/acts/${actId}?lang=ky` });
    expect(open.body).toContain(`<a href="/acts/${actId}/print?lang=ky">Басып чыгаруу (A4)</a>`);
    const staff = await app.inject({
      method: 'GET',
      url: `/manage/acts/${actId}?lang=en`,
      headers: { cookie: staffCookie },
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain(`<a href="/acts/${actId}/print?lang=en">Print (A4)</a>`);
  });

  describe.skipIf(!hasBrowser)('in Chromium', () => {
    let page: Page;
    beforeAll(async () => {
      if (!launch.ok) return;
      const context = await newFlowContext(launch.browser, { viewport: DESKTOP, locale: 'ky-KG' });
      page = await context.newPage();
      await mkdir(SHOTS, { recursive: true });
    });

    it('at 1280 px: the sheet, a screenshot, no axe violation; printed: A4 without the header and hint', async () => {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const response = await page.goto(`${base}/acts/${actId}/print?lang=ky`);
      expect(response?.status()).toBe(200);
      // The stylesheet applied (CSP allows only /assets styles): the facts table has its borders.
      const border = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('table.facts td')).borderTopStyle",
      );
      expect(border).toBe('solid');
      await page.screenshot({ path: `${SHOTS}/act-print-1280.png`, fullPage: true });
      await expectNoAxeViolations(page, 'act print');
      await page.emulateMedia({ media: 'print' });
      const hidden = await page.evaluate<string[]>(
        "['header.top', 'main > h1', 'p.noprint'].map((s) => getComputedStyle(document.querySelector(s)).display)",
      );
      expect(hidden).toEqual(['none', 'none', 'none']);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      await page.screenshot({ path: `${SHOTS}/act-print-1280-print.png`, fullPage: true });
      // A4 at 72 dpi: 595 x 842 points.
      const box = pdf.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
      expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    });
  });
});
