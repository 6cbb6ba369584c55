// A deliberately changed update probe: its addMember handler starts a timer where the committed history has it
// schedule the echo activity. Replaying the committed update history against it must raise DeterminismViolationError.
// Its validator differs too (it accepts anything): validators do not run on replay, so that alone changes nothing.
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

const { echo } = proxyActivities<{ echo(text: string): Promise<string> }>({ startToCloseTimeout: '1 minute' });

export const addMemberUpdate = defineUpdate<number, [string]>('addMember');
export const closeUpdate = defineUpdate<string, []>('close');

export async function updateProbeWorkflow(): Promise<{ members: string[] }> {
  const state = { members: [] as string[], closed: false };
  setHandler(defineQuery<{ members: string[] }>('tally'), () => state);
  setHandler(addMemberUpdate, (name) => {
    state.members.push(name);
    void sleep('1 minute');
    return state.members.length;
  }, { validator: (name: string) => void name });
  setHandler(closeUpdate, () => {
    state.closed = true;
    return 'closing';
  });
  await sleep('1 day');
  await condition(() => state.closed);
  await echo('bye');
  return state;
}
