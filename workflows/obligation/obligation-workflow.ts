// One statutory obligation as a workflow of its own: the tracker (track-obligation.ts) driven by signals.
import { setHandler } from '@temporalio/workflow';
import { calendarChangedSignal, fulfilledSignal, obligationStateQuery, type ObligationInput, type ObligationResult } from './contract';
import { trackObligation } from './track-obligation';

/** Runs one obligation until it is fulfilled; after the escalation it keeps waiting for a (late) fulfilment. */
export async function obligationWorkflow(input: ObligationInput): Promise<ObligationResult> {
  const tracker = trackObligation(input);
  setHandler(fulfilledSignal, ({ on }) => tracker.fulfil(on));
  setHandler(calendarChangedSignal, () => tracker.calendarChanged());
  setHandler(obligationStateQuery, () => tracker.state());
  return tracker.done;
}
