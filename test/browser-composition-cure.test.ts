// A decision adopted with a 5.2.3(1) violation on a 360 px phone in Chromium (issue 14 point 3): the public composition
// of a group whose council cured it ("adopted with ..." and "cured on ..."), and the staff formation page of a group
// still short (the arithmetic, what the council does, the fewest to add); and (without the browser) the staff record
// page of a group taken on with the same finding. No sideways scroll, axe-core
// (WCAG 2 A/AA), screenshots at 360 px into out/screenshots/cure-*.png. Real Postgres, no procedure engine (the pages
// read the group's record); the cure's facts are recorded as the procedure records them.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
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
import { record } from '../db/record';
import { expectNoAxeViolations } from './support/axe';
import { documentWidth, launchFlowBrowser, newFlowContext, PHONE, requireBrowser, SHOTS } from './support/flow-browser';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { sampleMember } from './support/sample-roster';

const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'composition cure browser test');
const VIOLATION = {
  code: 'municipal-employees-below-quota',
  clause: '5.2.3(1)',
  message: {
    ky: '1 муниципалдык кызматчы; 5.2.3(1): 9 × 1/4 = 2,25 → кеминде 2',
    ru: '1 муниципальный служащий; 5.2.3(1): 9 × 1/4 = 2,25 → не менее 2',
    en: '1 municipal employee; 5.2.3(1): 9 × 1/4 = 2.25 → at least 2',
  },
};
const NINE = [
  ...Array.from({ length: 6 }, (_, i) => sampleMember(`Жаран ${i + 1}`, i % 2 ? 'M' : 'F', 'citizen', 1960 + i)),
  sampleMember('Депутат 1', 'M', 'deputy', 1970),
  sampleMember('Депутат 2', 'F', 'deputy', 1971),
  sampleMember('Кызматчы 1', 'F', 'municipal_employee', 1980),
];

describe.skipIf(!hasBrowser)('a decision adopted with a violation, cured or not, on a 360 px phone', () => {
  let t: TestDatabase;
  let app: App;
  let url: string;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let visitor: Page;
  let cured: string;
  let short: string;

  async function adopted(councilId: string): Promise<string> {
    const groupId = await openGroup(t.db, { councilId }, 'test');
    await record(t.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: {
            groupId,
            createdOn: '2026-11-20',
            resolutionNumber: '83',
            termEnd: '2030-11-20',
            violations: [VIOLATION],
          },
        },
      ],
    });
    await importRoster(t.db, groupId, NINE, { actor: 'test', on: '2026-11-20' });
    return groupId;
  }

  beforeAll(async () => {
    if (!launch.ok) return;
    t = await createTestDatabase();
    const db = t.db;
    const councilId = await registerCouncil(
      db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
      'test',
    );
    const other = await registerCouncil(
      db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' } },
      'test',
    );
    cured = await adopted(councilId);
    short = await adopted(other);
    // The council's decision № 91 of 1 December adds a municipal employee and a citizen (5.4.5 with 5.4.2, 5.4.4).
    const added = [
      sampleMember('Кызматчы 2', 'M', 'municipal_employee', 1984),
      sampleMember('Жаран 7', 'F', 'citizen', 1990),
    ];
    await record(db, {
      stream: streams.group(cured),
      actor: 'test',
      events: [
        ...added.map((person, i) => ({
          type: 'member.added' as const,
          payload: {
            groupId: cured,
            membershipId: `m-a-${i}`,
            personId: `p-a-${i}`,
            person: { ...person, birthDate: '1984-05-17' },
            category: person.category,
            role: 'member' as const,
            joinedOn: '2026-12-01',
          },
        })),
        {
          type: 'term.members-added',
          payload: {
            groupId: cured,
            decisionNumber: '91',
            decisionDate: '2026-12-01',
            added: added.map((p, i) => ({
              membershipId: `m-a-${i}`,
              fullName: p.fullName,
              category: p.category,
              source: {
                kind: i === 0 ? 'executive-head' : 'community-gathering',
                ref: '№ 5',
                date: '2026-11-27',
                participants: null,
                votesFor: null,
              },
            })),
          },
        },
      ],
    });
    const staffId = await createAccount(db, {
      email: 'staff@karasuu.kg',
      password: 'a long enough password 2026',
      role: 'staff',
      councilId: other,
    });
    app = buildApp({ db, config: loadConfig({}) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const open = async (accountId?: string) => {
      const context = await newFlowContext(launch.browser, { viewport: PHONE, locale: 'ky-KG' });
      contexts.push(context);
      if (accountId) {
        const id = newToken();
        await createSession(db, { idHash: hashSessionId(id), accountId, csrfToken: newToken(), at: new Date() });
        await context.addCookies([{ name: SESSION_COOKIE, value: id, url }]);
      }
      return context.newPage();
    };
    staff = await open(staffId);
    visitor = await open();
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  it('a group taken on with a 5.2.3(1) finding: its staff record page shows the composition now and what to do', async () => {
    const third = await registerCouncil(
      t.db,
      { name: { ky: 'Көк-Жар айылдык кеңеши', ru: 'Кок-Жарский айылный кенеш' } },
      'test',
    );
    const groupId = await openGroup(t.db, { councilId: third }, 'test');
    await importRoster(t.db, groupId, NINE, { actor: 'test', on: '2025-11-19' });
    await record(t.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.adopted',
          payload: {
            groupId,
            resolutionNumber: '12',
            decidedOn: '2025-11-14',
            publishedOn: '2025-11-19',
            termStart: '2025-11-19',
            termEnd: '2029-11-19',
            chairMembershipId: null,
            members: 9,
            findings: [{ ...VIOLATION, severity: 'violation' }],
          },
        },
      ],
    });
    const accountId = await createAccount(t.db, {
      email: 'staff@kokjar.kg',
      password: 'a long enough password 2026',
      role: 'staff',
      councilId: third,
    });
    const id = newToken();
    await createSession(t.db, { idHash: hashSessionId(id), accountId, csrfToken: newToken(), at: new Date() });
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/adoption?lang=ru`,
      headers: { cookie: `${SESSION_COOKIE}=${id}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Нынешний состав (9 членов) всё ещё не соответствует 5.2:');
    expect(res.body).toContain('Наименьшее добавление: 1 муниципальный служащий, 1 представитель сообщества.');
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await t?.drop();
  });

  async function check(page: Page, name: string, path: string): Promise<string> {
    const response = await page.goto(`${url}${path}`);
    expect(response?.status(), path).toBe(200);
    const { scrollWidth, innerWidth } = await documentWidth(page);
    expect(scrollWidth, `${name}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: `${SHOTS}/cure-${name}-${PHONE.width}.png`, fullPage: true });
    await expectNoAxeViolations(page, name);
    return (await page.textContent('main')) ?? '';
  }

  it('the public composition says the decision was adopted with the violation and cured on 01.12.2026 by № 91', async () => {
    const text = await check(visitor, 'public-cured', `/groups/${cured}/composition?lang=ru`);
    expect(text).toContain('принято с составом, не соответствующим 5.2.3(1)');
    expect(text).toContain('Исправлено 01.12.2026 решением кенеша № 91 (01.12.2026)');
    expect(text).not.toContain('+99670055');
  });

  it('the staff formation page of a group still short: the arithmetic and the fewest to add', async () => {
    const text = await check(staff, 'staff-short', `/manage/groups/${short}/formation?lang=en`);
    expect(text).toContain('The current composition (9 members) still does not meet 5.2:');
    expect(text).toContain('The fewest to add: 1 municipal employee, 1 citizen.');
  });
});
