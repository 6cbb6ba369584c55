// Determinism guard: every history recorded from the real Temporal server (test/fixtures/histories/) replays
// against today's workflow code with the SDK's replayer. A change that schedules differently must be made with
// patched() (or a new workflow type), never silently: it would break the procedures already running.
// The replayer has the tests' data converter: histories recorded since the payload codec exists are encrypted with the
// tests' key, older ones are in clear and pass through the codec as they are.
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFixtureNames, loadHistory } from './support/history-fixtures';
import { testDataConverter } from './support/payload-test-keys';
import { quietTemporalRuntime } from './support/temporal-servers';

const names = historyFixtureNames();
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
let current: WorkflowBundle;
let altered: WorkflowBundle;

beforeAll(async () => {
  quietTemporalRuntime();
  [current, altered] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      logger: quiet,
    }),
    bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./support/altered-workflows.ts', import.meta.url)),
      logger: quiet,
    }),
  ]);
}, 120_000);

function workflowIdOf(history: Awaited<ReturnType<typeof loadHistory>>): string {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return started?.workflowId ?? started?.originalExecutionRunId ?? 'replayed';
}

describe('histories recorded from the real server', () => {
  it('are committed for the formation, the act and the information request procedures', () => {
    expect(names.filter((n) => n.startsWith('formation-')).length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n.startsWith('act-')).length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n.startsWith('request-')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(names.map((n) => [n]))('%s replays against the current workflow code', async (name) => {
    const history = await loadHistory(name);
    await Worker.runReplayHistory(
      { workflowBundle: current, replayName: name, dataConverter: testDataConverter },
      history,
      workflowIdOf(history),
    );
  });

  it('a workflow that starts with a timer instead of its first activity fails the replay with DeterminismViolationError', async () => {
    const name = names.find((n) => n.startsWith('formation-'));
    expect(name).toBeDefined();
    const history = await loadHistory(name!);
    const error = await Worker.runReplayHistory(
      { workflowBundle: altered, replayName: 'altered', dataConverter: testDataConverter },
      history,
      workflowIdOf(history),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeterminismViolationError);
  });
});
