// Workflow histories recorded from the real Temporal server (the time-skipping test server or the dev server) and
// committed under test/fixtures/histories/. test/replay-histories.test.ts replays every one against today's
// workflow code with the SDK's own replayer (Worker.runReplayHistories), so a change that would break running
// procedures (nondeterminism) fails CI.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

export const HISTORY_FIXTURES = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

export type History = temporal.api.history.v1.IHistory;

/**
 * Writes a scenario's history as `<name>.json` when none exists yet, or when UPDATE_HISTORY_FIXTURES=1.
 * A committed history is never overwritten silently: it stands for workflows already running in production, which
 * changed code must still replay.
 */
export async function saveHistory(history: History, name: string): Promise<void> {
  const path = `${HISTORY_FIXTURES}${name}.json`;
  if (existsSync(path) && process.env.UPDATE_HISTORY_FIXTURES !== '1') return;
  await mkdir(HISTORY_FIXTURES, { recursive: true });
  await writeFile(path, `${anonymised(historyToJSON(history))}\n`);
}

/** The worker and client identities (pid@host) become one fixed name: a committed history names no machine. */
export function anonymised(json: string): string {
  return json.replace(/"identity": ?"[^"]*"/g, '"identity": "jmeg-test"');
}

/** The committed histories (top level of the folder), by file name. */
export function historyFixtureNames(): string[] {
  if (!existsSync(HISTORY_FIXTURES)) return [];
  return readdirSync(HISTORY_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export async function loadHistory(name: string): Promise<History> {
  return historyFromJSON(JSON.parse(await readFile(`${HISTORY_FIXTURES}${name}`, 'utf8')));
}
