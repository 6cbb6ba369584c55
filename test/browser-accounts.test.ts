// Accounts by invitation in a real browser, with the language each person picked kept throughout: staff pick English on
// the login page of a Kyrgyz browser and stay in English after logging in; they create an account, whose owner gets
// the invitation from a real SMTP server, opens its link in a Russian browser, switches the page to Russian (the token
// is kept), sets a password, logs in and out in Russian; the used link then says so. Every page is checked by
// axe-core. Debian's Chromium through playwright-core against the real app on a free port over a fresh Postgres
// database, without a procedure engine (these pages read and write the database only).
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { msg, type MessageKey } from '../api/ui/messages';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import type { Lang } from '../domain/i18n';
import { expectNoAxeViolations } from './support/axe';
import { DESKTOP, launchFlowBrowser, newFlowContext, requireBrowser } from './support/flow-browser';
import { lastLinkTo } from './support/password-link-mail';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'accounts browser test');
const PASSWORD = 'a long enough password 2026';
const NEW_PASSWORD = 'apricot river lantern 42';
const t = (lang: Lang, key: MessageKey, values?: Record<string, string>) => msg(lang, key, values);

describe.skipIf(!hasBrowser)('accounts by invitation, in the language each person picked', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let app: App;
  let url: string;
  let councilId: string;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let newcomer: Page;
  let invitation = '';

  beforeAll(async () => {
    if (!launch.ok) return;
    db = await createTestDatabase();
    smtp = await startSmtpServer();
    councilId = await registerCouncil(
      db.db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
      'test',
    );
    await createAccount(db.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
    app = buildApp({ db: db.db, config: loadConfig({ SMTP_URL: smtp.url }) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const open = async (locale: string) => {
      const context = await newFlowContext(launch.browser, { viewport: DESKTOP, locale });
      contexts.push(context);
      return context.newPage();
    };
    [staff, newcomer] = await Promise.all([open('ky-KG'), open('ru-RU')]);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await Promise.all([db?.drop(), smtp?.stop()]);
  });

  const htmlLang = (page: Page) => page.getAttribute('html', 'lang');
  const h1 = (page: Page) => page.locator('main h1').innerText();
  const go = async (page: Page, click: () => Promise<void>, to: RegExp) => {
    await Promise.all([page.waitForURL(to), click()]);
  };
  const logIn = async (page: Page, lang: Lang, email: string, password: string, to: RegExp) => {
    await page.getByLabel(t(lang, 'login.email'), { exact: true }).fill(email);
    await page.getByLabel(t(lang, 'login.password'), { exact: true }).fill(password);
    await go(page, () => page.getByRole('button', { name: t(lang, 'login.submit'), exact: true }).click(), to);
  };

  it('1. staff pick English on the login page of a Kyrgyz browser and stay in English after logging in', async () => {
    await staff.goto(`${url}/login`);
    expect(await htmlLang(staff)).toBe('ky');
    await go(staff, () => staff.getByRole('link', { name: 'English', exact: true }).click(), /\/login\?lang=en/);
    expect(await h1(staff)).toBe(t('en', 'login.title'));
    await logIn(staff, 'en', 'staff@aksuu.kg', PASSWORD, /\/manage$/);
    expect(await htmlLang(staff)).toBe('en');
    // An address without ?lang= speaks English too.
    await staff.goto(`${url}/manage/councils/${councilId}/accounts`);
    expect(await htmlLang(staff)).toBe('en');
    await expectNoAxeViolations(staff, 'the accounts page');
  }, 60_000);

  it('2. staff create an account; its owner is mailed the invitation, no password is shown', async () => {
    await staff.getByLabel(t('en', 'accounts.email'), { exact: true }).fill('newcomer@aksuu.kg');
    await staff.getByLabel(t('en', 'accounts.role'), { exact: true }).selectOption('deputy');
    await go(
      staff,
      () => staff.getByRole('button', { name: t('en', 'accounts.createSubmit'), exact: true }).click(),
      /done=invited$/,
    );
    expect(await staff.getByRole('status').innerText()).toBe(t('en', 'accounts.done.invited'));
    expect(await staff.locator('input[type=password]').count()).toBe(0);
    invitation = lastLinkTo(smtp, 'newcomer@aksuu.kg');
    expect(invitation).toMatch(/lang=en$/);
  }, 60_000);

  it('3. the owner opens the link, switches it to Russian with the token kept, sets a password and logs in', async () => {
    await newcomer.goto(`${url}${invitation}`);
    expect(await htmlLang(newcomer)).toBe('en');
    expect(await h1(newcomer)).toBe(t('en', 'accounts.link.title'));
    await go(newcomer, () => newcomer.getByRole('link', { name: 'Русский', exact: true }).click(), /lang=ru/);
    expect(await htmlLang(newcomer)).toBe('ru');
    expect(await h1(newcomer)).toBe(t('ru', 'accounts.link.title'));
    await expectNoAxeViolations(newcomer, 'the password link page');
    await newcomer.getByLabel(t('ru', 'accounts.newPassword'), { exact: true }).fill(NEW_PASSWORD);
    await newcomer.getByLabel(t('ru', 'accounts.passwordAgain'), { exact: true }).fill(NEW_PASSWORD);
    await go(
      newcomer,
      () => newcomer.getByRole('button', { name: t('ru', 'accounts.link.submit'), exact: true }).click(),
      /\/login\?lang=ru&done=password/,
    );
    expect(await newcomer.getByRole('status').innerText()).toBe(t('ru', 'accounts.link.passwordSet'));
    await logIn(newcomer, 'ru', 'newcomer@aksuu.kg', NEW_PASSWORD, /\/manage$/);
    expect(await htmlLang(newcomer)).toBe('ru');
  }, 60_000);

  it('4. logging out lands on the login page in Russian; the used link says so and offers the login', async () => {
    await go(
      newcomer,
      () => newcomer.getByRole('button', { name: t('ru', 'nav.logout'), exact: true }).click(),
      /\/login\?lang=ru$/,
    );
    expect(await htmlLang(newcomer)).toBe('ru');
    await newcomer.goto(`${url}${invitation.replace('lang=en', 'lang=ru')}`);
    expect(await newcomer.getByRole('alert').innerText()).toBe(t('ru', 'accounts.link.used'));
    await go(newcomer, () => newcomer.getByRole('link', { name: t('ru', 'accounts.link.askNew') }).click(), /forgot/);
    expect(await h1(newcomer)).toBe(t('ru', 'accounts.forgot.title'));
    await expectNoAxeViolations(newcomer, 'the forgot password page');
  }, 60_000);
});
