// Workflow updates in the forward simulator: the workflow's own validator decides, a refusal leaves no trace in
// history (as on a server), an accepted update is written as a server writes it, and that history replays.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleForSimulator, readFixture, replayFixture, replayHistory, WorkflowSimulator, type ActivityCall } from './support/simulator';
import { HISTORY_FIXTURES } from './support/simulator-fixtures';

const EventType = temporal.api.enums.v1.EventType;
/** Probe histories replay against the probe bundle, not workflows/index.ts, so they live in a subfolder. */
const PROBE_FIXTURES = `${HISTORY_FIXTURES}probes/`;
const ROSTER_FIXTURE = `${PROBE_FIXTURES}update-probe-roster.json`;
let bundle: WorkflowBundle;
let altered: WorkflowBundle;
/** The probe workflows as a production worker bundles them: without the simulator's interceptors. */
let plain: WorkflowBundle;
const open: WorkflowSimulator[] = [];
beforeAll(async () => {
  const probes = fileURLToPath(new URL('./support/simulator-probe-workflows.ts', import.meta.url));
  [bundle, altered, plain] = await Promise.all([
    bundleForSimulator(probes),
    bundleForSimulator(fileURLToPath(new URL('./support/simulator-altered-update-workflow.ts', import.meta.url))),
    bundleWorkflowCode({ workflowsPath: probes, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } }),
  ]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const T0 = Date.parse('2026-03-02T03:00:00Z');
const HOUR = 3_600_000;
const activities = { echo: (s: string) => Promise.resolve(s.toUpperCase()) };
interface Tally { members: string[]; closed: boolean; log: string[] }

async function start(): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle, workflowType: 'updateProbeWorkflow', activities, startTime: T0 });
  open.push(sim);
  return sim;
}
function eventTypes(sim: WorkflowSimulator): string[] {
  return (sim.history.events ?? []).map((e) => EventType[e.eventType!].replace('EVENT_TYPE_', ''));
}
function calls(sim: WorkflowSimulator): [string, unknown[]][] {
  return sim.activityCalls.map((c: ActivityCall) => [c.type, c.args]);
}

describe('updates in the forward simulator', () => {
  it('an accepted update changes the state, returns the handler result, and its activity runs in the same task', async () => {
    const sim = await start();
    const before = eventTypes(sim).length;
    const outcome = await sim.update('addMember', 'Aida');
    expect(outcome).toEqual({ accepted: true, updateId: outcome.updateId, status: 'completed', result: 1 });
    expect(sim.query<Tally>('tally').members).toEqual(['Aida']);
    expect(eventTypes(sim).slice(before)).toEqual([
      'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED',
      'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'ACTIVITY_TASK_SCHEDULED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED',
      'ACTIVITY_TASK_STARTED', 'ACTIVITY_TASK_COMPLETED',
      'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED',
    ]);
    expect(calls(sim)).toEqual([['echo', ['added Aida']]]);
    expect(sim.query<Tally>('tally').log).toEqual(['ADDED AIDA']);
    const accepted = sim.history.events!.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)!;
    const scheduled = sim.history.events![before]!;
    expect(Number(accepted.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequestSequencingEventId)).toBe(Number(scheduled.eventId));

    await sim.advanceBy(24 * HOUR); // the main timer still fires after an update
    expect(sim.query<Tally>('tally').log).toEqual(['ADDED AIDA', 'day over with 1']);
    await replayHistory(bundle, sim.history);
  });

  it("a refusal by the update's validator returns its message and writes nothing to history", async () => {
    const sim = await start();
    await sim.update('addMember', 'Aida');
    const history = JSON.stringify(sim.toJSON());
    expect(await sim.update('addMember', 'Aida')).toMatchObject({ accepted: false, reason: 'name: Aida is already a member' });
    expect(await sim.update('addMember', '  ')).toMatchObject({ accepted: false, reason: 'name: must not be blank' });
    expect(JSON.stringify(sim.toJSON())).toBe(history);
    expect(sim.query<Tally>('tally').members).toEqual(['Aida']);
    expect(calls(sim)).toEqual([['echo', ['added Aida']]]);
  });

  it('an update with no handler in the workflow is refused, as the SDK refuses it', async () => {
    const sim = await start();
    const length = eventTypes(sim).length;
    expect(await sim.update('nosuch', 1)).toMatchObject({ accepted: false, reason: 'No registered handler for update: nosuch' });
    expect(eventTypes(sim)).toHaveLength(length);
  });

  it('a handler that throws ApplicationFailure after acceptance completes the update as failed; the workflow goes on', async () => {
    const sim = await start();
    const outcome = await sim.update('rename', 'Nobody', 'Bakyt');
    expect(outcome).toMatchObject({ accepted: true, status: 'failed', reason: 'from: Nobody is not a member' });
    expect(outcome.accepted && outcome.status === 'failed' && outcome.failure.applicationFailureInfo?.type).toBe('UnknownMember');
    expect(eventTypes(sim).slice(-2)).toEqual(['WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED']);
    expect(sim.status).toBe('running');
  });

  it('an async handler is accepted at once and completes in the task where its timer fires', async () => {
    const sim = await start();
    const outcome = await sim.update('slowAdd', 'Bek');
    expect(outcome).toMatchObject({ accepted: true, status: 'running' });
    await sim.advanceBy(HOUR - 1);
    expect(sim.updateOutcome(outcome.updateId)).toMatchObject({ status: 'running' });
    await sim.advanceBy(1);
    expect(sim.updateOutcome(outcome.updateId)).toEqual({ accepted: true, updateId: outcome.updateId, status: 'completed', result: 1 });
    expect(eventTypes(sim).slice(-5)).toEqual(['TIMER_FIRED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED']);
    await replayHistory(bundle, sim.history);
  });

  it('a handler that throws a plain Error fails the workflow task: the simulator throws and writes nothing', async () => {
    const sim = await start();
    const history = JSON.stringify(sim.toJSON());
    await expect(sim.update('explode')).rejects.toThrow(/boom/);
    expect(JSON.stringify(sim.toJSON())).toBe(history);
    expect(await sim.update('addMember', 'Aida')).toMatchObject({ accepted: true, status: 'completed', result: 1 });
  });

  it('an update that ends the workflow completes the update and the run', async () => {
    const sim = await start();
    await sim.advanceBy(24 * HOUR);
    expect(await sim.update('close')).toMatchObject({ accepted: true, status: 'completed', result: 'closing' });
    expect(sim.status).toBe('completed');
    expect(calls(sim)).toEqual([['echo', ['bye']]]);
    await expect(sim.update('close')).rejects.toThrow(/the workflow is completed/);
  });

  it('a restarted worker replays accepted updates without running their handlers again, and finishes an open one', async () => {
    const sim = await start();
    await sim.update('addMember', 'Aida');
    const slow = await sim.update('slowAdd', 'Bek');
    const resumed = await WorkflowSimulator.resume({ bundle, history: sim.history, activities });
    open.push(resumed);
    expect(resumed.query<Tally>('tally')).toMatchObject({ members: ['Aida'], log: ['ADDED AIDA'] });
    expect(resumed.activityCalls).toEqual([]);
    expect(resumed.updateOutcome(slow.updateId)).toMatchObject({ status: 'running' });
    await resumed.advanceBy(HOUR);
    expect(resumed.updateOutcome(slow.updateId)).toMatchObject({ status: 'completed', result: 2 });
    expect(resumed.query<Tally>('tally').members).toEqual(['Aida', 'Bek']);
    expect(resumed.activityCalls).toEqual([]);
  });
});

describe('a committed history with updates', () => {
  it('is written by the whole scenario and replays against the probe workflow', async () => {
    const sim = await start();
    await sim.update('addMember', 'Aida');
    await sim.update('addMember', 'Aida'); // refused: leaves nothing
    await sim.update('rename', 'Nobody', 'X'); // failed outcome
    await sim.update('slowAdd', 'Bek');
    await sim.advanceBy(24 * HOUR);
    await sim.update('close');
    expect(sim.result).toEqual({ members: ['Aida', 'Bek'], closed: true, log: ['ADDED AIDA', 'day over with 2'] });
    if (!existsSync(ROSTER_FIXTURE) || process.env.UPDATE_HISTORY_FIXTURES === '1') {
      await mkdir(PROBE_FIXTURES, { recursive: true });
      await sim.writeFixture(ROSTER_FIXTURE);
    }
    const fixture = await readFixture(ROSTER_FIXTURE);
    expect(fixture.events?.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toHaveLength(4);
    await replayFixture(ROSTER_FIXTURE, bundle);
  });

  it("replays against the probe workflow bundled as a production worker bundles it (the simulator's interceptors change nothing)", async () => {
    await Worker.runReplayHistory({ workflowBundle: { code: plain.code } }, await readFixture(ROSTER_FIXTURE), 'update-probe-roster');
  });

  it('fails with DeterminismViolationError against a workflow whose update handler issues other commands', async () => {
    const error = await replayFixture(ROSTER_FIXTURE, altered).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DeterminismViolationError);
    expect((error as Error).message).toMatch(/Timer machine does not handle this event: HistoryEvent\(id: \d+, ActivityTaskScheduled\)/);
  });
});
