// A deliberately changed obligation workflow: it records the 'opened' event before loading the calendar.
// Replaying a committed obligation history against it must raise DeterminismViolationError.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { ObligationActivities } from '../../workflows/obligation/activities-contract';
import type { ObligationInput } from '../../workflows/obligation/contract';

const { loadCalendar, recordObligationEvent } = proxyActivities<ObligationActivities>({ startToCloseTimeout: '1 minute' });

export async function obligationWorkflow(input: ObligationInput): Promise<void> {
  await recordObligationEvent({ obligationId: input.obligationId, type: 'opened', at: '', due: input.anchor, dueInstant: '', groupId: input.groupId, actId: null, key: input.key, clause: input.clause, party: input.party, anchor: input.anchor });
  await loadCalendar({ from: input.anchor, to: input.anchor });
  await sleep('1 day');
}
