// An act's procedure runs once (4.3): the act is issued, received, answered on both obligations and so closed, on
// Temporal's real time-skipping test server with the real act workflow and activities; issuing it again is refused
// with the same words by the JSON API and by `jmeg act issue` (spawned against the same database and server), and
// nothing is written: no event, no change to the act, no second run of its workflow. The engine's start itself
// refuses a second run of the finished workflow id (WorkflowIdReusePolicy.REJECT_DUPLICATE).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig, type AppConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { findAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { draftAct } from '../procedures/acts/draft-act';
import { issueAct, notIssuable } from '../procedures/acts/issue-act';
import { recordReceipt } from '../procedures/acts/record-receipt';
import { recordResponse } from '../procedures/acts/record-response';
import { actWorkflowId } from '../workflows/act/contract';
import { countRows, dumpTable } from './support/db-dump';
import { jmegWith } from './support/jmeg-cli';
import { TEST_PAYLOAD_KEYS } from './support/payload-test-keys';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const runs = requireServer(server, 'an act issued once');
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June 2026, 10:00 in Bishkek
const PASSWORD = 'correct horse battery';

const COMPLETE = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-05-04',
  periodEnd: '2026-05-22',
  findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
};

let t: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine;
let app: App;
let config: AppConfig;
let dataDir: string;
let actId: string;

beforeAll(async () => {
  if (!runs) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-issued-once-'));
  engine = await createTimeSkippingEngine({
    serverPath: server.available ? server.path : '',
    db: t.db,
    transport,
    mailFrom: 'jmeg@ayil.kg',
    startTime: START,
    extraActivityConfig: { responseLinkSecret: 'issued-once-test-secret-0123456789abcdefgh' },
  });
  config = { ...loadConfig({}), dataDir };
  app = buildApp({ db: t.db, config, clock: () => engine.now(), engine });
  await app.ready();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Терек-Суу', ru: 'Терек-Суу' } }, 'test');
  const groupId = await openGroup(t.db, { councilId }, 'test');
  await registerObject(
    t.db,
    { councilId, kind: 'executive_body', name: { ky: 'Айыл өкмөтү', ru: 'Айыл окмоту' }, emails: ['okmot@ayil.kg'] },
    'test',
  );
  const school = await registerObject(
    t.db,
    { councilId, kind: 'municipal_institution', name: { ky: 'Мектеп', ru: 'Школа' }, emails: ['mektep@ayil.kg'] },
    'test',
  );
  await createAccount(t.db, { email: 'staff@ayil.kg', password: PASSWORD, role: 'staff', councilId });
  const deps = { db: t.db, engine, now: () => engine.now(), dataDir };
  const act = await draftAct(deps, { groupId, objectId: school.id, draft: parseActDraft(COMPLETE), actor: 'test' });
  actId = act.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function staffCall(method: 'POST', url: string) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'staff@ayil.kg', password: PASSWORD },
  });
  const cookie = `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`;
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  return app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf } });
}

/** What a second issue must leave as it is: the event log, the act's row, the workflow's one run. */
async function snapshot() {
  const described = await engine.env.client.workflow.getHandle(actWorkflowId(actId)).describe();
  return {
    events: await countRows(t.db, 'events'),
    acts: await dumpTable(t.db, 'acts'),
    run: { runId: described.runId, status: described.status.name },
  };
}

describe.skipIf(!runs)('an act whose procedure ran is not issued again', () => {
  it('issued, received and answered on both obligations, the act closes', async () => {
    const deps = { db: t.db, engine, now: () => engine.now(), dataDir };
    const issued = await issueAct(deps, { actId, actor: 'test', whenEngineAway: 'refuse' });
    expect(issued.delivery).toBe('started');
    await recordReceipt(deps, { actId, receivedOn: '2026-06-01', via: 'staff' });
    await engine.advanceTo('2026-06-02T04:00:00Z');
    for (const obligationKey of ['object-response', 'executive-report'] as const)
      await recordResponse(deps, {
        actId,
        obligationKey,
        respondedOn: '2026-06-02',
        text: 'Насос алмаштырылды.',
        submissionKey: `test:${obligationKey}`,
        file: null,
        uploadedBy: 'test',
      });
    await engine.advanceTo('2026-06-02T04:05:00Z');
    expect((await findAct(t.db, actId))?.status).toBe('closed');
    expect((await snapshot()).run.status).toBe('COMPLETED');
  });

  it('the API and the CLI refuse it with the same words, and nothing is written', async () => {
    const before = await snapshot();
    const act = (await findAct(t.db, actId))!;
    const words = notIssuable({ id: act.id, number: act.number, status: 'closed' }).message.en;
    expect(words).toBe(
      `Act ${act.number} is closed: its procedure has ended, and the act cannot be issued again (4.3).`,
    );

    const api = await staffCall('POST', `/api/acts/${actId}/issue?lang=en`);
    expect(api.statusCode).toBe(409);
    const body = api.json<{
      error: { message: string; problems: { field: string; rule: string; message: string }[] };
    }>();
    expect(body.error.problems).toEqual([{ field: 'status', rule: 'act-closed', clause: '4.3', message: words }]);
    expect(body.error.message).toContain(words);

    const cli = await jmegWith(
      {
        DATABASE_URL: t.url,
        JMEG_DATA_DIR: dataDir,
        TEMPORAL_ADDRESS: engine.env.address,
        TEMPORAL_TASK_QUEUE: engine.taskQueue,
        JMEG_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      },
      'act',
      'issue',
      actId,
      '--lang',
      'en',
    );
    expect({ code: cli.code, stdout: cli.stdout, stderr: cli.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `act issue: refused: ${words}\n`,
    });

    expect(await snapshot()).toEqual(before);
  });

  it("the engine's start of the finished workflow id is refused: no second run", async () => {
    const before = await snapshot();
    const act = (await findAct(t.db, actId))!;
    const outcome = await engine.start('actWorkflow', actWorkflowId(actId), [
      {
        actId,
        groupId: act.groupId,
        councilId: (
          await t.db.selectFrom('groups').select('council_id').where('id', '=', act.groupId).executeTakeFirstOrThrow()
        ).council_id,
      },
    ]);
    expect(outcome).toBe('already-started');
    expect(await snapshot()).toEqual(before);
  });
});
