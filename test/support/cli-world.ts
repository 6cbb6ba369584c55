// The rig of the tests that run `jmeg` and the JSON API side by side on one procedure: a fresh Postgres database, an
// SMTP server, Temporal's time-skipping test server with the real workflows and activities, the app on the same
// engine, a council with its executive body and a staff account, and `jmeg` spawned against the same database and
// server (its payload keys and task queue the engine's), so both adapters reach the same use cases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { buildApp } from '../../api/build-app';
import type { App } from '../../api/app-types';
import { loadConfig } from '../../config/config';
import { createAccount } from '../../db/accounts';
import { registerCouncil } from '../../db/councils';
import { registerObject } from '../../db/objects';
import { jmegWith, type CliResult } from './jmeg-cli';
import { TEST_PAYLOAD_KEYS } from './payload-test-keys';
import { createTestDatabase, type TestDatabase } from './pg';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { createTimeSkippingEngine, type Instant, type TimeSkippingEngine } from './time-skipping-engine';

export const STAFF_EMAIL = 'staff@ayil.kg';
const PASSWORD = 'correct horse battery';

export interface CliWorld {
  t: TestDatabase;
  engine: TimeSkippingEngine;
  app: App;
  dataDir: string;
  councilId: string;
  /** `jmeg ...args` against the world's database and server. */
  jmeg(...args: string[]): Promise<CliResult>;
  /** A request of the council's staff account (logged in, with its CSRF token). */
  staff(method: HTTPMethods, url: string, payload?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createCliWorld(options: { serverPath: string; startTime: Instant }): Promise<CliWorld> {
  let t: TestDatabase | undefined;
  let smtp: TestSmtpServer | undefined;
  let transport: MailTransport | undefined;
  let engine: TimeSkippingEngine | undefined;
  let app: App | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'jmeg-cli-world-'));
  const close = async () => {
    await app?.close();
    await engine?.close();
    transport?.close();
    await Promise.all([t?.drop(), smtp?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
    const e = await createTimeSkippingEngine({
      serverPath: options.serverPath,
      db: t.db,
      transport,
      mailFrom: 'jmeg@ayil.kg',
      startTime: options.startTime,
      extraActivityConfig: { responseLinkSecret: 'cli-world-test-secret-0123456789abcdefghij' },
    });
    engine = e;
    app = buildApp({ db: t.db, config: { ...loadConfig({}), dataDir }, clock: () => e.now(), engine: e });
    await app.ready();
    const councilId = await registerCouncil(
      t.db,
      { name: { ky: 'Терек-Суу', ru: 'Терек-Суу' }, email: 'kenesh@ayil.kg' },
      'test',
    );
    await registerObject(
      t.db,
      { councilId, kind: 'executive_body', name: { ky: 'Айыл өкмөтү', ru: 'Айыл окмоту' }, emails: ['okmot@ayil.kg'] },
      'test',
    );
    await createAccount(t.db, { email: STAFF_EMAIL, password: PASSWORD, role: 'staff', councilId });
    const db = t;
    const theApp = app;
    return {
      t: db,
      engine: e,
      app: theApp,
      dataDir,
      councilId,
      jmeg: (...args) =>
        jmegWith(
          {
            DATABASE_URL: db.url,
            JMEG_DATA_DIR: dataDir,
            TEMPORAL_ADDRESS: e.env.address,
            TEMPORAL_TASK_QUEUE: e.taskQueue,
            JMEG_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
          },
          ...args,
        ),
      staff: async (method, url, payload) => {
        const login = await theApp.inject({
          method: 'POST',
          url: '/api/login',
          payload: { email: STAFF_EMAIL, password: PASSWORD },
        });
        const cookie = `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`;
        const csrf = login.json<{ csrfToken: string }>().csrfToken;
        return theApp.inject({
          method,
          url,
          ...(payload ? { payload } : {}),
          headers: { cookie, 'x-csrf-token': csrf },
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
