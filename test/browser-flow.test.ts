// The product end to end in a real browser (Debian's Chromium through playwright-core), as its people use it, by
// clicking and typing: staff log in and switch to Russian, start a formation and record its first step, draft and
// issue an act; the act's mail reaches a real SMTP server and the monitored object opens its link in a browser of its
// own, sees the due date and the days left, and answers with a PDF; the chair logs in and sees the dashboard put the
// overdue item first and then mark it met; with Temporal away an action answers 503 in the page while reads still work.
// The server is the real app on a free port over a fresh Postgres database; workflows run on Temporal's real
// time-skipping test server (real workflow code and activities on a real worker; the server's clock, which starts on
// 2 March 2026 and jumps two weeks when the flow asks, is also the app's clock). Seeded beforehand only what people
// would have had: two councils with their objects, a group with its roster, the staff and chair accounts.
// Screenshots of each main page at 360 and 1280 px go to out/screenshots/flow-<page>-<width>.png, and every one is
// measured at 360 px: a page that scrolls sideways on a phone fails the last test, named.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import type { ProcedureEngine } from '../procedures/engine';
import { errorMessage } from '../api/error-messages';
import { msg, type MessageKey } from '../api/ui/messages';
import { obligationTitle } from '../api/dashboard/text';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { findAct } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { importRoster } from '../db/import-roster';
import { registerObject, type MonitoredObject } from '../db/objects';
import { calendarForCouncil } from '../db/pending';
import { MONITORED_OBJECT_KINDS } from '../domain/act';
import { formatDay } from '../domain/calendar-format';
import { computeDeadline } from '../domain/deadlines';
import type { Lang } from '../domain/i18n';
import { dmy } from '../domain/messages';
import { expectNoAxeViolations } from './support/axe';
import { countRows } from './support/db-dump';
import {
  DESKTOP,
  eventually,
  launchFlowBrowser,
  newFlowContext,
  PHONE,
  requireBrowser,
  responseLinkIn,
  shoot,
  type Shot,
} from './support/flow-browser';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

// Under CI=true a missing test server or Chromium fails the file; elsewhere it skips with one line saying why.
const server = testServer();
const hasServer = requireServer(server, 'browser flow test');
const launch = await launchFlowBrowser();
const hasBrowser = requireBrowser(launch, 'browser flow test');
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'browser-flow-test-secret-0123456789abcdefghij';
/** Monday 2 March 2026, 10:00 in Bishkek: the staff's working morning. */
const START = '2026-03-02T04:00:00Z';
const TODAY = '2026-03-02';
/** Wednesday 18 March, 10:00 Bishkek: past the object's 10 working days from 2 March, before the executive's 30 days. */
const LATER = '2026-03-18T04:00:00Z';
const PASSWORD = 'a long enough password 2026';
const STAFF_EMAIL = 'staff@jmeg.kg';
const CHAIR_EMAIL = 'chair@aksuu.kg';
const FORMED_ON = '2026-02-25';

const t = (lang: Lang, key: MessageKey, params: Record<string, string | number> = {}) => msg(lang, key, params);

describe.skipIf(!hasServer || !hasBrowser)('the product in Chromium: staff, the monitored object and the chair', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let engine: TimeSkippingEngine;
  let app: App;
  let url: string;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const shots: Shot[] = [];
  let staff: Page;
  let object: Page;
  let chair: Page;

  // What was seeded, and what the flow makes.
  let formingCouncil: string;
  let actsCouncil: string;
  let groupId: string;
  let formationGroupId: string;
  let school: MonitoredObject;
  let actId: string;
  let link: string;

  beforeAll(async () => {
    if (!launch.ok || !server.available) return;
    dataDir = await mkdtemp(join(tmpdir(), 'jmeg-flow-'));
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    const db = database.db;

    // A new council about to form its group, and a council whose group (with its roster) monitors a school.
    formingCouncil = await registerCouncil(
      db,
      { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' }, email: 'kenesh@karasuu.kg' },
      'test',
    );
    await registerObject(
      db,
      {
        councilId: formingCouncil,
        name: { ky: 'Кара-Суу айыл өкмөтү', ru: 'Кара-Суйский айыл окмоту' },
        kind: 'executive_body',
        emails: ['okmot@karasuu.kg'],
      },
      'test',
    );
    actsCouncil = await registerCouncil(
      db,
      { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
      'test',
    );
    await registerObject(
      db,
      {
        councilId: actsCouncil,
        name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
        kind: 'executive_body',
        emails: ['okmot@aksuu.kg'],
      },
      'test',
    );
    school = await registerObject(
      db,
      {
        councilId: actsCouncil,
        name: { ky: 'Ак-Суу орто мектеби', ru: 'Ак-Суйская средняя школа' },
        kind: 'municipal_institution',
        emails: ['mektep@aksuu.kg'],
      },
      'test',
    );
    groupId = await openGroup(db, { councilId: actsCouncil, councilFormedOn: '2025-12-01' }, 'test');
    await decideGroupCreation(db, groupId); // 5.4.5: the group acts once created
    await importRoster(db, groupId, SAMPLE_ROSTER, { actor: 'test', on: '2026-02-20' });
    // The staff account administers every council (as the first account made at setup); the chair's is the group's.
    await createAccount(db, { email: STAFF_EMAIL, password: PASSWORD, role: 'staff', councilId: null });
    await createAccount(db, { email: CHAIR_EMAIL, password: PASSWORD, role: 'chair', groupId });

    // The mailed links must point at this server, whose port is known only once it listens: the app gets the engine
    // through a forwarder and the engine is made right after listen, with the server's URL.
    const forward: ProcedureEngine = {
      available: () => engine.available(),
      start: (type, id, args) => engine.start(type, id, args),
      update: (id, definition, arg) => engine.update(id, definition, arg),
      query: (id, definition) => engine.query(id, definition),
      signal: (id, definition, arg) => engine.signal(id, definition, arg),
    };
    const config = { ...loadConfig({ JMEG_DATA_DIR: dataDir }), responseLinkSecret: SECRET };
    app = buildApp({ db, config, clock: () => engine.now(), engine: forward });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    engine = await createTimeSkippingEngine({
      serverPath: server.path,
      db,
      transport,
      mailFrom: MAIL_FROM,
      startTime: START,
      extraActivityConfig: { responseLinkSecret: SECRET, publicBaseUrl: url, dataDir },
    });

    // Each person has a browser of their own: their own cookies and their browser's language.
    const open = async (locale: string) => {
      const context = await newFlowContext(launch.browser, { viewport: DESKTOP, locale });
      contexts.push(context);
      return context.newPage();
    };
    [staff, object, chair] = await Promise.all([open('ky-KG'), open('ky-KG'), open('ru-RU')]);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    if (launch.ok) await launch.browser.close();
    await app?.close();
    await engine?.close();
    transport?.close();
    await Promise.all([database?.drop(), smtp?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const shot = async (page: Page, name: string) => shots.push(await shoot(page, name));
  const htmlLang = (page: Page) => page.getAttribute('html', 'lang');
  const h1 = (page: Page) => page.locator('main h1').innerText();
  /** Clicks and waits for the page the click leads to (a link, or a form's POST and its 303). */
  const go = async (page: Page, click: () => Promise<void>, to: RegExp) => {
    await Promise.all([page.waitForURL(to), click()]);
  };
  const logIn = async (page: Page, lang: Lang, email: string, to: RegExp) => {
    await page.getByLabel(t(lang, 'login.email'), { exact: true }).fill(email);
    await page.getByLabel(t(lang, 'login.password'), { exact: true }).fill(PASSWORD);
    await go(page, () => page.getByRole('button', { name: t(lang, 'login.submit'), exact: true }).click(), to);
  };

  it("1. staff log in on /login in Kyrgyz (their browser's language), land on /manage and switch to Russian", async () => {
    await staff.goto(`${url}/manage`);
    // Not signed in: the page sends them to log in and back.
    await staff.waitForURL(/\/login\?lang=ky&next=%2Fmanage/);
    expect(await htmlLang(staff)).toBe('ky');
    expect(await h1(staff)).toBe(t('ky', 'login.title'));
    await shot(staff, 'login');
    await expectNoAxeViolations(staff, 'the login page');

    await logIn(staff, 'ky', STAFF_EMAIL, /\/manage$/);
    expect(await h1(staff)).toBe(t('ky', 'manage.title'));
    await expect.poll(() => staff.locator('header').innerText()).toContain(STAFF_EMAIL);

    await go(staff, () => staff.locator('header nav a[hreflang="ru"]').click(), /\/manage\?lang=ru/);
    expect(await htmlLang(staff)).toBe('ru');
    expect(await h1(staff)).toBe(t('ru', 'manage.title'));
    const council = staff.getByRole('region', { name: 'Кара-Суйский айылный кенеш' });
    await expect.poll(() => council.getByRole('link', { name: t('ru', 'manage.link.startFormation') }).count()).toBe(1);
    await shot(staff, 'manage');
    await expectNoAxeViolations(staff, '/manage');

    // The council's objects and accounts and the council registration, checked by axe-core on the way (then back).
    await go(
      staff,
      () => council.getByRole('link', { name: t('ru', 'manage.link.objects'), exact: true }).click(),
      /\/objects\?lang=ru/,
    );
    await expectNoAxeViolations(staff, 'the objects page');
    await staff.goBack();
    await go(
      staff,
      () => council.getByRole('link', { name: t('ru', 'manage.link.accounts'), exact: true }).click(),
      /\/accounts\?lang=ru/,
    );
    await expectNoAxeViolations(staff, 'the accounts page');
    await staff.goBack();
    await go(
      staff,
      () => staff.getByRole('link', { name: t('ru', 'councils.manage.register'), exact: true }).click(),
      /\/manage\/councils\/new\?lang=ru/,
    );
    await expectNoAxeViolations(staff, 'the council registration');
    await staff.goBack();
  });

  it('2. staff start a formation: the page shows step 5.4.1 with its clause and deadline; the notice recorded, the next step shows', async () => {
    const council = staff.getByRole('region', { name: 'Кара-Суйский айылный кенеш' });
    await go(
      staff,
      () => council.getByRole('link', { name: t('ru', 'manage.link.startFormation') }).click(),
      /\/formations\/new\?lang=ru/,
    );
    expect(await h1(staff)).toBe(t('ru', 'formation.start.title'));
    await expectNoAxeViolations(staff, 'the new formation page');
    await staff.getByLabel(t('ru', 'formation.field.formedOn'), { exact: true }).fill(FORMED_ON);
    await go(
      staff,
      () => staff.getByRole('button', { name: t('ru', 'formation.start.submit'), exact: true }).click(),
      /\/manage\/groups\/[^/]+\/formation\?lang=ru&done=started/,
    );
    expect(await h1(staff)).toBe(t('ru', 'formation.title'));
    formationGroupId = decodeURIComponent(new URL(staff.url()).pathname.split('/')[3]!);

    const calendar = await calendarForCouncil(database.db, formingCouncil);
    const noticeDue = computeDeadline('formation-notice', FORMED_ON, calendar).due;
    const current = staff.locator('tr[aria-current="step"]');
    const line = await current.innerText();
    expect(line).toContain(t('ru', 'formation.line.formation-notice'));
    expect(line).toContain('5.4.1');
    expect(line).toContain(formatDay('ru', noticeDue));
    expect(await current.locator('time').first().getAttribute('datetime')).toBe(noticeDue);
    expect(await staff.locator('main').innerText()).toContain(
      t('ru', 'formation.current.title', { step: t('ru', 'formation.step.formation-notice') }),
    );
    await shot(staff, 'formation');
    await expectNoAxeViolations(staff, 'the formation page');

    // The step: the notice, published today on the website and the notice board (the form's defaults).
    const form = staff.getByRole('region', { name: new RegExp(t('ru', 'formation.form.formation-notice')) });
    expect(await form.getByLabel(t('ru', 'formation.field.publishedOn'), { exact: true }).inputValue()).toBe(TODAY);
    await go(
      staff,
      () => form.getByRole('button', { name: t('ru', 'formation.submit.formation-notice'), exact: true }).click(),
      /done=formation-notice/,
    );
    expect(await staff.getByRole('status').first().innerText()).toContain(
      t('ru', 'formation.done', { step: t('ru', 'formation.form.formation-notice') }),
    );
    const main = await staff.locator('main').innerText();
    expect(main).toContain(t('ru', 'formation.current.title', { step: t('ru', 'formation.step.nominations') }));
    // Its line is done on today's date; the 5.4.2 candidates are now due 15 working days after the notice.
    const noticeLine = staff.locator('tr', { hasText: t('ru', 'formation.line.formation-notice') }).first();
    expect(await noticeLine.innerText()).toContain(`✓ ${dmy(TODAY)}`);
    const staffDue = computeDeadline('staff-candidates', TODAY, calendar).due;
    const staffLine = staff.locator('tr', { hasText: t('ru', 'formation.line.staff-candidates') }).first();
    expect(await staffLine.innerText()).toContain('5.4.2');
    expect(await staffLine.locator('time').first().getAttribute('datetime')).toBe(staffDue);
    await expectNoAxeViolations(staff, 'the formation page after a step');
  });

  it("3. staff draft an act on the group's acts page, complete it, issue it; the act mail with the response link arrives", async () => {
    await go(
      staff,
      () =>
        staff
          .getByRole('navigation', { name: t('ru', 'formation.links') })
          .getByRole('link', { name: t('ru', 'manage.title'), exact: true })
          .click(),
      /\/manage\?lang=ru/,
    );
    const council = staff.getByRole('region', { name: 'Ак-Суйский айылный кенеш' });

    // The council's calendar (the editing page), seen on the way.
    await go(
      staff,
      () => council.getByRole('link', { name: t('ru', 'manage.link.calendar') }).click(),
      /\/calendar\?lang=ru/,
    );
    expect(await htmlLang(staff)).toBe('ru');
    await shot(staff, 'calendar');
    await expectNoAxeViolations(staff, 'the calendar editing page');
    await staff.goBack();

    await go(
      staff,
      () => council.getByRole('link', { name: t('ru', 'manage.link.acts'), exact: true }).click(),
      /\/manage\/groups\/[^/]+\/acts\?lang=ru/,
    );
    expect(await h1(staff)).toBe(t('ru', 'manageActs.listTitle'));
    await staff
      .getByLabel(t('ru', 'acts.object'), { exact: true })
      .selectOption({ label: `${school.name.ru} (${MONITORED_OBJECT_KINDS.municipal_institution.ru})` });
    await staff.getByLabel(t('ru', 'manageActs.field.title'), { exact: true }).fill('Питьевая вода в школе');
    await shot(staff, 'acts');
    await expectNoAxeViolations(staff, "the group's acts page");
    await go(
      staff,
      () => staff.getByRole('button', { name: t('ru', 'manageActs.create'), exact: true }).click(),
      /\/manage\/acts\/[^/?]+\?lang=ru&done=drafted/,
    );
    actId = decodeURIComponent(new URL(staff.url()).pathname.split('/')[3]!);
    await expectNoAxeViolations(staff, 'the act page (a new draft)');

    // 8.1: the draft's content, typed into the form.
    const field = (key: MessageKey, params: Record<string, string> = {}) =>
      staff.getByLabel(t('ru', key, params), { exact: true });
    await field('act.purpose').fill('Оценить, как школа обеспечивает учеников питьевой водой');
    await field('acts.subject').fill('Программа обеспечения питьевой водой');
    await field('acts.object').fill('Ак-Суйская средняя школа');
    await field('act.place').fill('село Ак-Суу');
    await field('manageActs.field.periodStart').fill('2026-02-09');
    await field('manageActs.field.periodEnd').fill('2026-02-20');
    await field('act.summary').fill('Вода подаётся два дня в неделю.');
    await field('manageActs.field.findingText', { n: '1' }).fill(
      'Кран во дворе школы работает по вторникам и пятницам.',
    );
    await field('manageActs.field.recommendations').fill('Опубликовать график подачи воды\nУстановить резервуар');
    // 8.1: at least one annex; a described item without a file is one.
    await field('manageActs.field.annexTitle', { n: '1' }).fill('Фото крана во дворе школы');
    await go(
      staff,
      () => staff.getByRole('button', { name: t('ru', 'manageActs.saveDraft'), exact: true }).click(),
      /done=saved/,
    );
    expect(await staff.locator('main').innerText()).toContain(t('ru', 'manageActs.complete'));

    await go(
      staff,
      () => staff.getByRole('button', { name: t('ru', 'manageActs.issue'), exact: true }).click(),
      /done=issued/,
    );
    expect(await staff.getByRole('status').first().innerText()).toContain(t('ru', 'manageActs.done.issued'));
    const act = (await findAct(database.db, actId))!;
    expect(act.status).toBe('issued');
    expect(act.issuedOn).toBe(TODAY);
    expect(await h1(staff)).toBe(t('ru', 'act.title', { number: act.number! }));
    await shot(staff, 'act');
    await expectNoAxeViolations(staff, 'the act page (issued)');

    const mail = await eventually(
      'the act mail to the school',
      () => smtp.received.find((m) => m.envelopeTo.includes('mektep@aksuu.kg') && responseLinkIn(m) !== null),
      30_000,
    );
    link = responseLinkIn(mail)!;
    expect(link.startsWith(`${url}/acts/${encodeURIComponent(actId)}/respond?t=`)).toBe(true);
  });

  it('4. the object opens the link with no login: the act, the due date and the days left (its receipt starts the count)', async () => {
    await object.goto(link);
    expect(await htmlLang(object)).toBe('ky');
    const act = (await findAct(database.db, actId))!;
    expect(await h1(object)).toBe(t('ky', 'act.title', { number: act.number! }));
    // Opening the link records nothing (4.3): the receipt is the object's press of "I have received it".
    await object.getByRole('button', { name: t('ky', 'links.receive'), exact: true }).click();
    await object.waitForURL(/done=received/);
    const main = await object.locator('main').innerText();
    expect(main).toContain(t('ky', 'respond.greeting', { object: school.name.ky }));
    expect(main).toContain('Оценить, как школа обеспечивает учеников питьевой водой');
    const due = computeDeadline('object-response', TODAY, await calendarForCouncil(database.db, actsCouncil)).due;
    expect(main).toContain(dmy(due));
    // Received today: the whole 10 working days of 4.3 are left.
    expect(main).toContain(t('ky', 'obligation.left.working', { n: 10 }));
    await expect.poll(() => object.getByLabel(t('ky', 'respond.text'), { exact: true }).count()).toBe(1);
    await shot(object, 'respond');
    // The executive body gets the act too, with its own link (4.3(4)): its button records its own receipt, from
    // which its 30 calendar days count.
    const okmotMail = await eventually(
      'the act mail to the executive body',
      () => smtp.received.find((m) => m.envelopeTo.includes('okmot@aksuu.kg') && responseLinkIn(m) !== null),
      30_000,
    );
    const okmot = await object.context().newPage();
    await okmot.goto(responseLinkIn(okmotMail)!);
    expect(await h1(okmot)).toBe(t('ky', 'act.title', { number: act.number! }));
    await okmot.getByRole('button', { name: t('ky', 'links.receive'), exact: true }).click();
    await okmot.waitForURL(/done=received/);
    await okmot.close();
    await expectNoAxeViolations(object, "the object's response page");
  });

  it("5. past the due date the chair's dashboard puts the overdue item first; after the object answers with a PDF it shows it met", async () => {
    await engine.advanceTo(LATER);

    await chair.goto(`${url}/login`);
    expect(await htmlLang(chair)).toBe('ru');
    await logIn(chair, 'ru', CHAIR_EMAIL, /\/manage\/groups\/[^/]+\/dashboard$/);
    expect(await h1(chair)).toBe(t('ru', 'dashboard.title'));
    const rows = chair.locator('table.obligations tbody tr');
    const first = await rows.first().innerText();
    expect(first).toContain(t('ru', 'obligation.state.overdue'));
    expect(first).toContain(obligationTitle('ru', 'object-response'));
    const all = await rows.allInnerTexts();
    expect(
      all.some(
        (r) => r.includes(obligationTitle('ru', 'executive-report')) && r.includes(t('ru', 'obligation.state.open')),
      ),
    ).toBe(true);
    await shot(chair, 'dashboard-overdue');
    await expectNoAxeViolations(chair, 'the dashboard (overdue)');

    // The object comes back to its link: now overdue, it answers anyway (accepted, marked late) with a PDF.
    await object.goto(link);
    expect(await object.locator('main').innerText()).toContain(t('ky', 'obligation.overdue.working', { n: 2 }));
    await object
      .getByLabel(t('ky', 'respond.text'), { exact: true })
      .fill('Суу берүү графиги жарыяланды, резервуар сатылып алынат.');
    await object.getByLabel(t('ky', 'respond.file'), { exact: true }).setInputFiles({
      name: 'joop.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from("%PDF-1.4\n% the school's answer\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
    });
    await go(
      object,
      () => object.getByRole('button', { name: t('ky', 'respond.send'), exact: true }).click(),
      /done=responded/,
    );
    expect(await object.getByRole('status').first().innerText()).toContain(t('ky', 'respond.thanksLate'));
    await expectNoAxeViolations(object, "the object's response page (answered)");

    // The dashboard reads the obligations table, which the obligation's own activity writes after the answer is
    // recorded (on a real worker it can run after the answer's page, and a failed attempt retries after a backoff):
    // the chair looks again until the answer shows.
    let after: string[] = [];
    await expect
      .poll(
        async () => {
          await chair.reload();
          after = await rows.allInnerTexts();
          return after.find((r) => r.includes(obligationTitle('ru', 'object-response'))) ?? '';
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toContain(t('ru', 'obligation.state.met'));
    expect(after.some((r) => r.includes(t('ru', 'obligation.state.overdue')))).toBe(false);
    await shot(chair, 'dashboard');
    await expectNoAxeViolations(chair, 'the dashboard');

    // The chair follows the row's link to the act: the answer and its file are there.
    const act = (await findAct(database.db, actId))!;
    await go(
      chair,
      () =>
        chair
          .getByRole('link', { name: t('ru', 'dashboard.link.act', { number: act.number! }) })
          .first()
          .click(),
      /\/manage\/acts\//,
    );
    const actMain = await chair.locator('main').innerText();
    expect(actMain).toContain('Суу берүү графиги жарыяланды');
    const file = chair.locator('a[href*="/response-files/"]');
    expect(await file.count()).toBe(1);
    const download = await chair.context().request.get(new URL((await file.getAttribute('href'))!, url).href);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(chair, 'act-chair');
    await expectNoAxeViolations(chair, 'the act page (the chair)');
  }, 180_000);

  it("6. with Temporal away, the chair's and the object's actions answer 503 in the page (nothing written) and every read still works", async () => {
    engine.setAvailable(false);
    try {
      await chair.getByLabel(t('ru', 'manageActs.reason'), { exact: true }).fill('Ответ получен, вопрос решён');
      const events = await countRows(database.db, 'events');
      const [response] = await Promise.all([
        chair.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/close')),
        chair.getByRole('button', { name: t('ru', 'manageActs.close'), exact: true }).click(),
      ]);
      expect(response.status()).toBe(503);
      await chair.waitForLoadState();
      expect(await chair.getByRole('alert').innerText()).toContain(errorMessage('ru', 'engine-unavailable', {}));
      // What was typed is kept for the retry.
      expect(await chair.getByLabel(t('ru', 'manageActs.reason'), { exact: true }).inputValue()).toBe(
        'Ответ получен, вопрос решён',
      );
      await expectNoAxeViolations(chair, 'the act page answering 503');
      expect((await findAct(database.db, actId))!.status).not.toBe('closed');
      expect(await countRows(database.db, 'events')).toBe(events);

      // Reads: the dashboard, the act and the object's link page, each saying the service is away.
      const dashboard = await chair.goto(`${url}/manage/groups/${groupId}/dashboard?lang=ru`);
      expect(dashboard?.status()).toBe(200);
      expect(await chair.locator('table.obligations tbody tr').count()).toBeGreaterThan(0);
      const actPage = await chair.goto(`${url}/manage/acts/${actId}?lang=ru`);
      expect(actPage?.status()).toBe(200);
      expect(await chair.locator('main').innerText()).toContain(t('ru', 'engine.unavailable'));
      // The executive body's open 30 days drawn as the calculator draws them (its month grids).
      expect(await chair.locator('table.cal').count()).toBeGreaterThan(0);
      const linkPage = await object.goto(link);
      expect(linkPage?.status()).toBe(200);
      const objectMain = await object.locator('main').innerText();
      expect(objectMain).toContain(t('ky', 'respond.greeting', { object: school.name.ky }));
      expect(objectMain).toContain('Оценить, как школа обеспечивает учеников питьевой водой');
      // The object's own action (a second answer) is refused the same way, in its language, and records nothing.
      await object.getByLabel(t('ky', 'respond.text'), { exact: true }).fill('Кошумча: резервуар орнотулду.');
      const [answer] = await Promise.all([
        object.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/respond')),
        object.getByRole('button', { name: t('ky', 'respond.send'), exact: true }).click(),
      ]);
      expect(answer.status()).toBe(503);
      await object.waitForLoadState();
      expect(await object.getByRole('alert').innerText()).toContain(errorMessage('ky', 'engine-unavailable', {}));
      await expectNoAxeViolations(object, "the object's response page answering 503");
      expect(await countRows(database.db, 'events')).toBe(events);

      // Staff come back after two weeks: their session has idled out, they log in again and the formation page is
      // read from the database, the 5.4.1 notice done on 2 March.
      await staff.goto(`${url}/manage/groups/${formationGroupId}/formation?lang=ru`);
      await staff.waitForURL(/\/login\?lang=ru&next=/);
      await logIn(staff, 'ru', STAFF_EMAIL, /\/formation\?lang=ru$/);
      const formation = await staff.locator('main').innerText();
      expect(formation).toContain(t('ru', 'engine.unavailable'));
      expect(formation).toContain(t('ru', 'formation.fromDatabase'));
      expect(
        await staff
          .locator('tr', { hasText: t('ru', 'formation.line.formation-notice') })
          .first()
          .innerText(),
      ).toContain(`✓ ${dmy(TODAY)}`);
    } finally {
      engine.setAvailable(true);
    }
  });

  it('7. every page photographed fits a 360 px phone: nothing scrolls sideways', () => {
    expect(shots.map((s) => s.name)).toEqual([
      'login',
      'manage',
      'formation',
      'calendar',
      'acts',
      'act',
      'respond',
      'dashboard-overdue',
      'dashboard',
      'act-chair',
    ]);
    const wide = shots
      .filter((s) => s.phoneScrollWidth > PHONE.width + 1)
      .map((s) => `${s.name}: ${s.phoneScrollWidth} px`);
    expect(wide, 'pages wider than the 360 px phone').toEqual([]);
  });
});
