// Benchmark (not a test): how the pages a chair opens on a phone, and the API behind them, scale with a group's size.
// One database holds three groups (10, 100 and 1,000 issued acts by default, 2 obligations each), recorded through the
// real db functions; each route is measured through app.inject (no network, one request at a time) and over HTTP on a
// real port (Node fetch in a worker thread, 8 requests in flight), with the sizes interleaved so the shared machine's
// load falls on all of them. Also: the SQL statements per request, and where the dashboard's time goes.
//   npx tsx bench/pages.ts [--sizes 10,100,1000] [--requests 300] [--seconds 2.5] [--concurrency 8]
// Postgres at 127.0.0.1:5432 (a scratch database is created and dropped). Writes its section into BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { dashboardData } from '../api/dashboard/data';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { draftAct, issueAct } from '../db/acts';
import { findCouncilById, registerCouncil } from '../db/councils';
import type { Database } from '../db/database';
import { streams, type NewEvent } from '../db/events';
import { regenerateFeedToken } from '../db/feed-tokens';
import { scheduledMeetings } from '../db/group-calendar';
import { findGroupById, openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listRosterEntries } from '../db/members';
import { publishNotice } from '../db/notices';
import { registerObject, type MonitoredObject } from '../db/objects';
import { calendarForCouncil, pendingObligations, pendingQuery } from '../db/pending';
import { record } from '../db/record';
import { groupTimelines } from '../db/timeline';
import type { ActDraft } from '../domain/act';
import { shippedCalendar } from '../domain/calendar';
import { addDays, compareDates } from '../domain/dates';
import { addWorkingDays, computeDeadline } from '../domain/deadlines';
import { bishkekHourEpochMs, reminderLadder } from '../domain/reminders';
import { createTestDatabase } from '../test/support/pg';
import { sampleMember } from '../test/support/sample-roster';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    requests: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '2.5' },
    concurrency: { type: 'string', default: '8' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const REQUESTS = Number(values.requests);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
/** A Friday; the app's clock stands at 10:00 in Bishkek on it. */
const TODAY = '2026-11-20';
const NOW = bishkekHourEpochMs(TODAY, 10);
/** The acts of every group are spread over the two years before TODAY (half of a group's term, 5.3.1). */
const SPAN_DAYS = 730;
const SECRET = 'bench-pages-secret-0123456789abcdefghijklmnop';
const PASSWORD = 'bench pages password';
const cal = shippedCalendar();

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  process.stdout.write(line + '\n');
};
const progress = (line: string) => process.stderr.write(`  ${line}\n`);
const at = (date: string, hour: number) => new Date(bishkekHourEpochMs(date, hour));

interface Group {
  size: number;
  councilId: string;
  groupId: string;
  cookie: string;
  events: number;
}

const draftOf = (i: number, object: MonitoredObject, issuedOn: string): ActDraft => ({
  purpose: 'Муниципалдык кызматтардын сапатын жана жеткиликтүүлүгүн баалоо',
  subject: `${object.name.ky}: кызмат көрсөтүүнүн ${i + 1}-текшерүүсү`,
  object: null,
  place: 'Ак-Суу айылы',
  periodStart: addDays(issuedOn, -20),
  periodEnd: addDays(issuedOn, -3),
  findings: [
    {
      kind: 'fact',
      text: 'Үч көчөдө суу жумасына эки күн гана берилет; графиги жарыяланган эмес.',
      method: 'site_visit',
    },
    {
      kind: 'evaluation',
      text: 'Сурамжылоого катышкан тургундардын 62% кызматка канааттанбайт.',
      method: 'questionnaire',
    },
  ],
  recommendations: ['Суу берүү графигин жарыялоо', 'Тургундардын арыздарын каттоо журналын жүргүзүү'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
});

/**
 * One obligation's history after it opened, as the act and obligation workflows record it: the reminder rungs
 * (reminderLadder) that came before the answer or before now, the escalation when its day came unanswered, the
 * answer (late when after the due date) and the status change to met.
 */
function obligationHistory(
  o: {
    id: string;
    groupId: string;
    actId: string;
    key: 'object-response' | 'executive-report';
    received: string;
    responder: string;
    email: string;
  },
  answerOn: string | null,
) {
  const due = computeDeadline(o.key, o.received, cal).due;
  const answerAt = answerOn === null ? Infinity : bishkekHourEpochMs(answerOn, 12);
  const events: NewEvent[] = [
    {
      type: 'obligation.opened',
      payload: {
        obligationId: o.id,
        groupId: o.groupId,
        actId: o.actId,
        key: o.key,
        clause: '4.3',
        party: o.responder,
        anchorDate: o.received,
        dueDate: due,
      },
      occurredAt: at(o.received, 11),
    },
  ];
  for (const rung of reminderLadder(due, cal, { start: o.received })) {
    if (rung.epochMs > Math.min(answerAt, NOW)) break;
    events.push(
      rung.rung === 'escalation'
        ? {
            type: 'obligation.status-changed',
            payload: { obligationId: o.id, status: 'escalated', reason: `overdue since ${due}` },
            occurredAt: new Date(rung.epochMs),
          }
        : {
            type: 'obligation.reminder-sent',
            payload: { obligationId: o.id, rung: rung.rung, recipients: [o.email] },
            occurredAt: new Date(rung.epochMs),
          },
    );
  }
  const met = answerOn !== null && answerAt <= NOW;
  if (met) {
    const late = compareDates(answerOn, due) > 0;
    events.push(
      {
        type: 'response.recorded',
        payload: {
          responseId: `${o.id}/response-1`,
          actId: o.actId,
          obligationId: o.id,
          kind: o.key,
          submittedAt: new Date(answerAt).toISOString(),
          late,
          body: 'Сунуштар каралды: суу берүү графиги айыл өкмөтүнүн тактасына илинди, арыздар журналы ачылды.',
          responder: o.responder,
          supersedes: null,
        },
        occurredAt: new Date(answerAt),
      },
      {
        type: 'obligation.status-changed',
        payload: {
          obligationId: o.id,
          status: 'met',
          reason: late ? `met on ${answerOn}, late (due ${due})` : `met on ${answerOn} (due ${due})`,
        },
        occurredAt: new Date(answerAt),
      },
    );
  }
  return { events, met, metAt: answerAt };
}

/** A council with its group (created, active, nine members, a chair), its notices, monthly meetings, ten objects and `size` acts. */
async function seedGroup(db: Kysely<Database>, size: number): Promise<Omit<Group, 'cookie' | 'events'>> {
  const createdOn = addDays(TODAY, -SPAN_DAYS - 30);
  const councilId = await registerCouncil(
    db,
    {
      id: `bench-c${size}`,
      name: { ky: `Ак-Суу ${size} айылдык кеңеши`, ru: `Ак-Суйский ${size} айылный кенеш` },
      email: `kenesh${size}@example.kg`,
    },
    'bench',
  );
  const groupId = await openGroup(
    db,
    { id: `bench-g${size}`, councilId, councilFormedOn: addDays(createdOn, -90) },
    'bench',
  );
  const onGroup = (events: NewEvent[]) => record(db, { stream: streams.group(groupId), actor: 'bench', events });
  await publishNotice(
    db,
    {
      noticeId: `formation-notice-${groupId}`,
      councilId,
      groupId,
      kind: 'formation-notice',
      text: { ky: 'Топту түзүү жөнүндө жарыя. '.repeat(12), ru: 'Объявление о формировании группы. '.repeat(12) },
      channels: ['website', 'notice_board'],
      publishedAt: at(addDays(createdOn, -60), 10),
    },
    'bench',
  );
  const members = [
    sampleMember('Асанова Айгүл', 'F', 'citizen', 1985),
    sampleMember('Бакиров Эмил', 'M', 'citizen', 1986),
    sampleMember('Султанова Жылдыз', 'F', 'citizen', 1987),
    sampleMember('Осмонов Талант', 'M', 'citizen', 1975),
    sampleMember('Кадырова Гүлнара', 'F', 'citizen', 1992),
    sampleMember('Токтогулов Бакыт', 'M', 'municipal_employee', 1979),
    sampleMember('Абдыкадырова Нургүл', 'F', 'municipal_employee', 1981),
    sampleMember('Жумабаев Нурлан', 'M', 'deputy', 1990),
    sampleMember('Сатыбалдиева Айнура', 'F', 'deputy', 1983),
  ];
  await importRoster(db, groupId, members, { actor: 'bench', on: createdOn });
  const chair = (await listRosterEntries(db, groupId)).find((m) => m.member.fullName === members[0]!.fullName)!;
  await onGroup([
    {
      type: 'group.created',
      payload: { groupId, createdOn, resolutionNumber: `${size}-12`, termEnd: addDays(createdOn, 4 * 365) },
      occurredAt: at(createdOn, 11),
    },
    {
      type: 'member.role-changed',
      payload: { groupId, membershipId: chair.membershipId, role: 'chair' },
      occurredAt: at(addDays(createdOn, 10), 11),
    },
    {
      type: 'group.status-changed',
      payload: { groupId, status: 'active', reason: null },
      occurredAt: at(addDays(createdOn, 10), 12),
    },
  ]);
  await publishNotice(
    db,
    {
      noticeId: `creation-notice-${groupId}`,
      councilId,
      groupId,
      kind: 'creation-notice',
      text: { ky: 'Топ түзүлдү. '.repeat(20), ru: 'Группа создана. '.repeat(20) },
      channels: ['website', 'notice_board'],
      publishedAt: at(addDays(createdOn, 3), 10),
    },
    'bench',
  );
  // A meeting every four weeks since the group was created (held when past), and the next two.
  const meetings: NewEvent[] = [];
  for (
    let k = 0, date = addDays(createdOn, 10);
    compareDates(date, addDays(TODAY, 40)) <= 0;
    k++, date = addDays(date, 28)
  ) {
    const meetingId = `${groupId}-m${k}`;
    meetings.push({
      type: 'meeting.scheduled',
      payload: {
        meetingId,
        groupId,
        kind: k === 0 ? 'first' : 'regular',
        date,
        time: '15:00',
        place: 'Айыл өкмөтүнүн жыйындар залы',
      },
      occurredAt: at(addDays(date, -14), 10),
    });
    if (compareDates(date, TODAY) < 0)
      meetings.push({
        type: 'meeting.held',
        payload: { meetingId, heldOn: date, present: 7 },
        occurredAt: at(date, 17),
      });
  }
  await onGroup(meetings.sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime()));

  const objects: MonitoredObject[] = [
    await registerObject(
      db,
      {
        councilId,
        kind: 'executive_body',
        name: { ky: 'Айыл өкмөтү', ru: 'Айыл окмоту' },
        emails: [`aiyl${size}@example.kg`],
      },
      'bench',
    ),
  ];
  const kinds = ['municipal_enterprise', 'municipal_institution', 'procurement_supplier'];
  for (let k = 1; k < 10; k++) {
    objects.push(
      await registerObject(
        db,
        {
          councilId,
          kind: kinds[k % 3]!,
          name: { ky: `Объект ${k} (мектеп, суу чарба)`, ru: `Объект ${k} (школа, водхоз)` },
          emails: [`object${k}-${size}@example.kg`],
        },
        'bench',
      ),
    );
  }
  const executive = objects[0]!;

  // Act i: issued on a day spread over SPAN_DAYS, in order (numbers follow the dates), about one of the nine other objects,
  // received the next working day; 4.3(3) the object's answer and 4.3(4) the executive body's report open on receipt.
  // Answers: every 20th act's two obligations escalated and never answered (they stay on the chair's list); every 7th
  // act's object answer came 2 working days late (after the escalation); the others a few days before the due date.
  for (let i = 0; i < size; i++) {
    const issuedOn = addDays(TODAY, -SPAN_DAYS + Math.floor(((i + 0.5) * SPAN_DAYS) / size));
    const object = objects[1 + (i % 9)]!;
    const act = await draftAct(
      db,
      { id: `${groupId}-a${i}`, groupId, objectId: object.id, draft: draftOf(i, object, issuedOn) },
      'bench',
    );
    await issueAct(db, act.id, { on: issuedOn, actor: 'bench' });
    const received = addWorkingDays(cal, issuedOn, 1);
    if (compareDates(received, TODAY) > 0) continue;
    const neverAnswered = i % 20 === 7;
    const answer = (key: 'object-response' | 'executive-report', daysBefore: number) => {
      if (neverAnswered) return null;
      const due = computeDeadline(key, received, cal).due;
      if (key === 'object-response' && i % 7 === 3) return addWorkingDays(cal, due, 2);
      const on = addDays(due, -daysBefore);
      return compareDates(on, received) > 0 ? on : addDays(received, 1);
    };
    const histories = [
      obligationHistory(
        {
          id: `${act.id}/object-response`,
          groupId,
          actId: act.id,
          key: 'object-response',
          received,
          responder: `object:${object.id}`,
          email: object.emails[0]!,
        },
        answer('object-response', i % 4),
      ),
      obligationHistory(
        {
          id: `${act.id}/executive-report`,
          groupId,
          actId: act.id,
          key: 'executive-report',
          received,
          responder: 'executive-body',
          email: executive.emails[0]!,
        },
        answer('executive-report', i % 11),
      ),
    ];
    const receipt: NewEvent = {
      type: 'act.received',
      payload: { actId: act.id, receivedOn: received, via: i % 3 === 0 ? 'link' : 'staff' },
      occurredAt: at(received, 11),
    };
    const events = [receipt, ...histories.flatMap((h) => h.events)].sort(
      (a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime(),
    );
    // The act procedure closes the act when every obligation is met.
    if (histories.every((h) => h.met))
      events.push({
        type: 'act.closed',
        payload: { actId: act.id, reason: null },
        occurredAt: new Date(Math.max(...histories.map((h) => h.metAt))),
      });
    await record(db, { stream: streams.act(act.id), actor: 'bench', events });
  }
  await regenerateFeedToken(db, SECRET, groupId, at(addDays(createdOn, 20), 10));
  return { size, councilId, groupId };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

interface Route {
  name: string;
  path: (g: Group) => string;
  signedIn: boolean;
  /** What a correct answer contains (a 200 with an error page inside must not pass as a measurement). */
  expect: string;
}

const ROUTES: Route[] = [
  {
    name: 'GET /manage/groups/:id/dashboard (page, chair)',
    path: (g) => `/manage/groups/${g.groupId}/dashboard`,
    signedIn: true,
    expect: 'id="timeline"',
  },
  {
    name: 'GET /api/groups/:id/dashboard (chair)',
    path: (g) => `/api/groups/${g.groupId}/dashboard`,
    signedIn: true,
    expect: '"timeline"',
  },
  {
    name: 'GET /api/groups/:id/obligations (chair)',
    path: (g) => `/api/groups/${g.groupId}/obligations`,
    signedIn: true,
    expect: '"obligations"',
  },
  {
    name: 'GET /groups/:id/acts (page, public)',
    path: (g) => `/groups/${g.groupId}/acts`,
    signedIn: false,
    expect: 'href="/acts/',
  },
  {
    name: 'GET /api/groups/:id/calendar.ics (chair)',
    path: (g) => `/api/groups/${g.groupId}/calendar.ics`,
    signedIn: true,
    expect: 'BEGIN:VCALENDAR',
  },
  {
    name: 'GET /councils/:id/notices (page, public)',
    path: (g) => `/councils/${g.councilId}/notices`,
    signedIn: false,
    expect: '<article>',
  },
];

interface Cell {
  latencies: number[];
  /** Wall time of the batches (the cell's requests were in flight). */
  busyMs: number;
  bytes: number;
  gzipBytes: number;
  /** SQL statements one request sends (the session lookup included): constant when nothing is fetched per row. */
  statements: number;
}

/** Runs `n` requests of a route for a group, `inFlight` at a time; the latencies in ms. Throws on an answer that is not the page. */
type BatchRunner = (route: Route, g: Group, n: number) => Promise<number[]>;

function check(route: Route, g: Group, status: number, body: Buffer): void {
  if (status !== 200 || !body.includes(route.expect))
    throw new Error(`${route.name} (${g.size} acts): status ${status}, ${body.subarray(0, 300).toString()}`);
}

/** n requests through app.inject, one at a time. */
function injectRunner(app: App): BatchRunner {
  return async (route, g, n) => {
    const latencies: number[] = [];
    for (let k = 0; k < n; k++) {
      const started = performance.now();
      const res = await app.inject({
        method: 'GET',
        url: route.path(g),
        headers: route.signedIn ? { cookie: g.cookie } : {},
      });
      const body = res.rawPayload;
      latencies.push(performance.now() - started);
      check(route, g, res.statusCode, body);
    }
    return latencies;
  };
}

/**
 * The HTTP client runs in a worker thread, so reading the answers does not take turns with the server on its event
 * loop (it still shares the machine's 2 cores with the server and Postgres). Node fetch, keep-alive, `inFlight` at a time.
 */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ id, url, headers, n, inFlight, expect }) => {
  const latencies = [];
  let next = 0;
  let failure = null;
  const one = async () => {
    while (next < n && failure === null) {
      next++;
      const started = performance.now();
      const res = await fetch(url, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      latencies.push(performance.now() - started);
      if (res.status !== 200 || !body.includes(expect)) failure = 'status ' + res.status + ', ' + body.subarray(0, 300).toString();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, one));
  parentPort.postMessage({ id, latencies, failure });
});`;

function httpRunner(base: string, inFlight: number): { run: BatchRunner; close: () => Promise<number> } {
  const worker = new Worker(CLIENT, { eval: true });
  const waiting = new Map<number, (reply: { latencies: number[]; failure: string | null }) => void>();
  worker.on('message', (reply: { id: number; latencies: number[]; failure: string | null }) =>
    waiting.get(reply.id)?.(reply),
  );
  let ids = 0;
  return {
    run: async (route, g, n) => {
      const id = ids++;
      const reply = await new Promise<{ latencies: number[]; failure: string | null }>((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({
          id,
          url: base + route.path(g),
          headers: route.signedIn ? { cookie: g.cookie } : {},
          n,
          inFlight,
          expect: route.expect,
        });
      });
      waiting.delete(id);
      if (reply.failure !== null) throw new Error(`${route.name} (${g.size} acts) over HTTP: ${reply.failure}`);
      return reply.latencies;
    },
    close: () => worker.terminate(),
  };
}

/**
 * Measures every size of one route, interleaved: batches of `batch` requests go to each size in turn until each has
 * REQUESTS requests or SECONDS of busy time (and at least two batches and 20 requests); one warm-up batch per size is not counted.
 */
async function measureRoute(
  route: Route,
  groups: Group[],
  run: BatchRunner,
  batch: number,
): Promise<Map<number, Cell>> {
  const cells = new Map<number, Cell>();
  for (const g of groups) {
    await run(route, g, batch);
    cells.set(g.size, { latencies: [], busyMs: 0, bytes: 0, gzipBytes: 0, statements: 0 });
  }
  const done = (c: Cell) =>
    c.latencies.length >= REQUESTS || (c.busyMs >= SECONDS * 1000 && c.latencies.length >= Math.max(2 * batch, 20));
  while (groups.some((g) => !done(cells.get(g.size)!))) {
    for (const g of groups) {
      const c = cells.get(g.size)!;
      if (done(c)) continue;
      const started = performance.now();
      c.latencies.push(...(await run(route, g, Math.min(batch, REQUESTS - c.latencies.length))));
      c.busyMs += performance.now() - started;
    }
  }
  return cells;
}

/** Counts the statements the app sends (its db is wrapped with this plugin). */
let statementCount = 0;
const countStatements: KyselyPlugin = {
  transformQuery: (args) => {
    statementCount++;
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};

/** The body's size as sent and gzipped, and the statements behind it (one request through app.inject). */
async function sizes(
  app: App,
  route: Route,
  g: Group,
): Promise<{ bytes: number; gzipBytes: number; statements: number }> {
  statementCount = 0;
  const res = await app.inject({
    method: 'GET',
    url: route.path(g),
    headers: route.signedIn ? { cookie: g.cookie } : {},
  });
  const statements = statementCount;
  check(route, g, res.statusCode, res.rawPayload);
  return { bytes: res.rawPayload.length, gzipBytes: gzipSync(res.rawPayload).length, statements };
}

const kb = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)} kB` : `${(n / 1000).toFixed(1)} kB`);
const times = (x: number) => `×${x >= 10 ? x.toFixed(0) : x >= 0.95 ? x.toFixed(1) : x.toFixed(2)}`;

function table(results: Map<string, Map<number, Cell>>, withBytes: boolean): void {
  log(
    withBytes
      ? `| route | acts | requests | p50 ms | p95 ms | req/s | bytes | gzip bytes | SQL statements | p50 vs ${SIZES[0]} acts | bytes vs ${SIZES[0]} acts |`
      : `| route | acts | requests | p50 ms | p95 ms | req/s | p50 vs ${SIZES[0]} acts | req/s vs ${SIZES[0]} acts |`,
  );
  log(withBytes ? '|---|---|---|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|---|---|');
  for (const [name, cells] of results) {
    const base = cells.get(SIZES[0]!)!;
    const baseRate = base.latencies.length / (base.busyMs / 1000);
    for (const size of SIZES) {
      const c = cells.get(size)!;
      const rate = c.latencies.length / (c.busyMs / 1000);
      const common = `| ${size === SIZES[0] ? name : ''} | ${size} | ${c.latencies.length} | ${pct(c.latencies, 50).toFixed(1)} | ${pct(c.latencies, 95).toFixed(1)} | ${rate.toFixed(0)}`;
      log(
        withBytes
          ? `${common} | ${kb(c.bytes)} | ${kb(c.gzipBytes)} | ${c.statements} | ${times(pct(c.latencies, 50) / pct(base.latencies, 50))} | ${times(c.bytes / base.bytes)} |`
          : `${common} | ${times(pct(c.latencies, 50) / pct(base.latencies, 50))} | ${times(rate / baseRate)} |`,
      );
    }
  }
}

/** Where the dashboard's time goes: its parts called directly, one at a time, p50 of `samples`. */
async function dashboardParts(db: Kysely<Database>, g: Group, samples: number) {
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let n = 0; n < samples + 3; n++) {
      const started = performance.now();
      await fn();
      if (n >= 3) xs.push(performance.now() - started);
    }
    return pct(xs, 50);
  };
  const calendar = await calendarForCouncil(db, g.councilId);
  const pendingMs = await time(() => pendingObligations(db, { groupId: g.groupId, today: TODAY, calendar }));
  const timelineMs = await time(() => groupTimelines(db, g.groupId, { today: TODAY }));
  const restMs = await time(() =>
    Promise.all([
      calendarForCouncil(db, g.councilId),
      scheduledMeetings(db, g.groupId),
      listRosterEntries(db, g.groupId),
      findCouncilById(db, g.councilId),
    ]),
  );
  // groupTimelines' statement over the event log as it is (whole payloads), and the same without the payload keys the
  // timeline never reads (an act's content, a person's data, a response's or notice's text).
  const acts = await db.selectFrom('acts').select('id').where('group_id', '=', g.groupId).execute();
  const streamIds = [streams.group(g.groupId), ...acts.map((x) => streams.act(x.id))];
  const eventsMs = await time(() =>
    db.selectFrom('events').selectAll().where('stream_id', 'in', streamIds).orderBy('position').execute(),
  );
  const leanMs = await time(() =>
    db
      .selectFrom('events')
      .select([
        'position',
        'stream_id',
        'type',
        'occurred_at',
        sql<unknown>`payload - array['content', 'person', 'body', 'text']`.as('payload'),
      ])
      .where('stream_id', 'in', streamIds)
      .orderBy('position')
      .execute(),
  );
  const group = (await findGroupById(db, g.groupId))!;
  const account = {
    id: 'bench',
    email: `chair${g.size}@example.kg`,
    role: 'chair' as const,
    council_id: null,
    group_id: g.groupId,
  };
  const dataMs = await time(() =>
    dashboardData(db, {
      group,
      account,
      today: TODAY,
      query: {},
      origin: 'http://127.0.0.1',
      feedSecret: () => SECRET,
    }),
  );
  const rows = (await pendingObligations(db, { groupId: g.groupId, today: TODAY, calendar })).length;
  const timeline = await groupTimelines(db, g.groupId, { today: TODAY });
  const entries = timeline.formation.length + timeline.acts.reduce((n, a) => n + a.entries.length, 0);
  return { dataMs, pendingMs, timelineMs, eventsMs, leanMs, restMs, rows, entries };
}

/** EXPLAIN ANALYZE of a compiled kysely query through a bare client: server execution ms and the scans. */
async function explain(client: pg.Client, q: { sql: string; parameters: readonly unknown[] }) {
  const r = await client.query<{ 'QUERY PLAN': { 'Execution Time': number; Plan: unknown }[] }>(
    `explain (analyze, format json) ${q.sql}`,
    [...q.parameters],
  );
  const plan = r.rows[0]!['QUERY PLAN'][0]!;
  const found = new Set<string>();
  const walk = (n: { 'Node Type'?: string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: unknown[] }) => {
    if (n['Node Type']?.includes('Scan'))
      found.add(`${n['Node Type']} ${n['Index Name'] ?? n['Relation Name'] ?? ''}`.trim());
    for (const child of n.Plans ?? []) walk(child as typeof n);
  };
  walk(plan.Plan as Parameters<typeof walk>[0]);
  return { ms: plan['Execution Time'], scans: [...found].join('; ') };
}

async function main(): Promise<void> {
  const started = new Date();
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const t = await createTestDatabase({ poolSize: 10 });
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  let app: App | null = null;
  try {
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(t.db)).rows[0]!.v;
    const seeded = performance.now();
    const groups: Group[] = [];
    for (const size of SIZES) {
      const s = performance.now();
      const g = await seedGroup(t.db, size);
      progress(`group of ${size} acts recorded in ${((performance.now() - s) / 1000).toFixed(1)} s`);
      await createAccount(t.db, {
        email: `chair${size}@example.kg`,
        password: PASSWORD,
        role: 'chair',
        groupId: g.groupId,
      });
      groups.push({ ...g, cookie: '', events: 0 });
    }
    await sql`analyze`.execute(t.db);
    const seedSeconds = (performance.now() - seeded) / 1000;
    for (const g of groups) {
      const n = await sql<{
        n: number;
      }>`select count(*)::int as n from events where stream_id = ${streams.group(g.groupId)} or stream_id like ${`act-${g.groupId}-a%`}`.execute(
        t.db,
      );
      g.events = n.rows[0]!.n;
    }

    app = buildApp({
      db: t.db.withPlugin(countStatements),
      config: loadConfig({ JMEG_SECRET: SECRET }),
      clock: () => NOW,
    });
    await app.ready();
    const a = app;
    for (const g of groups) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/login',
        payload: { email: `chair${g.size}@example.kg`, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
      g.cookie = `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`;
    }
    const injectResults = new Map<string, Map<number, Cell>>();
    const measured = performance.now();
    for (const route of ROUTES) {
      progress(`inject: ${route.name}`);
      const cells = await measureRoute(route, groups, injectRunner(a), 5);
      for (const g of groups) Object.assign(cells.get(g.size)!, await sizes(a, route, g));
      injectResults.set(route.name, cells);
    }
    await a.listen({ host: '127.0.0.1', port: 0 });
    const http = httpRunner(`http://127.0.0.1:${(a.server.address() as AddressInfo).port}`, CONCURRENCY);
    const httpResults = new Map<string, Map<number, Cell>>();
    try {
      for (const route of ROUTES) {
        progress(`http: ${route.name}`);
        httpResults.set(route.name, await measureRoute(route, groups, http.run, CONCURRENCY * 2));
      }
    } finally {
      await http.close();
    }
    const measureSeconds = (performance.now() - measured) / 1000;

    progress('dashboard parts and plans');
    const parts = [];
    for (const g of groups) parts.push({ g, ...(await dashboardParts(t.db, g, 20)) });
    const largest = groups.at(-1)!;
    const acts = await t.db.selectFrom('acts').select('id').where('group_id', '=', largest.groupId).execute();
    const eventsPlan = await explain(
      client,
      t.db
        .selectFrom('events')
        .selectAll()
        .where('stream_id', 'in', [streams.group(largest.groupId), ...acts.map((x) => streams.act(x.id))])
        .orderBy('position')
        .compile(),
    );
    const pendingPlan = await explain(client, pendingQuery(t.db, { groupId: largest.groupId, today: TODAY }).compile());
    const payloads = (
      await sql<{
        all: number;
        lean: number;
      }>`select sum(octet_length(payload::text))::float / 1e6 as all, sum(octet_length((payload - array['content', 'person', 'body', 'text'])::text))::float / 1e6 as lean
        from events where stream_id = ${streams.group(largest.groupId)} or stream_id like ${`act-${largest.groupId}-a%`}`.execute(
        t.db,
      )
    ).rows[0]!;
    const totals = (
      await sql<{
        events: number;
        acts: number;
        obligations: number;
      }>`select (select count(*)::int from events) as events, (select count(*)::int from acts) as acts, (select count(*)::int from obligations) as obligations`.execute(
        t.db,
      )
    ).rows[0]!;

    log(
      `Run ${started.toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${load} (the machine is shared); Postgres ${version}; Node ${process.version}.`,
    );
    log('');
    log(
      `One database, ${SIZES.length} councils with one group each, seeded in ${seedSeconds.toFixed(0)} s through the db functions (${totals.acts} acts, ${totals.obligations} obligations, ${totals.events} events in all); measured in ${measureSeconds.toFixed(0)} s. ` +
        `"Today" is ${TODAY}, the app's clock 10:00 in Bishkek. Each cell: up to ${REQUESTS} requests or ${SECONDS} s of busy time, whichever first (but at least 20), after a warm-up batch; the sizes of one route take turns in batches, so a change in the machine's load falls on all of them. ` +
        'Every answer was checked (status 200 and a marker of the real page). Bytes: the body as sent (the app does not compress); gzip: the same body at the default level, what a compressing proxy would send.',
    );
    log('');
    log('| acts in the group | events in its streams | rows on the pending list | timeline entries on the dashboard |');
    log('|---|---|---|---|');
    for (const p of parts) log(`| ${p.g.size} | ${p.g.events} | ${p.rows} | ${p.entries} |`);
    log('');
    log('### app.inject (no network, one request at a time)');
    log('');
    table(injectResults, true);
    log('');
    log(`### HTTP on 127.0.0.1 (Node fetch, ${CONCURRENCY} requests in flight, keep-alive)`);
    log('');
    table(httpResults, false);
    log('');
    log("### Where the dashboard's time goes (its parts called directly, one at a time, p50 of 20)");
    log('');
    log(
      '| acts | dashboardData (all the data) ms | pending list (pendingObligations) ms | timelines (groupTimelines) ms | of which its events statement ms | that statement without the unread payload keys ms | calendar, meetings, members, council ms |',
    );
    log('|---|---|---|---|---|---|---|');
    for (const p of parts)
      log(
        `| ${p.g.size} | ${p.dataMs.toFixed(1)} | ${p.pendingMs.toFixed(1)} | ${p.timelineMs.toFixed(1)} | ${p.eventsMs.toFixed(1)} | ${p.leanMs.toFixed(1)} | ${p.restMs.toFixed(1)} |`,
      );
    log('');
    log(
      `At ${largest.size} acts, EXPLAIN ANALYZE: the timelines' events statement (\`stream_id in\` ${acts.length + 1} streams) executes in ${eventsPlan.ms.toFixed(1)} ms on the server ` +
        `(${eventsPlan.scans}; ${payloads.all.toFixed(1)} MB of payloads as JSON text); the pending list's statement in ${pendingPlan.ms.toFixed(1)} ms (${pendingPlan.scans}).`,
    );

    const cell = (results: Map<string, Map<number, Cell>>, k: number, size: number) =>
      results.get(ROUTES[k]!.name)!.get(size)!;
    const p50 = (c: Cell) => pct(c.latencies, 50);
    const rate = (c: Cell) => c.latencies.length / (c.busyMs / 1000);
    const [first, big] = [parts[0]!, parts.at(-1)!];
    const [pageBig, jsonBig, listBig, listFirst] = [
      cell(injectResults, 0, largest.size),
      cell(injectResults, 1, largest.size),
      cell(injectResults, 2, largest.size),
      cell(injectResults, 2, first.g.size),
    ];
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    log('');
    log('What limits these numbers:');
    log(
      `- The dashboard (page and JSON) carries the timeline of the acts still open and of those closed within the last 90 days (older closed acts are counted and linked to the acts list): at ${largest.size} acts ${big.entries} entries against ${big.rows} rows on the pending list, ` +
        `${mb(pageBig.bytes)} of HTML (${kb(pageBig.gzipBytes)} gzipped) and ${mb(jsonBig.bytes)} of JSON. ` +
        `It sends ${pageBig.statements} statements whatever the size, so the growth is rows and bytes, not an N+1.`,
    );
    log(
      `- Of the page's ${p50(pageBig).toFixed(0)} ms at ${largest.size} acts, gathering the data takes ${big.dataMs.toFixed(0)} ms, ${big.timelineMs.toFixed(0)} ms of it in \`groupTimelines\`; the rest is rendering the entries. ` +
        `Its events statement reads the payloads without the keys the timeline never shows (\`payload - array['content', 'person', 'body', 'text']\`: the act's 8.1 content, a member's personal data, texts): ` +
        `${payloads.lean.toFixed(1)} MB instead of ${payloads.all.toFixed(1)} MB for all the group's streams (measured here for all of them: ${big.eventsMs.toFixed(0)} ms with the whole payloads, ${big.leanMs.toFixed(0)} ms without; Postgres executes it in ${eventsPlan.ms.toFixed(1)} ms).`,
    );
    log(
      `- The pending list, the obligations API and the calendar feed follow the rows still owed (${parts.map((p) => p.rows).join(' → ')}; an escalated obligation nobody answered stays owed): ` +
        `${kb(listFirst.bytes)} → ${kb(listBig.bytes)} of JSON and p50 ×${(p50(listBig) / p50(listFirst)).toFixed(1)} for ×${(big.rows / Math.max(1, first.rows)).toFixed(0)} rows. ` +
        `The public acts page shows 50 acts a page (the first page is measured) and reads only each act's subject and object name. The notice board does not grow and shows the fixed cost of a page.`,
    );
    log(
      `- Over HTTP, one Node process renders on one core while the client's thread and Postgres take the other: with ${CONCURRENCY} in flight the throughput is about one over the CPU time of a request ` +
        `(${rate(cell(httpResults, 0, largest.size)).toFixed(0)} req/s for the ${largest.size}-act dashboard page) and p50 is that queue (${p50(cell(httpResults, 0, largest.size)).toFixed(0)} ms).`,
    );
    const shrink = [...injectResults.values()].flatMap((m) => [...m.values()].map((c) => c.bytes / c.gzipBytes));
    log(
      `- gzip (the app compresses for clients that ask, @fastify/compress) makes these answers ${Math.min(...shrink).toFixed(0)} to ${Math.max(...shrink).toFixed(0)} times smaller: what a phone on a slow link downloads is the gzip column. ` +
        'The byte columns and the timings above are for uncompressed answers (app.inject asks for none; the HTTP client neither), so they measure the rendering, not the compression.',
    );
  } finally {
    await app?.close();
    await client.end();
    await t.drop();
  }

  const section = [
    '<!-- pages:begin -->',
    "## The chair's pages and the API by group size (issue 6)",
    '',
    `Command: \`npx tsx bench/pages.ts\` (this run: \`--sizes ${SIZES.join(',')} --requests ${REQUESTS} --seconds ${SECONDS} --concurrency ${CONCURRENCY}\`)`,
    '',
    ...lines,
    '',
    'How the data is made: each group is created (5.4.5) and active, with nine members and a chair, two notices, a meeting every four weeks (held when past, two to come), ' +
      'ten objects (the executive body and nine others) and its acts spread evenly over the two years before "today", each drafted with complete 8.1 content and issued ' +
      "(`draftAct`, `issueAct`), received the next working day, with the object's answer (4.3(3)) and the executive body's report (4.3(4)) opened on receipt; " +
      'the reminder rungs of `reminderLadder` are recorded as they came before the answer or before now, the escalation when its day came unanswered; ' +
      "every 20th act's two obligations were escalated and never answered, every 7th act's object answer came two working days late, the others a few days before the due date; " +
      "an act whose obligations are all met is closed, as the act procedure does. All of it through `record()` on the group's and the acts' streams, as the procedures record it.",
    '<!-- pages:end -->',
  ].join('\n');
  const path = 'BENCHMARKS.md';
  const current = existsSync(path)
    ? readFileSync(path, 'utf8')
    : '# Benchmarks\n\nNumbers measured on the development machine; each section says how to reproduce it.\n';
  const updated = /<!-- pages:begin -->[\s\S]*<!-- pages:end -->/.test(current)
    ? current.replace(/<!-- pages:begin -->[\s\S]*<!-- pages:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, updated);
}

await main();
