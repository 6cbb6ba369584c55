// The group's public work on a 360 px phone in Debian's Chromium (issue 15): a submitted report with its chart and
// table, the yearly report with the council's decision on its recommendation, the act page with the council's decision
// on its recommendation, the open-data page, the staff page of conflicts of interest (issue 14), and the staff page that
// records the council's decisions. Each page passes axe at 360 px, never scrolls sideways, and is photographed into
// out/screenshots/work-*-360.png.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount, createSession } from '../db/accounts';
import { expectNoAxeViolations } from './support/axe';
import { recordSampleHistory } from './support/db-sample-history';
import { documentWidth, launchFlowBrowser, newFlowContext, PHONE, requireBrowser, SHOTS } from './support/flow-browser';
import { createTestDatabase, type TestDatabase } from './support/pg';

const launch = await launchFlowBrowser();
const runs = requireBrowser(launch, 'group work browser test');
const NOW = Date.parse('2027-03-01T04:00:00Z');

describe.skipIf(!runs)("the group's work on a 360 px phone", () => {
  let t: TestDatabase;
  let app: App;
  let url: string;
  let groupId: string;
  let context: BrowserContext;
  let page: Page;
  let staffContext: BrowserContext;
  let staff: Page;

  beforeAll(async () => {
    if (!launch.ok) return;
    t = await createTestDatabase();
    ({ groupId } = await recordSampleHistory(t.db, '-web'));
    app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await mkdir(SHOTS, { recursive: true });
    context = await newFlowContext(launch.browser, { viewport: PHONE, locale: 'ru-RU' });
    page = await context.newPage();
    const accountId = await createAccount(t.db, {
      email: 'staff-web@example.kg',
      password: 'group work password',
      role: 'staff',
      councilId: null,
    });
    const id = newToken();
    await createSession(t.db, { idHash: hashSessionId(id), accountId, csrfToken: newToken(), at: new Date(NOW) });
    staffContext = await newFlowContext(launch.browser, { viewport: PHONE, locale: 'ky-KG' });
    await staffContext.addCookies([{ name: SESSION_COOKIE, value: id, url }]);
    staff = await staffContext.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await staffContext?.close();
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await t?.drop();
  });

  async function check(p: Page, name: string): Promise<void> {
    await expectNoAxeViolations(p, name);
    const { scrollWidth, innerWidth } = await documentWidth(p);
    expect(scrollWidth, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(innerWidth);
    await p.screenshot({ path: `${SHOTS}/work-${name}-360.png`, fullPage: true });
  }

  it('the submitted report: its counts (no answers in that half-year), its texts, a print link', async () => {
    await page.goto(`${url}/reports/rep1-web?lang=ru`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('второе полугодие 2026 года');
    // The sample half-year had no answers to count: the page says so instead of an empty chart.
    expect(await page.getByText('За этот период ответов на акты и запросы нет.').count()).toBe(1);
    expect(await page.getByText('one act').count()).toBe(1);
    await check(page, 'report');
  });

  it("the act's page: the council's decision on its recommendation and the executive body's report", async () => {
    await page.goto(`${url}/acts/a1-web?lang=ru`);
    await expect.poll(() => page.getByRole('heading', { name: 'Решения кенеша по рекомендациям' }).count()).toBe(1);
    expect(await page.getByText('принята частично').count()).toBe(1);
    await check(page, 'act-decisions');
  });

  it('the open-data page lists the files with what each column holds', async () => {
    await page.goto(`${url}/groups/${groupId}/data?lang=ky`);
    await expect.poll(() => page.getByRole('link', { name: /council-decisions\.csv/ }).count()).toBe(1);
    await check(page, 'open-data');
  });

  it("the yearly report: its recommendation with the council's decision", async () => {
    await page.goto(`${url}/reports/rep2-web?lang=ru`);
    await expect.poll(() => page.getByText('Publish the water schedule').count()).toBeGreaterThan(0);
    expect(await page.getByText('принята', { exact: true }).count()).toBeGreaterThan(0);
    await check(page, 'yearly-report');
  });

  it('staff read the conflicts of interest and the removal on a phone (6.3-6.4)', async () => {
    await staff.goto(`${url}/manage/groups/${groupId}/conflicts?lang=ky`);
    await expect.poll(() => staff.locator('h1').count()).toBe(1);
    expect(await staff.locator('form').count()).toBeGreaterThan(0);
    await check(staff, 'conflicts');
  });

  it("staff record the council's decisions on a phone", async () => {
    await staff.goto(`${url}/manage/acts/a1-web/council-decisions?lang=ky`);
    await expect.poll(() => staff.getByLabel('Сессиянын күнү').count()).toBe(1);
    await check(staff, 'council-decisions-form');
  });
});
