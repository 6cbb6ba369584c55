// Phone-ready tables in a real browser (issue 17): at 360 px every table that carries a due date, days left or a
// status (the dashboard's obligations, the formation's steps, the calendar editor, objects, both acts lists,
// accounts) shows them without sideways scrolling: each named cell's bounding box lies inside the viewport, every
// cell of every stacked table too, and the page has no horizontal scroll. The home page, the public pages and the
// 404 page likewise. Every page is checked by axe-core (WCAG 2 A/AA) and shot at 360 and 1280 px into
// out/screenshots/phone-<page>-<width>.png. Debian's Chromium through playwright-core against the real app on a free
// port over a fresh Postgres database, without a procedure engine (the pages read the database).
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObligationEvent } from '../activities/obligations/record-obligation-event';
import type { App } from '../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { buildApp } from '../api/build-app';
import { msg, type MessageKey } from '../api/ui/messages';
import { loadConfig } from '../config/config';
import { createAccount, createSession } from '../db/accounts';
import { draftAct, issueAct } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { calendarForCouncil } from '../db/pending';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { computeDeadline } from '../domain/deadlines';
import { expectNoAxeViolations } from './support/axe';
import {
  DESKTOP,
  documentWidth,
  launchFlowBrowser,
  newFlowContext,
  PHONE,
  requireBrowser,
  SHOTS,
} from './support/flow-browser';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'phone tables browser test');
const PASSWORD = 'a long enough password 2026';

interface Box {
  left: number;
  right: number;
  width: number;
}

describe.skipIf(!hasBrowser)('tables on a 360 px phone in Chromium', () => {
  let t: TestDatabase;
  let app: App;
  let url: string;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let chair: Page;
  let visitor: Page;
  let aksuu: string;
  let actsGroup: string;
  let formingGroup: string;

  async function sessionCookie(accountId: string) {
    const id = newToken();
    await createSession(t.db, { idHash: hashSessionId(id), accountId, csrfToken: newToken(), at: new Date() });
    return { name: SESSION_COOKIE, value: id, url };
  }

  beforeAll(async () => {
    if (!launch.ok) return;
    t = await createTestDatabase();
    const db = t.db;
    aksuu = await registerCouncil(
      db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
      'test',
    );
    const karasuu = await registerCouncil(
      db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' } },
      'test',
    );
    await registerObject(
      db,
      {
        councilId: aksuu,
        name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
        kind: 'executive_body',
        emails: ['okmot@aksuu.kg'],
      },
      'test',
    );
    const school = await registerObject(
      db,
      {
        councilId: aksuu,
        name: { ky: 'Ак-Суу орто мектеби', ru: 'Ак-Суйская средняя школа' },
        kind: 'municipal_institution',
        emails: ['mektep@aksuu.kg', 'director.mektebi@aksuu.kg'],
      },
      'test',
    );
    actsGroup = await openGroup(db, { councilId: aksuu, councilFormedOn: '2025-12-01' }, 'test');
    await importRoster(db, actsGroup, SAMPLE_ROSTER, { actor: 'test', on: '2026-02-20' });
    await record(db, {
      stream: streams.group(actsGroup),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId: actsGroup, createdOn: '2026-02-20', resolutionNumber: '7', termEnd: '2028-02-20' },
        },
      ],
    });
    await publishNotice(
      db,
      {
        noticeId: 'n-phone',
        councilId: aksuu,
        groupId: actsGroup,
        kind: 'creation',
        text: { ky: 'БМжБ тобу түзүлдү.', ru: 'Группа СМиО создана.' },
        channels: ['website', 'notice_board'],
        publishedAt: new Date('2026-02-21T05:00:00Z'),
      },
      'test',
    );
    // An issued act with the object's and the executive body's obligations, one of them past its due date.
    await draftAct(
      db,
      {
        id: 'act-phone',
        groupId: actsGroup,
        objectId: school.id,
        draft: {
          purpose: 'Ичүүчү суунун сапатын баалоо',
          subject: 'Мектептин суусу жана ашканасы',
          object: null,
          place: 'Ак-Суу айылы',
          periodStart: '2026-02-02',
          periodEnd: '2026-02-20',
          findings: [{ kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' }],
          recommendations: ['Суу берүү графигин жарыялоо'],
          annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
        },
      },
      'test',
    );
    await issueAct(db, 'act-phone', { on: '2026-03-02', actor: 'test' });
    const calendar = await calendarForCouncil(db, aksuu);
    for (const [key, party] of [
      ['object-response', `object:${school.id}`],
      ['executive-report', 'executive-body'],
    ] as const) {
      const due = computeDeadline(key, '2026-03-02', calendar).due;
      await recordObligationEvent(db, {
        obligationId: `act-phone/${key}`,
        type: 'opened',
        at: '2026-03-02T05:00:00.000Z',
        due,
        dueInstant: `${due}T18:00:00.000Z`,
        groupId: actsGroup,
        actId: 'act-phone',
        key,
        clause: key === 'object-response' ? '4.3' : '4.3',
        party,
        anchor: '2026-03-02',
      });
    }
    // A formation at its first step (its notice owed from the day it started).
    formingGroup = await openGroup(db, { councilId: karasuu, councilFormedOn: '2026-11-20' }, 'test');

    const staffId = await createAccount(db, {
      email: 'staff@jmeg.kg',
      password: PASSWORD,
      role: 'staff',
      councilId: null,
    });
    await createAccount(db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId: aksuu });
    await createAccount(db, { email: 'deputy@aksuu.kg', password: PASSWORD, role: 'deputy', councilId: aksuu });
    const chairId = await createAccount(db, {
      email: 'chair@aksuu.kg',
      password: PASSWORD,
      role: 'chair',
      groupId: actsGroup,
    });

    app = buildApp({ db, config: loadConfig({}) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const open = async (cookie?: { name: string; value: string; url: string }) => {
      const context = await newFlowContext(launch.browser, { viewport: PHONE, locale: 'ky-KG' });
      contexts.push(context);
      if (cookie) await context.addCookies([cookie]);
      return context.newPage();
    };
    staff = await open(await sessionCookie(staffId));
    chair = await open(await sessionCookie(chairId));
    visitor = await open();
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await t?.drop();
  });

  /** The bounding boxes of the cells labelled `label` (their column's header) in the page's stacked tables. */
  const cellBoxes = (page: Page, label: string | null) =>
    page.evaluate<Box[], string | null>((wanted) => {
      const g = globalThis as unknown as {
        document: {
          querySelectorAll(
            s: string,
          ): ArrayLike<{ getBoundingClientRect(): Box; getAttribute(n: string): string | null }>;
        };
      };
      return Array.from(g.document.querySelectorAll('table.stack td, table.stack tbody th'))
        .filter((c) => wanted === null || c.getAttribute('data-label') === wanted)
        .map((c) => {
          const r = c.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        });
    }, label);

  /**
   * Opens `path` at 360 px, screenshots it at 360 and 1280 px, and checks at 360 px: no horizontal scroll; each of
   * the `columns` (message keys of column headers) has cells, all inside the viewport; so is every stacked cell.
   */
  async function check(page: Page, name: string, path: string, columns: MessageKey[], status = 200) {
    await page.setViewportSize(PHONE);
    const response = await page.goto(`${url}${path}`);
    expect(response?.status(), `${name}: ${path}`).toBe(status);
    const { scrollWidth, innerWidth } = await documentWidth(page);
    expect(scrollWidth, `${name}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(innerWidth);
    const lang = (await page.getAttribute('html', 'lang')) as 'ky' | 'ru' | 'en';
    for (const column of columns) {
      const boxes = await cellBoxes(page, msg(lang, column));
      expect(boxes.length, `${name}: cells of the column "${msg(lang, column)}"`).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.width, `${name}: "${msg(lang, column)}" is shown`).toBeGreaterThan(0);
        expect(box.left, `${name}: "${msg(lang, column)}" starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${name}: "${msg(lang, column)}" ends on screen`).toBeLessThanOrEqual(PHONE.width);
      }
    }
    for (const box of await cellBoxes(page, null))
      expect(box.right, `${name}: a cell off screen`).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SHOTS}/phone-${name}-${PHONE.width}.png`, fullPage: true });
    await expectNoAxeViolations(page, name);
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/phone-${name}-${DESKTOP.width}.png`, fullPage: true });
    await page.setViewportSize(PHONE);
  }

  it("the chair's dashboard: state, due date and days left of every obligation on screen", async () => {
    await check(chair, 'dashboard', `/manage/groups/${actsGroup}/dashboard`, [
      'dashboard.col.state',
      'dashboard.col.due',
      'dashboard.col.left',
    ]);
  });

  it("the formation's steps and obligations: deadline and status on screen", async () => {
    await check(staff, 'formation', `/manage/groups/${formingGroup}/formation`, [
      'formation.col.deadline',
      'formation.col.status',
    ]);
  });

  it('the calendar editor: each day with its status', async () => {
    await check(staff, 'calendar', `/manage/councils/${aksuu}/calendar`, [
      'calendarEdit.col.date',
      'calendarEdit.col.status',
    ]);
  });

  it('the monitored objects with their kind and e-mails', async () => {
    await check(staff, 'objects', `/manage/councils/${aksuu}/objects`, ['objects.kind', 'objects.emails']);
  });

  it("the group's acts, signed in and public: status and date", async () => {
    await check(staff, 'acts-manage', `/manage/groups/${actsGroup}/acts`, ['acts.status', 'acts.issuedOn']);
    await check(visitor, 'acts-public', `/groups/${actsGroup}/acts`, ['acts.status', 'acts.issuedOn']);
  });

  it("the council's accounts: role, group and created", async () => {
    await check(staff, 'accounts', `/manage/councils/${aksuu}/accounts`, ['accounts.role', 'accounts.createdAt']);
  });

  it('the home page, the composition, the notice board and a 404 fit the phone too', async () => {
    await check(visitor, 'home', '/', []);
    await check(visitor, 'composition', `/groups/${actsGroup}/composition?lang=ru`, ['composition.role']);
    await check(visitor, 'notices', `/councils/${aksuu}/notices?lang=en`, []);
    await check(visitor, 'not-found', '/no/such/page', [], 404);
    await check(visitor, 'deadline', '/deadline?lang=ky&key=object-response&from=2026-03-10', []);
    await check(visitor, 'login', '/login?lang=ru', []);
  });
});
