// A ProcedureEngine (api/engine/engine.ts) on the offline forward simulator (simulator.ts): the real workflow code,
// the real activities (Postgres, SMTP), and one virtual clock shared by every workflow it runs. The API, the pages
// and the browser tests use it where the product uses Temporal; `now()` is the app's clock (AppDeps.clock), so the
// HTTP layer, the activities and the workflows all see the same instant.
//
// Time: `advanceTo(instant)` moves every running workflow forward in time order. It repeatedly picks the workflow
// whose next due timer or activity attempt is earliest, moves that one simulator to that instant (it fires
// everything due there, and runs the workflow tasks and immediate activities that follows), and starts over; when
// nothing is due before `instant` any more, every simulator's clock is set to `instant`. So timers of different
// workflows interleave as on a server (a reminder of workflow A due at 09:00 runs before one of B at 10:00), and
// the activities, which read `now()`, see the instant of the timer that triggered them.
//
// Calls are serialised (a promise queue): HTTP requests may arrive together, but a simulator runs one thing at a
// time. `setAvailable(false)` plays "Temporal went away": every start/update/query/signal then fails with
// EngineUnavailableError until `setAvailable(true)`; time (advanceTo) still passes, as it does on the server.
import { ApplicationFailure, defaultFailureConverter, defaultPayloadConverter, type QueryDefinition, type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import type { WorkflowBundle } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type ActivityDeps } from '../../activities';
import type { ActConfig } from '../../activities/acts/act-activities';
import type { MailTransport } from '../../activities/mail/build-transport';
import type { Database } from '../../db/database';
import {
  EngineUnavailableError,
  problemsOf,
  ProcedureNotFoundError,
  ProcedureRefusedError,
  type ProcedureEngine,
  type ProcedureWorkflowType,
} from '../../api/engine/engine';
import { WorkflowSimulator, type ActivityImplementations, type Instant, type UpdateOutcome } from './simulator';

export interface SimulatorEngineOptions {
  /** bundleForSimulator(workflows/index.ts), built once per test file. */
  bundle: WorkflowBundle;
  db: Kysely<Database>;
  transport: MailTransport;
  mailFrom: string;
  /** The virtual clock's first instant. */
  startTime: Instant;
  /**
   * More settings for the activities: the act workflow's response link needs `responseLinkSecret` (the same secret
   * the app verifies links with, AppConfig.responseLinkSecret), and may take `responseLinkDays` and `publicBaseUrl`.
   */
  extraActivityConfig?: ActConfig;
  /** Replaces or wraps activities (e.g. to make one fail); receives the real ones. Default: the real ones. */
  activities?: (real: ActivityImplementations) => ActivityImplementations;
}

/** A failure's message and problems, as a Temporal client would see the ApplicationFailure. */
function refusalOf(reason: string, failure: Parameters<typeof defaultFailureConverter.failureToError>[0]): ProcedureRefusedError {
  const error = defaultFailureConverter.failureToError(failure, defaultPayloadConverter);
  const details = error instanceof ApplicationFailure ? error.details : undefined;
  return new ProcedureRefusedError(reason || error.message, problemsOf(details));
}

function toMs(instant: Instant): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return ms;
}

export class SimulatorEngine implements ProcedureEngine {
  private clock: number;
  private up = true;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sims = new Map<string, WorkflowSimulator>();
  private readonly closed: WorkflowSimulator[] = [];
  private readonly activities: ActivityImplementations;

  constructor(private readonly options: SimulatorEngineOptions) {
    this.clock = toMs(options.startTime);
    const deps: ActivityDeps = {
      db: options.db,
      transport: options.transport,
      config: { ...options.extraActivityConfig, mailFrom: options.mailFrom },
      clock: () => new Date(this.clock),
    };
    const real: ActivityImplementations = { ...createActivities(deps) };
    this.activities = options.activities ? options.activities(real) : real;
  }

  /** The virtual clock in milliseconds since the epoch: pass it as AppDeps.clock (`clock: () => engine.now()`). */
  now(): number {
    return this.clock;
  }

  available(): boolean {
    return this.up;
  }

  /** false: every action fails with EngineUnavailableError (503 in the API) until set back to true. */
  setAvailable(up: boolean): void {
    this.up = up;
  }

  /** The simulator of a workflow id (running or finished), for assertions on its history or activity calls. */
  simulator(workflowId: string): WorkflowSimulator | undefined {
    return this.sims.get(workflowId);
  }

  /** Workflow ids this engine has started, in start order. */
  get workflowIds(): string[] {
    return [...this.sims.keys()];
  }

  /** Moves the shared clock to `instant`, running every workflow's due timers and activities in time order. */
  advanceTo(instant: Instant): Promise<void> {
    return this.serial(() => this.runUntil(toMs(instant)));
  }

  advanceBy(ms: number): Promise<void> {
    return this.serial(() => this.runUntil(this.clock + ms));
  }

  start(workflowType: ProcedureWorkflowType, workflowId: string, args: unknown[]): Promise<'started' | 'already-started'> {
    return this.serial(async () => {
      this.need();
      const existing = this.sims.get(workflowId);
      if (existing?.status === 'running') return 'already-started';
      if (existing) this.closed.push(existing); // a finished workflow's id may be used again (Temporal's default reuse policy)
      const sim = await WorkflowSimulator.start({ bundle: this.options.bundle, workflowType, args, activities: this.activities, startTime: this.clock, workflowId });
      this.sims.set(workflowId, sim);
      return 'started';
    });
  }

  update<Ret, Arg>(workflowId: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    return this.serial(async () => {
      const sim = this.running(workflowId);
      const outcome: UpdateOutcome<Ret> = await sim.update<Ret>(definition.name, arg);
      if (!outcome.accepted) throw refusalOf(outcome.reason, outcome.failure);
      if (outcome.status === 'failed') throw refusalOf(outcome.reason, outcome.failure);
      if (outcome.status === 'running') {
        // Our handlers finish in the task that accepts them; a client would wait here for as long as the handler waits.
        throw new Error(`update "${definition.name}" of ${workflowId} is still running after its workflow task (the simulator engine cannot wait for it)`);
      }
      return outcome.result;
    });
  }

  query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret> {
    return this.serial(() => {
      this.need();
      // A finished workflow can still be queried, as on a server (within its retention).
      const sim = this.sims.get(workflowId);
      if (!sim) throw new ProcedureNotFoundError(workflowId);
      return Promise.resolve(sim.query<Ret>(definition.name));
    });
  }

  signal<Arg>(workflowId: string, definition: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    return this.serial(() => this.running(workflowId).signal(definition.name, arg));
  }

  /** Closes every simulator's replay worker (call in afterAll / afterEach). */
  close(): Promise<void> {
    return this.serial(async () => {
      const all = [...this.sims.values(), ...this.closed.splice(0)];
      this.sims.clear();
      await Promise.all(all.map((s) => s.close()));
    });
  }

  private need(): void {
    if (!this.up) throw new EngineUnavailableError('the simulated Temporal server is unavailable');
  }

  private running(workflowId: string): WorkflowSimulator {
    this.need();
    const sim = this.sims.get(workflowId);
    if (!sim || sim.status !== 'running') throw new ProcedureNotFoundError(workflowId);
    return sim;
  }

  /** Runs `fn` after every call before it has settled (its own failure does not block the queue). */
  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runUntil(target: number): Promise<void> {
    if (target < this.clock) throw new Error(`cannot move the clock back from ${new Date(this.clock).toISOString()} to ${new Date(target).toISOString()}`);
    for (;;) {
      let earliest: { sim: WorkflowSimulator; at: number } | undefined;
      for (const sim of this.sims.values()) {
        if (sim.status !== 'running') continue;
        const at = nextDueOf(sim);
        if (at !== undefined && at <= target && (earliest === undefined || at < earliest.at)) earliest = { sim, at };
      }
      if (!earliest) break;
      // Every simulator's clock is at or before `earliest.at` and nothing else is due before it.
      this.clock = Math.max(this.clock, earliest.at);
      await earliest.sim.advanceTo(this.clock);
    }
    this.clock = target;
    for (const sim of this.sims.values()) if (sim.now.getTime() < target) await sim.advanceTo(target);
  }
}

/** The simulator's next due timer or activity attempt (retries included), read through its private `nextDue`. */
function nextDueOf(sim: WorkflowSimulator): number | undefined {
  // Bracket access is TypeScript's sanctioned way past `private`; the simulator keeps the only full list of due work.
  return sim['nextDue']();
}

export function createSimulatorEngine(options: SimulatorEngineOptions): SimulatorEngine {
  return new SimulatorEngine(options);
}
