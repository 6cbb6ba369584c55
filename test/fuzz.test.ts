// A bounded fuzz loop of malformed input against every route the app registers: for each unsafe route, bodies that
// are wrong in every way we could think of (wrong types, huge strings, unknown and missing fields, nested junk,
// invalid JSON, wrong content types, bad dates, negative numbers, unicode), and for every route junk querystrings and
// path parameters; sent by a caller the route lets in, with its CSRF token. Asserted for every request: no 5xx, and
// when the answer is an error, nothing was written (a row trigger on every table counts writes; the events table and
// a full dump of the tables are compared per route too). Inputs valid by chance may be accepted (2xx/3xx).
// Seeded (fast-check), so a failure is reproducible; FUZZ_RUNS changes the number of runs per route, FUZZ_SEED the seed.
// The workflow actions run on Temporal's real time-skipping test server (the real workflows and activities on a real
// worker), with a formation and an act procedure running, so input that passes the HTTP schemas reaches the workflows'
// own validators.
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTransport } from '../activities/mail/build-transport';
import { createSession } from '../db/accounts';
import type { Database } from '../db/database';
import { actWorkflowId } from '../workflows/act/contract';
import { formationWorkflowId } from '../workflows/formation/contract';
import { countRows, dumpTable } from './support/db-dump';
import {
  bodySchemaOf,
  callerFor,
  createRouteWorld,
  fillPath,
  NOW,
  paramNames,
  requestFor,
  sampleOf,
  UNSAFE,
  type RouteWorld,
  type SeenRoute,
} from './support/route-world';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, 'fuzz loop');
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const GET_RUNS = Math.max(1, Math.round(RUNS / 2));
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_310);

// The world (database, app, engine) is made only when the test server is there; without it every test below is
// skipped and none of these is read.
let world!: RouteWorld;
let engine!: TimeSkippingEngine;
let db!: Kysely<Database>;
let TABLES: string[] = [];

if (server.available) {
  const serverPath = server.path;
  world = await createRouteWorld({
    engine: async (database, config, samples) => {
      engine = await createTimeSkippingEngine({
        serverPath,
        db: database.db,
        transport: buildTransport({ smtpUrl: null, dataDir: config.dataDir, mailFrom: config.mailFrom }),
        mailFrom: config.mailFrom,
        startTime: NOW,
        extraActivityConfig: {
          responseLinkSecret: config.responseLinkSecret ?? undefined,
          publicBaseUrl: 'https://jmeg.example.kg',
        },
      });
      await engine.start('formationWorkflow', formationWorkflowId(samples.groupId), [
        { councilId: samples.councilId, groupId: samples.groupId, formedOn: '2026-01-15' },
      ]);
      await engine.start('actWorkflow', actWorkflowId(samples.actId), [
        { actId: samples.actId, groupId: samples.groupId, councilId: samples.councilId },
      ]);
      return engine;
    },
  });
  afterAll(() => world.close());
  db = world.database.db;
  TABLES = await countWrites(db);
}

// ---- counting writes: a row trigger on every table but the sessions (logins and logouts are not records) ----

/**
 * Waits until no workflow has an activity pending, one waiting out a retry backoff included: an accepted request's
 * activities run on the worker and may write after its answer, and those writes must not be counted against the next
 * request. Polls (real time) with a generous ceiling; a backoff passes on the server's clock, which runs meanwhile.
 */
async function quiet(): Promise<void> {
  await engine.settle();
  const deadline = Date.now() + 120_000;
  for (const id of engine.workflowIds) {
    for (;;) {
      const { raw, status } = await engine.client.workflow.getHandle(id).describe();
      const pending = status.name === 'RUNNING' ? (raw.pendingActivities ?? []) : [];
      if (pending.length === 0) break;
      if (Date.now() > deadline)
        throw new Error(
          `${id}: activities still pending after 120 s: ${pending.map((a) => a.activityType?.name).join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await engine.settle();
}

/** Puts a row trigger on every table but the sessions and the migrations; returns the tables it counts. */
async function countWrites(db: Kysely<Database>): Promise<string[]> {
  const { rows: tableRows } = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(
    db,
  );
  const tables = tableRows.map((r) => r.name).filter((t) => t !== 'sessions' && !t.startsWith('kysely_'));
  await sql`create table fuzz_writes (id bigserial primary key, table_name text not null)`.execute(db);
  await sql`create function fuzz_count() returns trigger language plpgsql as $$ begin insert into fuzz_writes (table_name) values (TG_TABLE_NAME); return null; end $$`.execute(
    db,
  );
  for (const table of tables) {
    await sql`create trigger fuzz_count_rows after insert or update or delete on ${sql.table(table)} for each row execute function fuzz_count()`.execute(
      db,
    );
    await sql`create trigger fuzz_count_truncate after truncate on ${sql.table(table)} for each statement execute function fuzz_count()`.execute(
      db,
    );
  }
  return tables;
}

/** The tables written since `mark` (a fuzz_writes id) and the new mark. */
async function writesSince(mark: number): Promise<{ tables: string[]; mark: number }> {
  const { rows } = await sql<{
    id: string;
    table_name: string;
  }>`select id, table_name from fuzz_writes where id > ${mark} order by id`.execute(db);
  return {
    tables: [...new Set(rows.map((r) => r.table_name))],
    mark: rows.length ? Number(rows[rows.length - 1]!.id) : mark,
  };
}

async function dumpAll(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) out[table] = await dumpTable(db, table);
  return out;
}

// ---- malformed input ----

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '-0',
  '1e309',
  '0x10',
  '١٢٣',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-3-1',
  '10.03.2026',
  '2026-03-10T25:61:00Z',
  '9999-12-31',
  '1900-01-01',
  '+275760-09-13',
  '25:00',
  '10:60',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '"; drop table events; --',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '\u202eevil',
  '🙂🙂🙂',
  'Ӊ̸̡̢̛̗̘̙̜̝̞̟̠',
  '\ud800',
  '\uffff',
  'ЖЖЖЖ-АА-КК',
  'a'.repeat(10_001),
  'ы'.repeat(70_000),
  '{"a":1}',
  '[]',
  '__proto__',
  'constructor',
  'notice_board',
  'website',
  'staff',
  'M',
  'F',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
];

const junk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer({ min: -2_147_483_648, max: -1 }),
    fc.constantFrom(0, -0, 0.5, -1.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, 366, 100_000),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'id', 'type', 'date', '0', ''), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** 300 levels of nesting. */
const DEEP = `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`;
const BROKEN_JSON = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '"',
  '{"a":1}}',
  '{"a":1,}',
  "{'a':1}",
  '1e999999',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  DEEP,
  '[' + '1,'.repeat(50_000) + '1]',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'image/png',
  'application/json-patch+json',
];

type Payload = { payload: string; contentType: string };

/** Dotted paths of the fields of a (sample) body, nested ones included. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => [[...prefix, key], ...fieldPaths(v, [...prefix, key])]);
}

function withField(value: unknown, path: string[], replacement: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete target[last];
  else target[last] = replacement;
  return copy;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function form(fields: [string, unknown][]): string {
  const q = new URLSearchParams();
  for (const [k, v] of fields) for (const item of Array.isArray(v) ? v : [v]) q.append(k, asText(item));
  return q.toString();
}

/** Mostly-invalid bodies for `route`, built around the body its schema accepts. */
function bodies(route: SeenRoute): fc.Arbitrary<Payload> {
  const bodySchema = bodySchemaOf(route);
  const sample = (bodySchema ? sampleOf(bodySchema, world.param) : undefined) ?? {};
  const paths = fieldPaths(sample);
  const json = (v: unknown): Payload => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' });
  const options: fc.Arbitrary<Payload>[] = [
    junk.map(json),
    fc
      .tuple(fc.constantFrom('x', 'id', 'role', 'councilId', 'isAdmin', 'status', 'createdAt'), junk)
      .map(([k, v]) => json({ ...sample, [k]: v })),
    fc.constantFrom(...BROKEN_JSON).map((payload) => ({ payload, contentType: 'application/json' })),
    fc
      .tuple(
        fc.constantFrom(...CONTENT_TYPES),
        fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(JSON.stringify(sample), form(Object.entries(sample)))),
      )
      .map(([contentType, payload]) => ({ payload, contentType })),
    fc.constant({ payload: JSON.stringify({ big: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json' }),
    fc
      .array(
        fc.tuple(fc.constantFrom(...(paths.length ? paths.map((p) => p.join('.')) : ['x']), '_csrf', 'extra'), junk),
        { minLength: 1, maxLength: 4 },
      )
      .map((fields) => ({
        payload: form([...Object.entries(sample), ...fields]),
        contentType: 'application/x-www-form-urlencoded',
      })),
  ];
  if (paths.length > 0) {
    options.push(fc.tuple(fc.constantFrom(...paths), junk).map(([path, v]) => json(withField(sample, path, v))));
    options.push(fc.constantFrom(...paths).map((path) => json(withField(sample, path, undefined, true))));
    options.push(
      fc.tuple(fc.constantFrom(...paths), junk).map(([path, v]) => ({
        payload: form(Object.entries(withField(sample, path.slice(0, 1), v) as object)),
        contentType: 'application/x-www-form-urlencoded',
      })),
    );
  }
  return fc.oneof(...options);
}

/** Junk querystring values over the route's own keys, `lang`, `t` and unknown ones. */
function queries(route: SeenRoute): fc.Arbitrary<Record<string, unknown>> {
  const schema = (route.schema ?? {}) as { querystring?: { properties?: Record<string, unknown> } };
  const keys = [...Object.keys(schema.querystring?.properties ?? {}), 'lang', 't', 'next', 'x', '__proto__'];
  return fc.dictionary(
    fc.constantFrom(...keys),
    fc.oneof(
      fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 1000)),
      fc.array(fc.constantFrom('1', '', 'ky', 'a'), { minLength: 2, maxLength: 3 }),
    ),
    { maxKeys: 3 },
  );
}

/** Sometimes a path parameter replaced by junk. */
function paths(route: SeenRoute): fc.Arbitrary<{ name: string; value: string } | null> {
  const names = paramNames(route.url);
  if (names.length === 0) return fc.constant(null);
  return fc.option(
    fc.record({
      name: fc.constantFrom(...names),
      value: fc.constantFrom(
        'x',
        '-1',
        '0',
        '99999',
        '2026-02-30',
        '%00',
        '..',
        'null',
        '00000000-0000-4000-8000-000000000000',
        'ы'.repeat(300),
        '<b>',
        "'",
      ),
    }),
    { freq: 3 },
  );
}

// ---- the loop ----

const isDocs = (r: SeenRoute) => r.url === '/docs' || r.url.startsWith('/docs/');
const targets = !server.available
  ? []
  : world.routes.filter(
      (r) =>
        !isDocs(r) &&
        r.method !== 'HEAD' &&
        r.method !== 'OPTIONS' &&
        r.access?.length &&
        fillPath(r.url, world.param).missing.length === 0,
    );
const stats = { sent: 0, accepted: 0, unsafeSent: 0, unsafeAccepted: 0 };

describe.skipIf(!runs)('the write counter (a check of the checker)', () => {
  it('sees a row written to any table, and not a session', async () => {
    const { mark } = await writesSince(0);
    await createSession(db, {
      idHash: 'fuzz-self-check',
      accountId: world.samples.accountId,
      csrfToken: 'x',
      at: new Date(NOW),
    });
    await sql`update councils set website = website where id = ${world.samples.councilId}`.execute(db);
    expect((await writesSince(mark)).tables).toEqual(['councils']);
  });
});

describe.skipIf(!runs)('malformed input never gives a 5xx and never writes', () => {
  it.each(targets.map((r, i) => [`${r.method} ${r.url}`, r, i] as const))('%s', async (_name, route, index) => {
    const caller = callerFor(world, route);
    const unsafe = UNSAFE.has(route.method);
    const arbitrary = fc.record({
      query: queries(route),
      body: unsafe ? bodies(route) : fc.constant(null),
      path: paths(route),
    });
    await quiet();
    const eventsBefore = await countRows(db, 'events');
    const dumpBefore = await dumpAll();
    let accepted = 0;
    let mark = (await writesSince(0)).mark;
    // Only an accepted request can remove the spare account or end the caller's session: put them back after one.
    let restore = true;
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ query, body, path }) => {
        if (restore) {
          await quiet();
          await world.restoreSamples();
          await world.ensureSession(caller);
          mark = (await writesSince(mark)).mark;
          restore = false;
        }
        const request = requestFor(
          world,
          route,
          caller,
          body ? { query, payload: body.payload, contentType: body.contentType } : { query },
        );
        if (path) {
          const filled = fillPath(route.url, (name) => (name === path.name ? path.value : world.param(name))).path;
          request.url = filled + request.url.slice(request.url.indexOf('?'));
        }
        const res = await world.app.inject(request);
        const shown = `${request.method} ${request.url.slice(0, 300)} ${request.headers['content-type'] ?? ''} ${(request.payload ?? '').slice(0, 300)}`;
        stats.sent++;
        if (unsafe) stats.unsafeSent++;
        if (res.statusCode >= 500)
          throw new Error(
            `${res.statusCode} for ${shown}\nserver log: ${world.serverErrors.at(-1)?.slice(0, 1500) ?? '(nothing)'}`,
          );
        const written = await writesSince(mark);
        mark = written.mark;
        if (res.statusCode < 400) {
          restore = true;
          accepted++;
          stats.accepted++;
          if (unsafe) stats.unsafeAccepted++;
          return;
        }
        if (written.tables.length > 0)
          throw new Error(`${res.statusCode} but wrote to ${written.tables.join(', ')} for ${shown}`);
      }),
      { seed: SEED + index, numRuns: unsafe ? RUNS : GET_RUNS, endOnFailure: true },
    );
    if (accepted === 0) {
      expect(await countRows(db, 'events')).toBe(eventsBefore);
      expect(await dumpAll()).toEqual(dumpBefore);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the generator mostly produces invalid input (fewer than a third of the unsafe requests accepted)', () => {
    console.info(
      `fuzz: ${stats.sent} requests to ${targets.length} routes, ${stats.unsafeSent} unsafe of which ${stats.unsafeAccepted} accepted, ${stats.accepted} accepted in all`,
    );
    expect(stats.unsafeSent).toBeGreaterThan(0);
    expect(stats.unsafeAccepted / stats.unsafeSent).toBeLessThan(1 / 3);
  });
});
