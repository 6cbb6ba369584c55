// The obligation workflow, run for real through the SDK's replay machinery by the forward simulator.
// Object's answer to an act (4.3: 10 working days), act received on Wednesday 1 April 2026: due Wednesday 15 April.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowBundle } from '@temporalio/worker';
import type { ObligationInput, ObligationResult, ObligationState } from '../workflows/obligation/contract';
import { bundleForSimulator, WorkflowSimulator } from './support/simulator';
import { saveHistoryFixture } from './support/simulator-fixtures';
import { dayOff, obligationRecorder, type ObligationRecorder } from './support/simulator-obligation-activities';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
let bundle: WorkflowBundle;
const open: WorkflowSimulator[] = [];

beforeAll(async () => {
  bundle = await bundleForSimulator(WORKFLOWS);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const input: ObligationInput = { obligationId: 'act-17/object-response', groupId: 'group-1', actId: 'act-17', key: 'object-response', clause: '4.3', party: 'object:school-3', anchor: '2026-04-01' };
const { groupId: _group, actId: _act, ...about } = input;
const RECEIVED = '2026-04-01T10:00:00.000Z'; // 16:00 in Bishkek

async function start(rec: ObligationRecorder, startTime = RECEIVED): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle, workflowType: 'obligationWorkflow', args: [input], activities: { ...rec.activities }, startTime, workflowId: input.obligationId });
  open.push(sim);
  return sim;
}

/** The instants at which each activity type was really invoked. */
function callTimes(sim: WorkflowSimulator, type: string): string[] {
  return sim.activityCalls.filter((c) => c.type === type).map((c) => c.at.toISOString());
}

/** Never fulfilled: reminders at 09:00 Bishkek 3, 1 and 0 working days before, one escalation the working day after. */
async function neverFulfilled(expected: { reminders: string[]; escalation: string }): Promise<WorkflowSimulator> {
  const rec = obligationRecorder();
  const sim = await start(rec);
  await sim.advanceTo('2026-04-30T12:00:00Z');
  expect(rec.reminders.map((r) => [r.rung, r.due, r.workingDaysBefore])).toEqual([
    ['due-3', '2026-04-15', 3],
    ['due-1', '2026-04-15', 1],
    ['due-0', '2026-04-15', 0],
  ]);
  expect(callTimes(sim, 'sendReminder')).toEqual(expected.reminders);
  expect(rec.escalations).toEqual([{ ...about, due: '2026-04-15', dueInstant: '2026-04-15T17:59:59.999Z' }]);
  expect(callTimes(sim, 'escalate')).toEqual([expected.escalation]);
  return sim;
}

describe('obligation workflow on the forward simulator', () => {
  it('computes the due date on the working-day calendar and schedules the first rung', async () => {
    const rec = obligationRecorder();
    const sim = await start(rec);
    const state = sim.query<ObligationState>('obligationState');
    expect(state.due).toBe('2026-04-15');
    expect(state.ladder.map((r) => [r.rung, r.at, r.status])).toEqual([
      ['due-3', '2026-04-10T03:00:00.000Z', 'pending'],
      ['due-1', '2026-04-14T03:00:00.000Z', 'pending'],
      ['due-0', '2026-04-15T03:00:00.000Z', 'pending'],
      ['escalation', '2026-04-16T03:00:00.000Z', 'pending'],
    ]);
    expect(sim.pendingTimers.map((t) => t.fireAt.toISOString())).toEqual(['2026-04-10T03:00:00.000Z']);
    expect(rec.events).toEqual([
      { obligationId: input.obligationId, type: 'opened', at: RECEIVED, due: '2026-04-15', dueInstant: '2026-04-15T17:59:59.999Z', groupId: 'group-1', actId: 'act-17', key: 'object-response', clause: '4.3', party: 'object:school-3', anchor: '2026-04-01' },
    ]);
    expect(sim.workflowNow?.toISOString()).toBe(RECEIVED);
  });

  it('fulfilled before any reminder: no reminder, no escalation, on time', async () => {
    const rec = obligationRecorder();
    const sim = await start(rec);
    await sim.advanceTo('2026-04-06T06:00:00Z');
    await sim.signal('obligationFulfilled', { on: '2026-04-06' });
    expect(sim.status).toBe('completed');
    expect(sim.result).toEqual<ObligationResult>({ obligationId: input.obligationId, due: '2026-04-15', fulfilledOn: '2026-04-06', late: false, remindersSent: [], escalated: false });
    await sim.advanceTo('2026-05-01T00:00:00Z');
    expect(rec.reminders).toEqual([]);
    expect(rec.escalations).toEqual([]);
    expect(rec.events.at(-1)).toEqual({ obligationId: input.obligationId, type: 'fulfilled', at: '2026-04-06T06:00:00.000Z', on: '2026-04-06', due: '2026-04-15', late: false });
    await saveHistoryFixture(sim, 'obligation-fulfilled-before-reminders');
  });

  it('fulfilled after the first reminder: no further reminder and no escalation', async () => {
    const rec = obligationRecorder();
    const sim = await start(rec);
    await sim.advanceTo('2026-04-10T12:00:00Z');
    expect(rec.reminders.map((r) => r.rung)).toEqual(['due-3']);
    expect(callTimes(sim, 'sendReminder')).toEqual(['2026-04-10T03:00:00.000Z']);
    await sim.signal('obligationFulfilled', { on: '2026-04-10' });
    await sim.advanceTo('2026-05-01T00:00:00Z');
    expect(rec.reminders.map((r) => r.rung)).toEqual(['due-3']);
    expect(rec.escalations).toEqual([]);
    expect(sim.result).toMatchObject({ late: false, remindersSent: ['due-3'], escalated: false });
    await saveHistoryFixture(sim, 'obligation-fulfilled-after-first-reminder');
  });

  it('never fulfilled: three reminders on their instants, then exactly one escalation the working day after due', async () => {
    const sim = await neverFulfilled({
      reminders: ['2026-04-10T03:00:00.000Z', '2026-04-14T03:00:00.000Z', '2026-04-15T03:00:00.000Z'],
      escalation: '2026-04-16T03:00:00.000Z',
    });
    // After the escalation the workflow waits, with no timer, for a late answer (4.3 answers are accepted late).
    expect(sim.status).toBe('running');
    expect(sim.pendingTimers).toEqual([]);
    await sim.signal('obligationFulfilled', { on: '2026-04-30' });
    expect(sim.result).toMatchObject({ fulfilledOn: '2026-04-30', late: true, remindersSent: ['due-3', 'due-1', 'due-0'], escalated: true });
    await saveHistoryFixture(sim, 'obligation-never-fulfilled-then-late');
  });

  it('a scenario that expects a wrong escalation date fails (the harness can fail)', async () => {
    await expect(
      neverFulfilled({
        reminders: ['2026-04-10T03:00:00.000Z', '2026-04-14T03:00:00.000Z', '2026-04-15T03:00:00.000Z'],
        escalation: '2026-04-15T03:00:00.000Z',
      }),
    ).rejects.toThrow(/expected \[ '2026-04-16T03:00:00\.000Z' \] to deeply equal \[ '2026-04-15T03:00:00\.000Z' \]/);
  });

  it('a holiday added during the count moves the due date and the rungs not yet sent; a sent rung is not sent again', async () => {
    const rec = obligationRecorder();
    const sim = await start(rec);
    await sim.advanceTo('2026-04-10T12:00:00Z');
    rec.calendarEntries.push(dayOff('2026-04-13'));
    await sim.signal('calendarChanged', { reason: 'Cabinet decree: 13 April 2026 is a day off' });
    const state = sim.query<ObligationState>('obligationState');
    expect(state.due).toBe('2026-04-16');
    expect(state.ladder.map((r) => [r.rung, r.date, r.status])).toEqual([
      ['due-3', '2026-04-10', 'sent'],
      ['due-1', '2026-04-15', 'pending'],
      ['due-0', '2026-04-16', 'pending'],
      ['escalation', '2026-04-17', 'pending'],
    ]);
    expect(sim.pendingTimers.map((t) => t.fireAt.toISOString())).toEqual(['2026-04-15T03:00:00.000Z']);
    await sim.advanceTo('2026-04-20T12:00:00Z');
    expect(rec.reminders.map((r) => [r.rung, r.due])).toEqual([
      ['due-3', '2026-04-15'],
      ['due-1', '2026-04-16'],
      ['due-0', '2026-04-16'],
    ]);
    expect(callTimes(sim, 'sendReminder')).toEqual(['2026-04-10T03:00:00.000Z', '2026-04-15T03:00:00.000Z', '2026-04-16T03:00:00.000Z']);
    expect(callTimes(sim, 'escalate')).toEqual(['2026-04-17T03:00:00.000Z']);
    expect(rec.events.filter((e) => e.type === 'due-changed')).toEqual([
      { obligationId: input.obligationId, type: 'due-changed', at: '2026-04-10T12:00:00.000Z', from: '2026-04-15', to: '2026-04-16' },
    ]);
    expect(rec.calendarLoads).toBe(2);
    await sim.signal('obligationFulfilled', { on: '2026-04-20' });
    await saveHistoryFixture(sim, 'obligation-calendar-changed');
  });

  it('worker restarted mid-procedure: a new simulator replays the history and nothing recorded runs again', async () => {
    const before = obligationRecorder();
    const first = await start(before);
    await first.advanceTo('2026-04-14T12:00:00Z');
    expect(before.reminders.map((r) => r.rung)).toEqual(['due-3', 'due-1']);
    const partial = first.history;
    await first.close();

    const after = obligationRecorder();
    const resumed = await WorkflowSimulator.resume({ bundle, history: partial, activities: { ...after.activities }, workflowId: input.obligationId });
    open.push(resumed);
    expect(resumed.activityCalls).toEqual([]);
    expect(resumed.now.toISOString()).toBe('2026-04-14T03:00:00.000Z');
    expect(resumed.query<ObligationState>('obligationState').ladder.map((r) => r.status)).toEqual(['sent', 'sent', 'pending', 'pending']);
    await resumed.advanceTo('2026-04-20T12:00:00Z');
    expect(after.reminders.map((r) => r.rung)).toEqual(['due-0']);
    expect(after.escalations).toHaveLength(1);
    expect(after.calendarLoads).toBe(0);
    await resumed.signal('obligationFulfilled', { on: '2026-04-20' });
    expect(resumed.result).toMatchObject({ late: true, remindersSent: ['due-3', 'due-1', 'due-0'], escalated: true });
    await saveHistoryFixture(resumed, 'obligation-worker-restarted');
  });

  it('an obligation opened after two rungs passed sends only the latest passed rung, in order with the rest', async () => {
    const rec = obligationRecorder();
    const sim = await start(rec, '2026-04-14T06:00:00.000Z');
    expect(rec.reminders.map((r) => r.rung)).toEqual(['due-1']);
    expect(sim.query<ObligationState>('obligationState').ladder.map((r) => r.status)).toEqual(['skipped', 'sent', 'pending', 'pending']);
  });
});
