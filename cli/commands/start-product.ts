// What `jmeg start` (npm start, ./start.ts) runs: the product on this machine, on embedded defaults unless configured
// otherwise: the database, the HTTP API, and the Temporal worker when a Temporal server can be had. Without one the API keeps
// serving reads from the database and Temporal is sought again every 30 s; the worker starts when it appears.
import type { Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { TemporalEngine } from '../../procedures/temporal-engine';
import type { Kysely } from 'kysely';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { serveApi, ServeError, type RunningApi } from '../../api/serve';
import { type AppConfig } from '../../config/config';
import { countAccounts } from '../../db/accounts';
import { SetupGate } from '../../security/setup-token';
import type { Database } from '../../db/database';
import {
  installTemporalInBackground,
  obtainTemporal,
  TemporalUnavailableError,
  type BackgroundInstall,
  type TemporalServer,
} from '../../worker/obtain-temporal';
import { EngineStartError, openDatabase } from '../../worker/run-engine';
import { createWorker, MAX_CACHED_WORKFLOWS } from '../../worker/run-worker';
import { connectClient } from '../../worker/temporal-client';

/** How long to wait between two attempts to find a Temporal server. */
export const TEMPORAL_RETRY_MS = 30_000;
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** Resolves on the first SIGINT/SIGTERM; dispose() removes the handlers. */
function stopSignal(): { stopped: Promise<NodeJS.Signals>; dispose: () => void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  return { stopped, dispose: () => STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal)) };
}

/**
 * Keeps a worker running when Temporal can be had: one attempt now, then one every `retryMs` while there is none,
 * or after the worker failed. Each attempt is bounded by obtainTemporal's timeouts; attempts never overlap.
 */
class WorkerSupervisor {
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt: Promise<void> = Promise.resolve();
  private temporal: TemporalServer | null = null;
  private worker: Worker | null = null;
  private running: Promise<void> = Promise.resolve();
  private toldUnavailable = false;
  private clientConnection: Connection | null = null;
  private install: BackgroundInstall | null = null;

  constructor(
    private readonly deps: {
      config: AppConfig;
      searchPath: string | undefined;
      db: Kysely<Database>;
      transport: MailTransport;
      retryMs: number;
      engine: TemporalEngine;
    } & Output,
  ) {}

  start(): void {
    this.attempt = this.tryOnce().catch((error: unknown) => {
      this.deps.err(`Worker: ${oneLine(error)}`);
      this.retryLater();
    });
  }

  private retryLater(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, this.deps.retryMs);
  }

  private async tryOnce(): Promise<void> {
    const { config, searchPath, out, err } = this.deps;
    let temporal: TemporalServer;
    try {
      temporal = await obtainTemporal(config, searchPath);
    } catch (error) {
      if (!this.toldUnavailable) {
        const message = error instanceof TemporalUnavailableError ? error.message : `Temporal: ${oneLine(error)}`;
        err(`${message} Meanwhile the API keeps serving reads; retrying every ${this.deps.retryMs / 1000} s.`);
        this.toldUnavailable = true;
        this.buildDevServer();
      }
      this.retryLater();
      return;
    }
    if (this.stopping) return temporal.close();
    this.temporal = temporal;
    this.toldUnavailable = false;
    out(`Temporal: ${temporal.description}, namespace ${temporal.namespace}, task queue ${config.temporalTaskQueue}`);
    if (temporal.uiUrl !== null) out(`Temporal UI: ${temporal.uiUrl}`);
    let worker: Worker;
    try {
      worker = await createWorker({ config, temporal, db: this.deps.db, transport: this.deps.transport });
    } catch (error) {
      err(
        `Worker: cannot start (${oneLine(error)}); the API keeps serving reads; retrying every ${this.deps.retryMs / 1000} s.`,
      );
      await this.closeTemporal();
      this.retryLater();
      return;
    }
    if (this.stopping) return this.closeTemporal();
    try {
      // The API's own client: actions go to the server the worker polls.
      const connected = await connectClient(temporal.address, config, temporal.namespace);
      this.clientConnection = connected.connection;
      this.deps.engine.setClient(connected.client);
    } catch (error) {
      err(
        `Temporal client: cannot connect (${oneLine(error)}); actions answer 503 until it can; retrying every ${this.deps.retryMs / 1000} s.`,
      );
    }
    this.worker = worker;
    this.running = worker.run().then(
      () => undefined,
      async (error: unknown) => {
        this.worker = null;
        await this.closeTemporal();
        if (this.stopping) return;
        err(
          `Worker: stopped (${oneLine(error)}); the API keeps serving reads; retrying every ${this.deps.retryMs / 1000} s.`,
        );
        this.retryLater();
      },
    );
    out(`Worker: running (up to ${MAX_CACHED_WORKFLOWS} cached workflows); Ctrl+C or SIGTERM stops it`);
  }

  /**
   * With no server to be had and none named (TEMPORAL_ADDRESS unset), builds the dev server once in the background
   * where Go is at hand, so a fresh `npm install && npm start` runs procedures without another step; the worker
   * starts as soon as the build is there.
   */
  private buildDevServer(): void {
    const { config, searchPath, out, err } = this.deps;
    if (this.install !== null || config.temporalAddress !== null || !config.temporalAutoInstall) return;
    this.install = installTemporalInBackground(config, searchPath);
    if (this.install === null) return;
    out(
      `Temporal: building the dev server from its Go module in the background (minutes, once; log: ${this.install.log}); the worker starts when it is ready`,
    );
    void this.install.done.then((built) => {
      if (this.stopping) return;
      if (!built) {
        err(
          `Temporal: the dev server could not be built (see ${this.install?.log ?? 'its log'}); \`npm run temporal:install\` shows why`,
        );
        return;
      }
      out('Temporal: the dev server is built; starting it');
      if (this.timer !== null && this.worker === null && this.temporal === null) {
        clearTimeout(this.timer);
        this.timer = null;
        this.start();
      }
    });
  }

  private async closeTemporal(): Promise<void> {
    this.deps.engine.setClient(null);
    const connection = this.clientConnection;
    this.clientConnection = null;
    await connection?.close().catch(() => undefined);
    const temporal = this.temporal;
    this.temporal = null;
    await temporal?.close().catch(() => undefined);
  }

  /** Stops retrying, shuts the worker down (running tasks finish) and closes the Temporal connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.attempt;
    const worker = this.worker;
    if (worker !== null) {
      // The SDK's runtime may already be shutting it down on the same signal (install-runtime.ts).
      if (worker.getState() === 'RUNNING') {
        try {
          worker.shutdown();
        } catch {
          // already stopping
        }
      }
      await this.running;
      this.deps.out('Worker: stopped');
    }
    await this.closeTemporal();
  }
}

export interface StartOptions extends Output {
  config: AppConfig;
  searchPath: string | undefined;
  retryMs?: number;
}

/** Runs until SIGINT/SIGTERM and returns 0; returns 1 with one line when the database or the port cannot be had. */
export async function startProduct({
  config,
  searchPath,
  out,
  err,
  retryMs = TEMPORAL_RETRY_MS,
}: StartOptions): Promise<number> {
  const signal = stopSignal();
  const transport = buildTransport(config);
  let db: Kysely<Database> | null = null;
  let api: RunningApi | null = null;
  try {
    const opened = await openDatabase(config);
    db = opened.db;
    out(`Data: ${opened.target} (data directory ${config.dataDir})`);
    out(`Mail: ${transport.description}, from ${config.mailFrom}`);
    const engine = new TemporalEngine(config.temporalTaskQueue);
    // No account and none configured: a one-time setup link for the first staff account (api/accounts/setup-page.ts).
    const setup = config.firstAccount === null && (await countAccounts(db)) === 0 ? SetupGate.create() : null;
    api = await serveApi({ db, config, engine, setup: setup?.gate ?? null }, out);
    if (setup)
      out(
        `Setup: no account yet; open ${api.url}/setup?token=${setup.token} to create the first staff account (works once, until this process stops)`,
      );
    // With PORT=0 the port is known only now: the links in mails (activities/acts) use the real one.
    const workerConfig = config.httpPort === 0 ? { ...config, httpPort: Number(new URL(api.url).port) } : config;
    const supervisor = new WorkerSupervisor({
      config: workerConfig,
      searchPath,
      db,
      transport,
      retryMs,
      out,
      err,
      engine,
    });
    supervisor.start();
    await signal.stopped;
    await api.close();
    api = null;
    await supervisor.stop();
    return 0;
  } catch (error) {
    if (error instanceof EngineStartError || error instanceof ServeError) {
      err(error.message);
      return error instanceof EngineStartError ? error.exitCode : 1;
    }
    throw error;
  } finally {
    signal.dispose();
    await api?.close();
    transport.close();
    await db?.destroy();
  }
}
