// Small workflows that exercise the simulator itself (clock, retries, cancellation, continue-as-new).
import { ApplicationFailure, condition, continueAsNew, defineQuery, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

interface ProbeActivities {
  echo(text: string): Promise<string>;
  flaky(key: string): Promise<number>;
  refuse(reason: string): Promise<void>;
}

const { echo } = proxyActivities<ProbeActivities>({ startToCloseTimeout: '1 minute' });
const { flaky } = proxyActivities<ProbeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 4 },
});
const { refuse } = proxyActivities<ProbeActivities>({ startToCloseTimeout: '1 minute' });

export const pokeSignal = defineSignal<[string]>('poke');
export const clockQuery = defineQuery<number[]>('clock');

/** Records Date.now() at each step: start, after an activity, after a 1-hour sleep, after a signal. */
export async function clockProbeWorkflow(): Promise<number[]> {
  const seen = [Date.now()];
  let poked = '';
  setHandler(clockQuery, () => seen);
  setHandler(pokeSignal, (text) => void (poked = text));
  await echo('hello');
  seen.push(Date.now());
  await sleep('1 hour');
  seen.push(Date.now());
  await condition(() => poked !== '');
  seen.push(Date.now());
  await echo(poked);
  return seen;
}

/** Calls an activity that may fail; returns its result or the failure message. */
export async function retryProbeWorkflow(key: string): Promise<string> {
  try {
    return `ok ${await flaky(key)}`;
  } catch (err) {
    return `failed: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : String(err)}`;
  }
}

/** A business refusal from an activity fails the workflow. */
export async function refusalProbeWorkflow(): Promise<void> {
  try {
    await refuse('no');
  } catch {
    throw ApplicationFailure.create({ message: 'refused', nonRetryable: true });
  }
}

/** Counts down by continuing as new. */
export async function countdownProbeWorkflow(n: number): Promise<number> {
  await sleep('1 day');
  if (n > 0) await continueAsNew<typeof countdownProbeWorkflow>(n - 1);
  return n;
}

interface TallyState { members: string[]; closed: boolean; log: string[] }
export const addMemberUpdate = defineUpdate<number, [string]>('addMember');
export const renameUpdate = defineUpdate<string, [string, string]>('rename');
export const slowAddUpdate = defineUpdate<number, [string]>('slowAdd');
export const closeUpdate = defineUpdate<string, []>('close');
export const tallyQuery = defineQuery<TallyState>('tally');

/**
 * A roster kept by updates: addMember (validator refuses blanks and duplicates; the handler records the member
 * through an activity in the same task), rename (handler refuses an unknown name with ApplicationFailure after
 * acceptance), slowAdd (waits an hour before adding), close (ends the workflow after a final echo), explode
 * (throws a plain Error, which fails the workflow task).
 */
export async function updateProbeWorkflow(): Promise<TallyState> {
  const state: TallyState = { members: [], closed: false, log: [] };
  setHandler(tallyQuery, () => state);
  setHandler(
    addMemberUpdate,
    (name) => {
      state.members.push(name);
      void echo(`added ${name}`).then((r) => void state.log.push(r));
      return state.members.length;
    },
    {
      validator: (name: string) => {
        if (name.trim() === '') throw new Error('name: must not be blank');
        if (state.members.includes(name)) throw new Error(`name: ${name} is already a member`);
      },
    },
  );
  setHandler(renameUpdate, (from, to) => {
    const i = state.members.indexOf(from);
    if (i < 0) throw ApplicationFailure.create({ type: 'UnknownMember', message: `from: ${from} is not a member` });
    state.members[i] = to;
    return to;
  });
  setHandler(slowAddUpdate, async (name) => {
    await sleep('1 hour');
    state.members.push(name);
    return state.members.length;
  });
  setHandler(closeUpdate, () => {
    state.closed = true;
    return 'closing';
  });
  setHandler(defineUpdate<void, []>('explode'), () => {
    throw new Error('boom');
  });
  await sleep('1 day');
  state.log.push(`day over with ${state.members.length}`);
  await condition(() => state.closed);
  await echo('bye');
  return state;
}
