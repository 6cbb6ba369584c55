// The obligation scenarios that fit in real time, on a real Temporal server when one is reachable.
// Without time skipping, days-long timers cannot be waited out: the live runs cover the paths that need no
// timer to fire (fulfilled at once; an obligation opened after its due date escalates at once, then a late
// fulfilment). Reminder timing is covered by the simulator scenarios only.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, bishkekDateOf } from '../domain/dates';
import { fulfilledSignal, obligationStateQuery, type ObligationInput } from '../workflows/obligation/contract';
import { obligationWorkflow } from '../workflows/obligation/obligation-workflow';
import { detectLiveTemporal } from './support/live-temporal';
import { obligationRecorder } from './support/simulator-obligation-activities';

const live = await detectLiveTemporal();
console.log(live.available ? `live Temporal: running against ${live.description}` : live.reason);

describe.skipIf(!live.available)('obligation workflow on a live Temporal server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    if (live.available) env = await live.open();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(input: ObligationInput, body: (rec: ReturnType<typeof obligationRecorder>) => Promise<void>): Promise<void> {
    const rec = obligationRecorder();
    const taskQueue = `obligation-live-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities: rec.activities,
      maxCachedWorkflows: 10,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(obligationWorkflow, { args: [input], taskQueue, workflowId: `${input.obligationId}-${randomUUID()}` });
      await body(rec);
      await handle.signal(fulfilledSignal, { on: bishkekDateOf(Date.now()) });
      const result = await handle.result();
      expect(result.obligationId).toBe(input.obligationId);
      expect((await handle.query(obligationStateQuery)).fulfilled).not.toBeNull();
    });
  }

  it('fulfilled at once: no reminder, no escalation', async () => {
    const today = bishkekDateOf(Date.now());
    await run({ obligationId: 'live/object-response', groupId: 'live', key: 'object-response', clause: '4.3', party: 'object:live', anchor: today }, (rec) => {
      expect(rec.reminders).toEqual([]);
      return Promise.resolve();
    });
  });

  it('opened after its due date: escalates once at once, then accepts a late fulfilment', async () => {
    const anchor = addDays(bishkekDateOf(Date.now()), -60);
    await run({ obligationId: 'live/overdue', groupId: 'live', key: 'object-response', clause: '4.3', party: 'object:live', anchor }, async (rec) => {
      for (let i = 0; i < 100 && rec.escalations.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(rec.escalations).toHaveLength(1);
      expect(rec.reminders).toEqual([]);
    });
  });
});
