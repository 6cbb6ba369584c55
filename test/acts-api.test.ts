// Objects and acts over HTTP (4.2, 4.3, 8.1) on a real Postgres database, Temporal's real time-skipping test server
// (the real act workflow and activities on a real worker) and a real SMTP server: register objects, draft an act, the issue refused while 8.1 items
// are missing, the annex policy, the issue that starts the procedure and mails the link, the object answering through
// it with a file, the state the staff see, 503 writing nothing, a start that fails after the issue, and the staff pages.
// The act is issued on Monday 1 June 2026 (no holidays in June): received the same day, the object's answer is due on
// Monday 15 June (10 working days) and the executive body's report on Wednesday 1 July (30 days).
// The server's clock starts on 1 June 10:00 Bishkek and runs at wall speed between the jumps the tests ask for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { EngineUnavailableError, type ProcedureEngine } from '../procedures/engine';
import { loadConfig, type AppConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { actWorkflowId } from '../workflows/act/contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { dumpTable } from './support/db-dump';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, 'acts API');
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'acts-api-test-secret-0123456789abcdefghij';
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const SCHOOL_EMAIL = 'mektep@ayil.kg';

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let config: AppConfig;
let dataDir: string;
let councilId: string;
let otherCouncilId: string;
let groupId: string;
let schoolId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0)]);

const COMPLETE = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-05-04',
  periodEnd: '2026-05-22',
  findings: [
    { kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' },
    { kind: 'evaluation', text: 'Тургундардын 62% канааттанбайт.', method: 'questionnaire' },
  ],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
};

beforeAll(async () => {
  if (!server.available) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-acts-api-'));
  engine = await createTimeSkippingEngine({
    serverPath: server.path,
    db: t.db,
    transport,
    mailFrom: MAIL_FROM,
    startTime: START,
    extraActivityConfig: { responseLinkSecret: SECRET, publicBaseUrl: 'https://jmeg.example.kg' },
  });
  config = { ...loadConfig({}), dataDir, responseLinkSecret: SECRET };
  app = buildApp({ db: t.db, config, clock: () => engine.now(), engine });
  await app.ready();

  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' }, email: 'kenesh@ayil.kg' },
    'test',
  );
  otherCouncilId = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId); // 5.4.5: the group acts once created
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
  await createAccount(t.db, { email: 'staff@ayil.kg', password: PASSWORD, role: 'staff', councilId });
  await createAccount(t.db, { email: 'deputy@ayil.kg', password: PASSWORD, role: 'deputy', councilId });
  await createAccount(t.db, { email: 'chair@ayil.kg', password: PASSWORD, role: 'chair', groupId });
  await createAccount(t.db, { email: 'member@ayil.kg', password: PASSWORD, role: 'member', groupId });
  await createAccount(t.db, { email: 'staff@kokjar.kg', password: PASSWORD, role: 'staff', councilId: otherCouncilId });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Session {
  cookie: string;
  csrf: string;
}

// Sessions end after 12 idle hours of the app's clock, which is the server's: log in again after a jump.
const sessions = new Map<string, Session & { at: number }>();
async function login(email: string): Promise<Session> {
  const known = sessions.get(email);
  if (known && engine.now() - known.at < 11 * 3600_000) return known;
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const session = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
    at: engine.now(),
  };
  sessions.set(email, session);
  return session;
}

async function call(who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (who) {
    const s = await login(who);
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/** A multipart/form-data body: text fields and at most one file. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
): { payload: Buffer; contentType: string } {
  const boundary = `----jmeg${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  who: string,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
) {
  const s = await login(who);
  const body = multipart(fields, file);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));

/**
 * Moves the server's clock to `instant`, or only lets what is due run when the running clock is already past it
 * (the instants below are a minute after a step, which a slow machine may have spent on the step itself).
 */
const advanceTo = (instant: string) => engine.advanceTo(Math.max(Date.parse(instant), engine.now()));

/** Waits (real time, polling) until `address` has received at least one mail. */
async function firstMailTo(address: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (mailsTo(address).length === 0) {
    if (Date.now() > deadline) throw new Error(`no mail to ${address} after 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function actEventTypes(actId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('events')
    .select('type')
    .where('stream_id', '=', `act-${actId}`)
    .orderBy('stream_version')
    .execute();
  return rows.map((r) => r.type);
}

describe.skipIf(!runs)('monitored objects over HTTP (4.2, 4.3)', () => {
  it('staff register an object; the list is the council staff’s and deputies’', async () => {
    const res = await call('staff@ayil.kg', 'POST', `/api/councils/${councilId}/objects`, {
      kind: 'municipal_institution',
      name: { ky: 'Терек-Суу мектеби', ru: 'Терек-Суйская школа' },
      emails: [SCHOOL_EMAIL],
    });
    expect(res.statusCode).toBe(201);
    schoolId = res.json<{ id: string }>().id;
    expect(res.json()).toMatchObject({ kind: 'municipal_institution', emails: [SCHOOL_EMAIL], isExecutiveBody: false });
    for (const who of ['staff@ayil.kg', 'deputy@ayil.kg']) {
      const list = await call(who, 'GET', `/api/councils/${councilId}/objects`);
      expect(list.statusCode).toBe(200);
      expect(list.json<{ objects: { name: { ky: string } }[] }>().objects.map((o) => o.name.ky)).toEqual([
        'Терек-Суу айыл өкмөтү',
        'Терек-Суу мектеби',
      ]);
    }
    for (const who of ['chair@ayil.kg', 'member@ayil.kg', 'staff@kokjar.kg'])
      expect((await call(who, 'GET', `/api/councils/${councilId}/objects`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/api/councils/${councilId}/objects`)).statusCode).toBe(401);
    expect(
      (
        await call('deputy@ayil.kg', 'POST', `/api/councils/${councilId}/objects`, {
          kind: 'municipal_enterprise',
          name: { ky: 'a', ru: 'a' },
          emails: ['a@ayil.kg'],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses bad input naming the field (400) and a second executive body (409), writing nothing', async () => {
    const before = await dumpTable(t.db, 'monitored_objects');
    const cases: [unknown, string, string][] = [
      [
        { kind: 'municipal_enterprise', name: { ky: 'Суу', ru: 'Вода' }, emails: ['not-an-address'] },
        'emails[0]',
        'email',
      ],
      [{ kind: 'municipal_enterprise', name: { ky: ' ', ru: 'Вода' }, emails: ['suu@ayil.kg'] }, 'name.ky', 'required'],
      [{ kind: 'municipal_enterprise', name: { ky: 'Суу', ru: 'Вода' }, emails: [] }, 'emails', 'required'],
      [{ kind: 'school', name: { ky: 'Суу', ru: 'Вода' }, emails: ['suu@ayil.kg'] }, 'kind', 'one-of'],
      [
        { kind: 'municipal_enterprise', name: { ky: 'Суу', ru: 'Вода' }, emails: ['suu@ayil.kg'], phone: '0700' },
        'phone',
        'unknown-property',
      ],
    ];
    for (const [body, field, rule] of cases) {
      const res = await call('staff@ayil.kg', 'POST', `/api/councils/${councilId}/objects?lang=ru`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field, rule } });
    }
    const second = await call('staff@ayil.kg', 'POST', `/api/councils/${councilId}/objects?lang=ru`, {
      kind: 'executive_body',
      name: { ky: 'Экинчи', ru: 'Второй' },
      emails: ['b@ayil.kg'],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json<{ error: { message: string } }>().error.message).toContain(
      'Исполнительный орган этого кенеша уже зарегистрирован: «Терек-Суйский айыл окмоту»',
    );
    expect(second.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/u); // the body by its name, not its id
    expect(await dumpTable(t.db, 'monitored_objects')).toEqual(before);
  });
});

describe.skipIf(!runs)('an act from draft to answer', () => {
  let actId: string;
  let link: string;

  it('drafts an act (the group or staff, not deputies: 8.1); the draft lists what 8.1 still needs', async () => {
    expect(
      (await call('deputy@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId: schoolId })).statusCode,
    ).toBe(403);
    const res = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, {
      objectId: schoolId,
      content: { purpose: COMPLETE.purpose },
    });
    expect(res.statusCode).toBe(201);
    const act = res.json<{
      id: string;
      status: string;
      missing: { field: string }[];
      content: { object: { kind: string; name: string } };
    }>();
    actId = act.id;
    expect(act.status).toBe('draft');
    expect(act.content.object).toEqual({ kind: 'municipal_institution', name: 'Терек-Суу мектеби' });
    expect(act.missing.map((m) => m.field)).toEqual([
      'subject',
      'place',
      'periodStart',
      'periodEnd',
      'findings',
      'recommendations',
      'annexes',
    ]);
    const unknown = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, {
      objectId: schoolId,
      content: { purpose: 'x', purpse: 'typo' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { field: 'content.purpse', rule: 'unknown-property' } });
    const foreign = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId: 'no-such-object' });
    expect(foreign.json()).toMatchObject({
      error: { code: 'invalid-input', field: 'objectId', rule: 'unknown-object' },
    });
    // Every reader of the group sees drafts on the staff side; another council's staff do not.
    for (const who of ['staff@ayil.kg', 'deputy@ayil.kg', 'chair@ayil.kg', 'member@ayil.kg']) {
      const list = await call(who, 'GET', `/api/groups/${groupId}/acts`);
      expect(list.json<{ acts: { id: string }[] }>().acts.map((a) => a.id)).toContain(actId);
      expect((await call(who, 'GET', `/api/acts/${actId}`)).statusCode).toBe(200);
    }
    expect((await call('staff@kokjar.kg', 'GET', `/api/acts/${actId}`)).statusCode).toBe(403);
  });

  it('refuses to issue an incomplete act: 400 with every missing 8.1 item, nothing written, nothing started', async () => {
    const events = await actEventTypes(actId);
    const res = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/issue?lang=ru`);
    expect(res.statusCode).toBe(400);
    const error = res.json<{
      error: { code: string; problems: { field: string; clause: string; message: string }[] };
    }>().error;
    expect(error.code).toBe('step-refused');
    expect(error.problems.map((p) => p.field)).toEqual([
      'subject',
      'place',
      'periodStart',
      'periodEnd',
      'findings',
      'recommendations',
      'annexes',
    ]);
    expect(error.problems.every((p) => p.clause === '8.1')).toBe(true);
    expect(error.problems[0]!.message).toContain('В акте отсутствуют обязательные сведения (8.1)');
    expect(await actEventTypes(actId)).toEqual(events);
    expect(engine.workflowIds).not.toContain(actWorkflowId(actId));
  });

  it('completes the draft with PATCH (only the fields given change)', async () => {
    const res = await call('staff@ayil.kg', 'PATCH', `/api/acts/${actId}`, {
      content: { ...COMPLETE, purpose: undefined },
      title: 'Суу боюнча акт',
    });
    expect(res.statusCode).toBe(200);
    const act = res.json<{ title: string; missing: unknown[]; content: { purpose: string } }>();
    expect(act).toMatchObject({ title: 'Суу боюнча акт', missing: [] });
    expect(act.content.purpose).toBe(COMPLETE.purpose);
    expect((await call('deputy@ayil.kg', 'PATCH', `/api/acts/${actId}`, { title: 'x' })).statusCode).toBe(403);
  });

  it('refuses an annex that is not what its name says (a renamed program) or of a type not allowed, and takes a PDF', async () => {
    const before = await dumpTable(t.db, 'act_annexes');
    const renamed = await upload(
      'staff@ayil.kg',
      `/api/acts/${actId}/annexes?lang=en`,
      {},
      { name: 'protocol.pdf', bytes: EXE },
    );
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json()).toMatchObject({
      error: { code: 'invalid-input', field: 'file', rule: 'annex-content-mismatch' },
    });
    const exe = await upload(
      'staff@ayil.kg',
      `/api/acts/${actId}/annexes?lang=en`,
      {},
      { name: 'setup.exe', bytes: EXE },
    );
    expect(exe.json()).toMatchObject({ error: { field: 'file', rule: 'annex-type-not-allowed' } });
    const s = await login('staff@ayil.kg');
    const unreadable = await app.inject({
      method: 'POST',
      url: `/api/acts/${actId}/annexes`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'multipart/form-data' },
      payload: '-x',
    });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json()).toMatchObject({ error: { field: '(body)', rule: 'multipart' } });
    expect(await dumpTable(t.db, 'act_annexes')).toEqual(before);
    const pdf = await upload(
      'staff@ayil.kg',
      `/api/acts/${actId}/annexes`,
      {},
      { name: 'Протокол №1.pdf', bytes: PDF },
    );
    expect(pdf.statusCode).toBe(201);
    const annex = pdf.json<{ url: string; mediaType: string }>();
    expect(annex.mediaType).toBe('application/pdf');
    // A draft's files are not public: the same 404 as an unknown file for anyone who may not read the act.
    expect((await call(null, 'GET', annex.url)).statusCode).toBe(404);
    expect((await call('staff@kokjar.kg', 'GET', annex.url)).statusCode).toBe(404);
    const mine = await call('staff@ayil.kg', 'GET', annex.url);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.headers['content-disposition']).toBe(
      `attachment; filename="________ _1.pdf"; filename*=UTF-8''${encodeURIComponent('Протокол №1.pdf')}`,
    );
    expect(mine.rawPayload.equals(PDF)).toBe(true);
  });

  it('503 while the engine is away: the issue writes nothing', async () => {
    const tables = ['events', 'acts', 'act_annexes', 'mail_outbox'];
    const before = await Promise.all(tables.map((x) => dumpTable(t.db, x)));
    engine.setAvailable(false);
    try {
      const res = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/issue?lang=ky`);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'engine-unavailable' } });
      const page = await app.inject({
        method: 'POST',
        url: `/manage/acts/${actId}/issue?lang=ru`,
        headers: { cookie: (await login('staff@ayil.kg')).cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${(await login('staff@ayil.kg')).csrf}`,
      });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('Служба процедур (Temporal) сейчас недоступна');
    } finally {
      engine.setAvailable(true);
    }
    expect(await Promise.all(tables.map((x) => dumpTable(t.db, x)))).toEqual(before);
  });

  it('issues the act and starts its procedure: the object gets a mail with its link; the annex is public now', async () => {
    const res = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/issue`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      delivery: 'started',
      alreadyIssued: false,
      act: { status: 'issued', number: '2026-001', issuedOn: '2026-06-01' },
    });
    await advanceTo('2026-06-01T04:01:00Z');
    await firstMailTo(SCHOOL_EMAIL);
    const mails = mailsTo(SCHOOL_EMAIL);
    expect(mails).toHaveLength(1);
    const found = /https:\/\/jmeg\.example\.kg(\/acts\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(mails[0]!.parsed.text ?? '');
    expect(found).not.toBeNull();
    link = found![1]!;
    expect(link.startsWith(`/acts/${actId}/respond?t=`)).toBe(true);
    // Issuing again records nothing and starts nothing new.
    const again = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/issue`);
    expect(again.json()).toMatchObject({ delivery: 'already-started', alreadyIssued: true });
    expect((await actEventTypes(actId)).filter((e) => e === 'act.issued')).toHaveLength(1);
    const detail = await call('member@ayil.kg', 'GET', `/api/acts/${actId}`);
    const url = detail.json<{ annexes: { url: string }[] }>().annexes[0]!.url;
    const anonymous = await call(null, 'GET', url);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['content-disposition']).toMatch(/^attachment;/);
    // The public act page lists the attached file as an annex and links to it.
    const publicPage = await call(null, 'GET', `/acts/${actId}?lang=ky`);
    expect(publicPage.body).toContain(`<a href="${url}" download>Протокол №1.pdf</a>`);
    // An issued act does not change.
    const patch = await call('staff@ayil.kg', 'PATCH', `/api/acts/${actId}`, { title: 'changed' });
    expect(patch.statusCode).toBe(409);
  });

  it('the state shows the procedure awaiting the receipt; the chair cannot close it before an escalation (409)', async () => {
    const state = await call('chair@ayil.kg', 'GET', `/api/acts/${actId}/state`);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({
      source: 'procedure',
      procedure: 'running',
      step: 'awaiting-receipt',
      receipt: null,
      delivery: { to: [SCHOOL_EMAIL] },
    });
    const close = await call('chair@ayil.kg', 'POST', `/api/acts/${actId}/close?lang=en`, { reason: 'no answer' });
    expect(close.statusCode).toBe(409);
    expect(close.json<{ error: { problems: { rule: string; clause: string }[] } }>().error.problems).toEqual([
      expect.objectContaining({ rule: 'not-escalated', clause: '4.3' }),
    ]);
    expect((await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/close`, { reason: 'x' })).statusCode).toBe(403);
  });

  it('the object opens its link, records its receipt by the button, sees its due date and answers with a file; a repeat records once', async () => {
    // Opening the link records nothing (a mail scanner may open it); the deliberate POST does.
    const opened = await app.inject({ method: 'GET', url: link.replace('/acts/', '/api/acts/') });
    expect(opened.json()).toMatchObject({ receipt: null, obligations: [] });
    const received = await app.inject({
      method: 'POST',
      url: link.replace('/acts/', '/api/acts/').replace('/respond?', '/respond/receipt?'),
      payload: {},
    });
    expect(received.statusCode, received.payload).toBe(200);
    expect(received.json()).toMatchObject({ receivedOn: '2026-06-01', via: 'link' });
    const view = await app.inject({ method: 'GET', url: link.replace('/acts/', '/api/acts/') });
    expect(view.statusCode).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.json()).toMatchObject({
      receipt: { receivedOn: '2026-06-01', via: 'link' },
      receiptNote: null,
      obligations: [
        {
          key: 'object-response',
          clause: '4.3',
          due: '2026-06-15',
          daysLeft: { unit: 'working', left: 10 },
          status: 'open',
        },
      ],
    });
    await advanceTo('2026-06-03T05:00:00Z');
    const answer = multipart(
      { text: 'Себептери: насос бузулган. Чаралар: июлда алмаштырылат.', submissionKey: 'answer-1' },
      { name: 'plan.pdf', bytes: PDF },
    );
    const first = await app.inject({
      method: 'POST',
      url: link.replace('/acts/', '/api/acts/'),
      headers: { 'content-type': answer.contentType },
      payload: answer.payload,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      obligationKey: 'object-response',
      respondedOn: '2026-06-03',
      late: false,
      supersedes: null,
      file: { fileName: 'plan.pdf', mediaType: 'application/pdf' },
    });
    const second = await app.inject({
      method: 'POST',
      url: link.replace('/acts/', '/api/acts/'),
      headers: { 'content-type': answer.contentType },
      payload: answer.payload,
    });
    expect(second.json<{ responseId: string }>().responseId).toBe(first.json<{ responseId: string }>().responseId);
    expect(await t.db.selectFrom('responses').select('id').where('act_id', '=', actId).execute()).toHaveLength(1);
    // 4.3(4): the executive body's 30 days count from its own receipt, recorded here by staff (received 1 June).
    const executive = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/receipt`, {
      receivedOn: '2026-06-01',
      party: 'executive_body',
    });
    expect(executive.json()).toMatchObject({ receivedOn: '2026-06-01', via: 'staff', party: 'executive-body' });

    const state = (await call('staff@ayil.kg', 'GET', `/api/acts/${actId}/state`)).json<{
      step: string;
      receipt: unknown;
      obligations: { key: string; status: string; fulfilled: unknown; due: string }[];
      responses: { obligationKey: string; late: boolean; text: string; files: { fileName: string; url: string }[] }[];
    }>();
    expect(state.step).toBe('awaiting-responses');
    expect(state.obligations.map((o) => [o.key, o.due, o.status])).toEqual([
      ['object-response', '2026-06-15', 'met'],
      ['executive-report', '2026-07-01', 'open'],
    ]);
    expect(state.responses).toHaveLength(1);
    expect(state.responses[0]).toMatchObject({
      obligationKey: 'object-response',
      late: false,
      text: 'Себептери: насос бузулган. Чаралар: июлда алмаштырылат.',
    });
    expect(state.responses[0]!.files.map((f) => f.fileName)).toEqual(['plan.pdf']);
    // The object's file is for the act's readers, not the public.
    const fileUrl = state.responses[0]!.files[0]!.url;
    const anonymous = await call(null, 'GET', fileUrl);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?/);
    const file = await call('chair@ayil.kg', 'GET', fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('staff record the executive body’s report received on paper; the act closes when both are met', async () => {
    const res = await call('staff@ayil.kg', 'POST', `/api/acts/${actId}/responses`, {
      obligationKey: 'executive-report',
      respondedOn: '2026-06-03',
      text: 'Насос алмаштырылды.',
      submissionKey: 'paper-1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ obligationKey: 'executive-report', late: false });
    await advanceTo('2026-06-03T05:01:00Z');
    const state = (await call('member@ayil.kg', 'GET', `/api/acts/${actId}/state`)).json<{
      step: string;
      closed: { by: string };
    }>();
    expect(state.step).toBe('closed');
    expect(state.closed.by).toBe('obligations-met');
  });
});

describe.skipIf(!runs)('a start that fails after the issue', () => {
  it('issues the act, says the delivery did not start, and "start again" starts it', async () => {
    const act = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, {
      objectId: schoolId,
      content: COMPLETE,
    });
    const actId = act.json<{ id: string }>().id;
    let fail = true;
    const flaky: ProcedureEngine = {
      available: () => engine.available(),
      start: (type, id, args) =>
        fail
          ? Promise.reject(new EngineUnavailableError('the server went away after the issue'))
          : engine.start(type, id, args),
      update: engine.update.bind(engine),
      query: engine.query.bind(engine),
      signal: engine.signal.bind(engine),
    };
    const flakyApp = buildApp({ db: t.db, config, clock: () => engine.now(), engine: flaky });
    try {
      const s = await login('staff@ayil.kg');
      const form = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      const issued = await flakyApp.inject({
        method: 'POST',
        url: `/manage/acts/${actId}/issue?lang=en`,
        headers: form,
        payload: `_csrf=${s.csrf}`,
      });
      expect(issued.statusCode).toBe(303);
      expect(issued.headers.location).toBe(`/manage/acts/${actId}?lang=en&done=not-delivered`);
      const page = await flakyApp.inject({
        method: 'GET',
        url: issued.headers.location!,
        headers: { cookie: s.cookie },
      });
      expect(page.body).toContain('its delivery has not started');
      expect(page.body).toContain('Start the delivery again');
      expect(await actEventTypes(actId)).toEqual(['act.drafted', 'act.issued']);
      expect(engine.workflowIds).not.toContain(actWorkflowId(actId));
      fail = false;
      const retry = await flakyApp.inject({
        method: 'POST',
        url: `/manage/acts/${actId}/issue?lang=en`,
        headers: form,
        payload: `_csrf=${s.csrf}`,
      });
      expect(retry.headers.location).toBe(`/manage/acts/${actId}?lang=en&done=issued`);
      expect(engine.workflowIds).toContain(actWorkflowId(actId));
      expect((await actEventTypes(actId)).filter((e) => e === 'act.issued')).toHaveLength(1);
    } finally {
      await flakyApp.close();
    }
  });
});

describe.skipIf(!runs)('the staff pages', () => {
  const form = async (who: string, url: string, body: string) => {
    const s = await login(who);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(s.csrf)}&${body}`,
    });
  };
  const get = async (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: (await login(who)).cookie } });

  it('the objects page: staff register with a form (kept on refusal), deputies read without the form', async () => {
    const bad = await form(
      'staff@ayil.kg',
      `/manage/councils/${councilId}/objects?lang=ru`,
      'kind=municipal_enterprise&nameKy=Суу+чарба&nameRu=Водхоз&emails=not-an-address',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Исправьте следующее');
    expect(bad.body).toContain('<strong>первый адрес электронной почты</strong>'); // not emails[0]
    expect(bad.body).not.toContain('emails[0]');
    expect(bad.body).toContain('value="Суу чарба"');
    const good = await form(
      'staff@ayil.kg',
      `/manage/councils/${councilId}/objects?lang=ru`,
      'kind=municipal_enterprise&nameKy=Суу+чарба&nameRu=Водхоз&emails=suu@ayil.kg%0Asuu2@ayil.kg',
    );
    expect(good.statusCode).toBe(303);
    const page = await get('deputy@ayil.kg', `/manage/councils/${councilId}/objects?lang=ky`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Мониторинг объекттери (4.2)');
    expect(page.body).toContain('suu2@ayil.kg');
    expect(page.body).not.toContain('name="nameKy"');
    expect((await get('chair@ayil.kg', `/manage/councils/${councilId}/objects`)).statusCode).toBe(403);
  });

  it('a new draft from the list page (a double submit is one draft), the draft form, an incomplete issue shown on the page', async () => {
    const draftId = '7d0c4b1e-2f7a-4c1b-9d3e-5a6b7c8d9e0f';
    const first = await form(
      'staff@ayil.kg',
      `/manage/groups/${groupId}/acts?lang=ru`,
      `draftId=${draftId}&objectId=${schoolId}&title=`,
    );
    const second = await form(
      'staff@ayil.kg',
      `/manage/groups/${groupId}/acts?lang=ru`,
      `draftId=${draftId}&objectId=${schoolId}&title=`,
    );
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(first.headers.location).toBe(`/manage/acts/${draftId}?lang=ru&done=drafted`);
    expect((await t.db.selectFrom('acts').select('id').where('id', '=', draftId).execute()).length).toBe(1);

    const saved = await form(
      'staff@ayil.kg',
      `/manage/acts/${draftId}/draft?lang=ru`,
      `title=Ашкана&purpose=Баалоо&subject=Ашкана&findingKind=evaluation&findingText=Начар&findingMethod=&findingNote=&annexTitle=&annexKind=`,
    );
    expect(saved.statusCode).toBe(303);
    const refused = await form('staff@ayil.kg', `/manage/acts/${draftId}/issue?lang=ru`, '');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Исправьте следующее');
    expect(refused.body).toContain('не указан метод');
    expect(refused.body).toContain('В акте отсутствуют обязательные сведения (8.1): место проведения.');
    // Each item by its label in the page's language, never by its key or path.
    expect(refused.body).toContain('<strong>Место проведения</strong>');
    expect(refused.body).toContain('<strong>результат 1: метод</strong>');
    expect(refused.body).not.toMatch(/<strong>(place|findings\[0\]\.method)<\/strong>/u);
    const list = await get('deputy@ayil.kg', `/manage/groups/${groupId}/acts?lang=ky`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Ашкана');
    expect(list.body).not.toContain('name="draftId"');
    const unknownField = await form('staff@ayil.kg', `/manage/acts/${draftId}/draft?lang=en`, 'purpse=typo');
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.body).toContain('purpse: no such field');
  });

  it('the annex form posts multipart with _csrf as its first field (not in the URL); a renamed program is refused on the page', async () => {
    const s = await login('staff@ayil.kg');
    const draftId = '7d0c4b1e-2f7a-4c1b-9d3e-5a6b7c8d9e0f';
    const body = multipart({}, { name: 'photo.jpg', bytes: EXE });
    const withoutToken = await app.inject({
      method: 'POST',
      url: `/manage/acts/${draftId}/annexes?lang=ky`,
      headers: { cookie: s.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(withoutToken.statusCode).toBe(403);
    const inTheUrl = await app.inject({
      method: 'POST',
      url: `/manage/acts/${draftId}/annexes?lang=ky&_csrf=${encodeURIComponent(s.csrf)}`,
      headers: { cookie: s.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(inTheUrl.statusCode).toBe(403);
    const form = multipart({ _csrf: s.csrf }, { name: 'photo.jpg', bytes: EXE });
    const refused = await app.inject({
      method: 'POST',
      url: `/manage/acts/${draftId}/annexes?lang=ky`,
      headers: { cookie: s.cookie, 'content-type': form.contentType },
      payload: form.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('photo.jpg: файлдын ичиндегиси .jpg файлына окшобойт');
  });

  it('the act page in ky and ru, with what each role may do', async () => {
    const [act] = await t.db.selectFrom('acts').select('id').where('number', '=', '2026-001').execute();
    const ky = await get('chair@ayil.kg', `/manage/acts/${act!.id}`);
    expect(ky.statusCode).toBe(200);
    expect(ky.body).toContain('<html lang="ky">');
    expect(ky.body).toContain('№ 2026-001 мониторинг жана баалоо акты');
    expect(ky.body).toContain('Акт боюнча жол-жобо (4.3)');
    expect(ky.body).toContain('15.06.2026');
    expect(ky.body).toContain('plan.pdf');
    const ru = await get('staff@ayil.kg', `/manage/acts/${act!.id}?lang=ru`);
    expect(ru.body).toContain('<html lang="ru">');
    expect(ru.body).toContain('Процедура по акту (4.3)');
    expect(ru.body).toContain('исполнено');
    const member = await get('member@ayil.kg', `/manage/acts/${act!.id}`);
    expect(member.statusCode).toBe(200);
    expect(member.body).not.toContain('name="reason"');
    expect((await get('staff@kokjar.kg', `/manage/acts/${act!.id}`)).statusCode).toBe(403);
  });
});
