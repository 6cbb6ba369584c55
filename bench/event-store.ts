// Benchmark (not a test): event appends with projections, and rebuilding projections from a large log.
//   npx tsx bench/event-store.ts [--appends 3000] [--rebuild-events 1000000] [--skip-pglite]
// Postgres at 127.0.0.1:5432 (a scratch database is created and dropped); PGlite in a temp directory.
// Prints a Markdown section and writes it into BENCHMARKS.md between the event-store markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { createDb } from '../db/connect';
import type { Database } from '../db/database';
import { streams } from '../db/events';
import { migrateToLatest } from '../db/migrate';
import { record } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { createTestDatabase } from '../test/support/pg';

const { values } = parseArgs({
  options: {
    appends: { type: 'string', default: '3000' },
    'rebuild-events': { type: 'string', default: '1000000' },
    'skip-pglite': { type: 'boolean', default: false },
  },
});
const APPENDS = Number(values.appends);
const REBUILD_EVENTS = Number(values['rebuild-events']);
const GROUPS = 500;

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  process.stdout.write(line + '\n');
};

async function seed(db: Kysely<Database>): Promise<void> {
  await record(db, {
    stream: streams.council('c'),
    actor: 'bench',
    events: [
      {
        type: 'council.registered',
        payload: { councilId: 'c', name: { ky: 'К', ru: 'К' }, website: null, timeZone: 'Asia/Bishkek', email: null },
      },
    ],
  });
  for (let g = 0; g < GROUPS; g++) {
    await record(db, {
      stream: streams.group(`g-${g}`),
      actor: 'bench',
      events: [{ type: 'group.opened', payload: { groupId: `g-${g}`, councilId: 'c', councilFormedOn: '2026-10-01' } }],
    });
  }
}

/** One writer: `count` record() calls of one event each, cycling an obligation through opened, two reminders, met. */
async function writer(db: Kysely<Database>, name: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const unit = Math.floor(i / 4);
    const obligationId = `${name}-${unit}`;
    const step = i % 4;
    const event =
      step === 0
        ? {
            type: 'obligation.opened' as const,
            payload: {
              obligationId,
              groupId: `g-${unit % GROUPS}`,
              actId: null,
              key: 'object-response',
              clause: '4.3',
              party: 'object:o',
              anchorDate: '2027-01-16',
              dueDate: '2027-01-30',
            },
          }
        : step === 3
          ? {
              type: 'obligation.status-changed' as const,
              payload: { obligationId, status: 'met' as const, reason: null },
            }
          : {
              type: 'obligation.reminder-sent' as const,
              payload: { obligationId, rung: step === 1 ? '3-before' : '1-before', recipients: ['x@example.kg'] },
            };
    const started = performance.now();
    await record(db, {
      stream: `obligation-${obligationId}`,
      expectedVersion: step,
      events: [{ ...event, idempotencyKey: `${obligationId}:${step}` }],
      actor: 'bench',
    });
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function appendFigures(db: Kysely<Database>, label: string, writers: number[]): Promise<void> {
  for (const n of writers) {
    const per = Math.floor(APPENDS / n);
    const started = performance.now();
    const all = await Promise.all(Array.from({ length: n }, (_, w) => writer(db, `${label}-${n}w-${w}`, per)));
    const seconds = (performance.now() - started) / 1000;
    const lat = all.flat();
    log(
      `| ${label} | ${n} | ${lat.length} | ${Math.round(lat.length / seconds)} | ${pct(lat, 50).toFixed(2)} | ${pct(lat, 95).toFixed(2)} |`,
    );
  }
}

/** Generates the log in SQL: 4 events per obligation (opened, 2 reminders, met), projections left empty. */
async function generateLog(db: Kysely<Database>, events: number): Promise<number> {
  const obligations = Math.floor(events / 4);
  const chunk = 50_000;
  for (let from = 1; from <= obligations; from += chunk) {
    const to = Math.min(obligations, from + chunk - 1);
    await sql`
      insert into events (stream_id, stream_version, type, payload, actor, occurred_at, idempotency_key)
      select 'obligation-gen-' || j, v,
        case v when 1 then 'obligation.opened' when 4 then 'obligation.status-changed' else 'obligation.reminder-sent' end,
        case v
          when 1 then jsonb_build_object('obligationId', 'gen-' || j, 'groupId', 'g-' || (j % ${GROUPS}), 'actId', null, 'key', 'object-response',
                                         'clause', '4.3', 'party', 'object:o-' || j, 'anchorDate', '2027-01-16', 'dueDate', '2027-01-30')
          when 2 then jsonb_build_object('obligationId', 'gen-' || j, 'rung', '3-before', 'recipients', jsonb_build_array('x@example.kg'))
          when 3 then jsonb_build_object('obligationId', 'gen-' || j, 'rung', '1-before', 'recipients', jsonb_build_array('x@example.kg'))
          else jsonb_build_object('obligationId', 'gen-' || j, 'status', 'met', 'reason', null)
        end,
        'bench-generator', timestamptz '2027-01-16 00:00:00+00' + make_interval(secs => j * 4 + v), 'gen:' || j || ':' || v
      from generate_series(${from}::int, ${to}::int) j cross join generate_series(1, 4) v
      order by j, v`.execute(db);
  }
  return obligations * 4;
}

async function main(): Promise<void> {
  const started = new Date();
  log(
    `Run ${started.toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (the machine is shared).`,
  );
  log('');
  log('### Appends with projections (one event per `record()` transaction)');
  log('');
  log('| database | writers | events | events/s | p50 ms | p95 ms |');
  log('|---|---|---|---|---|---|');

  const t = await createTestDatabase({ poolSize: 10 });
  try {
    const settings = await sql<{
      fsync: string;
      sc: string;
      v: string;
    }>`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc, current_setting('server_version') as v`.execute(
      t.db,
    );
    const s = settings.rows[0]!;
    await seed(t.db);
    await appendFigures(t.db, `Postgres ${s.v}`, [1, 8]);

    let pgliteNote = '';
    if (!values['skip-pglite']) {
      const dir = mkdtempSync(join(tmpdir(), 'jmeg-bench-pglite-'));
      const lite = createDb({ databaseUrl: null, dataDir: '' }, { pgliteDir: join(dir, 'pglite') });
      try {
        await migrateToLatest(lite);
        await seed(lite);
        await appendFigures(lite, 'PGlite 0.5.16 (on disk)', [1, 8]);
      } finally {
        await lite.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
      pgliteNote =
        '- PGlite: one WebAssembly Postgres inside the Node process, one connection; kysely queues the 8 writers one transaction at a time, so the gain over one writer comes only from overlapping the JavaScript work of one writer with the queries of the next, not from parallel execution. PGlite writes its files through the Node file system of Emscripten and its JavaScript issues no fsync, so a commit is not flushed to disk as a Postgres commit is (fsync=on): durability is weaker and the comparison favours PGlite.';
    }
    log('');
    log(
      `Postgres settings: fsync=${s.fsync}, synchronous_commit=${s.sc}; pool of 10 connections over TCP on 127.0.0.1.`,
    );
    log('');
    log('What limits these numbers:');
    log(
      '- Each append is its own transaction: savepoint, idempotency-key lookup, version read, insert, projection statements, commit. ' +
        'With synchronous_commit=on every commit waits for a WAL flush; a single writer is bound by that round trip and fsync latency.',
    );
    log(
      '- 8 writers on distinct streams share 2 CPU cores with the Postgres server and with other processes on the machine; commits are group-flushed.',
    );
    if (pgliteNote) log(pgliteNote);
    log('');

    log('### Rebuild of the projections from the log (Postgres)');
    log('');
    const genStarted = performance.now();
    const generated = await generateLog(t.db, REBUILD_EVENTS);
    const genSeconds = (performance.now() - genStarted) / 1000;
    const total = (await sql<{ n: number }>`select count(*) as n from events`.execute(t.db)).rows[0]!.n;
    await sql`analyze`.execute(t.db);
    let last = 0;
    const rebuildStarted = performance.now();
    const result = await rebuildProjections(t.db, {
      batchSize: 5000,
      onProgress: (n) => {
        if (n - last >= 100_000) {
          last = n;
          process.stderr.write(`  replayed ${n} (${((performance.now() - rebuildStarted) / 1000).toFixed(0)} s)\n`);
        }
      },
    });
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const counts = await sql<{ obligations: number; reminders: number; changes: number }>`
      select (select count(*) from obligations) as obligations, (select count(*) from obligation_reminders) as reminders,
             (select count(*) from obligation_status_changes) as changes`.execute(t.db);
    const c = counts.rows[0]!;
    log(
      `- Log: ${total} events (${generated} generated in ${genSeconds.toFixed(0)} s by \`INSERT ... SELECT\` over \`generate_series\`, ` +
        `in chunks of 50,000 obligations × 4 events: obligation.opened, two obligation.reminder-sent, obligation.status-changed; plus the ${total - generated} events appended above).`,
    );
    log(
      `- **Rebuild: ${result.events} events in ${rebuildSeconds.toFixed(0)} s (${Math.round(result.events / rebuildSeconds)} events/s)**, ` +
        `one transaction; result: ${c.obligations} obligations, ${c.reminders} reminder rungs, ${c.changes} status changes.`,
    );
    log(
      '- What limits it: replay is one connection applying each event with the same projection code as live appends ' +
        '(about 1.5 statements per event here, each a round trip through kysely and pg to the server), so it is bound by per-statement latency ' +
        'on a shared 2-core machine, not by disk: the whole rebuild is one transaction with a single commit at the end.',
    );
  } finally {
    await t.drop();
  }

  const section = [
    '<!-- event-store:begin -->',
    '## Event store (issue 3)',
    '',
    'Command: `npx tsx bench/event-store.ts` ' +
      `(this run: \`--appends ${APPENDS} --rebuild-events ${REBUILD_EVENTS}\`)`,
    '',
    ...lines,
    '<!-- event-store:end -->',
  ].join('\n');
  const path = 'BENCHMARKS.md';
  const current = existsSync(path)
    ? readFileSync(path, 'utf8')
    : '# Benchmarks\n\nNumbers measured on the development machine; each section says how to reproduce it.\n';
  const updated = /<!-- event-store:begin -->[\s\S]*<!-- event-store:end -->/.test(current)
    ? current.replace(/<!-- event-store:begin -->[\s\S]*<!-- event-store:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, updated);
}

await main();
