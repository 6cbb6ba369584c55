// The public pages in a real browser (Debian's Chromium through playwright-core) against the real server on a free
// port and a fresh Postgres database: the deadline calculator used on a 360 px phone by clicking, the language
// switch, the composition without personal data, the notice board and its print page. Screenshots of each page at
// 360 and 1280 px go to out/screenshots/<page>-<width>.png. Without Chromium the whole file skips, saying why.
import { mkdir, stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi, type RunningApi } from '../api/serve';
import { loadConfig } from '../config/config';
import { draftAct, issueAct } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { calendarForCouncil } from '../db/pending';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import type { ActDraft } from '../domain/act';
import { formatDay } from '../domain/calendar-format';
import { computeDeadline } from '../domain/deadlines';
import { addAxe, expectNoAxeViolations } from './support/axe';
import { openBrowser } from './support/browser';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

const SHOTS = 'out/screenshots';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

const launch = await openBrowser();
if (!launch.ok) console.log(`browser test skipped: ${launch.reason}`);

const roster = SAMPLE_ROSTER;

describe.skipIf(!launch.ok)('the public pages in Chromium', () => {
  let t: TestDatabase;
  let api: RunningApi;
  let page: Page;
  let councilId: string;
  let groupId: string;

  beforeAll(async () => {
    if (!launch.ok) return;
    t = await createTestDatabase();
    councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
      'test',
    );
    groupId = await openGroup(t.db, { councilId }, 'test');
    await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-03-01' });
    const text = { ky: 'Топту түзүү башталды.\nКатышыңыздар.', ru: 'Началось формирование группы.\nУчаствуйте.' };
    await publishNotice(
      t.db,
      {
        noticeId: 'n-browser',
        councilId,
        groupId,
        kind: 'formation',
        text,
        channels: ['website', 'notice_board'],
        publishedAt: new Date('2026-03-02T05:00:00Z'),
      },
      'test',
    );
    // An issued act (8.1: public), for the acts list and the act page.
    const objectId = (
      await registerObject(
        t.db,
        {
          councilId,
          kind: 'municipal_institution',
          name: { ky: 'Ак-Суу мектеби', ru: 'Ак-Суйская школа' },
          emails: ['mektep@aksuu.kg'],
        },
        'test',
      )
    ).id;
    const draft: ActDraft = {
      purpose: 'Ичүүчү суунун сапатын баалоо',
      subject: 'Мектептин суусу',
      object: null,
      place: 'Ак-Суу айылы',
      periodStart: '2026-02-02',
      periodEnd: '2026-02-20',
      findings: [{ kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' }],
      recommendations: ['Суу берүү графигин жарыялоо'],
      annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
    };
    await draftAct(t.db, { id: 'act-browser', groupId, objectId, draft }, 'test');
    await issueAct(t.db, 'act-browser', { on: '2026-03-02', actor: 'test' });
    api = await serveApi({ db: t.db, config: loadConfig({ PORT: '0' }) }, () => undefined);
    // axe-core as the context's init script: the pages' CSP blocks an inline script tag and stays in force for them.
    await addAxe(launch.browser.context);
    page = await launch.browser.context.newPage();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    if (launch.ok) await launch.browser.close();
    await api?.close();
    await t?.drop();
  });

  const shoot = async (name: string, path: string) => {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto(api.url + path);
      await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
    }
  };
  const htmlLang = () => page.getAttribute('html', 'lang');
  /** The page is no wider than the viewport: nothing to scroll sideways on a phone. */
  const fitsWidth = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('the deadline calculator on a 360 px phone: object-response from 10.03.2026, chosen and typed, shows its due date and skips Orozo Ait', async () => {
    await page.setViewportSize(PHONE);
    const response = await page.goto(`${api.url}/deadline?lang=ru`);
    // The page is under its own CSP (no inline script) even though axe-core runs in it as an init script.
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await page.selectOption('#key', 'object-response');
    await page.fill('#from', '2026-03-10');
    await Promise.all([page.waitForURL(/from=2026-03-10/), page.click('button[type="submit"]')]);
    // The rule itself is the domain's (test/pages.test.ts, domain tests); here the browser must show its answer.
    const due = computeDeadline('object-response', '2026-03-10', await calendarForCouncil(t.db, null)).due;
    expect(await page.textContent('main h2 time')).toBe(formatDay('ru', due));
    const skipped = await page.locator('section ul li').allInnerTexts();
    expect(skipped).toContain('20.03.2026 (пятница): Орозо айт');
    expect(await htmlLang()).toBe('ru');
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/deadline-result-360.png`, fullPage: true });
    await expectNoAxeViolations(page, 'the deadline calculator with a result');
  });

  it.each([
    ['English', 'en', 'Last day'],
    ['Кыргызча', 'ky', 'Орозо айт'],
  ])('clicking "%s" shows the same result with lang="%s"', async (link, lang, seen) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${api.url}/deadline?key=object-response&from=2026-03-10&lang=ru`);
    await Promise.all([page.waitForURL(new RegExp(`lang=${lang}`)), page.click(`header nav a[hreflang="${lang}"]`)]);
    expect(await htmlLang()).toBe(lang);
    expect(await page.textContent('header nav a[aria-current]')).toBe(link);
    expect(await page.getAttribute('main h2 time', 'datetime')).toBe(
      computeDeadline('object-response', '2026-03-10', await calendarForCouncil(t.db, null)).due,
    );
    expect(await page.innerText('main')).toContain(seen);
    await expectNoAxeViolations(page, `the deadline calculator in ${lang}`);
  });

  it('the composition page lists the members and shows no phone, e-mail or birth date', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${api.url}/groups/${groupId}/composition?lang=ru`);
    const text = await page.innerText('body');
    for (const m of roster) {
      expect(text).toContain(m.fullName);
      expect(text).not.toContain(m.phone!);
      expect(text).not.toContain(m.email!);
      expect(text).not.toContain(String(m.birthDate.year));
    }
    expect(text).not.toMatch(/\+996|17\.05\./);
    // The table scrolls inside its box on a phone; the page itself does not scroll sideways.
    expect(await fitsWidth()).toBe(true);
    await expectNoAxeViolations(page, 'the composition');
  });

  it('the notice board shows the notice and links to its A4 print page', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${api.url}/councils/${councilId}/notices?lang=ky`);
    expect(await htmlLang()).toBe('ky');
    expect(await page.innerText('main')).toContain('Топту түзүү башталды.');
    expect(await fitsWidth()).toBe(true);
    await expectNoAxeViolations(page, 'the notice board');
    await page.goto(`${api.url}/notices/n-browser/print?lang=ky`);
    const print = await page.innerText('main');
    expect(print).toContain('Топту түзүү башталды.');
    expect(print).toContain('Началось формирование группы.');
    expect(print).toContain('02.03.2026');
    await expectNoAxeViolations(page, 'the print page');
  });

  it("the group's issued acts and an act page", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${api.url}/groups/${groupId}/acts?lang=ru`);
    expect(await page.innerText('main')).toContain('Мектептин суусу');
    expect(await fitsWidth()).toBe(true);
    await expectNoAxeViolations(page, 'the acts list');
    await Promise.all([page.waitForURL(/\/acts\/act-browser\?lang=ru/), page.locator('main table a').first().click()]);
    expect(await page.innerText('main')).toContain('Суу жумасына эки күн гана берилет.');
    expect(await fitsWidth()).toBe(true);
    await expectNoAxeViolations(page, 'an act page');
  });

  it('screenshots every public page at 360 and 1280 px', async () => {
    const pages: [string, string][] = [
      ['deadline', '/deadline?key=object-response&from=2026-03-10&lang=ru'],
      ['notices', `/councils/${councilId}/notices?lang=ky`],
      ['print', '/notices/n-browser/print?lang=ky'],
      ['composition', `/groups/${groupId}/composition?lang=ru`],
    ];
    for (const [name, path] of pages) await shoot(name, path);
    for (const [name] of pages)
      for (const w of [PHONE.width, DESKTOP.width])
        expect((await stat(`${SHOTS}/${name}-${w}.png`)).size, `${name}-${w}`).toBeGreaterThan(1000);
  });
});
