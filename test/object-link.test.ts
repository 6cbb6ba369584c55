// The monitored object's page through its signed link (4.3), on a real Postgres database, Temporal's real time-skipping
// test server (the real act workflow and activities on a real worker) and a real SMTP server: the links come from the mails the workflow sent.
// Refused links (damaged, altered, expired, for another act, revoked by a fresh one) show only why, in the request's
// language; a good link shows the act and records nothing (a mail scanner opens links too) until the party presses
// "I have received it" (once: a second press adds no event and no mail); then it shows the due date with the working
// days left, and takes an answer with a file (a double submit records once, a late one is accepted and marked late).
// Without the engine the page still reads, and the receipt and an answer are a 503 that writes nothing. Staff re-send
// a fresh link: its mail arrives once, the earlier link answers 410. The link routes are rate-limited.
// Acts are issued on Monday 1 June 2026 (no holidays in June): opened that day, the answer is due Monday 15 June.
// The server's clock starts on 1 June 10:00 Bishkek and runs at wall speed between the jumps the tests ask for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { createResponseToken, RESPONSE_TOKEN_MESSAGES } from '../security/response-token';
import { countRows, dumpTable } from './support/db-dump';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { tamperSignature } from './support/tamper';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, 'object link pages');
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'object-link-test-secret-0123456789abcdefgh';
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';
const SCHOOL_EMAIL = 'mektep@ayil.kg';
const PURPOSE = 'Ичүүчү суунун сапатын баалоо';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0)]);

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let dataDir: string;
let schoolId: string;
let staffHeaders: Record<string, string>;
/** Acts A, B, C issued to the school on 1 June, and the path of each one's link (from its mail). */
const acts: Record<'a' | 'b' | 'c', { id: string; link: string }> = {
  a: { id: '', link: '' },
  b: { id: '', link: '' },
  c: { id: '', link: '' },
};

const CONTENT = {
  purpose: PURPOSE,
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-05-04',
  periodEnd: '2026-05-22',
  findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
};

beforeAll(async () => {
  if (!server.available) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-object-link-'));
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
    config: {
      ...loadConfig({}),
      dataDir,
      responseLinkSecret: SECRET,
      smtpUrl: smtp.url,
      mailFrom: MAIL_FROM,
      publicBaseUrl: 'https://jmeg.example.kg',
    },
    clock: () => engine.now(),
    engine,
  });
  await app.ready();

  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' }, email: 'kenesh@ayil.kg' },
    'test',
  );
  const groupId = await openGroup(t.db, { councilId }, 'test');
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
  schoolId = (
    await registerObject(
      t.db,
      {
        councilId,
        kind: 'municipal_institution',
        name: { ky: 'Терек-Суу мектеби', ru: 'Терек-Суйская школа' },
        emails: [SCHOOL_EMAIL],
      },
      'test',
    )
  ).id;
  await createAccount(t.db, { email: 'staff@ayil.kg', password: PASSWORD, role: 'staff', councilId });

  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'staff@ayil.kg', password: PASSWORD },
  });
  const headers = {
    cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  };
  staffHeaders = headers;
  for (const key of ['a', 'b', 'c'] as const) {
    const draft = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/acts`,
      headers,
      payload: { objectId: schoolId, title: `Акт ${key}`, content: CONTENT },
    });
    acts[key].id = draft.json<{ id: string }>().id;
    const issued = await app.inject({ method: 'POST', url: `/api/acts/${acts[key].id}/issue`, headers });
    expect(issued.json()).toMatchObject({ delivery: 'started' });
  }
  // A minute after the issues, or now when the issues themselves took longer on a slow machine.
  await engine.advanceTo(Math.max(Date.parse('2026-06-01T04:01:00Z'), engine.now()));
  for (const key of ['a', 'b', 'c'] as const) {
    const mail = await mailWith(`/acts/${acts[key].id}/respond?t=`);
    acts[key].link = /https:\/\/jmeg\.example\.kg(\/acts\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(
      mail.parsed.text ?? '',
    )![1]!;
  }
}, 120_000);

/** Waits (real time, polling) for the school's mail whose text contains `text`. */
async function mailWith(text: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = smtp.received.find((m) => m.envelopeTo.includes(SCHOOL_EMAIL) && (m.parsed.text ?? '').includes(text));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${SCHOOL_EMAIL} with ${text} after 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const tokenOf = (link: string) => new URL(link, 'https://x').searchParams.get('t')!;

function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----jmeg${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function answer(link: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const body = multipart(fields, file);
  return app.inject({
    method: 'POST',
    url: link,
    headers: { 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** The page's "I have received it" form action for a link (the receipt is this POST, never the GET). */
const receiptOf = (link: string) => link.replace('/respond?', '/respond/receipt?');
const eventsOf = (actId: string) =>
  t.db.selectFrom('events').select(['type', 'payload']).where('stream_id', '=', `act-${actId}`).execute();
const nonceOf = (body: string) => /name="nonce" value="([^"]+)"/.exec(body)?.[1] ?? '';
const responsesOf = (actId: string) => t.db.selectFrom('responses').selectAll().where('act_id', '=', actId).execute();

describe.skipIf(!runs)('a refused link shows only why, in the request language', () => {
  it.each([
    [
      'altered (a changed signature)',
      () => `/acts/${acts.a.id}/respond?t=${tamperSignature(tokenOf(acts.a.link))}`,
      403,
      'tampered',
    ],
    [
      'damaged (cut short)',
      () => `/acts/${acts.a.id}/respond?t=${tokenOf(acts.a.link).split('.')[0]}`,
      403,
      'malformed',
    ],
    ['missing', () => `/acts/${acts.a.id}/respond`, 403, 'malformed'],
    ['for another act', () => `/acts/${acts.b.id}/respond?t=${tokenOf(acts.a.link)}`, 403, 'wrong-act'],
    [
      'expired',
      () =>
        `/acts/${acts.a.id}/respond?t=${createResponseToken({ actId: acts.a.id, objectId: schoolId, expiresAtMs: engine.now() - 1 }, SECRET)}`,
      410,
      'expired',
    ],
  ] as const)('%s', async (_name, url, status, code) => {
    for (const lang of ['ky', 'ru'] as const) {
      const res = await get(`${url()}${url().includes('?') ? '&' : '?'}lang=${lang}`);
      expect(res.statusCode).toBe(status);
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(RESPONSE_TOKEN_MESSAGES[code][lang].replace(/'/g, '&#39;'));
      expect(res.body).not.toContain(PURPOSE);
      expect(res.body).not.toContain('name="text"');
    }
    const json = await get(url().replace('/acts/', '/api/acts/'), { 'accept-language': 'ru' });
    expect(json.statusCode).toBe(status);
    expect(json.json()).toEqual({ error: { code: `link-${code}`, message: RESPONSE_TOKEN_MESSAGES[code].ru } });
    // A refused link records no receipt.
    expect(
      (await t.db.selectFrom('acts').select('received_on').where('id', '=', acts.a.id).executeTakeFirstOrThrow())
        .received_on,
    ).toBeNull();
  });

  it('an answer through a refused link is refused the same way and records nothing', async () => {
    const res = await answer(`/acts/${acts.a.id}/respond?t=${tamperSignature(tokenOf(acts.a.link))}`, {
      text: 'x',
      nonce: 'abcdefghijklmnopqrstuv',
    });
    expect(res.statusCode).toBe(403);
    expect(await responsesOf(acts.a.id)).toEqual([]);
  });
});

describe.skipIf(!runs)('without the engine', () => {
  it('the page still shows the act; the receipt says it could not be recorded (503); an answer is a 503 writing nothing', async () => {
    const tables = ['events', 'acts', 'responses', 'mail_outbox'];
    const before = await Promise.all(tables.map((x) => dumpTable(t.db, x)));
    engine.setAvailable(false);
    try {
      const page = await get(`${acts.c.link}&lang=ky`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(PURPOSE);
      expect(page.body).toContain('Мөөнөт актыны алган күндөн эсептелет (4.3).');
      const receipt = await app.inject({ method: 'POST', url: receiptOf(`${acts.c.link}&lang=ky`) });
      expect(receipt.statusCode).toBe(503);
      expect(receipt.body).toContain('Актыны алганыңыз азыр катталган жок');
      expect(receipt.body).toContain('>Алдым</button>');
      const res = await answer(
        `${acts.c.link}&lang=ru`,
        { text: 'Ответ', nonce: 'abcdefghijklmnopqrstuv' },
        { name: 'plan.pdf', bytes: PDF },
      );
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Служба процедур (Temporal) сейчас недоступна');
      expect(res.body).toContain('>Ответ</textarea>');
    } finally {
      engine.setAvailable(true);
    }
    expect(await Promise.all(tables.map((x) => dumpTable(t.db, x)))).toEqual(before);
  });
});

describe.skipIf(!runs)('a good link', () => {
  it('opening it records nothing: the act and the "I have received it" button, no answer form (4.3)', async () => {
    const before = await countRows(t.db, 'events');
    const mails = smtp.received.length;
    for (const lang of ['ky', 'ru'] as const) {
      const res = await get(`${acts.a.link}&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(PURPOSE);
      expect(res.body).toContain(`action="/acts/${acts.a.id}/respond/receipt?t=${tokenOf(acts.a.link)}&lang=${lang}"`);
      expect(res.body).toContain(lang === 'ky' ? '>Алдым</button>' : '>Акт получен</button>');
      expect(res.body).not.toContain('name="text"');
    }
    const json = await get(acts.a.link.replace('/acts/', '/api/acts/'));
    expect(json.json()).toMatchObject({ receipt: null });
    expect(await countRows(t.db, 'events')).toBe(before);
    expect(
      (await t.db.selectFrom('acts').select('received_on').where('id', '=', acts.a.id).executeTakeFirstOrThrow())
        .received_on,
    ).toBeNull();
    expect(smtp.received.length).toBe(mails);
  });

  it('"I have received it" records the receipt once: a second press adds no event and no mail', async () => {
    const first = await app.inject({ method: 'POST', url: receiptOf(`${acts.a.link}&lang=ky`) });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/acts/${acts.a.id}/respond?t=${tokenOf(acts.a.link)}&lang=ky&done=received`);
    const events = await countRows(t.db, 'events');
    const mails = smtp.received.length;
    const second = await app.inject({ method: 'POST', url: receiptOf(`${acts.a.link}&lang=ky`) });
    expect(second.statusCode).toBe(303);
    const json = await app.inject({
      method: 'POST',
      url: receiptOf(acts.a.link).replace('/acts/', '/api/acts/'),
      payload: {},
    });
    expect(json.json()).toMatchObject({ party: 'object', receivedOn: '2026-06-01', via: 'link' });
    expect(await countRows(t.db, 'events')).toBe(events);
    expect(smtp.received.length).toBe(mails);
    expect((await eventsOf(acts.a.id)).filter((e) => e.type === 'act.received')).toHaveLength(1);
    const thanks = await get(first.headers.location!);
    expect(thanks.body).toContain('Актыны алганыңыз катталды: 01.06.2026.');
  });

  it('received, it shows the act, the due date and the working days left (ky)', async () => {
    const res = await get(acts.a.link);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('<html lang="ky">');
    expect(res.body).toContain('Урматтуу Терек-Суу мектеби!');
    expect(res.body).toContain('<strong>Акт a</strong>');
    expect(res.body).toContain(PURPOSE);
    expect(res.body).toContain('Үч көчөдө суу жумасына эки күн гана берилет.');
    expect(res.body).toContain('15.06.2026 күнүнө чейин.');
    expect(res.body).toContain('10 жумуш күнү калды');
    // The count as the calculator draws it: June 2026 as a month grid, on the school's calendar.
    expect(res.body).toMatch(/<table class="cal"><caption>[^<]*2026/);
    expect(res.body).toContain('/assets/calendar-grid.');
    expect(res.body).toContain('enctype="multipart/form-data"');
    // The object sees what it owes, not the executive body's report.
    expect(res.body).not.toContain('01.07.2026');
    const act = await t.db
      .selectFrom('acts')
      .select(['status', 'received_on', 'received_via'])
      .where('id', '=', acts.a.id)
      .executeTakeFirstOrThrow();
    expect(act).toEqual({ status: 'received', received_on: '2026-06-01', received_via: 'link' });
  });

  it('in Russian by Accept-Language, the language switch keeping the link', async () => {
    const res = await get(acts.a.link, { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain('Ваш срок');
    expect(res.body).toContain('до 15.06.2026.');
    expect(res.body).toContain('Осталось 10 рабочих дней');
    expect(res.body).toContain(`href="/acts/${acts.a.id}/respond?t=${tokenOf(acts.a.link)}&amp;lang=ky"`);
  });

  it('an answer with a file: 303 to a thank-you; the same form sent twice records one answer and one file', async () => {
    await engine.advanceTo('2026-06-03T05:00:00Z');
    const page = await get(acts.a.link);
    const nonce = nonceOf(page.body);
    expect(nonce).not.toBe('');
    const fields = { text: 'Себептери: насос бузулган. Чаралар: июлда алмаштырылат.', nonce };
    const first = await answer(`${acts.a.link}&lang=ky`, fields, { name: 'plan.pdf', bytes: PDF });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/acts/${acts.a.id}/respond?t=${tokenOf(acts.a.link)}&lang=ky&done=responded`);
    const second = await answer(`${acts.a.link}&lang=ky`, fields, { name: 'plan.pdf', bytes: PDF });
    expect(second.statusCode).toBe(303);
    const rows = await responsesOf(acts.a.id);
    expect(rows.map((r) => [r.kind, r.late, r.body, r.responder])).toEqual([
      ['object-response', false, fields.text, `object:${schoolId}`],
    ]);
    const files = await t.db
      .withTables<{ response_files: { response_id: string; file_name: string; media_type: string } }>()
      .selectFrom('response_files')
      .select(['response_id', 'file_name', 'media_type'])
      .execute();
    expect(files).toEqual([{ response_id: rows[0]!.id, file_name: 'plan.pdf', media_type: 'application/pdf' }]);
    const thanks = await get(first.headers.location!);
    expect(thanks.body).toContain('Рахмат! Жообуңуз кабыл алынды.');
    expect(thanks.body).toContain('Сиздин жоопторуңуз');
    expect(thanks.body).toContain('03.06.2026');
    expect(thanks.body).toContain('аткарылды');
  });

  it('a file the annex policy refuses (a renamed program), or an empty text, comes back as the form with the reason; nothing recorded', async () => {
    expect((await app.inject({ method: 'POST', url: receiptOf(acts.b.link) })).statusCode).toBe(303);
    const page = await get(acts.b.link);
    const nonce = nonceOf(page.body);
    const renamed = await answer(
      `${acts.b.link}&lang=ru`,
      { text: 'Ответ с приложением', nonce },
      { name: 'scan.pdf', bytes: EXE },
    );
    expect(renamed.statusCode).toBe(400);
    expect(renamed.body).toContain('scan.pdf: содержимое не похоже на файл .pdf');
    expect(renamed.body).toContain('>Ответ с приложением</textarea>');
    expect(nonceOf(renamed.body)).toBe(nonce);
    const empty = await answer(`${acts.b.link}&lang=ky`, { text: '  ', nonce });
    expect(empty.statusCode).toBe(400);
    expect(await responsesOf(acts.b.id)).toEqual([]);
  });

  it('an answer after the due date is accepted and marked late', async () => {
    // Act B was received on 3 June (its button above): due Wednesday 17 June.
    expect(
      (await t.db.selectFrom('acts').select('received_on').where('id', '=', acts.b.id).executeTakeFirstOrThrow())
        .received_on,
    ).toBe('2026-06-03');
    await engine.advanceTo('2026-06-18T05:00:00Z');
    const page = await get(`${acts.b.link}&lang=ru`);
    expect(page.body).toContain('Срок истёк 1 рабочий день назад');
    const res = await answer(`${acts.b.link}&lang=ru`, { text: 'Поздний ответ', nonce: nonceOf(page.body) });
    expect(res.statusCode).toBe(303);
    const rows = await responsesOf(acts.b.id);
    expect(rows.map((r) => [r.kind, r.late])).toEqual([['object-response', true]]);
    const thanks = await get(res.headers.location!);
    expect(thanks.body).toContain('отмечено, что он поступил после срока');
    expect(thanks.body).toContain('с опозданием');
  });
});

describe.skipIf(!runs)('the JSON door', () => {
  it('GET and POST /api/acts/:actId/respond do what the page does', async () => {
    const link = acts.c.link.replace('/acts/', '/api/acts/');
    const unreceived = await get(`${link}&lang=en`);
    const before = unreceived.json<{ receipt: unknown; receiptNote: string }>();
    expect(before.receipt).toBeNull();
    expect(before.receiptNote).toContain('Opening this page records nothing');
    expect((await app.inject({ method: 'POST', url: receiptOf(link), payload: {} })).statusCode).toBe(200);
    const view = await get(`${link}&lang=en`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      act: { id: acts.c.id, content: { purpose: PURPOSE } },
      receipt: { receivedOn: '2026-06-18', via: 'link' },
      obligations: [{ key: 'object-response', due: '2026-07-02', daysLeft: { unit: 'working', left: 10 } }],
    });
    const post = await app.inject({
      method: 'POST',
      url: link,
      payload: { text: 'Answer', submissionKey: 'client-key-1' },
    });
    expect(post.statusCode).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: link,
      payload: { text: 'Answer', submissionKey: 'client-key-1' },
    });
    expect(again.json<{ responseId: string }>().responseId).toBe(post.json<{ responseId: string }>().responseId);
    expect(await responsesOf(acts.c.id)).toHaveLength(1);
    const unknown = await app.inject({
      method: 'POST',
      url: link,
      payload: { text: 'Answer', submissionKey: 'k', obligationKey: 'executive-report' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { field: 'obligationKey', rule: 'unknown-property' } });
  });

  it('is rate-limited per address and act: 429 after 60 reads in 15 minutes', async () => {
    const url = '/api/acts/rate-limit-probe/respond?t=bad';
    for (let i = 0; i < 60; i++) expect((await get(url, { 'x-test': String(i) })).statusCode).toBe(403);
    const limited = await get(`${url}&lang=ru`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'too-many-attempts' } });
  });
});

describe.skipIf(!runs)('a fresh link re-sent by staff', () => {
  // The clock ran on to 18 June: a fresh session.
  beforeAll(async () => {
    if (!server.available) return;
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff@ayil.kg', password: PASSWORD },
    });
    staffHeaders = {
      cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
  });
  const schoolMails = (text: string) =>
    smtp.received.filter((m) => m.envelopeTo.includes(SCHOOL_EMAIL) && (m.parsed.text ?? '').includes(text));
  const freshLinkIn = (text: string) =>
    /https:\/\/jmeg\.example\.kg(\/acts\/[^/\s]+\/respond\?t=[\w.-]+)/.exec(text)![1]!;

  it('is mailed once; the earlier link answers 410 in ky and ru and records nothing; the fresh one opens the act', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/acts/${acts.b.id}/resend-link`,
      headers: staffHeaders,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ generation: 1, to: [SCHOOL_EMAIL], mail: 'sent' });
    const mail = await mailWith('Бул жаңы шилтеме.');
    const fresh = freshLinkIn(mail.parsed.text ?? '');
    expect(fresh).not.toBe(acts.b.link);
    await new Promise((r) => setTimeout(r, 200));
    expect(schoolMails('Бул жаңы шилтеме.')).toHaveLength(1);
    expect(
      await t.db
        .selectFrom('mail_outbox')
        .select('status')
        .where('business_key', '=', `act:${acts.b.id}:link:object:1`)
        .execute(),
    ).toEqual([{ status: 'sent' }]);

    const events = await countRows(t.db, 'events');
    for (const lang of ['ky', 'ru'] as const) {
      const old = await get(`${acts.b.link}&lang=${lang}`);
      expect(old.statusCode).toBe(410);
      expect(old.body).toContain(`<html lang="${lang}">`);
      expect(old.body).toContain(RESPONSE_TOKEN_MESSAGES.revoked[lang]);
      expect(old.body).not.toContain(PURPOSE);
      const receipt = await app.inject({ method: 'POST', url: receiptOf(`${acts.b.link}&lang=${lang}`) });
      expect(receipt.statusCode).toBe(410);
      expect(receipt.body).toContain(RESPONSE_TOKEN_MESSAGES.revoked[lang]);
    }
    const json = await get(acts.b.link.replace('/acts/', '/api/acts/'), { 'accept-language': 'ru' });
    expect(json.statusCode).toBe(410);
    expect(json.json()).toEqual({ error: { code: 'link-revoked', message: RESPONSE_TOKEN_MESSAGES.revoked.ru } });
    expect(await countRows(t.db, 'events')).toBe(events);

    const opened = await get(fresh);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(PURPOSE);
  });

  it('from the act page (CSRF form): a second re-send revokes the first fresh link too; the page says where it went', async () => {
    const form = await app.inject({
      method: 'POST',
      url: `/manage/acts/${acts.b.id}/resend-link?lang=ru`,
      headers: { cookie: staffHeaders.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(staffHeaders['x-csrf-token']!)}&party=object`,
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toContain('resent=object&g=2&mail=sent');
    const page = await get(form.headers.location!, { cookie: staffHeaders.cookie! });
    expect(page.body).toContain(`Новая ссылка отправлена (${SCHOOL_EMAIL}); прежняя ссылка больше не действует.`);
    const mails = schoolMails('Бул жаңы шилтеме.');
    expect(mails).toHaveLength(2);
    const first = freshLinkIn(mails[0]!.parsed.text ?? '');
    expect((await get(`${first}&lang=ky`)).statusCode).toBe(410);
    expect((await get(freshLinkIn(mails[1]!.parsed.text ?? ''))).statusCode).toBe(200);
    // Without the CSRF token the form is refused and nothing is sent.
    const forged = await app.inject({
      method: 'POST',
      url: `/manage/acts/${acts.b.id}/resend-link?lang=ru`,
      headers: { cookie: staffHeaders.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'party=object',
    });
    expect(forged.statusCode).toBe(403);
    expect(schoolMails('Бул жаңы шилтеме.')).toHaveLength(2);
  });
});
