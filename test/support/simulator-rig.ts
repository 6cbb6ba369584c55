// The real components the workflow scenarios run on: the workflow bundle (built once per file), a fresh Postgres
// database and a real SMTP server, with the hooks that start and stop them and close each file's simulators.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { WorkflowBundle } from '@temporalio/worker';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { createTestDatabase, type TestDatabase } from './pg';
import { bundleForSimulator, type WorkflowSimulator } from './simulator';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export interface SimulatorRig {
  bundle: WorkflowBundle;
  database: TestDatabase;
  smtp: TestSmtpServer;
  /** SMTP transport to `smtp`. */
  transport: MailTransport;
  /** Simulators to close after each test. */
  open: WorkflowSimulator[];
}

/** Registers the hooks; the rig's fields are filled in `beforeAll`. */
export function useSimulatorRig(workflowsPath: string, mailFrom: string): SimulatorRig {
  const rig = { open: [] as WorkflowSimulator[] } as SimulatorRig;
  beforeAll(async () => {
    [rig.bundle, rig.database, rig.smtp] = await Promise.all([bundleForSimulator(workflowsPath), createTestDatabase(), startSmtpServer()]);
    rig.transport = buildTransport({ smtpUrl: rig.smtp.url, dataDir: '/nonexistent', mailFrom });
  }, 60_000);
  afterEach(async () => {
    await Promise.all(rig.open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    rig.transport?.close();
    await Promise.all([rig.database?.drop(), rig.smtp?.stop()]);
  });
  return rig;
}
