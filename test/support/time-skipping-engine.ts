// A ProcedureEngine (procedures/engine.ts) on Temporal's real time-skipping test server: the product's
// TemporalEngine over the test environment's client, a real worker running the bundled workflows with the real
// activities (Postgres, SMTP), and the server's clock as the app's clock. One engine = one test server (a JVM,
// ~1.5 s to start) whose clock starts at `startTime`, so a scenario begins on an exact Bishkek date whatever day
// the tests run on (scripts/test-server/JmegTestServer.java, `--start=`), and weeks pass in milliseconds.
//
// Time: the server's clock runs at wall-clock speed while time skipping is locked (the SDK's default), and jumps
// from timer to timer while a test sleeps: `advanceTo(instant)` sleeps until that instant. The server never skips
// past a workflow task or an activity that is still running, so when the sleep returns everything due before the
// instant has run; `settle()` then waits for what the last timers started (a reminder's mail, its event).
// `start`, `update` and `signal` settle their workflow before they return, as a person who clicks and then looks
// at the page expects.
//
// The activities' clock is the server's: inside an activity, the time the server scheduled the attempt.
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { fileURLToPath } from 'node:url';
import { createActivities, type ActivityDeps } from '../../activities';
import type { ActConfig } from '../../activities/acts/act-activities';
import type { MailTransport } from '../../activities/mail/build-transport';
import type { Database } from '../../db/database';
import { EngineUnavailableError, type ProcedureEngine, type ProcedureWorkflowType } from '../../procedures/engine';
import { TemporalEngine } from '../../procedures/temporal-engine';
import { decodePayloadsIn, testDataConverter } from './payload-test-keys';
import { quietTemporalRuntime } from './temporal-servers';

export type Instant = string | number | Date;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActivityImplementations = Record<string, (...args: any[]) => unknown>;

const WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const EventType = temporal.api.enums.v1.EventType;
const PendingActivityState = temporal.api.enums.v1.PendingActivityState;

let bundled: Promise<WorkflowBundle> | undefined;

/** The product's workflows bundled once per test process (webpack takes seconds; every engine shares it). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundled ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: quietLogger });
  return bundled;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
};

export interface TimeSkippingEngineOptions {
  /** The test server's launcher (test/support/temporal-servers.ts: testServer()). */
  serverPath: string;
  db: Kysely<Database>;
  transport: MailTransport;
  mailFrom: string;
  /** The server's first instant. */
  startTime: Instant;
  /** More settings for the activities (the response link's secret, days, public base URL). */
  extraActivityConfig?: ActConfig;
  /** Replaces or wraps activities (e.g. to make one fail); receives the real ones. Default: the real ones. */
  activities?: (real: ActivityImplementations) => ActivityImplementations;
  /**
   * The worker's workflow cache; 0 runs without a sticky task queue (every task replays the history). The test server
   * never moves a workflow off a stopped worker's sticky queue, so a scenario that restarts the worker passes 0.
   * Default 20.
   */
  maxCachedWorkflows?: number;
}

function toMs(instant: Instant): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return ms;
}

/** Polls `check` until it holds, every 20 ms, up to `ceilingMs` (generous: a busy machine is slow, never wrong). */
async function until(
  check: () => Promise<boolean>,
  ceilingMs: number,
  what: () => Promise<string> | string,
): Promise<void> {
  const deadline = Date.now() + ceilingMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`time-skipping engine: ${await what()} after ${ceilingMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export class TimeSkippingEngine implements ProcedureEngine {
  private up = true;
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;
  private readonly ids = new Set<string>();
  /** The server's time at `syncedAtWall` (wall clock): now() extrapolates at wall speed, as the locked server does. */
  private serverMs: number;
  private syncedAtWall = Date.now();
  readonly taskQueue = `jmeg-test-${randomUUID()}`;
  private readonly inner: TemporalEngine;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly bundle: WorkflowBundle,
    private readonly options: TimeSkippingEngineOptions,
    private readonly activityImpls: ActivityImplementations,
    startMs: number,
  ) {
    this.serverMs = startMs;
    this.inner = new TemporalEngine(this.taskQueue);
    this.inner.setClient(env.client);
  }

  static async create(options: TimeSkippingEngineOptions): Promise<TimeSkippingEngine> {
    quietTemporalRuntime();
    const startMs = toMs(options.startTime);
    const [env, bundle] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({
        // Every payload encrypted, as in production (security/payload-codec.ts), with the tests' fixed key.
        client: { dataConverter: testDataConverter },
        server: {
          executable: { type: 'existing-path', path: options.serverPath },
          extraArgs: [`--start=${new Date(startMs).toISOString()}`],
        },
      }),
      workflowBundle(),
    ]);
    const box: { engine?: TimeSkippingEngine } = {};
    const deps: ActivityDeps = {
      db: options.db,
      transport: options.transport,
      config: { ...options.extraActivityConfig, mailFrom: options.mailFrom },
      clock: () => activityClock(() => box.engine?.now() ?? startMs),
    };
    const real: ActivityImplementations = { ...createActivities(deps) };
    const engine = new TimeSkippingEngine(
      env,
      bundle,
      options,
      options.activities ? options.activities(real) : real,
      startMs,
    );
    box.engine = engine;
    await engine.sync();
    await engine.startWorker();
    return engine;
  }

  /** The server's clock in milliseconds since the epoch: pass it as AppDeps.clock (`clock: () => engine.now()`). */
  now(): number {
    return this.serverMs + (Date.now() - this.syncedAtWall);
  }

  available(): boolean {
    return this.up;
  }

  /** false: every action fails with EngineUnavailableError (503 in the API) until set back to true. Time still passes. */
  setAvailable(up: boolean): void {
    this.up = up;
  }

  /** Workflow ids this engine has started, in start order. */
  get workflowIds(): string[] {
    return [...this.ids];
  }

  get client() {
    return this.env.client;
  }

  /** Moves the server's clock to `instant` (time skipping), then waits until what the last timers started has run. */
  async advanceTo(instant: Instant): Promise<void> {
    await this.sync();
    const target = toMs(instant);
    if (target < this.serverMs - 1_000)
      throw new Error(
        `cannot move the clock back from ${new Date(this.serverMs).toISOString()} to ${new Date(target).toISOString()}`,
      );
    if (target > this.serverMs) await this.env.sleep(target - this.serverMs);
    await this.sync();
    await this.settle();
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.now() + ms);
  }

  async start(
    workflowType: ProcedureWorkflowType,
    workflowId: string,
    args: unknown[],
  ): Promise<'started' | 'already-started'> {
    this.need();
    // The product's start (procedures/temporal-engine.ts): WorkflowIdReusePolicy.REJECT_DUPLICATE, so here too a
    // finished procedure is 'already-started', never run twice.
    const outcome = await this.inner.start(workflowType, workflowId, args);
    this.ids.add(workflowId);
    await this.settle(workflowId);
    return outcome;
  }

  async update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    this.need();
    try {
      return await this.inner.update(workflowId, definition, arg);
    } finally {
      await this.settle(workflowId);
    }
  }

  query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret> {
    this.need();
    return this.inner.query(workflowId, definition);
  }

  async signal<Arg>(workflowId: string, definition: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    this.need();
    await this.inner.signal(workflowId, definition, arg);
    await this.settle(workflowId);
  }

  /**
   * The workflow's history with its payloads decrypted by the tests' key, as the worker reads it (for fixtures and
   * assertions on events and their inputs).
   */
  async history(workflowId: string) {
    return decodePayloadsIn(await this.rawHistory(workflowId));
  }

  /** The workflow's history as the server keeps it: every payload encrypted (security/payload-codec.ts). */
  rawHistory(workflowId: string) {
    return this.env.client.workflow.getHandle(workflowId).fetchHistory();
  }

  /**
   * Waits until no workflow of this engine (or only `workflowId`) has a workflow task to run or an activity attempt
   * running or due now. An activity waiting out its retry backoff counts as settled (time must pass for it).
   */
  async settle(workflowId?: string): Promise<void> {
    const ids = workflowId ? [workflowId] : this.workflowIds;
    for (const id of ids) {
      let last = '';
      await until(
        async () => {
          const state = await this.busy(id);
          last = state;
          return state === '';
        },
        60_000,
        () => `${id} still busy (${last})`,
      );
    }
    await this.sync();
  }

  /** Stops the worker (a deploy, a crash): timers keep firing on the server, nothing runs until startWorker(). */
  async stopWorker(): Promise<void> {
    if (!this.worker) return;
    this.worker.shutdown();
    await this.running;
    this.worker = undefined;
    this.running = undefined;
  }

  async startWorker(): Promise<void> {
    if (this.worker) return;
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: this.taskQueue,
      dataConverter: testDataConverter,
      workflowBundle: this.bundle,
      activities: this.activityImpls,
      maxCachedWorkflows: this.options.maxCachedWorkflows ?? 20,
    });
    this.running = this.worker.run();
  }

  async close(): Promise<void> {
    await this.stopWorker().catch(() => undefined);
    await this.env.teardown();
  }

  private need(): void {
    if (!this.up) throw new EngineUnavailableError('the Temporal test server is made unavailable by the test');
  }

  private async sync(): Promise<void> {
    const ms = await this.env.currentTimeMs();
    this.serverMs = ms;
    this.syncedAtWall = Date.now();
  }

  /** '' when settled, else what is still under way. */
  private async busy(workflowId: string): Promise<string> {
    const handle = this.env.client.workflow.getHandle(workflowId);
    // The description and the history are separate reads: the history is read before and after the description, and
    // must not have grown in between, or a workflow task that completed meanwhile (scheduling an activity the
    // description did not show yet) would pass for settled.
    let eventsBefore: number;
    try {
      eventsBefore = (await handle.fetchHistory()).events?.length ?? 0;
    } catch (error) {
      // A workflow that never ran (an update sent to an unknown id) has nothing to settle.
      if (error instanceof WorkflowNotFoundError || (error as { code?: unknown } | null)?.code === 5) return '';
      throw error;
    }
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return '';
    for (const activity of description.raw.pendingActivities ?? []) {
      // Waiting for its next attempt: SCHEDULED on the dev server; on the test server still STARTED, its last attempt
      // completed after it started.
      const lastCompleted = activity.lastAttemptCompleteTime ? tsToMs(activity.lastAttemptCompleteTime) : 0;
      const lastStarted = activity.lastStartedTime ? tsToMs(activity.lastStartedTime) : 0;
      const inBackoff =
        (activity.attempt ?? 1) > 1 &&
        (activity.state === PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED || lastCompleted >= lastStarted);
      if (!inBackoff) return `activity ${activity.activityType?.name ?? '?'} attempt ${activity.attempt ?? 1}`;
    }
    if (!this.worker) return '';
    const history = await handle.fetchHistory();
    if ((history.events?.length ?? 0) !== eventsBefore) return 'new events in the history';
    const lastEvent = history.events?.at(-1);
    const type = lastEvent?.eventType;
    if (type === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || type === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
      return 'a workflow task';
    return '';
  }
}

/** Inside an activity: the server's time of this attempt; outside one: `fallback`. */
function activityClock(fallback: () => number): Date {
  try {
    return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return new Date(fallback());
  }
}

export function createTimeSkippingEngine(options: TimeSkippingEngineOptions): Promise<TimeSkippingEngine> {
  return TimeSkippingEngine.create(options);
}
