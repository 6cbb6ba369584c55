// A forward simulator for Temporal workflows with no Temporal server (DESIGN.md, "The hard constraint").
// It plays the server's part: it writes the history a server would write, runs each workflow task by
// replaying the whole history through the SDK's own replay worker (the real sandbox and sdk-core), reads
// the commands of the last task through a sink (simulator-interceptors.ts), executes scheduled activities
// with the real implementations given to it, and fires timers on a virtual clock. Updates: see `update()`.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApplicationFailure,
  arrayFromPayloads,
  defaultFailureConverter,
  defaultPayloadConverter,
  toPayloads,
  type Payload,
} from '@temporalio/common';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type ReplayWorkerOptions, type WorkflowBundle } from '@temporalio/worker';
import type { ActivationReport, SimulatorSinks } from './simulator-interceptors';

const EventType = temporal.api.enums.v1.EventType;
const RetryState = temporal.api.enums.v1.RetryState;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** An event as the simulator writes it: plain numbers where the proto types say Long (protobufjs encodes both). */
type SimEvent = { eventId: number; eventTime: { seconds: number; nanos: number }; eventType: temporal.api.enums.v1.EventType } & Record<string, unknown>;
type Failure = temporal.api.failure.v1.IFailure;
type Duration = { seconds?: number | Long | null; nanos?: number | null } | null | undefined;
interface Long { toNumber(): number }

const IDENTITY = 'simulator';
const INTERCEPTORS = fileURLToPath(new URL('./simulator-interceptors.ts', import.meta.url));
/** A safety stop for activities that fail forever while the clock runs far ahead. */
const MAX_ATTEMPTS_PER_ACTIVITY = 10_000;

/** Bundles the workflows at `workflowsPath` with the simulator's interceptor. Takes seconds: once per test file. */
export async function bundleForSimulator(workflowsPath: string): Promise<WorkflowBundle> {
  quietRuntime();
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [INTERCEPTORS],
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  return { code };
}

/** Replay workers log every state change at INFO; keep warnings and errors only (once per process). */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed (by another test file in this process, or by the caller): keep that one
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActivityImplementations = Record<string, (...args: any[]) => unknown>;

export type Instant = Date | string | number;

export interface SimulatorOptions {
  bundle: WorkflowBundle;
  workflowType: string;
  args?: unknown[];
  /** Real activity implementations by activity type; a scheduled type missing here fails the step. */
  activities?: ActivityImplementations;
  /** The instant of WorkflowExecutionStarted and of the first workflow task. */
  startTime: Instant;
  workflowId?: string;
  runId?: string;
  taskQueue?: string;
}

export interface ResumeOptions {
  bundle: WorkflowBundle;
  /** A history written by a simulator (or a server) that ends between workflow tasks. */
  history: History;
  activities?: ActivityImplementations;
  workflowId?: string;
}

/** One real invocation of an activity implementation by this simulator. */
export interface ActivityCall {
  type: string;
  args: unknown[];
  /** The workflow's seq for the activity (= activityId). */
  seq: number;
  attempt: number;
  at: Date;
  outcome: 'completed' | 'failed' | 'retrying';
  result?: unknown;
  error?: string;
}

export interface PendingTimer { seq: number; startedEventId: number; fireAt: Date }

export type WorkflowStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'continued-as-new';

interface RetryRule { initialMs: number; coefficient: number; maxIntervalMs: number; maxAttempts: number; nonRetryableTypes: string[] }

interface PendingActivity {
  seq: number;
  type: string;
  scheduledEventId: number;
  input: Payload[];
  retry: RetryRule;
  attempt: number;
  dueAt: number;
  order: number;
  scheduleToCloseDeadline?: number;
  lastFailure?: Failure;
}

interface TimerEntry { seq: number; startedEventId: number; fireAt: number; order: number }

/**
 * What `sim.update` answers. `accepted: false` is a refusal by the update's validator (or an unknown update
 * name): as on a server, nothing is written to history. An accepted update is `completed` with the handler's
 * result, `failed` when the handler threw an ApplicationFailure (the workflow goes on), or `running` while an
 * async handler still waits (read it later with `sim.updateOutcome(updateId)`).
 */
export type UpdateOutcome<T = unknown> =
  | { accepted: false; updateId: string; reason: string; failure: Failure }
  | { accepted: true; updateId: string; status: 'completed'; result: T }
  | { accepted: true; updateId: string; status: 'failed'; reason: string; failure: Failure }
  | { accepted: true; updateId: string; status: 'running' };

interface OpenUpdate { updateId: string; acceptedEventId: number; meta: { updateId: string; identity: string } }

interface Replayer { replay(history: History): Promise<ActivationReport[]>; close(): Promise<void> }

/** One replay worker for the simulator's lifetime, fed one history per workflow task (workers take ~100 ms to start). */
function openReplayer(bundle: WorkflowBundle, workflowId: string): Replayer {
  let reports: ActivationReport[] = [];
  const queue: History[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  async function* histories() {
    for (;;) {
      while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      const history = queue.shift();
      if (!history) return;
      yield { workflowId, history };
    }
  }
  const options: ReplayWorkerOptions = {
    workflowBundle: bundle,
    sinks: {
      simulator: { activation: { fn: (_info: unknown, report: ActivationReport) => void reports.push(report), callDuringReplay: true } },
    } satisfies { [K in keyof SimulatorSinks]: unknown },
  };
  const results = Worker.runReplayHistories(options, histories());
  return {
    async replay(history) {
      reports = [];
      queue.push(history);
      wake?.();
      const next = await results.next();
      if (next.done) throw new Error('the replay worker stopped');
      if (next.value.error) throw next.value.error;
      return reports;
    },
    async close() {
      closed = true;
      wake?.();
      await results.return?.(undefined);
    },
  };
}

function toMs(instant: Instant): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return ms;
}

function ts(ms: number) {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

function num(value: number | Long | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}

function durationMs(d: Duration): number | undefined {
  if (!d) return undefined;
  return num(d.seconds) * 1000 + Math.round(num(d.nanos) / 1_000_000);
}

function retryRule(policy: temporal.api.common.v1.IRetryPolicy | null | undefined): RetryRule {
  // Server defaults: 1 s initial interval, coefficient 2, maximum interval 100 x initial, unlimited attempts.
  const initialMs = durationMs(policy?.initialInterval) || 1000;
  return {
    initialMs,
    coefficient: policy?.backoffCoefficient || 2,
    maxIntervalMs: durationMs(policy?.maximumInterval) || initialMs * 100,
    maxAttempts: policy?.maximumAttempts ?? 0,
    nonRetryableTypes: policy?.nonRetryableErrorTypes ?? [],
  };
}

type Command = Record<string, Record<string, unknown> | undefined>;
const TERMINAL = ['completeWorkflowExecution', 'failWorkflowExecution', 'cancelWorkflowExecution', 'continueAsNewWorkflowExecution'];

export class WorkflowSimulator {
  readonly activityCalls: ActivityCall[] = [];
  private readonly events: SimEvent[] = [];
  private clock: number;
  private order = 0;
  private needsTask = false;
  private timers = new Map<number, TimerEntry>();
  private activities = new Map<number, PendingActivity>();
  private lastReports: ActivationReport[] = [];
  private closedAs: WorkflowStatus = 'running';
  private closeEvent: HistoryEvent | undefined;
  private readonly stepDurations: number[] = [];
  private readonly patches = new Set<string>();
  private readonly openUpdates = new Map<string, OpenUpdate>();
  private readonly updateOutcomes = new Map<string, UpdateOutcome>();
  /** The request of the update being accepted in the current task, by protocol instance id (= update id). */
  private acceptingUpdate: { updateId: string; request: Record<string, unknown>; sequencingEventId: number } | undefined;

  private constructor(
    private readonly replayer: Replayer,
    private readonly impls: ActivityImplementations,
    private readonly taskQueue: string,
    startMs: number,
  ) {
    this.clock = startMs;
  }

  /** Starts a workflow at `startTime` and runs everything due at that instant (the first task, its activities). */
  static async start(options: SimulatorOptions): Promise<WorkflowSimulator> {
    const workflowId = options.workflowId ?? `${options.workflowType}-sim`;
    const runId = options.runId ?? '00000000-0000-4000-8000-000000000001';
    const taskQueue = options.taskQueue ?? 'simulator';
    const startMs = toMs(options.startTime);
    const sim = new WorkflowSimulator(openReplayer(options.bundle, workflowId), options.activities ?? {}, taskQueue, startMs);
    sim.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, {
      workflowExecutionStartedEventAttributes: {
        workflowType: { name: options.workflowType },
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        input: { payloads: toPayloads(defaultPayloadConverter, ...(options.args ?? [])) ?? [] },
        workflowTaskTimeout: ts(10_000),
        originalExecutionRunId: runId,
        firstExecutionRunId: runId,
        identity: IDENTITY,
        attempt: 1,
        firstWorkflowTaskBackoff: ts(0),
        header: { fields: {} },
      },
    });
    sim.needsTask = true;
    await sim.runUntil(startMs);
    return sim;
  }

  /**
   * Continues from a recorded history, as a restarted worker would: the history is replayed from scratch
   * (determinism is checked, query state rebuilt); timers and activities left open in it are picked up.
   * Nothing already recorded is executed again.
   */
  static async resume(options: ResumeOptions): Promise<WorkflowSimulator> {
    const events = [...(options.history.events ?? [])];
    while (events.length > 0) {
      const t = events[events.length - 1]!.eventType;
      if (t !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && t !== EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) break;
      events.pop(); // an unfinished workflow task: the server would time it out and schedule a new one
    }
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    if (!started) throw new Error('a history starts with WorkflowExecutionStarted');
    const workflowType = started.workflowType?.name ?? '';
    const replayer = openReplayer(options.bundle, options.workflowId ?? `${workflowType}-sim`);
    const lastMs = durationMs(events[events.length - 1]!.eventTime) ?? 0;
    const sim = new WorkflowSimulator(replayer, options.activities ?? {}, started.taskQueue?.name ?? 'simulator', lastMs);
    sim.rebuild(events);
    sim.lastReports = await replayer.replay(sim.history);
    await sim.runUntil(lastMs);
    return sim;
  }

  /** The virtual clock. */
  get now(): Date {
    return new Date(this.clock);
  }

  get status(): WorkflowStatus {
    return this.closedAs;
  }

  /** The workflow's return value once completed. */
  get result(): unknown {
    const payload = this.closeEvent?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
    return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
  }

  /** The full temporal.api.history.v1.History. */
  get history(): History {
    return { events: this.events.map((e) => ({ ...e })) } as unknown as History;
  }

  get pendingTimers(): PendingTimer[] {
    return [...this.timers.values()]
      .sort((a, b) => a.fireAt - b.fireAt || a.order - b.order)
      .map((t) => ({ seq: t.seq, startedEventId: t.startedEventId, fireAt: new Date(t.fireAt) }));
  }

  /** Wall-clock milliseconds spent in each workflow task (replay included). */
  get stepTimings(): readonly number[] {
    return this.stepDurations;
  }

  /** Date.now() as the workflow saw it at the end of its last task. */
  get workflowNow(): Date | undefined {
    const last = this.lastReports[this.lastReports.length - 1];
    return last ? new Date(last.workflowNow) : undefined;
  }

  /**
   * The value the workflow's query handler `name` returned at the end of the last workflow task (the
   * handler is evaluated inside the sandbox after every activation; only handlers without arguments).
   */
  query<T = unknown>(name: string): T {
    const q = this.lastReports[this.lastReports.length - 1]?.queries[name];
    if (!q) throw new Error(`the workflow has no query handler "${name}" (or it takes arguments)`);
    if (!q.ok) throw new Error(`query "${name}" failed: ${q.error}`);
    return q.value as T;
  }

  /** Moves the clock to `instant`, firing timers and running activity attempts due on the way, in time order. */
  async advanceTo(instant: Instant): Promise<void> {
    const target = toMs(instant);
    if (target < this.clock) throw new Error(`cannot move the clock back from ${this.now.toISOString()} to ${new Date(target).toISOString()}`);
    await this.runUntil(target);
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.clock + ms);
  }

  /** Delivers a signal now (WorkflowExecutionSignaled) and runs the workflow task it causes. */
  async signal(name: string, ...args: unknown[]): Promise<void> {
    this.assertRunning(`signal "${name}"`);
    this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
      workflowExecutionSignaledEventAttributes: {
        signalName: name,
        input: { payloads: toPayloads(defaultPayloadConverter, ...args) ?? [] },
        identity: IDENTITY,
        header: { fields: {} },
      },
    });
    this.needsTask = true;
    await this.runUntil(this.clock);
  }

  /**
   * Sends the update `name` now, as a client's executeUpdate would, and runs the workflow task it causes.
   * Two passes, because a replay worker can only be handed histories:
   * 1. a trial task: the history plus a durable update request (WorkflowExecutionUpdateAdmitted) and a new
   *    workflow task. sdk-core hands an admitted request in the newest task to the workflow as a live request,
   *    so the workflow runs the update's validator itself (runValidator = true) and answers accepted or
   *    rejected. A rejection ends here: nothing is written, as a server writes nothing for a rejected update.
   * 2. an accepted update is written as a server writes it: WorkflowTaskScheduled/Started/Completed, then
   *    the events of the task's commands in command order (WorkflowExecutionUpdateAccepted for the acceptance,
   *    the handler's timers/activities, WorkflowExecutionUpdateCompleted for its result or failure). The
   *    whole history is then replayed (the UpdateAccepted event now delivers the request with
   *    runValidator = false, as after a worker restart) to check it and to refresh query state.
   * Throws when the workflow task itself fails (e.g. a handler threw a non-Temporal error).
   */
  async update<T = unknown>(name: string, ...args: unknown[]): Promise<UpdateOutcome<T>> {
    this.assertRunning(`update "${name}"`);
    if (this.needsTask) await this.runUntil(this.clock);
    const updateId = `${name}-${this.events.length + 1}`;
    const request = {
      meta: { updateId, identity: IDENTITY },
      input: { name, args: { payloads: toPayloads(defaultPayloadConverter, ...args) ?? [] }, header: { fields: {} } },
    };
    const at = ts(this.clock);
    const next = this.events.length + 1;
    const trial = [
      ...this.events,
      { eventId: next, eventTime: at, eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED, taskId: 1_048_576 + next,
        workflowExecutionUpdateAdmittedEventAttributes: { request, origin: temporal.api.enums.v1.UpdateAdmittedEventOrigin.UPDATE_ADMITTED_EVENT_ORIGIN_UNSPECIFIED } },
      { eventId: next + 1, eventTime: at, eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, taskId: 1_048_576 + next + 1,
        workflowTaskScheduledEventAttributes: { taskQueue: { name: this.taskQueue }, startToCloseTimeout: ts(10_000), attempt: 1 } },
      { eventId: next + 2, eventTime: at, eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, taskId: 1_048_576 + next + 2,
        workflowTaskStartedEventAttributes: { scheduledEventId: next + 1, identity: IDENTITY, requestId: `wft-${next + 1}` } },
    ];
    const trialReports = (await this.replayer.replay({ events: trial } as unknown as History)).filter((r) => r.historyLength === next + 2);
    const failed = trialReports.find((r) => r.taskFailure !== undefined) ?? (trialReports.length === 0 ? { taskFailure: 'see the sdk-core warning in the log' } : undefined);
    if (failed) throw new Error(`update "${name}" failed the workflow task: ${failed.taskFailure} (a server retries the task and the caller waits; nothing was written)`);
    const trialCommands = trialReports.flatMap((r) => r.commands as Command[]);
    const answer = trialCommands.find((c) => c.updateResponse?.protocolInstanceId === updateId)?.updateResponse;
    if (!answer) throw new Error(`the workflow did not answer update "${name}" in the task it was delivered in`);
    if (answer.rejected) {
      const failure = answer.rejected as Failure;
      return { accepted: false, updateId, reason: failure.message ?? '', failure };
    }

    const began = performance.now();
    const scheduledEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, {
      workflowTaskScheduledEventAttributes: { taskQueue: { name: this.taskQueue }, startToCloseTimeout: ts(10_000), attempt: 1 },
    });
    const startedEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
      workflowTaskStartedEventAttributes: { scheduledEventId, identity: IDENTITY, requestId: `wft-${scheduledEventId}` },
    });
    const completedEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
      workflowTaskCompletedEventAttributes: { scheduledEventId, startedEventId, identity: IDENTITY, sdkMetadata: this.sdkMetadata(), meteringMetadata: {} },
    });
    this.acceptingUpdate = { updateId, request, sequencingEventId: scheduledEventId };
    try {
      this.applyCommands(trialCommands, completedEventId);
    } finally {
      this.acceptingUpdate = undefined;
    }
    const reports = (await this.replayer.replay(this.history)).filter((r) => r.historyLength === startedEventId);
    if (reports.length > 0) this.lastReports = reports;
    this.stepDurations.push(performance.now() - began);
    await this.runUntil(this.clock); // what the task scheduled for now (activities) runs at once, as on a server
    return this.updateOutcome<T>(updateId);
  }

  /** The outcome of an accepted update so far (`running` while its handler waits). */
  updateOutcome<T = unknown>(updateId: string): UpdateOutcome<T> {
    const outcome = this.updateOutcomes.get(updateId);
    if (!outcome) throw new Error(`no accepted update "${updateId}"`);
    return outcome as UpdateOutcome<T>;
  }

  /** Requests cancellation of the workflow (WorkflowExecutionCancelRequested) and runs the task it causes. */
  async requestCancel(reason = 'simulated cancellation'): Promise<void> {
    this.assertRunning('cancel');
    this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, {
      workflowExecutionCancelRequestedEventAttributes: { cause: reason, identity: IDENTITY },
    });
    this.needsTask = true;
    await this.runUntil(this.clock);
  }

  /** The history in the JSON form `historyFromJSON` reads (what `temporal workflow show -o json` writes). */
  toJSON(): unknown {
    return JSON.parse(historyToJSON(this.history)) as unknown;
  }

  /** Writes the history as a fixture; failure stack traces are dropped (they hold the writer's file paths, and replay ignores them). */
  async writeFixture(path: string): Promise<void> {
    await writeFile(path, `${JSON.stringify(this.toJSON(), (key, value: unknown) => (key === 'stackTrace' ? '' : value), 2)}\n`);
  }

  async close(): Promise<void> {
    await this.replayer.close();
  }

  private assertRunning(what: string): void {
    if (this.closedAs !== 'running') throw new Error(`cannot ${what}: the workflow is ${this.closedAs}`);
  }

  private append(eventType: temporal.api.enums.v1.EventType, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    this.events.push({ eventId, eventTime: ts(this.clock), eventType, taskId: 1_048_576 + eventId, ...attributes });
    return eventId;
  }

  private async runUntil(target: number): Promise<void> {
    for (;;) {
      if (this.closedAs !== 'running') {
        this.clock = Math.max(this.clock, target);
        return;
      }
      if (this.needsTask) {
        await this.runWorkflowTask();
        continue;
      }
      const next = this.nextDue();
      if (next === undefined || next > target) {
        this.clock = target;
        return;
      }
      this.clock = next;
      await this.processDue();
    }
  }

  private nextDue(): number | undefined {
    const times = [...[...this.timers.values()].map((t) => t.fireAt), ...[...this.activities.values()].map((a) => a.dueAt)];
    return times.length ? Math.min(...times) : undefined;
  }

  private async processDue(): Promise<void> {
    const due = [
      ...[...this.timers.values()].filter((t) => t.fireAt <= this.clock).map((t) => ({ order: t.order, timer: t })),
      ...[...this.activities.values()].filter((a) => a.dueAt <= this.clock).map((a) => ({ order: a.order, activity: a })),
    ].sort((a, b) => a.order - b.order);
    for (const item of due) {
      if ('timer' in item && item.timer) {
        this.timers.delete(item.timer.seq);
        this.append(EventType.EVENT_TYPE_TIMER_FIRED, {
          timerFiredEventAttributes: { timerId: String(item.timer.seq), startedEventId: item.timer.startedEventId },
        });
        this.needsTask = true;
      } else if ('activity' in item && item.activity) {
        await this.runActivityAttempt(item.activity);
      }
    }
  }

  private async runActivityAttempt(a: PendingActivity): Promise<void> {
    const impl = this.impls[a.type];
    if (!impl) throw new Error(`no implementation given to the simulator for activity "${a.type}"`);
    const args = arrayFromPayloads(defaultPayloadConverter, a.input);
    const call: ActivityCall = { type: a.type, args, seq: a.seq, attempt: a.attempt, at: this.now, outcome: 'completed' };
    this.activityCalls.push(call);
    const env = new MockActivityEnvironment({
      activityId: String(a.seq),
      activityType: a.type,
      attempt: a.attempt,
      taskQueue: this.taskQueue,
      scheduledTimestampMs: this.clock,
      currentAttemptScheduledTimestampMs: this.clock,
    });
    const started = () =>
      this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, {
        activityTaskStartedEventAttributes: {
          scheduledEventId: a.scheduledEventId,
          identity: IDENTITY,
          requestId: `${a.scheduledEventId}-${a.attempt}`,
          attempt: a.attempt,
          lastFailure: a.lastFailure ?? null,
        },
      });
    try {
      const result = await env.run(impl as (...args: unknown[]) => Promise<unknown>, ...args);
      call.result = result;
      this.activities.delete(a.seq);
      const startedEventId = started();
      this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, {
        activityTaskCompletedEventAttributes: {
          result: { payloads: toPayloads(defaultPayloadConverter, result) ?? [] },
          scheduledEventId: a.scheduledEventId,
          startedEventId,
          identity: IDENTITY,
        },
      });
      this.needsTask = true;
    } catch (err) {
      call.error = err instanceof Error ? err.message : String(err);
      const failure = defaultFailureConverter.errorToFailure(err, defaultPayloadConverter);
      const type = err instanceof ApplicationFailure ? err.type : err instanceof Error ? err.name : undefined;
      const nonRetryable = (err instanceof ApplicationFailure && err.nonRetryable) || (type !== undefined && a.retry.nonRetryableTypes.includes(type ?? ''));
      const backoff = Math.min(a.retry.initialMs * a.retry.coefficient ** (a.attempt - 1), a.retry.maxIntervalMs);
      const attemptsExhausted = a.retry.maxAttempts > 0 && a.attempt >= a.retry.maxAttempts;
      const outOfTime = a.scheduleToCloseDeadline !== undefined && this.clock + backoff >= a.scheduleToCloseDeadline;
      if (!nonRetryable && !attemptsExhausted && !outOfTime) {
        if (a.attempt >= MAX_ATTEMPTS_PER_ACTIVITY) throw new Error(`activity "${a.type}" failed ${a.attempt} times in a row: ${call.error}`);
        call.outcome = 'retrying';
        a.lastFailure = failure;
        a.attempt += 1;
        a.dueAt = this.clock + backoff;
        return;
      }
      call.outcome = 'failed';
      this.activities.delete(a.seq);
      const startedEventId = started();
      this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, {
        activityTaskFailedEventAttributes: {
          failure,
          scheduledEventId: a.scheduledEventId,
          startedEventId,
          identity: IDENTITY,
          retryState: nonRetryable
            ? RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
            : attemptsExhausted
              ? RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
              : RetryState.RETRY_STATE_TIMEOUT,
        },
      });
      this.needsTask = true;
    }
  }

  private async runWorkflowTask(): Promise<void> {
    const began = performance.now();
    this.needsTask = false;
    const scheduledEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, {
      workflowTaskScheduledEventAttributes: { taskQueue: { name: this.taskQueue }, startToCloseTimeout: ts(10_000), attempt: 1 },
    });
    const startedEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
      workflowTaskStartedEventAttributes: { scheduledEventId, identity: IDENTITY, requestId: `wft-${scheduledEventId}` },
    });
    const reports = (await this.replayer.replay(this.history)).filter((r) => r.historyLength === startedEventId);
    if (reports.length === 0) throw new Error(`the workflow produced no activation for the task started at event ${startedEventId}`);
    const failed = reports.find((r) => r.taskFailure !== undefined);
    if (failed) throw new Error(`the workflow task started at event ${startedEventId} failed: ${failed.taskFailure}`);
    this.lastReports = reports;
    const completedEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
      workflowTaskCompletedEventAttributes: {
        scheduledEventId,
        startedEventId,
        identity: IDENTITY,
        sdkMetadata: this.sdkMetadata(),
        meteringMetadata: {},
      },
    });
    this.applyCommands(reports.flatMap((r) => r.commands as Command[]), completedEventId);
    this.stepDurations.push(performance.now() - began);
  }

  /**
   * What sdk-core writes on a task completion: on a new workflow's first task every core flag it knows
   * (1 id/type checks on activities, 2 search attribute upsert on patch, 3 terminal command last), which
   * switches on the matching replay checks; the TypeScript SDK's lang flags on every task (DESIGN.md).
   */
  private sdkMetadata(): temporal.api.sdk.v1.IWorkflowTaskCompletedMetadata {
    const first = !this.events.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    return first ? { coreUsedFlags: [1, 2, 3], langUsedFlags: [1, 2], sdkName: 'temporal-typescript', sdkVersion: '1.24.0' } : { langUsedFlags: [1, 2] };
  }

  /** Writes the events a server writes for each command, in command order (sdk-core forwards them in that order). */
  private applyCommands(all: Command[], wftCompletedEventId: number): void {
    const terminal = (c: Command) => TERMINAL.some((k) => c[k]);
    // Core flag 3: non-terminal commands go first, then the first terminal command; later terminal ones are dropped.
    const commands = [...all.filter((c) => !terminal(c)), ...all.filter(terminal).slice(0, 1)];
    for (const command of commands) {
      const [kind, c] = Object.entries(command).find(([, v]) => v !== undefined && v !== null) ?? [];
      if (!kind || !c) continue;
      switch (kind) {
        case 'scheduleActivity': {
          const seq = num(c.seq as number);
          const retry = retryRule(c.retryPolicy as temporal.api.common.v1.IRetryPolicy | undefined);
          const scheduleToClose = durationMs(c.scheduleToCloseTimeout as Duration);
          const scheduledEventId = this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
            activityTaskScheduledEventAttributes: {
              activityId: (c.activityId as string) || String(seq),
              activityType: { name: c.activityType as string },
              taskQueue: { name: (c.taskQueue as string) || this.taskQueue },
              header: { fields: (c.headers as Record<string, Payload>) ?? {} },
              input: { payloads: (c.arguments as Payload[]) ?? [] },
              scheduleToCloseTimeout: (c.scheduleToCloseTimeout as Duration) ?? null,
              scheduleToStartTimeout: (c.scheduleToStartTimeout as Duration) ?? null,
              startToCloseTimeout: (c.startToCloseTimeout as Duration) ?? null,
              heartbeatTimeout: (c.heartbeatTimeout as Duration) ?? null,
              workflowTaskCompletedEventId: wftCompletedEventId,
              retryPolicy: {
                initialInterval: ts(retry.initialMs),
                backoffCoefficient: retry.coefficient,
                maximumInterval: ts(retry.maxIntervalMs),
                maximumAttempts: retry.maxAttempts,
                nonRetryableErrorTypes: retry.nonRetryableTypes,
              },
            },
          });
          this.activities.set(seq, {
            seq,
            type: c.activityType as string,
            scheduledEventId,
            input: (c.arguments as Payload[]) ?? [],
            retry,
            attempt: 1,
            dueAt: this.clock,
            order: this.order++,
            scheduleToCloseDeadline: scheduleToClose ? this.clock + scheduleToClose : undefined,
          });
          break;
        }
        case 'startTimer': {
          const seq = num(c.seq as number);
          const ms = durationMs(c.startToFireTimeout as Duration) ?? 0;
          const startedEventId = this.append(EventType.EVENT_TYPE_TIMER_STARTED, {
            timerStartedEventAttributes: { timerId: String(seq), startToFireTimeout: ts(ms), workflowTaskCompletedEventId: wftCompletedEventId },
          });
          this.timers.set(seq, { seq, startedEventId, fireAt: this.clock + ms, order: this.order++ });
          break;
        }
        case 'cancelTimer': {
          const seq = num(c.seq as number);
          const timer = this.timers.get(seq);
          if (!timer) break; // already fired: sdk-core does not send the command
          this.timers.delete(seq);
          this.append(EventType.EVENT_TYPE_TIMER_CANCELED, {
            timerCanceledEventAttributes: { timerId: String(seq), startedEventId: timer.startedEventId, workflowTaskCompletedEventId: wftCompletedEventId, identity: IDENTITY },
          });
          break;
        }
        case 'requestCancelActivity': {
          const seq = num(c.seq as number);
          const a = this.activities.get(seq);
          if (!a) break;
          this.activities.delete(seq);
          const requested = this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, {
            activityTaskCancelRequestedEventAttributes: { scheduledEventId: a.scheduledEventId, workflowTaskCompletedEventId: wftCompletedEventId },
          });
          // Not started yet (the simulator runs attempts instantly), so the server cancels it at once.
          this.append(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED, {
            activityTaskCanceledEventAttributes: { scheduledEventId: a.scheduledEventId, latestCancelRequestedEventId: requested, startedEventId: 0, identity: IDENTITY },
          });
          this.needsTask = true;
          break;
        }
        case 'setPatchMarker': {
          this.patches.add(c.patchId as string);
          this.append(EventType.EVENT_TYPE_MARKER_RECORDED, {
            markerRecordedEventAttributes: {
              markerName: 'core_patch',
              details: { 'patch-data': { payloads: [defaultPayloadConverter.toPayload({ id: c.patchId, deprecated: Boolean(c.deprecated) })] } },
              workflowTaskCompletedEventId: wftCompletedEventId,
            },
          });
          // Core flag 2: every patch also upserts TemporalChangeVersion with all patch ids so far.
          this.append(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, {
            upsertWorkflowSearchAttributesEventAttributes: {
              workflowTaskCompletedEventId: wftCompletedEventId,
              searchAttributes: { indexedFields: { TemporalChangeVersion: defaultPayloadConverter.toPayload([...this.patches].sort()) } },
            },
          });
          break;
        }
        case 'upsertWorkflowSearchAttributes': {
          this.append(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, {
            upsertWorkflowSearchAttributesEventAttributes: {
              workflowTaskCompletedEventId: wftCompletedEventId,
              searchAttributes: { indexedFields: c.searchAttributes as Record<string, Payload> },
            },
          });
          break;
        }
        case 'completeWorkflowExecution':
          this.finish('completed', this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, {
            workflowExecutionCompletedEventAttributes: { result: c.result ? { payloads: [c.result as Payload] } : null, workflowTaskCompletedEventId: wftCompletedEventId },
          }));
          return;
        case 'failWorkflowExecution':
          this.finish('failed', this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, {
            workflowExecutionFailedEventAttributes: {
              failure: c.failure as Failure,
              retryState: RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET,
              workflowTaskCompletedEventId: wftCompletedEventId,
            },
          }));
          return;
        case 'cancelWorkflowExecution':
          this.finish('canceled', this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, {
            workflowExecutionCanceledEventAttributes: { workflowTaskCompletedEventId: wftCompletedEventId },
          }));
          return;
        case 'continueAsNewWorkflowExecution':
          this.finish('continued-as-new', this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, {
            workflowExecutionContinuedAsNewEventAttributes: {
              newExecutionRunId: '00000000-0000-4000-8000-0000000000ff',
              workflowType: { name: c.workflowType as string },
              taskQueue: { name: (c.taskQueue as string) || this.taskQueue },
              input: { payloads: (c.arguments as Payload[]) ?? [] },
              workflowTaskTimeout: ts(10_000),
              workflowTaskCompletedEventId: wftCompletedEventId,
              initiator: temporal.api.enums.v1.ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW,
            },
          }));
          return;
        case 'respondToQuery':
          break;
        case 'updateResponse':
          this.recordUpdateResponse(c, wftCompletedEventId);
          break;
        default:
          throw new Error(`the simulator does not support the workflow command "${kind}" yet (see test/support/simulator.ts)`);
      }
    }
  }

  /** WorkflowExecutionUpdateAccepted / Completed, as a server writes them for the update protocol messages. */
  private recordUpdateResponse(c: Record<string, unknown>, wftCompletedEventId: number): void {
    const updateId = c.protocolInstanceId as string;
    if (c.accepted) {
      const accepting = this.acceptingUpdate;
      if (accepting?.updateId !== updateId) throw new Error(`the workflow accepted update "${updateId}" that the simulator did not send in this task`);
      const acceptedEventId = this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
        workflowExecutionUpdateAcceptedEventAttributes: {
          protocolInstanceId: updateId,
          acceptedRequestMessageId: `${updateId}/request`,
          acceptedRequestSequencingEventId: accepting.sequencingEventId,
          acceptedRequest: accepting.request,
        },
      });
      this.openUpdates.set(updateId, { updateId, acceptedEventId, meta: { updateId, identity: IDENTITY } });
      this.updateOutcomes.set(updateId, { accepted: true, updateId, status: 'running' });
      return;
    }
    const open = this.openUpdates.get(updateId);
    if (!open) throw new Error(`the workflow answered update "${updateId}", which is not open (wftCompleted ${wftCompletedEventId})`);
    this.openUpdates.delete(updateId);
    const failure = c.rejected as Failure | undefined;
    this.append(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, {
      workflowExecutionUpdateCompletedEventAttributes: {
        meta: open.meta,
        acceptedEventId: open.acceptedEventId,
        outcome: failure ? { failure } : { success: { payloads: c.completed ? [c.completed as Payload] : [] } },
      },
    });
    this.updateOutcomes.set(updateId, failure
      ? { accepted: true, updateId, status: 'failed', reason: failure.message ?? '', failure }
      : { accepted: true, updateId, status: 'completed', result: c.completed ? defaultPayloadConverter.fromPayload(c.completed) : undefined });
  }

  private finish(status: WorkflowStatus, eventId: number): void {
    this.closedAs = status;
    this.closeEvent = this.events[eventId - 1] as unknown as HistoryEvent;
    this.timers.clear();
    this.activities.clear();
  }

  /** Rebuilds open timers and activities from a recorded history (for resume). */
  private rebuild(events: HistoryEvent[]): void {
    for (const e of events) {
      this.events.push(e as unknown as SimEvent);
      const id = num(e.eventId);
      const at = durationMs(e.eventTime) ?? 0;
      switch (e.eventType) {
        case EventType.EVENT_TYPE_TIMER_STARTED: {
          const a = e.timerStartedEventAttributes!;
          const seq = Number(a.timerId);
          this.timers.set(seq, { seq, startedEventId: id, fireAt: at + (durationMs(a.startToFireTimeout) ?? 0), order: this.order++ });
          break;
        }
        case EventType.EVENT_TYPE_TIMER_FIRED:
        case EventType.EVENT_TYPE_TIMER_CANCELED:
          this.timers.delete(Number((e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes)!.timerId));
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
          const a = e.activityTaskScheduledEventAttributes!;
          const seq = Number(a.activityId);
          const scheduleToClose = durationMs(a.scheduleToCloseTimeout);
          this.activities.set(seq, {
            seq,
            type: a.activityType?.name ?? '',
            scheduledEventId: id,
            input: (a.input?.payloads ?? []),
            retry: retryRule(a.retryPolicy),
            attempt: 1,
            dueAt: at,
            order: this.order++,
            scheduleToCloseDeadline: scheduleToClose ? at + scheduleToClose : undefined,
          });
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
          const a = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskCanceledEventAttributes ?? e.activityTaskTimedOutEventAttributes;
          const scheduled = num(a!.scheduledEventId);
          for (const [seq, p] of this.activities) if (p.scheduledEventId === scheduled) this.activities.delete(seq);
          break;
        }
        case EventType.EVENT_TYPE_MARKER_RECORDED: {
          const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0];
          if (data) this.patches.add(defaultPayloadConverter.fromPayload<{ id: string }>(data).id);
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
          const a = e.workflowExecutionUpdateAcceptedEventAttributes!;
          const updateId = a.protocolInstanceId ?? '';
          this.openUpdates.set(updateId, { updateId, acceptedEventId: id, meta: { updateId, identity: a.acceptedRequest?.meta?.identity ?? IDENTITY } });
          this.updateOutcomes.set(updateId, { accepted: true, updateId, status: 'running' });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
          const a = e.workflowExecutionUpdateCompletedEventAttributes!;
          const updateId = a.meta?.updateId ?? '';
          this.openUpdates.delete(updateId);
          const failure = a.outcome?.failure ?? undefined;
          const payload = a.outcome?.success?.payloads?.[0];
          this.updateOutcomes.set(updateId, failure
            ? { accepted: true, updateId, status: 'failed', reason: failure.message ?? '', failure }
            : { accepted: true, updateId, status: 'completed', result: payload ? defaultPayloadConverter.fromPayload(payload) : undefined });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
          this.closedAs = 'completed';
          this.closeEvent = e;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
          this.closedAs = 'failed';
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
          this.closedAs = 'canceled';
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          this.closedAs = 'continued-as-new';
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
          this.needsTask = true;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
          this.needsTask = false;
          break;
        default:
          break;
      }
      if (
        e.eventType === EventType.EVENT_TYPE_TIMER_FIRED ||
        e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED ||
        e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ||
        e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
      ) {
        this.needsTask = true;
      }
    }
  }
}

/** Replays one history against a bundle; throws DeterminismViolationError when the code no longer fits it. */
export async function replayHistory(bundle: WorkflowBundle, history: History, workflowId = 'fixture'): Promise<void> {
  await Worker.runReplayHistory({ workflowBundle: bundle, sinks: { simulator: { activation: { fn() {}, callDuringReplay: true } } } }, history, workflowId);
}

export async function readFixture(path: string): Promise<History> {
  return historyFromJSON(JSON.parse(await readFile(path, 'utf8')));
}

/** Replays a fixture file written by `WorkflowSimulator.writeFixture` (or exported from a server). */
export async function replayFixture(path: string, bundle: WorkflowBundle): Promise<void> {
  await replayHistory(bundle, await readFixture(path), path);
}

export async function listFixtures(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}
