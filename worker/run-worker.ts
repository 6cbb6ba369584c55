// The Temporal worker: the workflows of workflows/index.ts and the activities of activities/, on one task queue.
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities } from '../activities';
import type { MailTransport } from '../activities/mail/build-transport';
import type { AppConfig } from '../config/config';
import type { Database } from '../db/database';
import { installRuntime } from './install-runtime';
import type { TemporalServer } from './obtain-temporal';
import { dataConverterOf } from './temporal-client';

/** Workflow histories kept in memory between tasks; beyond it a workflow is replayed from history. */
export const MAX_CACHED_WORKFLOWS = 500;

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface RunWorkerDeps {
  /** payloadKeys and dataDir give the payload codec every client of the product shares (worker/temporal-client.ts). */
  config: Pick<AppConfig, 'temporalTaskQueue' | 'mailFrom' | 'payloadKeys' | 'dataDir'>;
  temporal: TemporalServer;
  db: Kysely<Database>;
  transport: MailTransport;
  /** Resolves when the worker is running and polling. */
  onRunning?: () => void;
}

export async function createWorker(deps: RunWorkerDeps): Promise<Worker> {
  installRuntime();
  return Worker.create({
    connection: deps.temporal.connection,
    namespace: deps.temporal.namespace,
    taskQueue: deps.config.temporalTaskQueue,
    dataConverter: dataConverterOf(deps.config),
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({ db: deps.db, transport: deps.transport, config: deps.config }),
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    shutdownGraceTime: '10 seconds',
  });
}

/** Runs the worker until SIGINT/SIGTERM (see install-runtime.ts); returns once it has stopped cleanly. */
export async function runWorker(deps: RunWorkerDeps): Promise<void> {
  const worker = await createWorker(deps);
  const running = worker.run();
  deps.onRunning?.();
  await running;
}
