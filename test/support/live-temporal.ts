// Finds a real Temporal server for the live runs of the workflow scenarios, in seconds, never hanging:
// TEMPORAL_ADDRESS answering a TCP connect within 2 s, or a `temporal` binary on PATH for a local dev server.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { canConnect, parseAddress } from '../../worker/obtain-temporal';
import { createTestDatabase, type TestDatabase } from './pg';
import { startSmtpServer, type TestSmtpServer } from './smtp';

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
      return { available: false, reason: `live Temporal: skipped — TEMPORAL_ADDRESS=${address} does not answer within 2 s` };
    }
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    return { available: true, description: `server at ${address} (namespace ${namespace})`, open: () => TestWorkflowEnvironment.createFromExistingServer({ address, namespace }) };
  }
  const binary = temporalOnPath();
  if (binary) {
    return {
      available: true,
      description: `local dev server from ${binary}`,
      open: () => TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: binary } } }),
    };
  }
  return { available: false, reason: 'live Temporal: skipped — TEMPORAL_ADDRESS unset and no temporal binary on PATH' };
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
    if (live.available) [rig.env, rig.database, rig.smtp] = await Promise.all([live.open(), createTestDatabase(), startSmtpServer()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([rig.env?.teardown(), rig.database?.drop(), rig.smtp?.stop()]);
  });
  return rig;
}
