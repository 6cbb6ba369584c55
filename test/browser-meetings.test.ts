// The meetings' pages in a real browser at 360 px (Debian's Chromium through playwright-core) against the real app on
// a free port, its term procedure on Temporal's time-skipping test server (clock: Monday 7 December 2026, 10:00 in
// Bishkek): the chair schedules a meeting on the form, opens it, ticks who attended (7 of 13: the quorum of 7.2.3 with
// its arithmetic), records a decision and the minutes; the dashboard shows the term, the next meeting and the
// quarter; the public minutes show names and roles. Every page is checked by axe-core (WCAG 2 A/AA), must not scroll
// sideways at 360 px, and is shot into out/screenshots/meetings-<page>-360.png.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { createAccount, createSession } from '../db/accounts';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listPublicMembers } from '../db/members';
import { record } from '../db/record';
import { startTerm } from '../procedures/term/start-term';
import { expectNoAxeViolations } from './support/axe';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { documentWidth, launchFlowBrowser, newFlowContext, PHONE, requireBrowser, SHOTS } from './support/flow-browser';
import { decideGroupCreation } from './support/group-created';
import { sampleMember } from './support/sample-roster';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const launch = await launchFlowBrowser();
const runs = requireBrowser(launch, 'meetings browser test') && requireServer(server, 'meetings browser test');
const START = '2026-12-07T04:00:00.000Z';

describe.skipIf(!runs)('the meetings pages on a 360 px phone', () => {
  let w: CliWorld;
  let url: string;
  let groupId: string;
  let chair: Page;
  let visitor: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!launch.ok || !server.available) return;
    w = await createCliWorld({ serverPath: server.path, startTime: START });
    const db = w.t.db;
    groupId = await openGroup(db, { councilId: w.councilId }, 'test');
    await decideGroupCreation(db, groupId, { createdOn: '2026-11-20', termEnd: '2030-11-20', resolutionNumber: '83' });
    await importRoster(
      db,
      groupId,
      [
        ...Array.from({ length: 7 }, (_, i) =>
          sampleMember(`Жаран Жаранов ${i + 1}`, i % 2 ? 'M' : 'F', 'citizen', 1960 + i),
        ),
        ...Array.from({ length: 3 }, (_, i) => sampleMember(`Депутат Депутатов ${i + 1}`, 'M', 'deputy', 1970 + i)),
        ...Array.from({ length: 3 }, (_, i) =>
          sampleMember(`Кызматчы Кызматова ${i + 1}`, 'F', 'municipal_employee', 1980 + i),
        ),
      ],
      { actor: 'test', on: '2026-11-20' },
    );
    const listed = await listPublicMembers(db, groupId);
    const head = listed.find((m) => m.fullName === 'Жаран Жаранов 1')!;
    await record(db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [{ type: 'member.role-changed', payload: { groupId, membershipId: head.membershipId, role: 'chair' } }],
    });
    await startTerm(
      { engine: w.engine },
      {
        groupId,
        councilId: w.councilId,
        termStart: '2026-11-20',
        members: listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category })),
        chairMembershipId: head.membershipId,
      },
    );
    const chairId = await createAccount(db, {
      email: 'chair@ayil.kg',
      password: 'a long enough password 2026',
      role: 'chair',
      groupId,
    });
    await w.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    const id = newToken();
    await createSession(db, { idHash: hashSessionId(id), accountId: chairId, csrfToken: newToken(), at: new Date() });
    const open = async (cookie: boolean) => {
      const context = await newFlowContext(launch.browser, { viewport: PHONE, locale: 'ky-KG' });
      contexts.push(context);
      if (cookie) await context.addCookies([{ name: SESSION_COOKIE, value: id, url }]);
      return context.newPage();
    };
    chair = await open(true);
    visitor = await open(false);
    await mkdir(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    if (launch.ok) await launch.browser.close();
    await w?.close();
  });

  async function check(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page, name);
    const { scrollWidth, innerWidth } = await documentWidth(page);
    expect(scrollWidth, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: `${SHOTS}/meetings-${name}-360.png`, fullPage: true });
  }

  it('the chair schedules, records attendance with the quorum, a decision and the minutes; the public sees names and roles', async () => {
    await chair.goto(`${url}/manage/groups/${groupId}/meetings?lang=ru`);
    await chair.getByLabel('Дата', { exact: true }).fill('2026-12-07');
    await chair.getByLabel('Время', { exact: true }).fill('16:00');
    await chair.getByLabel('Место', { exact: true }).fill('Айыл өкмөтүнүн чоң залы');
    await chair.getByLabel('Повестка', { exact: true }).fill('План работы на 2027 год (п. 7.3.1)');
    await chair.getByRole('button', { name: 'Назначить' }).click();
    await expect.poll(() => chair.getByRole('status').first().textContent()).toContain('Заседание назначено');
    await check(chair, 'list');

    await chair.getByRole('link', { name: 'Открыть' }).first().click();
    for (let i = 1; i <= 7; i++) {
      const name = i <= 3 ? `Депутат Депутатов ${i}` : `Жаран Жаранов ${i - 3}`;
      await chair.getByLabel(name, { exact: true }).check();
    }
    await chair.getByRole('button', { name: 'Записать присутствие' }).click();
    await expect.poll(() => chair.locator('body').textContent()).toContain('минимум 7. Присутствуют 7 — кворум есть.');
    await chair.getByLabel('Текст решения').fill('Утвердить план работы на 2027 год');
    await chair.getByLabel('За', { exact: true }).fill('6');
    await chair.getByLabel('Против', { exact: true }).fill('1');
    await chair.getByLabel('Воздержались', { exact: true }).fill('0');
    await chair.getByRole('button', { name: 'Записать решение' }).click();
    await expect
      .poll(() => chair.locator('body').textContent())
      .toContain('За: 6, против: 1, воздержались: 0: принято');
    await chair.getByLabel('Дата протокола').fill('2026-12-07');
    await chair.getByLabel('Текст протокола').fill('Обсуждён план работы на 2027 год.');
    await chair.getByRole('button', { name: 'Сохранить протокол' }).click();
    await expect.poll(() => chair.locator('body').textContent()).toContain('Протокол от 07.12.2026');
    await check(chair, 'meeting');

    await chair.goto(`${url}/manage/groups/${groupId}/dashboard?lang=ru`);
    const term = chair.locator('#term');
    // 1 444 days from 07.12.2026 to 20.11.2030 (ICU groups the thousands with a no-break space in Russian).
    await expect.poll(() => term.textContent()).toMatch(/20\.11\.2026 – 20\.11\.2030; осталось 1\s444 дня/);
    expect(await term.textContent()).toContain('Предупреждений о периодичности нет (п. 7.2.2).');
    await check(chair, 'dashboard');
    await term.screenshot({ path: `${SHOTS}/meetings-dashboard-term-360.png` });

    await w.engine.settle();
    await chair.goto(`${url}/manage/groups/${groupId}/meetings?lang=ru`);
    await chair.getByRole('link', { name: 'Открыть' }).first().click();
    const publicLink = await chair.getByRole('link', { name: 'Открытый протокол' }).getAttribute('href');
    await visitor.goto(`${url}${publicLink!.replace('lang=ru', 'lang=ky')}`);
    const text = (await visitor.locator('main').textContent()) ?? '';
    expect(text).toContain('Жаран Жаранов 1');
    expect(text).toContain('топтун төрагасы');
    expect(text).not.toMatch(/\+99670055|@example\.kg/);
    await check(visitor, 'public-minutes');
  }, 180_000);
});
