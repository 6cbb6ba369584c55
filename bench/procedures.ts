// Benchmark (not a test): the procedures on Temporal's real dev server with one worker (the product's own, from
// worker/run-worker.ts) and a scratch Postgres database, loopback only:
//   (a) formations started and taken to their first step (the 5.4.1 notice recorded), per second;
//   (b) acts issued, delivered, received, answered (both 4.3 obligations) and closed, per second;
//   the largest workflow history of any scenario (also a whole formation, every step) in events and bytes, against
//   Temporal's warning at 10,240 events / 10 MB; and the process's RSS (worker, client and bench) after the acts.
//   npx tsx bench/procedures.ts [--formations 200] [--acts 1000] [--concurrency 20]
// Needs the Temporal CLI (TEMPORAL_BINARY or `npm run temporal:install`) and Postgres at 127.0.0.1:5432 (a scratch
// database is created and dropped). Stops by itself: fixed counts, and a watchdog ends it after 30 minutes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { buildTransport } from '../activities/mail/build-transport';
import { loadConfig } from '../config/config';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { addDays, bishkekDateOf } from '../domain/dates';
import { nominateToday, TODAY_CHAIR } from '../test/support/formation-today';
import { createTestDatabase } from '../test/support/pg';
import * as a from '../workflows/act/contract';
import * as f from '../workflows/formation/contract';
import { locateInstalledTemporal, obtainTemporal } from '../worker/obtain-temporal';
import { createWorker } from '../worker/run-worker';
import { connectClient } from '../worker/temporal-client';

const { values } = parseArgs({
  options: {
    formations: { type: 'string', default: '200' },
    acts: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const FORMATIONS = Number(values.formations);
const ACTS = Number(values.acts);
const CONCURRENCY = Number(values.concurrency);
const WATCHDOG_MS = 30 * 60_000;
const WARN_EVENTS = 10_240;
const WARN_BYTES = 10 * 1024 * 1024;

const watchdog = setTimeout(() => {
  process.stderr.write('bench/procedures: watchdog: still running after 30 minutes, stopping\n');
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

const log = (line: string) => process.stdout.write(line + '\n');
const progress = (line: string) => process.stderr.write(`  ${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Runs `task(i)` for i < n with at most `limit` at once; after a failure starts no more, waits for those running, throws it. */
async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n && failure === null) {
        const i = next++;
        await task(i).catch((error: unknown) => {
          failure ??= error;
          progress(
            `procedure ${i} failed: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error)}`,
          );
        });
      }
    }),
  );
  if (failure !== null) throw failure instanceof Error ? failure : new Error('a procedure failed');
}

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function historySize(handle: WorkflowHandle): Promise<{ events: number; bytes: number }> {
  const history = await handle.fetchHistory();
  return {
    events: history.events?.length ?? 0,
    bytes: proto.temporal.api.history.v1.History.encode(history).finish().length,
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const binary = process.env.TEMPORAL_BINARY ?? (await locateInstalledTemporal());
  if (!binary) throw new Error('no Temporal CLI: run `npm run temporal:install` or set TEMPORAL_BINARY');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jmeg-bench-procedures-'));
  const config = {
    ...loadConfig({}),
    dataDir,
    temporalBinary: binary,
    mailFrom: 'jmeg@bench.kg',
    responseLinkSecret: 'bench-secret-0123456789abcdef-0123456789',
    temporalTaskQueue: `bench-${randomUUID()}`,
  };
  const database = await createTestDatabase({ poolSize: 20 });
  const server = await obtainTemporal(config, undefined, {
    local: { port: await freePort(), uiPort: await freePort() },
  });
  const { client, connection } = await connectClient(server.address, config, server.namespace);
  const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: config.mailFrom });
  const db = database.db;
  const worker = await createWorker({ config, temporal: server, db, transport });
  const today = bishkekDateOf(Date.now());
  const taskQueue = config.temporalTaskQueue;
  const largest: { scenario: string; events: number; bytes: number }[] = [];

  log(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; Node ${process.version}; dev server ${server.address}`,
  );
  log(
    `One worker (maxCachedWorkflows 500), ${CONCURRENCY} procedures driven at once, Postgres ${database.name}, mail to .eml files`,
  );

  try {
    await worker.runUntil(async () => {
      // (a) formations to the 5.4.1 notice
      const groups: { councilId: string; groupId: string }[] = [];
      for (let i = 0; i < FORMATIONS; i++) {
        const councilId = await registerCouncil(
          db,
          { name: { ky: `Кеңеш ${i}`, ru: `Кенеш ${i}` }, email: `kenesh${i}@bench.kg` },
          'bench',
        );
        await registerObject(
          db,
          {
            councilId,
            name: { ky: `Өкмөт ${i}`, ru: `Окмоту ${i}` },
            kind: 'executive_body',
            emails: [`okmot${i}@bench.kg`],
          },
          'bench',
        );
        groups.push({
          councilId,
          groupId: await openGroup(db, { councilId, councilFormedOn: addDays(today, -10) }, 'bench'),
        });
      }
      const formationHandles: WorkflowHandle[] = [];
      let started = performance.now();
      await pool(FORMATIONS, CONCURRENCY, async (i) => {
        const { councilId, groupId } = groups[i]!;
        const handle = await client.workflow.start('formationWorkflow', {
          args: [{ councilId, groupId, formedOn: addDays(today, -10) } satisfies f.FormationInput],
          taskQueue,
          workflowId: f.formationWorkflowId(groupId),
        });
        // The first update waits for the procedure's first task (its state query answers then): an update that
        // arrives with the start fails the workflow task (see BENCHMARKS.md).
        await handle.query(f.formationStateQuery);
        await handle.executeUpdate(f.publishFormationNoticeUpdate, {
          args: [{ publishedOn: today, channels: ['website'] }],
        });
        formationHandles.push(handle);
      });
      let seconds = (performance.now() - started) / 1000;
      log(
        `(a) formation started → 5.4.1 notice recorded: ${FORMATIONS} in ${seconds.toFixed(1)} s = ${(FORMATIONS / seconds).toFixed(1)} procedures/s`,
      );
      progress('formations done');
      let max = { events: 0, bytes: 0 };
      for (const handle of formationHandles.slice(0, 20)) {
        const size = await historySize(handle);
        if (size.bytes > max.bytes) max = size;
      }
      largest.push({ scenario: 'formation to its first step', ...max });

      // A whole formation, every step today (as test/formation-live.test.ts): the longest formation history that fits in real time.
      {
        const { councilId, groupId } = groups[0]!;
        const extra = await openGroup(db, { councilId, councilFormedOn: addDays(today, -10) }, 'bench');
        const handle = await client.workflow.start('formationWorkflow', {
          args: [{ councilId, groupId: extra, formedOn: addDays(today, -10) } satisfies f.FormationInput],
          taskQueue,
          workflowId: f.formationWorkflowId(extra),
        });
        await handle.query(f.formationStateQuery);
        await nominateToday(handle, today);
        const { firstMeetingDue } = await handle.executeUpdate(f.recordCouncilDecisionUpdate, {
          args: [{ decidedOn: today, resolutionNumber: 'B-1' }],
        });
        await handle.executeUpdate(f.scheduleFirstMeetingUpdate, {
          args: [{ date: firstMeetingDue, time: '10:00', place: 'клуб' }],
        });
        await handle.executeUpdate(f.publishCreationNoticeUpdate, {
          args: [{ publishedOn: today, channels: ['website', 'notice_board'] }],
        });
        await handle.executeUpdate(f.recordFirstMeetingUpdate, {
          args: [
            {
              heldOn: today,
              present: 6,
              chairElection: { fullName: TODAY_CHAIR, votesFor: 5, votesAgainst: 0, abstained: 1 },
            },
          ],
        });
        await handle.result();
        largest.push({
          scenario: 'a whole formation, every step (the group becomes active)',
          ...(await historySize(handle)),
        });
        void groupId;
      }

      // (b) acts issued → received → answered → closed
      const { councilId, groupId } = groups[0]!;
      const school = await registerObject(
        db,
        { councilId, name: { ky: 'Мектеп', ru: 'Школа' }, kind: 'municipal_institution', emails: ['mektep@bench.kg'] },
        'bench',
      );
      const draft = parseActDraft({
        purpose: 'Баалоо',
        subject: 'Суу',
        place: 'Айыл',
        periodStart: today,
        periodEnd: today,
        findings: [{ kind: 'fact', text: 'Факт', method: 'site_visit' }],
        recommendations: ['Сунуш'],
        annexes: [{ title: 'Сүрөт', kind: 'photo' }],
      });
      const actIds: string[] = [];
      for (let i = 0; i < ACTS; i++) {
        const act = await draftAct(db, { groupId, objectId: school.id, draft }, 'bench');
        await issueAct(db, act.id, { on: today, actor: 'bench' });
        actIds.push(act.id);
      }
      progress(`${ACTS} acts issued in the database`);
      const actHandles: WorkflowHandle[] = [];
      started = performance.now();
      await pool(ACTS, CONCURRENCY, async (i) => {
        const actId = actIds[i]!;
        const handle = await client.workflow.start('actWorkflow', {
          args: [{ actId, groupId, councilId } satisfies a.ActInput],
          taskQueue,
          workflowId: a.actWorkflowId(actId),
        });
        // The receipt is accepted once the act is loaded and delivered (the state query says so).
        while ((await handle.query(a.actStateQuery)).step === 'delivering')
          await new Promise((resolve) => setTimeout(resolve, 50));
        await handle.executeUpdate(a.recordReceiptUpdate, { args: [{ receivedOn: today, via: 'link' }] });
        // A response is recorded against its obligation's row, which the obligation's own workflow writes after the
        // receipt: wait for both rows (a response sent sooner fails its activity; see BENCHMARKS.md).
        while ((await db.selectFrom('obligations').select('id').where('act_id', '=', actId).execute()).length < 2)
          await new Promise((resolve) => setTimeout(resolve, 50));
        await handle.executeUpdate(a.recordResponseUpdate, {
          args: [{ obligationKey: 'object-response', respondedOn: today, text: 'Жооп', submissionKey: `${actId}-1` }],
        });
        await handle.executeUpdate(a.recordResponseUpdate, {
          args: [{ obligationKey: 'executive-report', respondedOn: today, text: 'Отчет', submissionKey: `${actId}-2` }],
        });
        await handle.result();
        actHandles.push(handle);
        if ((i + 1) % 200 === 0) progress(`${i + 1} acts closed`);
      });
      seconds = (performance.now() - started) / 1000;
      log(
        `(b) act issued → delivered → received → answered → closed: ${ACTS} in ${seconds.toFixed(1)} s = ${(ACTS / seconds).toFixed(1)} procedures/s`,
      );
      global.gc?.();
      const rss = process.memoryUsage().rss;
      log(
        `RSS after ${ACTS} acts (worker, client and bench in one process; the dev server is a separate process): ${mb(rss)}`,
      );
      max = { events: 0, bytes: 0 };
      for (const handle of actHandles.slice(0, 20)) {
        const size = await historySize(handle);
        if (size.bytes > max.bytes) max = size;
      }
      largest.push({ scenario: 'act issued → closed', ...max });
    });
    for (const { scenario, events, bytes } of largest) {
      log(
        `History, ${scenario}: ${events} events, ${(bytes / 1024).toFixed(1)} kB (${((events / WARN_EVENTS) * 100).toFixed(2)}% of the 10,240-event warning, ${((bytes / WARN_BYTES) * 100).toFixed(3)}% of 10 MB)`,
      );
    }
  } finally {
    transport.close();
    await connection.close();
    await server.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(
      `bench/procedures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
