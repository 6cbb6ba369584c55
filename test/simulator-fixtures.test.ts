// Determinism guard: every committed history must still replay against today's workflow code. A change that
// schedules differently must be made with patched() (or a new workflow type), never silently.
import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForSimulator, listFixtures, replayFixture } from './support/simulator';
import { HISTORY_FIXTURES } from './support/simulator-fixtures';

const fixtures = await listFixtures(HISTORY_FIXTURES);
let current: WorkflowBundle;
let altered: WorkflowBundle;

beforeAll(async () => {
  [current, altered] = await Promise.all([
    bundleForSimulator(fileURLToPath(new URL('../workflows/index.ts', import.meta.url))),
    bundleForSimulator(fileURLToPath(new URL('./support/simulator-altered-workflow.ts', import.meta.url))),
  ]);
});

describe('committed workflow histories', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.map((f) => [f.slice(HISTORY_FIXTURES.length)]))('%s replays against the current workflow code', async (name) => {
    await replayFixture(`${HISTORY_FIXTURES}${name}`, current);
  });

  it('a workflow that schedules its activities in another order fails the replay with DeterminismViolationError', async () => {
    const obligation = fixtures.find((f) => f.includes('obligation-fulfilled-before-reminders'))!;
    const error = await replayFixture(obligation, altered).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DeterminismViolationError);
    expect((error as Error).message).toMatch(/Activity type of scheduled event 'loadCalendar' does not match activity type of activity command 'recordObligationEvent'/);
  });
});
