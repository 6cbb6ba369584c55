// Deliberately changed workflows, for the determinism guard (test/replay-histories.test.ts): each starts with a
// timer where the real one schedules an activity, so replaying a committed history against it must fail.
import { sleep } from '@temporalio/workflow';

export async function formationWorkflow(): Promise<void> {
  await sleep('1 day');
}

export async function actWorkflow(): Promise<void> {
  await sleep('1 day');
}
