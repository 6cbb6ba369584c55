// What `jmeg start` and `jmeg worker` run: the database, the mail transport, a Temporal server, the worker.
import type { Kysely } from 'kysely';
import { buildTransport } from '../activities/mail/build-transport';
import type { AppConfig } from '../config/config';
import { describeTarget, openDb } from '../db/connect';
import type { Database } from '../db/database';
import { DataDirLockedError } from '../db/data-dir-lock';
import { obtainTemporal, TemporalUnavailableError, type TemporalServer } from './obtain-temporal';
import { MAX_CACHED_WORKFLOWS, runWorker } from './run-worker';

export interface RunEngineOptions {
  config: AppConfig;
  /** PATH-style list of directories searched for a `temporal` binary. */
  searchPath: string | undefined;
  /** 'database' (npm start: the data is ready even without Temporal) or 'temporal' (a worker fails fast). */
  first: 'database' | 'temporal';
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Opens the database with the migrations applied; a failure is one line naming the target. */
export async function openDatabase(config: AppConfig): Promise<{ db: Kysely<Database>; target: string }> {
  const target = describeTarget(config);
  try {
    return { db: await openDb(config), target };
  } catch (error) {
    const line = `Database: cannot open ${target}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    // Another process has the embedded database open: the same exit code as every command refused so.
    throw new EngineStartError(line, error instanceof DataDirLockedError ? 2 : 1);
  }
}

/** A start-up failure the user can fix; its message is the one line to show, with the process's exit code. */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs until SIGINT/SIGTERM; returns the exit code (1 when Temporal or the database cannot be had, 2 when another process has the embedded database open). */
export async function runEngine({ config, searchPath, first, out, err }: RunEngineOptions): Promise<number> {
  let db: Kysely<Database> | null = null;
  let temporal: TemporalServer | null = null;
  const transport = buildTransport(config);
  try {
    if (first === 'temporal') temporal = await obtainTemporal(config, searchPath);
    const opened = await openDatabase(config);
    db = opened.db;
    out(`Data: ${opened.target} (data directory ${config.dataDir})`);
    out(`Mail: ${transport.description}, from ${config.mailFrom}`);
    temporal ??= await obtainTemporal(config, searchPath);
    out(`Temporal: ${temporal.description}, namespace ${temporal.namespace}, task queue ${config.temporalTaskQueue}`);
    if (temporal.uiUrl !== null) out(`Temporal UI: ${temporal.uiUrl}`);
    await runWorker({
      config,
      temporal,
      db,
      transport,
      onRunning: () =>
        out(`Worker: running (up to ${MAX_CACHED_WORKFLOWS} cached workflows); Ctrl+C or SIGTERM stops it`),
    });
    out('Worker: stopped');
    return 0;
  } catch (error) {
    if (error instanceof TemporalUnavailableError || error instanceof EngineStartError) {
      err(error.message);
      return error instanceof EngineStartError ? error.exitCode : 1;
    }
    throw error;
  } finally {
    await temporal?.close();
    transport.close();
    await db?.destroy();
  }
}
