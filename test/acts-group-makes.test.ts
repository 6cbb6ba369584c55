// Issue 12, point 3: the group makes its acts (8.1, 7.2.4), over HTTP on real Postgres, Temporal's time-skipping test
// server (the real act workflow on a real worker) and a real SMTP server. A member drafts, edits, attaches and removes
// an annex; only the chair (or staff) issues; an act with no annex is not issued (8.1); a group still forming (5.4.5)
// or past its term (5.3.1) issues nothing and requests no information (409 naming the rule, nothing written); the
// act page shows each role what it may do; the days left of a procurement supplier's answer are counted on its own
// Labour Code calendar and the count names it (4.2).
// The server's clock starts on Wednesday 22 April 2026, 10:00 in Bishkek. The supplier receives its act that day; its
// 10 working days (1-9 May off) end on Thursday 14 May on the Labour Code calendar, while the council's calendar with
// the Cabinet's transfers would count Saturday 25 April as worked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { calendarForCouncil } from '../db/pending';
import { workingDaysBetween } from '../domain/deadlines';
import { calendarOfKind } from '../domain/object-calendar';
import { createAccounts } from './support/accounts';
import { dumpTable } from './support/db-dump';
import { decideGroupCreation } from './support/group-created';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, 'the group makes its acts');
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'acts-group-test-secret-0123456789abcdefghij';
const START = '2026-04-22T04:00:00.000Z'; // Wednesday 22 April 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const SUPPLIER_EMAIL = 'kurulush@ayil.kg';

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let dataDir: string;
let councilId: string;
let groupId: string;
let formingGroupId: string;
let endedGroupId: string;
let supplierId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** 8.1 complete except the annexes (none listed). */
const WITHOUT_ANNEXES = {
  purpose: 'Мектептин чатырын оңдоо иштеринин сапатын баалоо',
  subject: 'Мектептин чатырын оңдоо боюнча келишим',
  place: 'Терек-Суу айылы, мектеп',
  periodStart: '2026-04-06',
  periodEnd: '2026-04-17',
  findings: [{ kind: 'fact', text: 'Чатырдын түндүк бети бүтө элек.', method: 'site_visit' }],
  recommendations: ['Иштерди келишимдин мөөнөтүндө бүтүрүү'],
  annexes: [],
};

beforeAll(async () => {
  if (!server.available) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-acts-group-'));
  engine = await createTimeSkippingEngine({
    serverPath: server.path,
    db: t.db,
    transport,
    mailFrom: MAIL_FROM,
    startTime: START,
    extraActivityConfig: { responseLinkSecret: SECRET, publicBaseUrl: 'https://jmeg.example.kg' },
  });
  app = buildApp({
    db: t.db,
    config: { ...loadConfig({}), dataDir, responseLinkSecret: SECRET },
    clock: () => engine.now(),
    engine,
  });
  await app.ready();

  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' }, email: 'kenesh@ayil.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId, { createdOn: '2026-02-02', termEnd: '2030-02-02' });
  formingGroupId = await openGroup(t.db, { councilId }, 'test');
  // Created four years ago: the term ended on 1 April 2026, though nobody recorded it as ended.
  endedGroupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, endedGroupId, { createdOn: '2022-04-01', termEnd: '2026-04-01' });
  await registerObject(
    t.db,
    {
      councilId,
      kind: 'executive_body',
      name: { ky: 'Терек-Суу айыл өкмөтү', ru: 'Терек-Суйский айыл окмоту' },
      emails: ['okmot@ayil.kg'],
    },
    'test',
  );
  supplierId = (
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'procurement_supplier',
        name: { ky: '«Курулуш» ЖЧК', ru: 'ОсОО «Курулуш»' },
        emails: [SUPPLIER_EMAIL],
      },
      'test',
    )
  ).id;
  await createAccounts(t.db, PASSWORD, [
    ['staff@ayil.kg', 'staff', { councilId }],
    ['deputy@ayil.kg', 'deputy', { councilId }],
    ['chair@ayil.kg', 'chair', { groupId }],
    ['member@ayil.kg', 'member', { groupId }],
    ['chair@forming.kg', 'chair', { groupId: formingGroupId }],
    ['chair@ended.kg', 'chair', { groupId: endedGroupId }],
  ]);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function login(email: string): Promise<{ cookie: string; csrf: string }> {
  const known = sessions.get(email);
  if (known) return known;
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const session = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
  sessions.set(email, session);
  return session;
}

async function call(who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const s = await login(who);
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

async function upload(who: string, url: string, file: { name: string; bytes: Buffer }) {
  const s = await login(who);
  const boundary = `----jmeg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

async function form(who: string, url: string, body = '') {
  const s = await login(who);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(s.csrf)}${body ? `&${body}` : ''}`,
  });
}

const page = async (who: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: (await login(who)).cookie } });

async function actEvents(actId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('events')
    .select('type')
    .where('stream_id', '=', `act-${actId}`)
    .orderBy('stream_version')
    .execute();
  return rows.map((r) => r.type);
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
async function firstMailTo(address: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (mailsTo(address).length === 0) {
    if (Date.now() > deadline) throw new Error(`no mail to ${address} after 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Refusal = {
  error: { code: string; problems?: { field: string; rule: string; clause: string | null; message: string }[] };
};

describe.skipIf(!runs)('the group makes its acts (8.1, 7.2.4)', () => {
  let actId: string;
  let annexId: string;

  it('a member drafts and edits the act and attaches a file; a deputy does neither', async () => {
    const drafted = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, {
      objectId: supplierId,
      title: 'Мектептин чатыры',
      content: { purpose: WITHOUT_ANNEXES.purpose },
    });
    expect(drafted.statusCode).toBe(201);
    actId = drafted.json<{ id: string }>().id;
    const patched = await call('member@ayil.kg', 'PATCH', `/api/acts/${actId}`, { content: WITHOUT_ANNEXES });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<{ missing: { field: string }[] }>().missing.map((m) => m.field)).toEqual(['annexes']);
    const attached = await upload('member@ayil.kg', `/api/acts/${actId}/annexes`, { name: 'сүрөт.pdf', bytes: PDF });
    expect(attached.statusCode).toBe(201);
    annexId = attached.json<{ id: string }>().id;
    expect((await call('member@ayil.kg', 'GET', `/api/acts/${actId}`)).json()).toMatchObject({ missing: [] });

    expect(
      (await call('deputy@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId: supplierId })).statusCode,
    ).toBe(403);
    expect((await call('deputy@ayil.kg', 'PATCH', `/api/acts/${actId}`, { title: 'x' })).statusCode).toBe(403);
    expect(
      (await upload('deputy@ayil.kg', `/api/acts/${actId}/annexes`, { name: 'b.pdf', bytes: PDF })).statusCode,
    ).toBe(403);
    expect((await call('deputy@ayil.kg', 'DELETE', `/api/acts/${actId}/annexes/${annexId}`)).statusCode).toBe(403);
    // Another group's chair has no hand in this group's acts.
    expect((await call('chair@forming.kg', 'PATCH', `/api/acts/${actId}`, { title: 'x' })).statusCode).toBe(403);
  });

  it('only the chair (or staff) issues: a member is refused (403), writing nothing', async () => {
    const before = await actEvents(actId);
    expect((await call('member@ayil.kg', 'POST', `/api/acts/${actId}/issue`)).statusCode).toBe(403);
    expect((await form('member@ayil.kg', `/manage/acts/${actId}/issue?lang=ky`)).statusCode).toBe(403);
    expect(await actEvents(actId)).toEqual(before);
  });

  it('the act page: a member edits and removes files but is told the chair issues; the chair sees the issue button', async () => {
    const member = await page('member@ayil.kg', `/manage/acts/${actId}?lang=ru`);
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain(`action="/manage/acts/${actId}/draft?lang=ru"`);
    expect(member.body).toContain(`action="/manage/acts/${actId}/annexes/${annexId}/remove?lang=ru"`);
    expect(member.body).toContain('Убрать: сүрөт.pdf');
    expect(member.body).toContain('Акт выдаёт председатель группы СМиО (7.2.4, 8.1)');
    expect(member.body).not.toContain(`action="/manage/acts/${actId}/issue?lang=ru"`);
    const chair = await page('chair@ayil.kg', `/manage/acts/${actId}?lang=ru`);
    expect(chair.body).toContain(`action="/manage/acts/${actId}/issue?lang=ru"`);
    expect(chair.body).not.toContain('Акт выдаёт председатель группы СМиО');
    const deputy = await page('deputy@ayil.kg', `/manage/acts/${actId}?lang=ru`);
    expect(deputy.body).not.toContain('/remove?lang=ru');
    expect(deputy.body).not.toContain(`action="/manage/acts/${actId}/draft?lang=ru"`);
    // The group's list page gives the member the new-draft form.
    expect((await page('member@ayil.kg', `/manage/groups/${groupId}/acts?lang=ky`)).body).toContain('name="draftId"');
  });

  it('a draft’s annex is removed (page button, then the JSON route); with no annex left the chair cannot issue (8.1)', async () => {
    const removed = await form('member@ayil.kg', `/manage/acts/${actId}/annexes/${annexId}/remove?lang=en`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`/manage/acts/${actId}?lang=en&done=annex-removed`);
    expect((await page('member@ayil.kg', removed.headers.location!)).body).toContain(
      'The file was removed from the act&#39;s draft.',
    );
    expect(await dumpTable(t.db, 'act_annexes')).toEqual([]);
    // Attached again (the same file may come back after a removal), then removed through the JSON route.
    const again = await upload('chair@ayil.kg', `/api/acts/${actId}/annexes`, { name: 'сүрөт.pdf', bytes: PDF });
    expect(again.statusCode).toBe(201);
    const secondId = again.json<{ id: string }>().id;
    expect(secondId).not.toBe(annexId);
    const del = await call('chair@ayil.kg', 'DELETE', `/api/acts/${actId}/annexes/${secondId}`);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ removed: { id: secondId, fileName: 'сүрөт.pdf' }, act: { annexes: [] } });
    const unknown = await call('chair@ayil.kg', 'DELETE', `/api/acts/${actId}/annexes/${secondId}`);
    expect(unknown.statusCode).toBe(404);

    const before = await actEvents(actId);
    const refused = await call('chair@ayil.kg', 'POST', `/api/acts/${actId}/issue?lang=ru`);
    expect(refused.statusCode).toBe(400);
    const problems = refused.json<Refusal>().error.problems!;
    expect(problems.map((p) => [p.field, p.clause])).toEqual([['annexes', '8.1']]);
    expect(problems[0]!.message).toContain('У акта нет ни одного приложения (8.1)');
    expect(await actEvents(actId)).toEqual(before);
  });

  it('one described annex (no file) is enough: the chair issues, the supplier gets its mail, and an issued act keeps its annexes', async () => {
    const described = await call('chair@ayil.kg', 'PATCH', `/api/acts/${actId}`, {
      content: { annexes: [{ title: 'Жерине баруунун протоколу (кагаз түрүндө, топто сакталат)', kind: 'protocol' }] },
    });
    expect(described.json()).toMatchObject({ missing: [] });
    const kept = await upload('chair@ayil.kg', `/api/acts/${actId}/annexes`, { name: 'чатыр.pdf', bytes: PDF });
    const keptId = kept.json<{ id: string }>().id;
    const issued = await call('chair@ayil.kg', 'POST', `/api/acts/${actId}/issue`);
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({
      delivery: 'started',
      act: { status: 'issued', number: '2026-001', issuedOn: '2026-04-22' },
    });
    await engine.advanceTo(Math.max(Date.parse('2026-04-22T04:01:00Z'), engine.now()));
    await firstMailTo(SUPPLIER_EMAIL);
    const events = await actEvents(actId);
    const late = await call('chair@ayil.kg', 'DELETE', `/api/acts/${actId}/annexes/${keptId}?lang=ru`);
    expect(late.statusCode).toBe(409);
    expect(late.json<Refusal>().error.problems![0]).toMatchObject({ field: 'status', clause: '8.1' });
    expect(late.json<Refusal>().error.problems![0]!.message).toContain('выданный акт не изменяется');
    expect(await actEvents(actId)).toEqual(events);
  });

  it('4.2: the supplier’s days left are counted on its Labour Code calendar, and the count names it', async () => {
    const receipt = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/receipt`, { receivedOn: '2026-04-22' });
    expect(receipt.statusCode).toBe(200);
    const state = await call('chair@ayil.kg', 'GET', `/api/acts/${actId}/state`);
    expect(state.statusCode).toBe(200);
    const answer = state
      .json<{
        obligations: {
          key: string;
          due: string;
          daysLeft: { left: number } | null;
          calendar: { kind: string; name: { ru: string } };
        }[];
      }>()
      .obligations.find((o) => o.key === 'object-response')!;
    expect(answer.due).toBe('2026-05-14');
    expect(answer.calendar.kind).toBe('labour-code');
    expect(answer.calendar.name.ru).toBe('календарь рабочих дней по Трудовому кодексу (без переносов)');
    // The council's calendar counts Saturday 25 April as worked: one day more than the supplier's own.
    const council = await calendarForCouncil(t.db, councilId);
    const own = workingDaysBetween(calendarOfKind(council, 'labour-code'), '2026-04-22', '2026-05-14');
    const transfers = workingDaysBetween(calendarOfKind(council, 'with-transfers'), '2026-04-22', '2026-05-14');
    expect(transfers).toBe(own + 1);
    expect(answer.daysLeft?.left).toBe(own);
    const shown = await page('chair@ayil.kg', `/manage/acts/${actId}?lang=en`);
    expect(shown.body).toContain('days left are counted on the Labour Code working-day calendar (without transfers)');
  });
});

describe.skipIf(!runs)(
  'only a group that stands acts (8.1, 5.4.5, 5.3.1): 409 naming the rule, nothing written',
  () => {
    async function completeDraft(chair: string, group: string): Promise<string> {
      const res = await call(chair, 'POST', `/api/groups/${group}/acts`, {
        objectId: supplierId,
        content: { ...WITHOUT_ANNEXES, annexes: [{ title: 'Протокол', kind: 'protocol' }] },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; missing: unknown[] }>().id;
    }

    it.each([
      ['a group still forming', 'chair@forming.kg', () => formingGroupId, 'group-forming', '5.4.5', 'ещё формируется'],
      [
        'a group whose term ended',
        'chair@ended.kg',
        () => endedGroupId,
        'group-term-ended',
        '5.3.1',
        'Срок полномочий',
      ],
    ])(
      '%s: the act is not issued and no information is requested',
      async (_what, chair, group, code, clause, words) => {
        const actId = await completeDraft(chair, group());
        const acts = await dumpTable(t.db, 'acts');
        const events = await actEvents(actId);
        const refused = await call(chair, 'POST', `/api/acts/${actId}/issue?lang=ru`);
        expect(refused.statusCode).toBe(409);
        const [p] = refused.json<Refusal>().error.problems!;
        expect(p).toMatchObject({ field: 'groupId', rule: code, clause });
        expect(p!.message).toContain(words);
        expect(await dumpTable(t.db, 'acts')).toEqual(acts);
        expect(await actEvents(actId)).toEqual(events);
        // The page says it in the page's language, above the act.
        const onPage = await form(chair, `/manage/acts/${actId}/issue?lang=en`);
        expect(onPage.statusCode).toBe(409);
        expect(onPage.body).toContain(clause);
        // 7.3.2(1): the same rule for an information request.
        const requests = await dumpTable(t.db, 'information_requests');
        const request = await call(chair, 'POST', `/api/groups/${group()}/requests?lang=en`, {
          objectId: supplierId,
          subject: 'Келишимдин көчүрмөсү',
          purpose: 'Чатырды оңдоо иштерин баалоо',
        });
        expect(request.statusCode).toBe(409);
        expect(request.json<Refusal>().error.problems![0]).toMatchObject({ field: 'groupId', rule: code, clause });
        expect(await dumpTable(t.db, 'information_requests')).toEqual(requests);
      },
    );
  },
);
