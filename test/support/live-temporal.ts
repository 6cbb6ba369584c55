// Finds a real Temporal server for the live runs of the workflow scenarios, in seconds, never hanging:
// TEMPORAL_ADDRESS answering a TCP connect within 2 s, else a local dev server from the Temporal CLI of
// devServerBinary() (TEMPORAL_BINARY or the build of `npm run temporal:install`), else from a `temporal` on PATH.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { ActConfig } from '../../activities/acts/act-activities';
import { buildTransport } from '../../activities/mail/build-transport';
import { testDataConverter } from './payload-test-keys';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { canConnect, parseAddress } from '../../worker/obtain-temporal';
import { createTestDatabase, type TestDatabase } from './pg';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { devServerBinary, quietTemporalRuntime, requireServer } from './temporal-servers';

export type LiveTemporal =
  | { available: true; description: string; open(): Promise<TestWorkflowEnvironment> }
  | { available: false; reason: string };

function tcpReachable(address: string, timeoutMs: number): Promise<boolean> {
  try {
    const { host, port } = parseAddress(address);
    return canConnect(host, port, timeoutMs);
  } catch {
    return Promise.resolve(false);
  }
}

function temporalOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'temporal');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function detectLiveTemporal(): Promise<LiveTemporal> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (address) {
    if (!(await tcpReachable(address, 2_000))) {
      return {
        available: false,
        reason: `live Temporal: skipped — TEMPORAL_ADDRESS=${address} does not answer within 2 s`,
      };
    }
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    return {
      available: true,
      description: `server at ${address} (namespace ${namespace})`,
      open: () =>
        TestWorkflowEnvironment.createFromExistingServer({
          address,
          namespace,
          client: { dataConverter: testDataConverter },
        }),
    };
  }
  const cli = devServerBinary();
  const binary = cli.available ? cli.path : temporalOnPath();
  if (binary) {
    return {
      available: true,
      description: `local dev server from ${binary}`,
      open: () =>
        TestWorkflowEnvironment.createLocal({
          server: { executable: { type: 'existing-path', path: binary }, ip: '127.0.0.1' },
          client: { dataConverter: testDataConverter },
        }),
    };
  }
  return {
    available: false,
    reason:
      'live Temporal: skipped — TEMPORAL_ADDRESS unset, no Temporal CLI built by `npm run temporal:install`, none in TEMPORAL_BINARY or on PATH',
  };
}

/**
 * Whether a live file runs: as requireServer, under CI=true a server that cannot be had throws (the file fails),
 * never skips. Use as `describe.skipIf(!requireLive(live, 'name'))`.
 */
export function requireLive(live: LiveTemporal, what: string): boolean {
  return requireServer(
    live.available ? { available: true, path: live.description } : { available: false, reason: live.reason },
    what,
  );
}

/** What a live scenario runs on: the server's test environment, a fresh Postgres database and a real SMTP server. */
export interface LiveRig {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  smtp: TestSmtpServer;
}

/** Call inside `describe.skipIf(!live.available)`: opens the rig before the file's tests, closes it after. */
export function useLiveRig(live: LiveTemporal): LiveRig {
  const rig = {} as LiveRig;
  beforeAll(async () => {
    quietTemporalRuntime();
    if (live.available)
      [rig.env, rig.database, rig.smtp] = await Promise.all([live.open(), createTestDatabase(), startSmtpServer()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([rig.env?.teardown(), rig.database?.drop(), rig.smtp?.stop()]);
  });
  return rig;
}

/**
 * A worker on the rig's server with the real activities (Postgres, mail to the rig's SMTP server) and the tests'
 * payload encryption, polling its own task queue. Close `transport` after the run.
 */
export async function liveWorker(rig: LiveRig, name: string, config: ActConfig = {}) {
  const db = rig.database.db;
  const transport = buildTransport({ smtpUrl: rig.smtp.url, dataDir: '/nonexistent', mailFrom: LIVE_MAIL_FROM });
  const taskQueue = `${name}-${randomUUID()}`;
  const worker = await Worker.create({
    connection: rig.env.nativeConnection,
    namespace: rig.env.namespace ?? 'default',
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities: createActivities({ db, transport, config: { ...config, mailFrom: LIVE_MAIL_FROM } }),
    maxCachedWorkflows: 10,
    dataConverter: testDataConverter,
  });
  return { worker, taskQueue, transport };
}

export const LIVE_MAIL_FROM = 'jmeg@live.kg';
