// The simulator itself: the workflow clock is the virtual clock, activities retry as a server retries them,
// cancellation and continue-as-new close the run, and what it writes is a history the SDK replays.
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleForSimulator, replayHistory, WorkflowSimulator, type ActivityImplementations } from './support/simulator';

const EventType = temporal.api.enums.v1.EventType;
let bundle: WorkflowBundle;
const open: WorkflowSimulator[] = [];
beforeAll(async () => {
  bundle = await bundleForSimulator(fileURLToPath(new URL('./support/simulator-probe-workflows.ts', import.meta.url)));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const T0 = Date.parse('2026-03-02T03:00:00Z');
async function start(workflowType: string, activities: ActivityImplementations, args: unknown[] = []): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle, workflowType, args, activities, startTime: T0 });
  open.push(sim);
  return sim;
}
function eventTypes(sim: WorkflowSimulator): string[] {
  return (sim.history.events ?? []).map((e) => EventType[e.eventType!].replace('EVENT_TYPE_', ''));
}

describe('forward simulator', () => {
  it("the workflow's Date.now() is the virtual clock at each workflow task", async () => {
    const sim = await start('clockProbeWorkflow', { echo: (s: string) => Promise.resolve(s.toUpperCase()) });
    expect(sim.workflowNow?.getTime()).toBe(T0);
    await sim.advanceBy(90 * 60_000);
    expect(sim.query<number[]>('clock')).toEqual([T0, T0, T0 + 3_600_000]);
    await sim.signal('poke', 'later');
    expect(sim.now.getTime()).toBe(T0 + 5_400_000);
    expect(sim.result).toEqual([T0, T0, T0 + 3_600_000, T0 + 5_400_000]);
    expect(sim.activityCalls.map((c) => [c.type, c.args, c.at.getTime()])).toEqual([
      ['echo', ['hello'], T0],
      ['echo', ['later'], T0 + 5_400_000],
    ]);
    expect(eventTypes(sim)).toContain('TIMER_FIRED');
    await replayHistory(bundle, sim.history);
  });

  it('a failing activity is invoked again after the retry policy backoff, and its final outcome is recorded once', async () => {
    let calls = 0;
    const sim = await start('retryProbeWorkflow', { flaky: () => (++calls < 3 ? Promise.reject(new Error('smtp down')) : Promise.resolve(calls)) }, ['k']);
    expect(sim.status).toBe('running');
    await sim.advanceBy(60_000);
    expect(sim.result).toBe('ok 3');
    expect(sim.activityCalls.map((c) => [c.attempt, c.at.getTime() - T0, c.outcome])).toEqual([
      [1, 0, 'retrying'],
      [2, 10_000, 'retrying'],
      [3, 30_000, 'completed'],
    ]);
    const started = sim.history.events!.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED);
    expect(started.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([3]);
  });

  it('an activity that keeps failing fails after maximumAttempts; the workflow sees the last error', async () => {
    const sim = await start('retryProbeWorkflow', { flaky: () => Promise.reject(new Error('still down')) }, ['k']);
    await sim.advanceBy(3_600_000);
    expect(sim.activityCalls).toHaveLength(4);
    expect(sim.result).toBe('failed: still down');
  });

  it('a non-retryable business refusal is not retried', async () => {
    const sim = await start('refusalProbeWorkflow', { refuse: () => Promise.reject(ApplicationFailure.create({ message: 'no', nonRetryable: true })) });
    expect(sim.activityCalls).toHaveLength(1);
    expect(sim.status).toBe('failed');
    expect(eventTypes(sim).at(-1)).toBe('WORKFLOW_EXECUTION_FAILED');
  });

  it('cancelling the workflow while it sleeps cancels it', async () => {
    const sim = await start('clockProbeWorkflow', { echo: (s: string) => Promise.resolve(s) });
    await sim.requestCancel();
    expect(sim.status).toBe('canceled');
    expect(eventTypes(sim).slice(-2)).toEqual(['TIMER_CANCELED', 'WORKFLOW_EXECUTION_CANCELED']);
    await replayHistory(bundle, sim.history);
  });

  it('continue-as-new closes the run with the new input', async () => {
    const sim = await start('countdownProbeWorkflow', {}, [1]);
    await sim.advanceBy(86_400_000);
    expect(sim.status).toBe('continued-as-new');
    const attrs = sim.history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes!;
    expect(attrs.workflowType?.name).toBe('countdownProbeWorkflow');
    await replayHistory(bundle, sim.history);
  });

  it('a workflow task takes tens of milliseconds after the first', async () => {
    const sim = await start('clockProbeWorkflow', { echo: (s: string) => Promise.resolve(s) });
    await sim.advanceBy(3_600_000);
    await sim.signal('poke', 'x');
    const [first, ...rest] = sim.stepTimings;
    console.log(`simulator: first workflow task ${first!.toFixed(0)} ms (replay worker start), then ${rest.map((t) => t.toFixed(0)).join(', ')} ms`);
    expect(Math.max(...rest)).toBeLessThan(1_000);
  });
});
