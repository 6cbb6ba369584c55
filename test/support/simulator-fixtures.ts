// Where scenario histories are kept, and when they are (re)written.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkflowSimulator } from './simulator';

export const HISTORY_FIXTURES = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

/**
 * Writes the scenario's history as a fixture when none exists yet, or when UPDATE_HISTORY_FIXTURES=1.
 * A committed fixture is never overwritten silently: it stands for workflows already running in production,
 * which the changed code must still replay (test/simulator-fixtures.test.ts).
 */
export async function saveHistoryFixture(sim: WorkflowSimulator, name: string): Promise<void> {
  const path = `${HISTORY_FIXTURES}${name}.json`;
  if (!existsSync(path) || process.env.UPDATE_HISTORY_FIXTURES === '1') await sim.writeFixture(path);
}
