// Small workflows that exercise the simulator itself (clock, retries, cancellation, continue-as-new).
import { ApplicationFailure, condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

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
